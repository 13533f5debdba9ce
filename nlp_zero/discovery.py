# -*- coding: utf-8 -*-
"""Word discovery: learn the words of a raw text, with no dictionary.

The driver, :func:`discover_words`, reads as the algorithm; every phase is a
function that states its input, output and cost:

1. **count** (pass 1) -- stream the corpus into n-gram counts of orders
   1 to :func:`counted_order` (5 by default), dropping the strings seen once
   (:mod:`nlp_zero.ngrams`; or read them from a counts file made by
   ``nlp-zero count``);
   **recount** (pass 1b, only when pass 1 reached the memory budget) --
   count the strings it kept once more, exactly;
2. **fit** -- counts -> branching entropies -> autonomy (nVBE) -> long
   candidates (fixed strings of up to max_len symbols) -> bound strings
   (pieces of longer ones) -> cohesion gate -> boundary votes -> the
   :class:`~nlp_zero.model.Model`
   (:mod:`nlp_zero.model`);
3. **segment** (pass 2) -- stream the corpus again and cut every unit with
   the model (a backward Viterbi maximising the summed autonomy of the words
   plus the boundary votes of the cuts), counting the words;
4. **lexicon** -- every word of that segmentation with its count (single
   characters too, so a Tokenizer built on it knows their frequencies) and
   its scores.

No pass keeps the text.  A one-shot input (standard input, a
generator, an unseekable file) is spooled, gzip-compressed, to a temporary
file during pass 1 and read back from it later; files are read again,
and a file whose size or modification time changed in between is an error.

Memory is bounded by ``memory`` (bytes, default 1 GiB; the interpreter and
the current block of text come on top): pass 1 holds at most
``memory / BYTES_PER_NGRAM`` n-grams (lossy counting, with the error bound of
:mod:`nlp_zero.ngrams`); before fitting, the counts are pruned to what the
model's score tables can hold in the same budget.  When a prune happened,
the lexicon still holds every word whose strings were seen more than the
pruning threshold (``lexicon.max_error``, logged at INFO level) times, with
counts from the segmentation pass (exact); rarer strings become single
characters.  Pruning in pass 1 undercounts the strings it dropped and
met again, so when it happened pass 1b recounts the kept strings exactly
(one more read of the corpus, no more memory).  With ``processes`` > 1,
the passes split files into byte ranges worked on by a process pool (the
workers of passes 1b and 2 load what they need from a temporary file, so
any start method works, ``spawn`` included).

Cost: O(characters x max_len) for each pass, in C where it can be (slicing
and dict counting); the model is O(distinct n-grams).  On CPython 3.11 the
development set (1.7 M characters) takes a few seconds (bench/RESULTS.md).

``Tokenizer(discover_words(corpus))`` -- the unigram model of the resulting
counts -- segments new text much as discovery did (without the votes).

>>> lex = discover_words([u'孙悟空大战猪八戒，孙悟空笑了。猪八戒哭了。'] * 20)
>>> u'孙悟空' in lex and u'猪八戒' in lex
True
"""
from __future__ import absolute_import, division, unicode_literals

import gc
import gzip
import logging
import marshal
import os
import shutil
import tempfile
from contextlib import closing, contextmanager

from .compat import (MEMORY_FACTOR, REFCOUNTED, count_elements as _count_elements, integer_types, iteritems,
                     perf_counter, text_type, zip)
from .corpus import Corpus
from .files import InputError
from .lexicon import Lexicon
from .model import Model, build_model, consistent_counts, word_scores
from .ngrams import (NgramCounter, RangeBlocks, add_counts, count_ngrams, max_ngrams_for, plan_tasks,
                     recount_ngrams, run_tasks, task_bytes)
from .units import SymbolEncoder, unit_symbols

__all__ = ['discover_words', 'Word_Finder', 'DEFAULT_MEMORY']

logger = logging.getLogger(__name__)

#: Default memory budget of discovery, in bytes (counts, then model).
DEFAULT_MEMORY = 1 << 30
#: Longest string scored from its own counts (pass 1 counts one symbol
#: more); longer words are fixed strings (:func:`~nlp_zero.model.fixed_strings`).
SCORED_LEN = 4
#: Bytes one counted string costs while the model is fitted: its count
#: (BYTES_PER_NGRAM) plus three floats in three dicts (entropies, score).
BYTES_PER_FITTED = int(400 * MEMORY_FACTOR)
_MIN_COUNT = 2   # a string seen once is never a candidate


