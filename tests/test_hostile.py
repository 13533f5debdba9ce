# -*- coding: utf-8 -*-
"""Hostile input for the ``nlp-zero`` command: every case asserts the exit code,
that stderr is a single line naming the file (or argument) at fault, and
that no traceback is printed.

Most cases call :func:`nlp_zero.cli.main` in this process (fast); those
that could eat memory run ``python -m nlp_zero`` in a subprocess whose
address space is capped at 1 GB with ``resource.setrlimit(RLIMIT_AS)``
(Linux only), so that a regression fails the test instead of exhausting the
machine.  The others that need a process of their own (signals, a full
stdout) run one too.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import io
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from nlp_zero import cli
from nlp_zero.files import TEMP_TAG
from nlp_zero.units import ALPHABET_VERSION
from nlp_zero.parsing import MAX_PIECE_CHARS
from nlp_zero.trie import MAX_WORD_LENGTH

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY2 = sys.version_info[0] == 2
LINUX = sys.platform.startswith('linux')
MEMORY_LIMIT = 1 << 30   # bytes of address space for the memory-hungry cases

DICT = '八戒 10\n悟空 20\n师父 30\n'
TEXT = '八戒和悟空\n师父道\n'
CUT = '八戒 和 悟空\n师父 道\n'


def write(path, data):
    """Write text (as UTF-8) or bytes to ``path``; return it as a str."""
    path = str(path)
    with open(path, 'wb') as f:
        f.write(data.encode('utf-8') if not isinstance(data, bytes) else data)
    return path


def read(path):
    with io.open(str(path), encoding='utf-8') as f:
        return f.read()


def run_main(capfd, args):
    """``nlp-zero ARGS`` in this process: (exit code, stdout, stderr) as text."""
    code = cli.main([a if isinstance(a, type('')) else str(a) for a in args])
    out, err = capfd.readouterr()
    return code, out, err


def _environment():
    env = dict(os.environ)
    env['PYTHONPATH'] = ROOT + os.pathsep + env.get('PYTHONPATH', '')
    env.pop('NLP_ZERO_TRACEBACK', None)
    env['PYTHONWARNINGS'] = 'ignore'
    return env


def _memory_limit(size):
    """A preexec_fn capping the child's address space at ``size`` bytes."""
    def limit():
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
    return limit


def run_process(args, cwd, limit_memory=False, stdout=None, stdin=None):
    """``python -m nlp_zero ARGS`` in a subprocess; (exit code, stdout, stderr).

    ``limit_memory``: True for MEMORY_LIMIT, or a number of bytes."""
    if limit_memory is True:
        limit_memory = MEMORY_LIMIT
    proc = subprocess.Popen([sys.executable, '-m', 'nlp_zero'] + list(args), cwd=str(cwd),
                            env=_environment(), stdin=subprocess.PIPE,
                            stdout=stdout if stdout is not None else subprocess.PIPE,
                            stderr=subprocess.PIPE, preexec_fn=_memory_limit(limit_memory) if limit_memory else None)
    out, err = proc.communicate(stdin)
    return proc.returncode, (out or b'').decode('utf-8'), err.decode('utf-8')


def assert_one_line(err, kind, *needles):
    """stderr is one ``nlp-zero: KIND: ...`` line holding every needle, with no traceback."""
    assert 'Traceback' not in err, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith('nlp-zero: %s: ' % kind), err
    for needle in needles:
        assert needle in lines[0], (needle, err)
    return lines[0]


def assert_error(code, err, *needles):
    assert code == 1, err
    return assert_one_line(err, 'error', *needles)


needs_rlimit = pytest.mark.skipif(not LINUX, reason='address-space limits are tested on Linux')


@pytest.fixture
def files(tmpdir):
    """A small dictionary and text in a scratch directory."""
    return tmpdir, write(tmpdir.join('small.dict.txt'), DICT), write(tmpdir.join('in.txt'), TEXT)


def _long_entry(length, seed=0):
    rng = random.Random(seed)
    return ''.join(rng.choice('天地玄黄宇宙洪荒日月盈昃辰宿列张') for _ in range(length))


# ---------------------------------------------------------------------------
# memory: dictionaries, templates and lines that could take quadratic memory
# ---------------------------------------------------------------------------

