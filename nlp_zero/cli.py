# -*- coding: utf-8 -*-
"""The ``nlp-zero`` command line: count, discover, cut, templates, parse.

``main(argv=None)`` parses ``argv`` (default ``sys.argv[1:]``), runs one
subcommand and returns the process exit code; it never raises and never
prints a traceback for a foreseeable problem:

====  ==========================================================================
code  meaning
====  ==========================================================================
0     success (also for empty input: the output is then empty, with a warning)
1     runtime error: missing / unreadable / undecodable input, unwritable
      output, ...; one line ``nlp-zero: error: ...`` on stderr
2     usage error (unknown option, missing argument); argparse's message
130   interrupted by Ctrl-C (SIGINT); an ``-o`` file is left as it was
141   stdout closed early by the reader (``nlp-zero cut big.txt | head``):
      stop quietly, like ``cat`` killed by SIGPIPE
143   terminated by SIGTERM (``kill PID``); an ``-o`` file is left as it was
      and the temporary file is removed
====  ==========================================================================

Every ``-o FILE`` is written through :func:`nlp_zero.files.atomic_write`
(or the library's own atomic ``save``), so an error or Ctrl-C never leaves a
half-written file and the previous file stays intact.

Set the environment variable ``NLP_ZERO_TRACEBACK=1`` to get the traceback
of an unexpected ValueError / OSError instead of the one-line message.

Progress goes to stderr only when stderr is a terminal (``-q`` silences it);
``-v`` adds a one-line summary at the end and INFO-level library logging.
Log lines (library warnings, ``-v`` INFO) erase the progress line before
they are written, so the two never run together.

>>> main(['--version']) == 0   # doctest: +SKIP
True
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import codecs
import contextlib
import errno
import logging
import os
import re
import shutil
import signal
import sys
import tempfile

from . import __version__, compat
from .compat import find_lone_surrogate, isatty, stdout_bytes
from .files import InputError, named_error, atomic_write
from .progress import Progress

PROG = 'nlp-zero'

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141
EXIT_TERMINATED = 143

#: What the out-of-memory message advises, per subcommand (and otherwise).
_MEMORY_HINTS = {
    'count': 'try a smaller --memory budget, or a smaller input',
    'discover': 'try a smaller --memory budget, or a smaller input',
    'templates': 'mine a sample of the text',
}
_MEMORY_HINT = 'try a smaller dictionary or input'
#: The name stdout errors carry (a file name in the one-line message).
STDOUT_NAME = 'standard output'

logger = logging.getLogger(__name__)

_PARALLEL_BYTES = 4 << 20   # smaller inputs are worked on in one process


class CommandError(Exception):
    """A runtime problem to report as one line and exit code 1."""


class _Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C, so atomic writes remove their temporary files."""


# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------

def _write_stderr(text):
    """Write one line to stderr as UTF-8 (file names with undecodable bytes
    come out as their original bytes); never fails (stderr may be closed too)."""
    data = compat.utf8_bytes(text + '\n')
    try:
        raw = compat.byte_stream(sys.stderr)
        if raw is None:  # a text-only stream (a test double)
            sys.stderr.write(text + '\n')
            return
        sys.stderr.flush()
        raw.write(data)
        raw.flush()
    except Exception:
        pass


def _error_line(message):
    message = compat.text_type(message).strip().replace('\n', ' ')
    _write_stderr('%s: error: %s' % (PROG, message))


def _warn(args, message):
    if not getattr(args, 'quiet', False):
        _write_stderr('%s: warning: %s' % (PROG, message))


def _os_error_message(exc):
    """One line for an IOError/OSError: 'path: reason' (no errno noise)."""
    reason = getattr(exc, 'strerror', None) or compat.text_type(exc)
    name = getattr(exc, 'filename', None)
    if name:
        if isinstance(name, bytes):
            name = name.decode('utf-8', 'replace')
        return '%s: %s' % (name, reason)
    return reason


def _is_broken_pipe(exc):
    return isinstance(exc, (IOError, OSError)) and getattr(exc, 'errno', None) == errno.EPIPE