def discover_words(corpus, max_len=8, memory=DEFAULT_MEMORY, processes=1, counts=None,
                   mp_context=None):
    """Learn the words of a raw-text corpus; return a :class:`~nlp_zero.lexicon.Lexicon`.

    ``corpus``: anything :class:`~nlp_zero.corpus.Corpus` reads (path, list of
    paths, open file, iterable of text lines).  ``max_len``: the longest
    word, in symbols.  Strings of up to :data:`SCORED_LEN` symbols are
    scored from their own counts; longer words (names, transliterations)
    are the fixed strings of those counts (:func:`~nlp_zero.model.fixed_strings`).
    ``memory``: the budget in bytes (see the module docstring).
    ``processes``: worker processes for both passes (file inputs).
    ``counts``: an :class:`~nlp_zero.ngrams.NgramCounter` (consumed: it is
    left empty) or the path of a counts file of this corpus (order >=
    ``counted_order(max_len)``, 5 by default) to use instead of pass 1.
    ``mp_context``: a ``multiprocessing`` context (e.g. ``get_context('spawn')``).

    Every word of the final segmentation is in the lexicon, mapped to its
    number of occurrences; ``lex.scores[word]`` has ``autonomy``,
    ``left_entropy``, ``right_entropy`` and, for words of two or more
    symbols, ``cohesion``.  No threshold depends on corpus size.

    >>> lex = discover_words([u'今天天气很好，我们去公园散步。', u'明天天气不好，我们在家看书。',
    ...                       u'公园里散步的人很多，我们也去。'] * 10)
    >>> lex[u'我们'], lex[u'散步'], lex[u'今天']
    (20, 20, 10)
    """
    _check_options(max_len, memory, processes)
    if not isinstance(corpus, Corpus):
        corpus = Corpus(corpus)
    with _workspace() as work, _no_cyclic_gc():
        source = corpus if counts is not None or corpus.rereadable() else _Spooled(corpus, work)
        before = _fingerprint(source)
        counter = count_phase(source, max_len, memory, processes, counts, mp_context)   # pass 1
        if counts is None and counter.max_error > _MIN_COUNT - 1:
            recount_phase(source, counter, processes, mp_context)                        # pass 1b
        n_chars = counter.total(1)
        if not n_chars:
            return Lexicon()
        model, reported = fit_phase(counter, max_len, memory, check=counts is not None)   # fit
        max_error = counter.max_error   # with the threshold of a prune before fitting, if any
        tasks = plan_tasks(source, processes) if processes > 1 else None
        if tasks and len(tasks) > 1:
            # Pass 2 workers load the model from a file: the parent keeps
            # nothing big while they run (nor hands it to them when they fork).
            reported, model = _stash(work, 'reported', reported), _stash(work, 'model', model)
        else:
            tasks = None
        words = segment_phase(source, model, tasks, processes, mp_context)                # pass 2
        del model
        _check_unchanged(source, before)
        lexicon = lexicon_phase(words, _unstash(reported), n_chars)
        lexicon.max_error = max_error
        return lexicon


def _check_options(max_len, memory, processes):
    for name, value, least in (('max_len', max_len, 1), ('memory', memory, 1 << 20),
                               ('processes', processes, 1)):
        if not isinstance(value, integer_types) or isinstance(value, bool) or value < least:
            raise InputError('discovery: %s must be an integer >= %d, got %r' % (name, least, value))


def counted_order(max_len):
    """The n-gram order pass 1 counts for words of up to ``max_len`` symbols."""
    return min(max_len, SCORED_LEN) + 1