@needs_rlimit
@pytest.mark.parametrize('option', ['-d', '-u'])
def test_a_dictionary_with_a_1mb_single_line_entry_loads_within_1gb(files, option):
    """The trie stores every prefix of a word: a 1 MB entry would need ~1 TB.
    It is refused with one warning naming file and line, and the rest loads."""
    tmpdir, small, text = files
    big = write(tmpdir.join('lost-newlines.dict.txt'), '八戒 10\n%s\n悟空 20\n' % _long_entry(1 << 20))
    args = ['cut', text, '-d', big] if option == '-d' else ['cut', text, '-d', small, '-u', big]
    code, out, err = run_process(args, tmpdir, limit_memory=True)
    assert code == 0, err
    line = assert_one_line(err, 'warning', 'lost-newlines.dict.txt: line 2:', '1,048,576 characters')
    assert str(MAX_WORD_LENGTH) in line
    assert out == '八戒 和 悟空\n师 父 道\n' if option == '-d' else CUT


@needs_rlimit
def test_a_templates_file_with_a_1mb_line_stays_within_1gb(files):
    tmpdir, small, _ = files
    templates = write(tmpdir.join('t.txt'), '# nlp-zero templates v1\n1\t[X]\t%s\n5\t[X]\t道\n'
                      % _long_entry(1 << 20))
    code, out, err = run_process(['parse', '-t', templates, '-d', small, '--format', 'brackets',
                                  '八戒道'], tmpdir, limit_memory=True)
    assert (code, out, err) == (0, '(八戒)道\n', '')