def _silence_stdout():
    """After a broken pipe: point fd 1 at /dev/null so the interpreter's own
    final flush of sys.stdout does not print 'Exception ignored ...'."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except Exception:
        pass


def _check_inputs(paths):
    """Fail early (before hours of work) on a missing, directory or unreadable input."""
    if paths.count('-') > 1:
        raise CommandError("standard input ('-') is named %d times; it can be read only once"
                           % paths.count('-'))
    for path in paths:
        if path == '-':
            continue
        if os.path.isdir(path):
            raise CommandError('%s: is a directory, not a file' % path)
        if not os.path.exists(path):
            raise CommandError('%s: no such file' % path)
        if not os.access(path, os.R_OK):
            raise CommandError('%s: permission denied' % path)


def _check_output(path):
    """Fail early (before the work) on an ``-o`` path that cannot be written."""
    if path is None or path == '-':
        return
    target = os.path.realpath(path)  # atomic_write writes through symlinks
    if os.path.isdir(target):
        raise CommandError('cannot write %s: is a directory' % path)
    if os.path.exists(target) and not os.path.isfile(target):  # /dev/null, a FIFO
        if not os.access(target, os.W_OK):
            raise CommandError('cannot write %s: permission denied' % path)
        return
    directory = os.path.dirname(target)
    if not os.path.isdir(directory):
        raise CommandError('cannot write %s: directory %s does not exist' % (path, directory))
    if not os.access(directory, os.W_OK | os.X_OK):
        raise CommandError('cannot write %s: permission denied' % path)
    if os.path.exists(target) and not os.access(target, os.W_OK):
        raise CommandError('cannot write %s: permission denied' % path)


def _stdout_call(method, *args):
    """``method(*args)`` on stdout's byte stream; an I/O error names standard
    output (a full disk behind ``> file``), keeping its errno (EPIPE)."""
    try:
        return method(*args)
    except (IOError, OSError) as exc:
        raise named_error(exc, STDOUT_NAME)


def _check_text_argument(text, what):
    """Refuse an argument that is not UTF-8 text (its undecodable bytes are
    lone surrogates on Python 3): it could never be written out."""
    if find_lone_surrogate(text) >= 0:
        raise CommandError('%s is not valid UTF-8 text' % what)
    return text


class _StdoutWriter(object):
    """Text writer on stdout's byte stream (or ``raw``): always UTF-8, whatever the locale."""

    def __init__(self, raw=None):
        if raw is None:
            if sys.stdout is None:  # started with stdout closed (`nlp-zero ... >&-`)
                raise CommandError('standard output is closed; use -o FILE')
            raw = stdout_bytes()
        self._raw = raw
        self._interactive = isatty(raw)

    def write(self, text):
        _stdout_call(self._raw.write, text.encode('utf-8'))
        if self._interactive and '\n' in text:
            # Someone is watching (e.g. typing lines into `nlp-zero cut`).
            _stdout_call(self._raw.flush)

    def flush(self):
        _stdout_call(self._raw.flush)


@contextlib.contextmanager
def _output(args):
    """Yield a text writer for ``args.output`` (stdout when None or '-')."""
    path = getattr(args, 'output', None)
    if path is None or path == '-':
        writer = _StdoutWriter()
        yield writer
        writer.flush()
        return
    _check_output(path)
    with atomic_write(path) as out:
        yield out


def _input_paths(args, default_stdin=False):
    paths = list(getattr(args, 'inputs', None) or [])
    if not paths:
        if default_stdin:
            paths = ['-']
        else:
            raise CommandError('no input file given (use - for stdin)')
    _check_inputs(paths)
    return paths


def _open_corpus(args, paths):
    """A :class:`nlp_zero.corpus.Corpus` over ``paths`` with the CLI's options."""
    from .corpus import Corpus
    return Corpus.from_paths(paths, encoding=args.encoding, errors=args.errors)


def _corpus_size(corpus):
    size = getattr(corpus, 'size_bytes', None)
    if callable(size):
        try:
            return size()
        except Exception:
            return None
    return None


@contextlib.contextmanager
def _progress(args, label, corpus=None, total=None, unit='bytes', items='lines'):
    """A :class:`Progress` wired to ``corpus`` (polled, never in the hot loop)
    and to the log handler (log lines erase it first)."""
    if corpus is not None and total is None:
        total = _corpus_size(corpus)
    enabled = (not args.quiet) and isatty(sys.stderr)
    progress = Progress(label, total=total, unit=unit, enabled=enabled,
                        summary=args.verbose and not args.quiet, items=items)
    handler = getattr(args, 'log_handler', None)
    if handler is not None:
        handler.progress = progress
    if corpus is not None and hasattr(corpus, 'bytes_read'):
        def read():
            # Lines of the corpus, unless the caller counts other items (sentences).
            lines = getattr(corpus, 'lines_read', None) if items == 'lines' else None
            return (corpus.bytes_read, lines)
        progress.poll(read)
        progress.final_read = read
    ok = False
    try:
        yield progress
        ok = True
    finally:
        read = getattr(progress, 'final_read', None)
        if ok and read is not None:
            try:
                done, lines = read()
                progress.done = max(progress.done, done or 0)
                if lines is not None:
                    progress.lines = max(progress.lines, lines)
            except Exception:
                pass
        if handler is not None:
            handler.progress = None
        progress.close(ok=ok)


class _LogHandler(logging.Handler):
    """Library log records as ``nlp-zero: warning: ...`` (``nlp-zero: ...``
    for INFO) lines on stderr, above the progress line when one is drawn."""

    def __init__(self):
        logging.Handler.__init__(self)
        self.progress = None

    def emit(self, record):
        try:
            message = record.getMessage().replace('\n', ' ')
        except Exception:
            self.handleError(record)
            return
        kind = 'warning: ' if record.levelno >= logging.WARNING else ''
        line = '%s: %s%s' % (PROG, kind, message)
        progress = self.progress
        if progress is not None and progress.enabled:
            progress.message(line)
        else:
            _write_stderr(line)