def count_phase(source, max_len, memory, processes, counts=None, mp_context=None):
    """Pass 1.  Input: the corpus.  Output: an NgramCounter of orders 1..counted_order(max_len).

    Strings of two or more symbols seen once are dropped (never a
    candidate; nothing else needs them: they add ``1 * log 1 = 0`` to their
    parent's entropy sum), from ``counts`` too.  With ``counts`` (a counter,
    or a counts file, read within the same cap), the corpus is not read here.  Memory:
    ``memory`` bytes of n-grams (:func:`~nlp_zero.ngrams.max_ngrams_for`).
    """
    order = counted_order(max_len)
    if counts is not None:
        counter = counts if isinstance(counts, NgramCounter) else NgramCounter.load(
            counts, max_ngrams=max_ngrams_for(memory))
        if counter.order < order:
            raise InputError('%s: counts of order %d; discovery (max_len %d) needs order %d '
                             '(nlp-zero count --order %d)' % (_name(counts), counter.order, max_len, order, order))
        # As pass 1 does: a file made with --min-count 1 still holds them.
        if any(min(counter.encoded(n).values() or [_MIN_COUNT]) < _MIN_COUNT for n in range(2, order + 1)):
            counter.prune(_MIN_COUNT - 1, min_order=2)
        return counter
    started = perf_counter()
    counter = count_ngrams(source, order, max_ngrams=max_ngrams_for(memory, processes),
                           processes=processes, min_count=_MIN_COUNT,
                           mp_context=mp_context)
    logger.info('pass 1: %d n-grams seen twice or more, orders 1-%d (%.1f s)',
                len(counter), order, perf_counter() - started)
    return counter


def recount_phase(source, counter, processes, mp_context=None):
    """Pass 1b, only when pass 1 reached the memory budget.  Input: the corpus
    and the lossy counts.  Output: the same n-grams, with exact counts.

    Lossy counting undercounts the strings it pruned and counted again; near
    the pruning threshold that decides which candidates survive.  Counting
    the kept strings once more, exactly, costs one more read of the corpus
    and no memory (:func:`~nlp_zero.ngrams.recount_ngrams`).
    """
    started = perf_counter()
    recount_ngrams(counter, source, processes, mp_context)
    logger.info('pass 1b: the %d n-grams kept counted again, exactly (%.1f s)', len(counter),
                perf_counter() - started)


def fit_counts(counter, max_len, memory, check=False):
    """Input: the counter.  Output: consistent counts ``{n: {encoded: count}}``
    of orders 1..counted_order(max_len) that the model fits in ``memory``.

    Prunes the rarest strings when the counts are too many for the score
    tables (:data:`BYTES_PER_FITTED` bytes a string).  Counts made by :func:`~nlp_zero.ngrams.count_ngrams` are consistent
    (see :mod:`nlp_zero.ngrams`); with ``check``, for counts from elsewhere,
    the strings whose parts are missing are dropped
    (:func:`~nlp_zero.model.consistent_counts`).  The counter is emptied.
    Cost O(distinct n-grams).
    """
    limit = memory // BYTES_PER_FITTED
    if len(counter) > limit:
        threshold = counter.prune(max_ngrams=limit)
        logger.info('memory budget: strings seen %d times or less dropped before fitting', threshold)
    if counter.max_error > _MIN_COUNT - 1:
        logger.info('memory budget: counts pruned; every string seen more than %d times is kept, '
                    'its count at most %d too low', counter.max_error, counter.max_error)
    # The model sums floats in dict order, which is the order of first
    # occurrence in the text whether one process counted or several (the
    # parts are added in text order): the same lexicon either way.
    grams = counter.pop_counts(counted_order(max_len))
    if check:
        dropped = consistent_counts(grams)
        if dropped:
            logger.warning('counts: %d n-grams without their (n-1)-grams were ignored', dropped)
    return grams


def fit_phase(counter, max_len, memory, check=False):
    """Fit.  Input: the pass 1 counter (emptied).  Output: ``(model, reported)``,
    the :class:`~nlp_zero.model.Model` and ``(counts, left, right, score)``,
    what :func:`lexicon_phase` reports the words' scores from.

    :func:`fit_counts` (``check``: see there), then
    :func:`~nlp_zero.model.build_model`.  Memory: ``memory`` (see
    :data:`BYTES_PER_FITTED`); time O(distinct n-grams x max_len).
    """
    n_chars = counter.total(1)
    grams = fit_counts(counter, max_len, memory, check)
    model, left, right = build_model(grams, min(max_len, SCORED_LEN), n_chars, longest=max_len)
    logger.info('model: %d strings scored', len(model.score))
    return model, (grams, left, right, model.score)