@needs_rlimit
def test_parse_cuts_a_long_line_into_pieces_within_1gb(files):
    """A line longer than MAX_PIECE_CHARS is parsed piece by piece: one
    tree per piece, or the pieces' brackets side by side on one line."""
    tmpdir, small, _ = files
    sentence = '八戒道师父和悟空。'
    repeats = 4 * MAX_PIECE_CHARS // len(sentence)
    line = write(tmpdir.join('one-line.txt'), sentence * repeats + '\n')
    templates = write(tmpdir.join('t.txt'), '# nlp-zero templates v1\n5\t[X]\t道\t[X]\n')
    code, out, err = run_process(['parse', '-t', templates, '-d', small, '-i', line], tmpdir,
                                 limit_memory=True)
    assert code == 0 and err == '', err
    roots = [t for t in out.split('\n\n') if t.strip()]
    # Every piece holds whole sentences, so every root is the template over them.
    per_piece = MAX_PIECE_CHARS // len(sentence)
    assert len(roots) == -(-repeats // per_piece)
    assert all(r.startswith('+---> ') for r in roots)
    code, out, err = run_process(['parse', '-t', templates, '-d', small, '-i', line,
                                  '--format', 'brackets'], tmpdir, limit_memory=True)
    assert code == 0 and err == '', err
    assert out.count('\n') == 1
    assert out.replace('(', '').replace(')', '') == sentence * repeats + '\n'


@needs_rlimit
def test_cut_of_one_long_line_without_punctuation_stays_small(files):
    """cut writes a long line piece by piece: a 4 MB line costs a few times its
    size, not ~60 bytes per byte (about 250 MB before), so 200 MB of address
    space is enough."""
    tmpdir, small, _ = files
    text = _long_entry(1 << 10, seed=3) * ((4 << 20) // 3 // (1 << 10))   # 4 MB of UTF-8
    line = write(tmpdir.join('one-line.txt'), text + '\n')
    code, out, err = run_process(['cut', '-d', small, line, '-s', ''], tmpdir, limit_memory=200 << 20)
    assert (code, err) == (0, '')
    assert out == text + '\n'


# ---------------------------------------------------------------------------
# every error is one line naming its file
# ---------------------------------------------------------------------------

@pytest.mark.skipif(not (LINUX and os.path.isdir('/sys')), reason='needs Linux /sys, where files cannot be created')
def test_output_where_files_cannot_be_created_names_the_target(files, capfd):
    tmpdir, small, text = files
    code, _, err = run_main(capfd, ['cut', text, '-d', small, '-o', '/sys/x.txt'])
    line = assert_error(code, err, '/sys/x.txt')
    assert TEMP_TAG not in line


@pytest.mark.skipif(not os.path.exists('/dev/full'), reason='needs /dev/full')
def test_output_to_a_full_device_names_it(files, capfd):
    tmpdir, small, text = files
    code, _, err = run_main(capfd, ['cut', text, '-d', small, '-o', '/dev/full'])
    assert_error(code, err, '/dev/full', 'No space left on device')


@pytest.mark.skipif(not os.path.exists('/dev/full'), reason='needs /dev/full')
@pytest.mark.parametrize('command', [['cut'], ['templates', '-q']])
def test_standard_output_on_a_full_device_is_named(files, command):
    tmpdir, small, text = files
    with open('/dev/full', 'wb') as full:
        code, _, err = run_process(command + [text, '-d', small], tmpdir, stdout=full)
    assert_error(code, err, 'standard output: No space left on device')


def test_a_wrong_encoding_names_the_file(files, capfd):
    tmpdir, small, text = files
    code, _, err = run_main(capfd, ['cut', text, '-d', small, '--encoding', 'utf-16'])
    assert_error(code, err, text, 'utf-16')


@pytest.mark.parametrize('line, needle', [('-5\t[X]\t道', 'negative count -5'),
                                          ('x\t[X]\t道', 'expected "count<TAB>items"')])
def test_a_bad_template_count_names_file_and_line(files, capfd, line, needle):
    tmpdir, small, _ = files
    templates = write(tmpdir.join('t.txt'), '# nlp-zero templates v1\n%s\n' % line)
    code, _, err = run_main(capfd, ['parse', '-t', templates, '-d', small, '八戒道'])
    assert_error(code, err, templates + ': line 2: ', needle)


@pytest.mark.skipif(PY2, reason='Python 2 decodes command-line bytes with replacement characters')
def test_a_sentence_argument_that_is_not_utf8_is_refused_before_any_work(files, capfd):
    tmpdir, _, _ = files
    # '\udcff' is how Python 3 holds the undecodable byte 0xff of an argument.
    # The templates file does not exist: the argument is checked first.
    code, _, err = run_main(capfd, ['parse', '-t', str(tmpdir.join('missing.txt')), '好\udcff'])
    assert_error(code, err, 'sentence argument 1', 'not valid UTF-8')
    code, _, err = run_main(capfd, ['cut', '--sep', '\udcff', str(tmpdir.join('missing.txt'))])
    assert_error(code, err, '--sep', 'not valid UTF-8')


def test_standard_input_named_twice_is_a_one_line_error(files, capfd):
    tmpdir, small, _ = files
    code, _, err = run_main(capfd, ['cut', '-d', small, '-', '-'])
    line = assert_error(code, err, "standard input ('-')", 'read only once')
    assert 'pass a list' not in line


def test_a_tab_separated_jieba_dictionary_loads(files, capfd):
    tmpdir, _, text = files
    tabbed = write(tmpdir.join('tabs.dict.txt'), '八戒\t10\tnr\n悟空\t20\tnr\n师父\t30\tn\n')
    code, out, err = run_main(capfd, ['cut', text, '-d', tabbed])
    assert (code, out, err) == (0, CUT, '')


def test_a_dictionary_word_with_a_space_is_refused_with_a_warning(files, capfd):
    tmpdir, _, text = files
    tsv = write(tmpdir.join('words.tsv'), 'word\tcount\n八戒\t10\nNew York\t5\n悟空\t20\n师父\t30\n')
    code, out, err = run_main(capfd, ['cut', text, '-d', tsv])
    assert code == 0 and out == CUT
    assert_one_line(err, 'warning', tsv + ': line 3:', "'New York'", 'whitespace')


@pytest.mark.parametrize('where', ['dictionary', 'corpus', 'templates'])
def test_surrogate_bytes_are_refused_naming_file_and_line(files, capfd, where):
    """Bytes of a UTF-16 surrogate written as UTF-8 (CESU-8): Python 3 cannot
    decode them, Python 2 decodes a lone surrogate; both are one error naming
    the file and line, never a crash on output."""
    tmpdir, small, text = files
    bad = '悟空'.encode('utf-8') + b'\xed\xa0\x80'
    if where == 'dictionary':
        path = write(tmpdir.join('bad.dict.txt'), b'\xe5\x85\xab\xe6\x88\x92 10\n' + bad + b' 5\n')
        args = ['cut', text, '-d', path]
    elif where == 'corpus':
        path = write(tmpdir.join('bad.txt'), TEXT.encode('utf-8') + bad + b'\n')
        args = ['cut', path, '-d', small]
    else:
        path = write(tmpdir.join('bad.templates.txt'),
                     b'# nlp-zero templates v1\n5\t[X]\t' + bad + b'\n')
        args = ['parse', '-t', path, '-d', small, '八戒道']
    code, _, err = run_main(capfd, args)
    assert_error(code, err, path + ': line ', 'line 3' if where == 'corpus' else 'line 2')


def test_out_of_memory_advice_fits_the_command(files, capfd, monkeypatch):
    tmpdir, small, text = files
    from nlp_zero import tokenizer

    def exhausted(*args, **kwargs):
        raise MemoryError()

    monkeypatch.setattr(tokenizer.Tokenizer, 'lcut', exhausted)
    for command in (['cut', text], ['templates', text]):
        code, _, err = run_main(capfd, command + ['-d', small])
        line = assert_error(code, err, 'out of memory')
        assert '--max-ngrams' not in line


# ---------------------------------------------------------------------------
# debris: temporary files of killed writes
# ---------------------------------------------------------------------------

def _temporaries(directory):
    return sorted(n for n in os.listdir(str(directory)) if TEMP_TAG in n)


def _start_cut(tmpdir, small, target):
    """`cut -o target -` reading a pipe kept open: it runs until told."""
    proc = subprocess.Popen([sys.executable, '-m', 'nlp_zero', 'cut', '-d', small, '-o', target, '-'],
                            cwd=str(tmpdir), env=_environment(), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while not _temporaries(tmpdir):   # a readiness check, not a timing assertion
        assert proc.poll() is None, proc.communicate()
        assert time.time() < deadline, 'no temporary file appeared'
        time.sleep(0.05)
    return proc


@pytest.mark.skipif(os.name != 'posix', reason='signals and the clean-up are POSIX')
def test_sigterm_removes_the_temporary_file(files):
    tmpdir, small, _ = files
    target = str(tmpdir.join('out.txt'))
    proc = _start_cut(tmpdir, small, target)
    time.sleep(0.3)   # let it get past creating the file (a signal in between is tested by the clean-up)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate()
    assert proc.returncode == cli.EXIT_TERMINATED
    assert err.decode('utf-8').splitlines() == ['nlp-zero: terminated']
    assert _temporaries(tmpdir) == [] and not os.path.exists(target)


@pytest.mark.skipif(os.name != 'posix', reason='signals and the clean-up are POSIX')
def test_a_killed_write_leaves_a_named_temporary_that_the_next_write_removes(files, capfd):
    tmpdir, small, text = files
    target = str(tmpdir.join('out.txt'))
    proc = _start_cut(tmpdir, small, target)
    leftover = _temporaries(tmpdir)
    assert leftover[0].startswith('.out.txt' + TEMP_TAG + '%d.' % proc.pid)
    proc.kill()   # SIGKILL: no chance to clean up
    proc.communicate()
    assert _temporaries(tmpdir) == leftover
    code, out, err = run_main(capfd, ['cut', text, '-d', small, '-o', target])
    assert (code, out, err) == (0, '', '')
    assert read(target) == CUT and _temporaries(tmpdir) == []


# ---------------------------------------------------------------------------
# progress on a terminal
# ---------------------------------------------------------------------------

def _stderr_on_a_terminal(args, cwd):
    """Run nlp-zero with stderr on a pseudo-terminal; (exit code, what the terminal got)."""
    import pty
    master, slave = pty.openpty()
    with open(os.devnull, 'wb') as devnull:
        proc = subprocess.Popen([sys.executable, '-m', 'nlp_zero'] + args, cwd=str(cwd), env=_environment(),
                                stdin=subprocess.PIPE, stdout=devnull, stderr=slave)
    os.close(slave)
    proc.stdin.close()
    received = b''
    while True:
        try:
            data = os.read(master, 1 << 16)
        except OSError:   # EIO: the other side closed
            break
        if not data:
            break
        received += data
    os.close(master)
    return proc.wait(), received.decode('utf-8')


@pytest.mark.skipif(not LINUX, reason='pseudo-terminals are tested on Linux')
def test_parse_of_one_long_line_shows_progress_by_sentences(files):
    tmpdir, small, _ = files
    sentence = '八戒道师父和悟空。'
    repeats = 3 * MAX_PIECE_CHARS // len(sentence)
    line = write(tmpdir.join('one-line.txt'), sentence * repeats + '\n')
    templates = write(tmpdir.join('t.txt'), '# nlp-zero templates v1\n5\t[X]\t道\t[X]\n')
    code, terminal = _stderr_on_a_terminal(['parse', '-v', '-t', templates, '-d', small, '-i', line,
                                            '-o', str(tmpdir.join('out.txt'))], tmpdir)
    assert code == 0, terminal
    # -v: the last thing on the terminal is the summary, counting the pieces parsed.
    pieces = -(-repeats // (MAX_PIECE_CHARS // len(sentence)))
    import re
    summaries = re.findall(r'parse: [^\r\n]*', terminal)
    assert len(summaries) == 1 and ', %d sentences in ' % pieces in summaries[0], terminal
    assert terminal.rstrip().endswith(summaries[0])


# ---------------------------------------------------------------------------
# count and discover: counts files, budgets, processes, compressed stdin
# ---------------------------------------------------------------------------

CORPUS = '孙悟空大战猪八戒，孙悟空笑了。\r\n猪八戒哭了。iPhone手机A股\r\n' * 30


@pytest.fixture
def counted(tmpdir, capfd):
    """A corpus and its counts file (order 5, plain text), in a scratch directory."""
    corpus = write(tmpdir.join('corpus.txt'), CORPUS)
    counts = str(tmpdir.join('counts.txt'))
    assert run_main(capfd, ['count', corpus, '-o', counts]) == (0, '', '')
    with open(counts, 'rb') as f:
        data = f.read()
    return tmpdir, corpus, counts, data


def _counts_errors(capfd, tmpdir, corpus, bad, *needles):
    """``discover --counts BAD`` and ``count --add BAD`` both fail with one line
    naming BAD, write no output and leave no temporary directory behind."""
    import tempfile
    scratch = tmpdir.mkdir('tmp-%d' % len(tmpdir.listdir()))
    saved, tempfile.tempdir = tempfile.tempdir, str(scratch)
    try:
        for args in (['discover', corpus, '--counts', bad], ['count', corpus, '--add', bad]):
            out = str(tmpdir.join('out.txt'))
            code, _, err = run_main(capfd, args + ['-o', out])
            assert_error(code, err, bad, *needles)
            assert not os.path.exists(out)
            assert scratch.listdir() == []
    finally:
        tempfile.tempdir = saved


def test_a_gzip_counts_file_cut_in_the_middle_names_it(counted, capfd):
    import gzip
    tmpdir, corpus, counts, data = counted
    whole = gzip.compress(data) if hasattr(gzip, 'compress') else None
    if whole is None:   # Python 2
        buf = io.BytesIO()
        with gzip.GzipFile(fileobj=buf, mode='wb') as z:
            z.write(data)
        whole = buf.getvalue()
    bad = write(tmpdir.join('cut.txt.gz'), whole[:len(whole) // 2])
    _counts_errors(capfd, tmpdir, corpus, bad)


def test_a_plain_counts_file_cut_mid_line_names_file_and_line(counted, capfd):
    tmpdir, corpus, counts, data = counted
    middle = data.index(b'\t', len(data) // 2) + 1     # right after a tab: the count is missing
    bad = write(tmpdir.join('cut.txt'), data[:middle])
    _counts_errors(capfd, tmpdir, corpus, bad, ': line %d: ' % (data[:middle].count(b'\n') + 1))


def test_a_counts_file_cut_before_its_end_line_is_truncated(counted, capfd):
    tmpdir, corpus, counts, data = counted
    bad = write(tmpdir.join('noend.txt'), data[:data.rindex(b'@end')])
    _counts_errors(capfd, tmpdir, corpus, bad, 'truncated')


@pytest.mark.parametrize('content, needle', [
    ('', 'empty file'),
    ('八戒 10\n悟空 20\n', 'no "# nlp-zero counts v2" header'),        # a dictionary
    ('# nlp-zero templates v1\n5\t[X]\t道\n', 'no "# nlp-zero counts v2" header'),
    ('# nlp-zero counts v1\torder=5\n@end\n', 'older or newer format'),
])
def test_an_empty_or_foreign_counts_file_names_it(counted, capfd, content, needle):
    tmpdir, corpus, counts, data = counted
    bad = write(tmpdir.join('foreign.txt'), content)
    _counts_errors(capfd, tmpdir, corpus, bad, needle)


def test_a_counts_file_of_another_alphabet_version_names_it(counted, capfd):
    tmpdir, corpus, counts, data = counted
    assert b'\talphabet=%d\t' % ALPHABET_VERSION in data
    bad = write(tmpdir.join('alphabet.txt'), data.replace(b'\talphabet=%d\t' % ALPHABET_VERSION, b'\talphabet=99\t'))
    _counts_errors(capfd, tmpdir, corpus, bad, 'alphabet version 99', 'count the corpus again')


def test_counts_of_another_order_name_the_file_and_the_order_needed(counted, capfd):
    tmpdir, corpus, counts, data = counted
    low = str(tmpdir.join('order3.txt'))
    assert run_main(capfd, ['count', corpus, '--order', '3', '-o', low]) == (0, '', '')
    code, _, err = run_main(capfd, ['discover', corpus, '--counts', low])
    assert_error(code, err, low, 'order 3', '--order 5')
    code, _, err = run_main(capfd, ['count', corpus, '--add', low, '-o', str(tmpdir.join('o.txt'))])
    assert_error(code, err, low, 'order 3', '--order 3')
    # A higher order is fine for discover (it needs at least max-len + 1).
    high = str(tmpdir.join('order6.txt'))
    assert run_main(capfd, ['count', corpus, '--order', '6', '-o', high]) == (0, '', '')
    assert run_main(capfd, ['discover', corpus, '--counts', high]) == run_main(capfd, ['discover', corpus])


def test_a_counts_file_that_is_a_directory_names_it(counted, capfd):
    tmpdir, corpus, counts, data = counted
    _counts_errors(capfd, tmpdir, corpus, str(tmpdir.mkdir('a-directory')), 'is a directory')


@pytest.mark.parametrize('option', [['--memory', '1M'], ['--memory', '0'], ['--memory', 'lots'],
                                    ['--memory', ''], ['--memory', 'inf'], ['--memory', '1e400'],
                                    ['--memory', 'nan'], ['-p', '0'], ['-p', '-1'], ['-p', 'two']])
@pytest.mark.parametrize('command', ['count', 'discover'])
def test_a_bad_budget_or_process_count_is_a_usage_error(counted, capfd, command, option):
    tmpdir, corpus, counts, data = counted
    code, out, err = run_main(capfd, [command, corpus] + option)
    assert code == 2 and out == '' and 'Traceback' not in err, err
    last = err.splitlines()[-1]
    assert last.startswith('nlp-zero %s: error: argument %s' % (command, '--memory' if '--memory' in option
                                                               else '-p/--processes')), err


def test_discover_reads_gzip_compressed_standard_input(counted, capfd):
    import gzip
    tmpdir, corpus, counts, data = counted
    packed = str(tmpdir.join('corpus.txt.gz'))
    with gzip.open(packed, 'wb') as z:
        z.write(CORPUS.encode('utf-8'))
    with open(packed, 'rb') as f:
        code, out, err = run_process(['discover', '-'], tmpdir, stdin=f.read())
    assert (code, err) == (0, '')
    expected = run_main(capfd, ['discover', corpus])
    assert expected[0] == 0 and out == expected[1]
    assert out.startswith('猪八戒 60\n')


def test_adding_counts_made_with_min_count_is_no_budget_warning(counted, capfd):
    tmpdir, corpus, counts, data = counted
    thinned = str(tmpdir.join('min3.txt'))
    assert run_main(capfd, ['count', corpus, '--min-count', '3', '-o', thinned]) == (0, '', '')
    for extra in ([], ['--min-count', '3']):
        code, _, err = run_main(capfd, ['count', corpus, '--add', thinned, '-o', str(tmpdir.join('o.txt'))] + extra)
        assert (code, err) == (0, '')
    # A budget that is really reached while adding is still reported.
    code, _, err = run_main(capfd, ['count', corpus, '--add', thinned, '--max-ngrams', '40',
                                    '-o', str(tmpdir.join('o.txt'))])
    assert code == 0
    assert_one_line(err, 'warning', 'memory budget was reached')