def _configure_logging(args):
    """Library modules log through ``logging``; show warnings (INFO with -v).

    Returns the function that restores the ``nlp_zero`` logger as it was
    (main() may be called in-process, by tests or by a program)."""
    level = logging.WARNING
    if args.quiet:
        level = logging.ERROR
    elif args.verbose:
        level = logging.INFO
    handler = args.log_handler = _LogHandler()
    root = logging.getLogger('nlp_zero')
    saved = (root.handlers[:], root.level, root.propagate)

    def restore():
        root.handlers[:], root.level, root.propagate = saved

    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
    return restore


# ---------------------------------------------------------------------------
# subcommands
# ---------------------------------------------------------------------------

def cmd_count(args):
    """n-gram counts of orders 1..N -> a counts file (see NgramCounter.save)."""
    paths = _input_paths(args)
    _check_output(args.output)
    if args.add:
        _check_inputs(args.add)
    from .ngrams import NgramCounter, count_ngrams, max_ngrams_for
    corpus = _open_corpus(args, paths)
    processes = _processes(args, corpus)
    with _progress(args, 'count', corpus):
        counter = count_ngrams(corpus, order=args.order, min_count=args.min_count, processes=processes,
                               max_ngrams=args.max_ngrams or max_ngrams_for(args.memory, processes))
    chosen_error = args.min_count - 1   # what --min-count, here and in the added files, allows
    for path in args.add or []:
        old = NgramCounter.load(path, max_ngrams=counter.max_ngrams)   # read within the same cap
        if old.order != counter.order:
            raise CommandError('%s: counts of order %d; this run counts order %d (use --order %d)'
                               % (path, old.order, counter.order, old.order))
        chosen_error += old.max_error
        counter.merge(old)
    if counter.max_error > chosen_error:
        _warn(args, 'the memory budget was reached: counts may be up to %d too low (raise --memory)'
              % counter.max_error)
    if not len(counter):
        _warn(args, 'no text to count in %s' % ', '.join(paths))
    _emit(args, counter.save)
    return EXIT_OK


def _processes(args, corpus):
    """-p, or by default every core for inputs of 4 MB or more (a process pool
    costs more than it saves on less)."""
    if args.processes is not None:
        return args.processes
    size = _corpus_size(corpus)
    if size is None or size < _PARALLEL_BYTES:
        return 1
    return _cpu_count()