def segment_phase(source, model, tasks=None, processes=1, mp_context=None):
    """Pass 2.  Input: the corpus and the model.  Output: {word text: count}.

    Each unit is cut by :meth:`Model.cut`; a unit that repeats within a
    block is cut once.  With ``tasks`` (:func:`~nlp_zero.ngrams.plan_tasks`),
    a pool of ``processes`` works on the byte ranges, each process loading
    the model from ``model``, a file (:meth:`Model.save`); their word
    counts add up exactly.  Memory: the model (per process) and the word
    counts (at most one entry per candidate and symbol).
    """
    started = perf_counter()
    if not tasks:
        words = segment_blocks(source.iter_blocks(), model)
        logger.info('pass 2: %d distinct words (%.1f s)', len(words), perf_counter() - started)
        return words
    words = {}
    source.bytes_read = 0
    with closing(run_tasks(_segment_task, tasks, processes, mp_context,
                           initializer=_load_worker_model, initargs=(model,))) as parts:
        for part, task in zip(parts, tasks):   # parts first: see ngrams.run_tasks
            add_counts(words, part)
            source.bytes_read += task_bytes(task)
    logger.info('pass 2: %d distinct words (%.1f s)', len(words), perf_counter() - started)
    return words


def segment_blocks(blocks, model):
    """Cut every unit of the text ``blocks`` with ``model``; return {word text: count}.

    A unit that repeats within a block is cut once.  Units with Latin/digit
    symbols are cut in their encoded form and their words mapped back to
    the text.  Memory: one block's distinct units, and the word counts.
    """
    encoder = SymbolEncoder(decoding=False)   # words are mapped back from the text itself
    cut = model.cut
    words = {}
    for block in blocks:
        if not isinstance(block, text_type):
            raise InputError('discovery: corpus must yield text, got %s' % type(block).__name__)
        ideographic, mixed = encoder.split_units(block)
        for units, encode in ((ideographic, None), (mixed, encoder.encode)):
            distinct = {}
            _count_elements(distinct, units)
            for unit, m in iteritems(distinct):
                found = cut(unit) if encode is None else _as_text(unit, cut(encode(unit)))
                _count_elements(words, found)
                if m > 1:
                    for w in found:
                        words[w] += m - 1
    return words


def _as_text(unit, encoded_words):
    """The words of a unit with Latin/digit symbols, as text (one symbol a character when encoded)."""
    symbols = unit_symbols(unit)
    words = []
    i = 0
    for w in encoded_words:
        j = i + len(w)
        words.append(''.join(symbols[i:j]))
        i = j
    return words


_worker_model = []   # the model of a pass 2 worker process (set by its pool initializer)


def _load_worker_model(path):
    _worker_model[:] = [Model.load(path)]


def _segment_task(task):
    return segment_blocks(RangeBlocks(task).iter_blocks(), _worker_model[0])


def lexicon_phase(words, details, n_chars):
    """Input: word counts and ``(counts, left, right, score)``.  Output: the Lexicon with scores."""
    grams, left, right, score = details
    encode = SymbolEncoder(decoding=False).encode
    lex = Lexicon(words)
    for w in words:
        lex.scores[w] = word_scores(encode(w), grams, left, right, score, n_chars)
    lex.score_names = ['autonomy', 'cohesion', 'left_entropy', 'right_entropy']
    return lex


# -- plumbing: temporary files, one-shot inputs, changed files ---------------

@contextmanager
def _workspace():
    """A private temporary directory, removed with everything in it at the end."""
    path = tempfile.mkdtemp(prefix='nlp-zero-discover-')
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def _no_cyclic_gc():
    """Millions of objects are allocated and none forms a reference cycle:
    CPython's cyclic collector would only rescan them (about 10 % of the run
    time).  Not on PyPy, where disabling it stops the major collections that
    free everything."""
    enabled = gc.isenabled()
    if REFCOUNTED:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _stash(work, name, value):
    """Write ``value`` (a Model, or plain data) to the file ``name`` of the workspace; return its path."""
    path = os.path.join(work, name)
    if isinstance(value, Model):
        value.save(path)
    else:
        with open(path, 'wb') as out:
            marshal.dump(value, out)
    return path


def _unstash(path):
    if not isinstance(path, (str, text_type)):
        return path   # never stashed
    with open(path, 'rb') as stream:
        return marshal.load(stream)


class _Spooled(object):
    """A one-shot corpus read once, and written meanwhile to a gzip file for pass 2."""

    def __init__(self, corpus, work):
        self._corpus = corpus
        self._path = os.path.join(work, 'spool.gz')
        self._spooled = False
        self.paths = []
        self.bytes_read = 0

    def iter_blocks(self):
        if self._spooled:
            return Corpus.from_paths([self._path]).iter_blocks()
        return self._spool()

    def _spool(self):
        try:
            with gzip.open(self._path, 'wb', compresslevel=1) as out:
                for block in self._corpus.iter_blocks():
                    out.write(block.encode('utf-8') + b'\n')
                    yield block
        except (IOError, OSError) as exc:
            raise InputError('cannot spool the input for its second pass to %s: %s (set TMPDIR to a '
                             'larger disk, or pass a file)' % (os.path.dirname(self._path), exc.strerror or exc))
        self._spooled = True


def _fingerprint(source):
    """(path, size, mtime) of each file of ``source``: what pass 2 must find again."""
    return [(p, os.stat(p).st_size, os.stat(p).st_mtime) for p in getattr(source, 'paths', []) if p != '-']


def _check_unchanged(source, before):
    for (path, size, mtime), now in zip(before, _fingerprint(source)):
        if (size, mtime) != now[1:]:
            raise InputError('%s: the file changed while discovery read it twice (size or modification '
                             'time); run again on a file that stays the same' % path)


def _name(counts):
    return counts if isinstance(counts, (str, text_type)) else 'counts'


class Word_Finder(object):
    """nlp-zero 0.1.6 compatible front end to :func:`discover_words`.

    ``Word_Finder(min_proba=1e-7, min_pmi=1)``; ``train(texts)`` reads texts
    (may be called several times: the texts add up), ``find(texts=None)``
    learns the words of everything trained (``texts`` is trained first when
    nothing was; a one-shot generator therefore works: it is read once, by
    ``train``), then ``words`` is a dict word -> count.  ``min_proba`` drops
    words rarer than this share of all word tokens; ``min_pmi`` drops words
    of several symbols whose cohesion (nats) is below it.
    ``export_trie()`` / ``export_tokenizer()`` give a Trie / Tokenizer over
    ``words``.

    >>> f = Word_Finder()
    >>> texts = [u'孙悟空大战猪八戒，孙悟空笑了。'] * 20
    >>> f.train(texts)
    >>> f.find(texts)
    >>> u'孙悟空' in f.words
    True
    """

    def __init__(self, min_proba=1e-7, min_pmi=1, max_len=4):
        self.min_proba = min_proba
        self.min_pmi = min_pmi
        self.max_len = max_len
        self.words = {}
        self.lexicon = Lexicon()
        self._texts = []

    def train(self, sents, filtering=True, remove_weak_pairs=True):
        """Read ``sents`` (texts, path, file...) and keep its lines in memory, as 0.1.6 did.

        The extra 0.1.6 arguments are ignored.  For large corpora use
        :func:`discover_words`, which keeps no text.
        """
        corpus = sents if isinstance(sents, Corpus) else Corpus(sents)
        self._texts.extend(corpus)

    def find(self, sents=None, filtering=True, remove_weak_pairs=True):
        """Learn the words of all trained text into ``self.words`` (replacing the old ones)."""
        if not self._texts and sents is not None:
            self.train(sents)
        lex = discover_words(self._texts, self.max_len)
        total = lex.total or 1
        for w in list(lex):
            s = lex.scores.get(w, {})
            if lex[w] < self.min_proba * total or s.get('cohesion', self.min_pmi) < self.min_pmi:
                del lex[w]
        self.lexicon = lex
        self.words = dict(iteritems(lex))

    def export_trie(self):
        """A :class:`~nlp_zero.trie.Trie` of ``words``."""
        from .trie import Trie
        return Trie(self.words)

    def export_tokenizer(self):
        """A :class:`~nlp_zero.tokenizer.Tokenizer` over ``words``."""
        from .tokenizer import Tokenizer
        return Tokenizer(self.export_trie())