def _cpu_count():
    """The cores this process may run on (affinity where the OS tells it)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        import multiprocessing
        try:
            return multiprocessing.cpu_count()
        except NotImplementedError:
            return 1


def _longer_words(lexicon, min_len):
    """The words of at least ``min_len`` symbols ('iPhone' is one symbol), scores kept."""
    from .units import unit_symbols
    short = set(w for w in lexicon if len(w) < min_len or len(unit_symbols(w)) < min_len)
    return lexicon.without(short)


def _top(lexicon, n):
    """A new Lexicon with the ``n`` most frequent words (scores kept)."""
    from .lexicon import Lexicon
    if n is None:
        return lexicon
    items = lexicon.most_common(n)
    scores = getattr(lexicon, 'scores', None) or {}
    top = Lexicon(counts=dict(items), scores=dict((w, scores[w]) for w, _ in items if w in scores))
    top.score_names = lexicon.score_names   # the same TSV columns whatever words are kept
    return top


def _save_to_stream(save, raw=None, suffix='.txt'):
    """Run ``save(path)`` on a temporary file and copy its bytes to ``raw`` (stdout).

    Used when a library object can only ``save`` to a path: stdout then gets
    exactly the bytes ``-o FILE`` would hold.  Cost: one temporary file.
    """
    if raw is None and sys.stdout is None:
        raise CommandError('standard output is closed; use -o FILE')
    directory = tempfile.mkdtemp(prefix='nlp-zero-')
    try:
        path = os.path.join(directory, 'out' + suffix)
        save(path)
        raw = stdout_bytes() if raw is None else raw
        with open(path, 'rb') as f:
            while True:
                block = f.read(1 << 16)
                if not block:
                    break
                _stdout_call(raw.write, block)
        _stdout_call(raw.flush)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _emit(args, save, dump=None):
    """Write a result to ``-o`` (library's atomic save) or stdout (``dump`` or a copy)."""
    path = args.output
    if path and path != '-':
        save(path)
    elif dump is not None:
        with _output(args) as out:
            dump(out)
    else:
        _save_to_stream(save)


def cmd_discover(args):
    """Corpus -> lexicon of discovered words (jieba format or TSV with scores)."""
    paths = list(args.inputs) if args.spark else _input_paths(args)
    if args.new_only:
        _check_inputs([args.new_only])
    known = args.new_only
    _check_output(args.output)
    if args.counts:
        _check_inputs([args.counts])
    options = {'memory': args.memory, 'counts': args.counts}
    if args.max_len is not None:
        options['max_len'] = args.max_len
    if args.spark:
        lexicon = _discover_on_spark(args, paths, options)
    else:
        from .discovery import discover_words
        corpus = _open_corpus(args, paths)
        options['processes'] = _processes(args, corpus)
        with _progress(args, 'discover', corpus):
            lexicon = discover_words(corpus, **options)
    if getattr(lexicon, 'max_error', 0) > 1 and not args.counts:   # a counts file's own pruning is its maker's
        _warn(args, 'the memory budget was reached: strings seen %d times or less may be missed '
              '(raise --memory)' % lexicon.max_error)
    if known is not None:
        lexicon = lexicon.without(known)
    if args.min_len > 1:
        lexicon = _longer_words(lexicon, args.min_len)
    lexicon = _top(lexicon, args.top)
    if not len(lexicon):
        _warn(args, 'no words found in %s' % ', '.join(paths))
    fmt = args.format
    dump = getattr(lexicon, 'dump', None)
    _emit(args, lambda path: lexicon.save(path, format=fmt),
          (lambda out: dump(out, format=fmt)) if dump is not None else None)
    return EXIT_OK


def _discover_on_spark(args, paths, options):
    """``discover --spark``: the same lexicon, counted and cut on Spark (:mod:`nlp_zero.spark`)."""
    if args.processes is not None:
        raise CommandError('-p/--processes does not apply with --spark (Spark decides the parallelism)')
    if (args.encoding or 'utf-8') not in ('utf-8', 'utf-8-sig') or args.errors != 'strict':
        raise CommandError('--encoding/--errors do not apply with --spark (Spark reads UTF-8)')
    try:
        from . import spark
    except ImportError as exc:
        raise CommandError(exc)
    return spark.discover_on_spark(paths, master=args.master, **options)


def _make_tokenizer(args):
    dicts = list(args.dict or [])
    users = list(getattr(args, 'user_dict', None) or [])
    _check_inputs(dicts + users)
    from .tokenizer import Tokenizer
    tokenizer = Tokenizer(dicts if dicts else None)
    if users:
        tokenizer.load_userdict(users)
    return tokenizer


def cmd_cut(args):
    """Segment text: one output line per input line, words joined by --sep.

    Memory: the dictionary, the longest line, and the words of one line or,
    for a line longer than :data:`CUT_PIECE_CHARS`, of one piece of it."""
    sep = _check_text_argument(compat.arg_text(args.sep), '--sep')
    paths = _input_paths(args, default_stdin=True)
    _check_output(args.output)
    tokenizer = _make_tokenizer(args)
    corpus = _open_corpus(args, paths)
    keep_space = args.keep_space
    cut_all = args.cut_all
    hmm = args.hmm
    lcut = tokenizer.lcut  # lines carry no line breaks: one call, no generator

    def cut(text):
        return lcut(text, cut_all=cut_all, HMM=hmm)
    # Each output line ends as its input line did ('\n', '\r\n' or '\r'); a
    # last line without an ending gets the one of the line before it.
    ending = '\n'
    with _output(args) as out:
        with _progress(args, 'cut', corpus) as progress:
            polled = hasattr(corpus, 'bytes_read')
            write = out.write
            for line in corpus.iter_lines(keep_ends=True):
                text = line.rstrip('\r\n')
                ending = line[len(text):] or ending
                if len(text) > CUT_PIECE_CHARS:
                    _cut_long_line(text, cut, write, sep, keep_space)
                    write(ending)
                elif keep_space:
                    write(sep.join(cut(text)) + ending)
                else:
                    write(sep.join([w for w in cut(text) if w.strip()]) + ending)
                if polled:
                    progress.lines += 1  # drawn by the polling thread
                else:
                    progress.advance(0, lines=1)
    return EXIT_OK


#: ``cut`` segments a line longer than this many characters piece by piece.
CUT_PIECE_CHARS = 1 << 16
# The longest prefix of a window ending in whitespace or CJK punctuation that
# is followed by a word character: a token boundary whatever the dictionary
# (units never hold either, and the space or punctuation token ends there).
_SAFE_CUT_RE = re.compile('.*[\\s\u3000-\u3003\uff01\uff0c\uff1a\uff1b\uff1f](?=[^\\W_])',
                          re.DOTALL | re.UNICODE)


def _cut_pieces(text, size=None):
    """Consecutive pieces of ``text`` of at most ``size`` characters, cut at
    token boundaries (after whitespace or 。，、！？；：, before a word
    character), so that cutting the pieces gives the tokens of the whole.
    A run of more than ``size`` characters without such a boundary is cut at
    ``size`` (a word across that point is split).  Cost O(len(text))."""
    size = CUT_PIECE_CHARS if size is None else size
    start = 0
    while len(text) - start > size:
        match = _SAFE_CUT_RE.match(text, start, start + size + 1)   # + 1: the look-ahead character
        stop = match.end() if match and match.end() > start else start + size
        yield text[start:stop]
        start = stop
    yield text[start:]


def _cut_long_line(text, cut, write, sep, keep_space):
    """Write the words of one long line, piece by piece (:func:`_cut_pieces`):
    memory is that of a piece, not of the line's millions of tokens."""
    first = True
    for piece in _cut_pieces(text):
        words = cut(piece) if keep_space else [w for w in cut(piece) if w.strip()]
        if words:
            write(sep.join(words) if first else sep + sep.join(words))
            first = False


def cmd_templates(args):
    """Mine sentence templates from a corpus -> templates file."""
    paths = _input_paths(args)
    _check_output(args.output)
    from . import templates as templates_module
    tokenizer = _make_tokenizer(args)
    corpus = _open_corpus(args, paths)
    with _progress(args, 'templates', corpus):
        mined = templates_module.mine_templates(corpus, tokenize=tokenizer.lcut)
    if args.top is not None:
        best = sorted(mined.items(), key=lambda kv: (-kv[1], kv[0].text()))[:args.top]
        mined = dict(best)
    if not len(mined):
        _warn(args, 'no templates found in %s' % ', '.join(paths))
    dump = getattr(templates_module, 'dump_templates', None)
    _emit(args, lambda path: templates_module.save_templates(mined, path),
          (lambda out: dump(mined, out)) if dump is not None else None)
    return EXIT_OK


def cmd_parse(args):
    """Parse sentences into nested templates and print the trees.

    A line longer than :data:`nlp_zero.parsing.MAX_PIECE_CHARS` is parsed
    piece by piece (:meth:`Parser.iter_parse`): a tree per piece, or with
    ``--format brackets`` the pieces' brackets on the line's one output line.
    Progress counts the sentences (pieces) parsed.
    """
    sentences = [_check_text_argument(compat.arg_text(a), 'sentence argument %d' % k)
                 for k, a in enumerate(args.sentences or [], 1)]
    _check_inputs([args.templates])
    if not sentences:
        paths = _input_paths(args, default_stdin=True)
    _check_output(args.output)
    from .parsing import Parser
    from .templates import load_templates
    templates = load_templates(args.templates)
    if not templates:
        _warn(args, '%s: no templates in this file' % args.templates)
    tokenizer = _make_tokenizer(args)
    parser = Parser(templates, tokenizer.lcut)
    corpus = None if sentences else _open_corpus(args, paths)
    with _output(args) as out:
        with _progress(args, 'parse', corpus, items='sentences') as progress:
            first = True
            for line in (sentences or corpus):
                trees = parser.iter_parse(line)
                if args.format == 'brackets':
                    # One output line per input line, blank for a blank one.
                    out.write(''.join(tree.brackets() for tree in _counted(trees, progress)) + '\n')
                    continue
                for tree in _counted(trees, progress):
                    if not first:
                        out.write('\n')
                    out.write(tree.plot() + '\n')
                    first = False
    return EXIT_OK


def _counted(items, progress):
    """Yield ``items``, adding one line (sentence) each to ``progress``."""
    for item in items:
        progress.advance(0, lines=1)
        yield item


# ---------------------------------------------------------------------------
# parser
# ---------------------------------------------------------------------------

_MAIN_EPILOG = """\
examples:
  nlp-zero discover corpora/xiyouji.txt.gz --top 30      # the words of a novel
  nlp-zero discover book.txt -o words.txt                # jieba user dictionary
  nlp-zero cut -d words.txt book.txt -o book.cut.txt     # segment with them
  nlp-zero COMMAND --help                                # details and examples

exit codes: 0 ok, 1 runtime error, 2 usage error, 130 Ctrl-C, 141 output pipe closed,
143 terminated (SIGTERM)
"""

_COUNT_EPILOG = """\
example:
  nlp-zero count corpora/xiyouji.txt.gz --order 4 -o counts.txt.gz

Writes every n-gram of orders 1..ORDER with its count (n-grams never cross
punctuation or spaces; a Latin/digit run such as 'iPhone' or '2016' is one
symbol), to -o FILE or else to stdout, as a counts file:

  # nlp-zero counts v2<TAB>order=4<TAB>alphabet=2<TAB>max_error=0   header
  @1<TAB>589906<TAB>0<TAB>4458       order 1: total, pruned, distinct
  西<TAB>901                          then DISTINCT 'ngram<TAB>count' lines,
  游<TAB>126                          in the order first counted
  ...
  @2<TAB>486152<TAB>0<TAB>131682     order 2, and so on
  ...
  @end                               the file is complete

'@N<TAB>total<TAB>pruned<TAB>distinct' starts the n-grams of order N: 'total'
is how many n-grams of order N the text holds (occurrences), 'pruned' how
many of those occurrences belong to n-grams the memory cap dropped (0
without pruning), 'distinct' how many 'ngram<TAB>count' lines follow.
--max-ngrams (or --memory) caps memory by pruning the rarest n-grams: a
count may then be too low by at most the header's max_error; frequent
n-grams stay exact.  `nlp-zero discover --counts FILE`, `count --add FILE`
and nlp_zero.NgramCounter.load(FILE) read it back.
"""

_DISCOVER_EPILOG = """\
examples:
  nlp-zero discover corpora/xiyouji.txt.gz --min-len 2 --top 30
  nlp-zero discover corpora/xiyouji.txt.gz -o xiyouji.dict.txt   # for jieba
  nlp-zero discover news.txt --format tsv --top 100              # with scores
  nlp-zero discover news.txt --new-only known.dict.txt -o new.txt
  nlp-zero discover --spark --master yarn 'hdfs:///crawl/*.txt' -o words.txt

The jieba format ('word count' per line) loads with
jieba.load_userdict(FILE) or `nlp-zero cut -d FILE`.  TSV has a header:
word, count, then one column per score (cohesion, entropies, ...).
"""

_CUT_EPILOG = """\
examples:
  nlp-zero cut book.txt                          # bundled default dictionary
  nlp-zero cut -d xiyouji.dict.txt book.txt -o book.cut.txt
  nlp-zero cut -u mywords.txt --sep ' / ' < book.txt
  echo '我来到北京清华大学' | nlp-zero cut -a   # 我 来到 北京 清华 清华大学 华大 大学
  echo '孙悟空和猪八戒' | nlp-zero cut -d xiyouji.dict.txt

One output line per input line, words joined by --sep (a space by default);
spaces of the input are dropped unless --keep-space.  -d replaces the default
dictionary (several -d: later files override earlier ones); -u adds words to
the default one, like jieba.load_userdict.  -a lists every dictionary word
found, overlapping (jieba's full mode, `python -m jieba -a`).
"""

_TEMPLATES_EPILOG = """\
example:
  nlp-zero templates corpora/xiyouji.txt.gz --top 20
  nlp-zero templates corpora/xiyouji.txt.gz -d xiyouji.dict.txt -o templates.txt

Finds sentence patterns such as '[X]道：' or '[X]的[X]是什么' from text
tokenized with the default dictionary (or -d/-u dictionaries).
"""

_PARSE_EPILOG = """\
example:
  nlp-zero parse -t templates.txt '我的梦想是什么呢'
  nlp-zero parse -t templates.txt < sentences.txt

Prints, for each sentence, the best nesting of templates as an indented
tree ('+--->' per level); --format brackets prints '(我)的(梦想)是(什么)呢'.
Sentences come from the arguments, or else one per line from files / stdin.
"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    pass


class _ArgumentParser(argparse.ArgumentParser):
    """argparse writing its help and messages as UTF-8 bytes, so the Chinese
    examples print under Python 2 and under an ASCII locale too."""

    def _print_message(self, message, file=None):
        if not message:
            return
        file = sys.stderr if file is None else file
        data = message.encode('utf-8') if isinstance(message, compat.text_type) else message
        raw = compat.byte_stream(file)
        if raw is None:  # a text-only stream (e.g. a test double)
            file.write(message)
            return
        file.flush()
        raw.write(data)
        raw.flush()


def _encoding_name(name):
    """argparse type: an encoding Python knows (else a usage error, exit 2)."""
    try:
        codecs.lookup(name)
    except LookupError:
        raise argparse.ArgumentTypeError('unknown encoding %r' % name)
    return name


def _common_options(parser, inputs='+', output=True):
    group = parser.add_argument_group('input and output')
    if inputs:
        group.add_argument('inputs', nargs=inputs, metavar='FILE',
                           help='text files (gz/bz2/xz detected by content); - for stdin')
    group.add_argument('--encoding', default=None, metavar='ENC', type=_encoding_name,
                       help='input encoding (default: detect utf-8 / utf-8-sig / gb18030)')
    group.add_argument('--errors', default='strict', choices=('strict', 'replace'),
                       help='undecodable input bytes: stop with an error (default) or replace them')
    if output:
        group.add_argument('-o', '--output', metavar='FILE', default=None,
                           help='write here (atomically; .gz/.bz2/.xz compress) instead of stdout')
    chatter = parser.add_argument_group('messages')
    chatter.add_argument('-q', '--quiet', action='store_true',
                         help='no progress display and no warnings')
    chatter.add_argument('-v', '--verbose', action='store_true',
                         help='one-line summary at the end, and library INFO logging')


def _dict_options(parser):
    group = parser.add_argument_group('dictionaries')
    group.add_argument('-d', '--dict', action='append', metavar='DICT',
                       help='use this dictionary instead of the bundled one (jieba "word freq [tag]" '
                            'or nlp-zero TSV); repeat to combine, later files override')
    group.add_argument('-u', '--user-dict', action='append', metavar='DICT',
                       help='add these words to the dictionary in use (repeatable)')


def _memory_size(text):
    """argparse type: a size such as 1500M, 1.5G, 2GB or a number of bytes (at least 16M)."""
    units = {'': 1, 'K': 1 << 10, 'M': 1 << 20, 'G': 1 << 30, 'T': 1 << 40}
    value = text.strip().upper().rstrip('B').rstrip('I')
    unit = value[-1:] if value[-1:] in units else ''
    try:
        size = int(float(value[:len(value) - len(unit)]) * units[unit])
    except (ValueError, OverflowError):   # OverflowError: 'inf', '1e400'
        raise argparse.ArgumentTypeError('expected a size such as 800M or 2G, got %r' % text)
    if size < 16 << 20:
        raise argparse.ArgumentTypeError('a memory budget under 16M is too small, got %r' % text)
    return size


def _budget_options(parser):
    group = parser.add_argument_group('memory and processes')
    group.add_argument('--memory', type=_memory_size, default=1 << 30, metavar='SIZE',
                       help='memory budget for counts and model, e.g. 500M or 4G (default 1G); '
                            'rare strings are pruned to stay within it')
    group.add_argument('-p', '--processes', type=_positive_int, default=None, metavar='P',
                       help='worker processes (default: one per core for inputs of 4 MB or more, else 1)')


def _positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError('expected a whole number, got %r' % text)
    if value < 1:
        raise argparse.ArgumentTypeError('expected a number >= 1, got %d' % value)
    return value


def build_parser():
    """The argparse parser of ``nlp-zero`` (one subparser per subcommand)."""
    parser = _ArgumentParser(
        prog=PROG, formatter_class=_Formatter, epilog=_MAIN_EPILOG,
        description='Learn the words of Chinese text, cut text with them, and find sentence '
                    'templates -- from raw text only.')
    parser.add_argument('--version', action='version', version='%(prog)s ' + __version__)
    sub = parser.add_subparsers(dest='command', metavar='COMMAND')
    sub.required = True

    p = sub.add_parser('count', help='count character n-grams', formatter_class=_Formatter,
                       epilog=_COUNT_EPILOG, description='Count character n-grams of orders 1..N.')
    _common_options(p)
    p.add_argument('-n', '--order', type=_positive_int, default=5,
                   help='longest n-gram (default 5: what discover needs for words of up to 4)')
    p.add_argument('--min-count', type=_positive_int, default=1, metavar='N',
                   help='drop n-grams of 2+ symbols seen fewer than N times (default 1: keep all)')
    p.add_argument('--add', action='append', metavar='COUNTS',
                   help='add the counts of this counts file (repeatable): count new text onto old counts')
    p.add_argument('--max-ngrams', type=_positive_int, default=None, metavar='N',
                   help='keep at most about N distinct n-grams (default: what --memory allows)')
    _budget_options(p)
    p.set_defaults(handler=cmd_count)

    p = sub.add_parser('discover', help='discover the words of a corpus', formatter_class=_Formatter,
                       epilog=_DISCOVER_EPILOG,
                       description='Learn a lexicon of words from raw text (no dictionary needed).')
    _common_options(p)
    p.add_argument('-f', '--format', choices=('jieba', 'tsv'), default='jieba',
                   help='jieba user dictionary "word count" (default) or TSV with all scores')
    p.add_argument('--top', type=_positive_int, default=None, metavar='N',
                   help='only the N most frequent words')
    p.add_argument('--max-len', type=_positive_int, default=None, metavar='N',
                   help='longest word, in characters (default 8; up to 4 scored from their counts, '
                        'longer ones are fixed strings such as long names)')
    p.add_argument('--min-len', type=_positive_int, default=1, metavar='N',
                   help='only words of at least N characters (a Latin/digit run counts as one)')
    p.add_argument('--new-only', metavar='DICT', default=None,
                   help='only words absent from this dictionary file')
    p.add_argument('--counts', metavar='COUNTS', default=None,
                   help='n-gram counts of these inputs made by `nlp-zero count` (order 5; max-len + 1 if smaller): '
                        'skip the counting pass')
    _budget_options(p)
    group = p.add_argument_group('Spark (pip install "nlp-zero[spark]"; Python 3.9+, Java 17)')
    group.add_argument('--spark', action='store_true',
                       help='count and cut on Apache Spark: FILEs are Hadoop paths or globs '
                            '(hdfs://, s3a://, local); the same lexicon as without it')
    group.add_argument('--master', metavar='URL', default=None,
                       help="Spark master with --spark, e.g. 'local[2]', yarn, spark://HOST:7077 "
                            "(default: spark-submit's, else Spark's default)")
    p.set_defaults(handler=cmd_discover)

    p = sub.add_parser('cut', help='segment text into words', formatter_class=_Formatter,
                       epilog=_CUT_EPILOG, description='Segment text into words, line by line.')
    _common_options(p, inputs='*')
    _dict_options(p)
    p.add_argument('-s', '--sep', default=' ', help="separator between words (default: a space)")
    p.add_argument('--keep-space', action='store_true', help='keep whitespace of the input as tokens')
    p.add_argument('-a', '--cut-all', action='store_true',
                   help="jieba's full mode: every dictionary word found, overlapping")
    p.add_argument('--hmm', action='store_true',
                   help='join runs of one-character words into the words the dictionary lacks '
                        "(a character model learned from it; jieba's HMM)")
    p.set_defaults(handler=cmd_cut)

    p = sub.add_parser('templates', help='mine sentence templates', formatter_class=_Formatter,
                       epilog=_TEMPLATES_EPILOG, description='Mine sentence templates from raw text.')
    _common_options(p)
    _dict_options(p)
    p.add_argument('--top', type=_positive_int, default=None, metavar='N',
                   help='only the N most frequent templates')
    p.set_defaults(handler=cmd_templates)

    p = sub.add_parser('parse', help='parse sentences into nested templates',
                       formatter_class=_Formatter, epilog=_PARSE_EPILOG,
                       description='Parse sentences with mined templates.')
    p.add_argument('sentences', nargs='*', metavar='SENTENCE',
                   help='sentences to parse (default: lines of --input / stdin)')
    p.add_argument('-t', '--templates', required=True, metavar='TEMPLATES',
                   help='templates file written by `nlp-zero templates`')
    p.add_argument('-i', '--input', dest='inputs', action='append', metavar='FILE',
                   help='read sentences from this file (repeatable; - for stdin)')
    p.add_argument('--format', choices=('tree', 'brackets'), default='tree',
                   help='indented tree (default) or one bracketed line per sentence')
    _common_options(p, inputs=None)
    _dict_options(p)
    p.set_defaults(handler=cmd_parse)
    return parser


# ---------------------------------------------------------------------------
# entry point
# ---------------------------------------------------------------------------

def main(argv=None):
    """Run ``nlp-zero`` with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    if argv is None:
        argv = sys.argv[1:]
    argv = compat.argv_text(argv)
    args = None
    restore = [_catch_sigterm()]
    try:
        try:
            args = parser.parse_args(argv)
            if getattr(args, 'master', None) and not args.spark:
                parser.error('--master needs --spark')
            if getattr(args, 'max_len', None) is not None and args.min_len > args.max_len:
                parser.error('--min-len %d is longer than --max-len %d' % (args.min_len, args.max_len))
        except SystemExit as exc:  # --help (0) or a usage error (2)
            sys.stdout.flush()
            return exc.code if isinstance(exc.code, int) else EXIT_USAGE
        restore.append(_configure_logging(args))
        code = args.handler(args)
        sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        _write_stderr('%s: interrupted' % PROG)
        return EXIT_INTERRUPTED
    except _Terminated:
        _write_stderr('%s: terminated' % PROG)
        return EXIT_TERMINATED
    except CommandError as exc:
        _error_line(exc)
        return EXIT_ERROR
    except InputError as exc:
        # The library's advice names its keyword arguments; say the options.
        _error_line(compat.text_type(exc).replace(
            "pass encoding=... or errors='replace'", 'use --encoding ENC or --errors replace'))
        return EXIT_ERROR
    except (IOError, OSError) as exc:
        if _is_broken_pipe(exc):
            _silence_stdout()
            return EXIT_BROKEN_PIPE
        if getattr(exc, 'filename', None) == STDOUT_NAME:
            _silence_stdout()  # else the interpreter's last flush reports the error again
        if os.environ.get('NLP_ZERO_TRACEBACK'):
            raise
        _error_line(_os_error_message(exc))
        return EXIT_ERROR
    except ValueError as exc:
        # A library refusing a value (e.g. a word jieba's format cannot hold).
        if os.environ.get('NLP_ZERO_TRACEBACK'):
            raise
        _error_line(exc)
        return EXIT_ERROR
    except MemoryError:
        hint = _MEMORY_HINTS.get(getattr(args, 'command', None), _MEMORY_HINT)
        _error_line('out of memory (%s)' % hint)
        return EXIT_ERROR
    finally:
        for undo in reversed(restore):
            undo()


def _catch_sigterm():
    """Make SIGTERM unwind the main thread (exit 143, temporary files
    removed, ``-o`` untouched) instead of killing the process where it
    stands; return the function restoring the previous handler.

    Only this process: a child forked from it gets the default action
    back (pool workers at once: ``ngrams._init_worker``; any other child
    when the signal comes), so a pool's terminate() ends its workers quietly.
    Outside the main thread (main() called by a thread) nothing changes."""
    pid = os.getpid()

    def on_sigterm(signum, frame):
        if os.getpid() != pid:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        raise _Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, on_sigterm)
    except (ValueError, AttributeError):  # not the main thread; no SIGTERM (Windows)
        return lambda: None
    return lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def run():
    """Console entry point with process-level exit (used by ``python -m nlp_zero``)."""
    sys.exit(main())


if __name__ == '__main__':  # pragma: no cover
    run()
