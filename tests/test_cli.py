# -*- coding: utf-8 -*-
"""The real ``nlp-zero`` command, run with subprocess, under good and bad conditions.

The command is the console script installed next to ``sys.executable``
(``pip install -e .``), or ``python -m nlp_zero`` from this checkout when it is
not installed.  Every bad condition must give a one-line message, the
documented exit code, no traceback, and never a half-written ``-o`` file.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import bz2
import gzip
import io
import os
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_zero.files import TEMP_TAG
from nlp_zero.progress import Progress, format_bytes, format_duration

from synthetic import make_lexicon, zipf_corpus

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY2 = sys.version_info[0] == 2


def _command():
    # PYTHONPATH comes before site-packages, so the command always runs the
    # code of this checkout, even when another copy is installed.
    env = dict(os.environ)
    env['PYTHONPATH'] = ROOT + os.pathsep + env.get('PYTHONPATH', '')
    script = os.path.join(os.path.dirname(sys.executable), 'nlp-zero')
    if os.path.isfile(script) and os.access(script, os.X_OK):
        return [script], env
    return [sys.executable, '-m', 'nlp_zero'], env


COMMAND, ENV = _command()
ENV.pop('NLP_ZERO_TRACEBACK', None)
ENV['PYTHONWARNINGS'] = 'ignore'  # e.g. pkg_resources deprecation noise on stderr


def _module_exists(name):
    return os.path.exists(os.path.join(ROOT, 'nlp_zero', name + '.py'))


def needs(*modules):
    missing = [m for m in modules if not _module_exists(m)]
    return pytest.mark.skipif(bool(missing), reason='stage not written yet: %s' % ', '.join(missing))


def run(args, stdin=None, cwd=None):
    """Run nlp-zero; return (exit code, stdout text, stderr text)."""
    devnull = open(os.devnull, 'rb')
    try:
        proc = subprocess.Popen(COMMAND + list(args), cwd=cwd, env=ENV,
                                stdin=subprocess.PIPE if stdin is not None else devnull,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = proc.communicate(stdin)
    finally:
        devnull.close()
    return proc.returncode, out.decode('utf-8'), err.decode('utf-8')


def assert_one_line_error(code, err, *needles):
    assert code == 1, err
    assert 'Traceback' not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith('nlp-zero: error: '), err
    for needle in needles:
        assert needle in lines[0], (needle, err)


def write_bytes(path, data):
    with open(str(path), 'wb') as f:
        f.write(data)
    return str(path)


def write_text(path, text):
    return write_bytes(path, text.encode('utf-8'))


def parse_counts(text):
    """{ngram: count} from the text of an n-gram counts file."""
    rows = [line.split('\t') for line in text.splitlines() if line and line[0] not in '#@']
    return dict((ngram, int(count)) for ngram, count in rows)


def leftovers(directory):
    """Temporary files atomic_write would leave behind on failure."""
    return [n for n in os.listdir(str(directory)) if TEMP_TAG in n]


LEXICON = make_lexicon(60, seed=11, min_len=2, max_len=4)
CORPUS_LINES = zipf_corpus(LEXICON, 6000, seed=12)
CORPUS_TEXT = '\n'.join(CORPUS_LINES) + '\n'


@pytest.fixture
def small_dict(tmpdir):
    """A small jieba-format dictionary: loads instantly (the bundled one takes ~1 s)."""
    return write_text(tmpdir.join('small.dict.txt'), ''.join('%s %d\n' % (w, 100 - i) for i, w in enumerate(LEXICON)))


# ---------------------------------------------------------------------------
# help and usage
# ---------------------------------------------------------------------------

@pytest.mark.parametrize('sub', ['count', 'discover', 'cut', 'templates', 'parse'])
def test_help_of_each_subcommand_has_a_worked_example(sub):
    code, out, err = run([sub, '--help'])
    assert code == 0, err
    assert 'usage: nlp-zero ' + sub in out
    assert 'example' in out and ('nlp-zero ' + sub) in out.split('example', 1)[1]


def test_main_help_and_version():
    code, out, _ = run(['--help'])
    assert code == 0 and 'discover' in out and 'exit codes' in out
    code, out, err = run(['--version'])
    assert code == 0 and 'nlp-zero' in (out + err)


@pytest.mark.parametrize('args', [[], ['frobnicate'], ['cut', '--no-such-option'],
                                  ['discover'], ['discover', 'x', '--top', 'zero'],
                                  ['discover', 'x', '--top', '0'], ['parse', 'sentence']])
def test_usage_errors_exit_2(args):
    code, out, err = run(args)
    assert code == 2, err
    assert 'usage:' in err and 'Traceback' not in err
    assert out == ''


# ---------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------

@pytest.mark.parametrize('sub', ['count', 'discover', 'cut', 'templates'])
def test_missing_file(sub, tmpdir):
    missing = str(tmpdir.join('nope.txt'))
    code, out, err = run([sub, missing])
    assert_one_line_error(code, err, 'nope.txt')
    assert out == ''


@pytest.mark.parametrize('sub', ['count', 'discover', 'cut', 'templates'])
def test_directory_instead_of_file(sub, tmpdir):
    code, out, err = run([sub, str(tmpdir)])
    assert_one_line_error(code, err, str(tmpdir), 'directory')


def test_missing_dictionary(tmpdir):
    text = write_text(tmpdir.join('a.txt'), '你好\n')
    code, _, err = run(['cut', '-d', str(tmpdir.join('nodict.txt')), text])
    assert_one_line_error(code, err, 'nodict.txt')


def test_one_missing_file_among_several_fails_before_any_work(tmpdir):
    good = write_text(tmpdir.join('good.txt'), CORPUS_TEXT)
    out_path = str(tmpdir.join('out.txt'))
    code, _, err = run(['cut', good, str(tmpdir.join('gone.txt')), '-o', out_path])
    assert_one_line_error(code, err, 'gone.txt')
    assert not os.path.exists(out_path) and leftovers(tmpdir) == []


@needs('corpus')
@pytest.mark.parametrize('sub', ['cut', 'count'])
def test_binary_file(sub, tmpdir, small_dict):
    data = b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR' + bytes(bytearray(range(256))) * 8
    path = write_bytes(tmpdir.join('image.png'), data)
    code, _, err = run([sub, path] + (['-d', small_dict] if sub == 'cut' else []))
    assert_one_line_error(code, err, 'image.png')


@needs('corpus')
@pytest.mark.parametrize('sub', ['cut', 'count'])
def test_undecodable_bytes_name_file_and_line(sub, tmpdir, small_dict):
    data = '第一行\n第二行\n'.encode('utf-8') + b'bad \xff\xfe here\n' + '第四行\n'.encode('utf-8')
    path = write_bytes(tmpdir.join('broken.txt'), data)
    code, _, err = run([sub, '--encoding', 'utf-8', path] + (['-d', small_dict] if sub == 'cut' else []))
    assert_one_line_error(code, err, 'broken.txt', 'line 3')


@needs('corpus', 'tokenizer')
def test_undecodable_bytes_replaced_on_request(tmpdir, small_dict):
    data = '第一行\n'.encode('utf-8') + b'bad \xff here\n'
    path = write_bytes(tmpdir.join('broken.txt'), data)
    code, out, err = run(['cut', '-d', small_dict, '--encoding', 'utf-8', '--errors', 'replace', path])
    assert code == 0, err
    assert len(out.splitlines()) == 2 and '\ufffd' in out


@needs('corpus', 'tokenizer')
def test_empty_input_cut(tmpdir, small_dict):
    path = write_bytes(tmpdir.join('empty.txt'), b'')
    code, out, err = run(['cut', '-d', small_dict, path])
    assert (code, out, err) == (0, '', '')
    code, out, err = run(['cut', '-d', small_dict], stdin=b'')
    assert (code, out, err) == (0, '', '')


@needs('corpus', 'ngrams', 'discovery')
def test_empty_input_discover_warns_and_writes_empty_lexicon(tmpdir):
    path = write_bytes(tmpdir.join('empty.txt'), b'')
    out_path = str(tmpdir.join('words.txt'))
    code, out, err = run(['discover', path, '-o', out_path])
    assert code == 0, err
    assert 'warning' in err and 'empty.txt' in err and 'Traceback' not in err
    assert io.open(out_path, encoding='utf-8').read() == ''
    code, out, err = run(['discover', '-q', path])
    assert (code, out, err) == (0, '', '')


# ---------------------------------------------------------------------------
# bad output
# ---------------------------------------------------------------------------

@needs('corpus', 'tokenizer')
@pytest.mark.parametrize('target', ['missing_dir/out.txt', 'a_file/out.txt', '.'])
def test_unwritable_output(target, tmpdir, small_dict):
    text = write_text(tmpdir.join('a.txt'), '你好世界\n')
    write_text(tmpdir.join('a_file'), 'x')
    out_path = str(tmpdir.join(target))
    code, out, err = run(['cut', '-d', small_dict, text, '-o', out_path])
    assert_one_line_error(code, err, 'cannot write')
    assert out == ''


@needs('corpus', 'tokenizer', 'ngrams')
@pytest.mark.skipif(not os.path.exists('/dev/stdout'), reason='no /dev/stdout')
def test_output_to_devices_and_symlinks_is_written_in_place(tmpdir, small_dict):
    text = write_text(tmpdir.join('a.txt'), '你好世界\n')
    was_link = os.path.islink('/dev/stdout')
    for sub in (['cut', '-d', small_dict], ['count', '-n', '1']):
        # -o /dev/stdout into a pipe.
        code, out, err = run(sub + [text, '-o', '/dev/stdout'])
        assert code == 0, err
        assert '你' in out
        # -o /dev/stdout with stdout appending to a file (`>> log`): renaming a
        # temporary file over /dev/stdout (or over the log) would replace the
        # device link or lose what the log held; it must be written in place.
        target = str(tmpdir.join('captured.txt'))
        write_text(target, 'previous\n')
        with open(target, 'ab') as captured:
            proc = subprocess.Popen(COMMAND + sub + [text, '-o', '/dev/stdout'], env=ENV,
                                    stdout=captured, stderr=subprocess.PIPE)
            err = proc.communicate()[1]
        assert proc.returncode == 0, err
        assert os.path.islink('/dev/stdout') == was_link
        content = io.open(target, encoding='utf-8').read()
        assert content.startswith('previous\n') and '你' in content
    code, out, err = run(['count', '-n', '1', text, '-o', os.devnull])
    assert (code, out, err) == (0, '', '')
    # -o through a symlink updates the file it points to and keeps the link.
    real = write_text(tmpdir.join('real.txt'), 'old\n')
    link = str(tmpdir.join('link.txt'))
    os.symlink(real, link)
    code, out, err = run(['cut', '-d', small_dict, text, '-o', link])
    assert code == 0, err
    assert os.path.islink(link) and io.open(real, encoding='utf-8').read().replace(' ', '') == '你好世界\n'
    assert leftovers(tmpdir) == []


@pytest.mark.skipif(os.name != 'posix' or os.geteuid() == 0, reason='root may write anywhere')
def test_output_in_read_only_directory(tmpdir):
    text = write_text(tmpdir.join('a.txt'), '你好世界\n')
    ro = tmpdir.mkdir('ro')
    os.chmod(str(ro), 0o555)
    try:
        code, _, err = run(['cut', text, '-o', str(ro.join('out.txt'))])
    finally:
        os.chmod(str(ro), 0o755)
    assert_one_line_error(code, err, 'cannot write', 'permission denied')


# ---------------------------------------------------------------------------
# pipes and signals
# ---------------------------------------------------------------------------

@needs('corpus', 'tokenizer')
def test_reader_closing_the_pipe_early_is_quiet(tmpdir, small_dict):
    # Far more output than a pipe buffer holds, so the writer hits EPIPE.
    path = write_text(tmpdir.join('big.txt'), CORPUS_TEXT * 40)
    proc = subprocess.Popen(COMMAND + ['cut', '-d', small_dict, path], env=ENV, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    first = proc.stdout.readline()  # like `| head -1`
    proc.stdout.close()
    err = proc.stderr.read().decode('utf-8')
    code = proc.wait()
    proc.stderr.close()
    assert first.strip()
    assert code == 141, err
    assert err == ''


@needs('corpus', 'tokenizer')
def test_head_in_a_real_shell_pipeline(tmpdir, small_dict):
    path = write_text(tmpdir.join('big.txt'), CORPUS_TEXT * 40)
    cmd = ' '.join("'%s'" % c for c in COMMAND)
    proc = subprocess.Popen(['sh', '-c', '%s cut -d "$2" "$1" | head -n 2' % cmd, 'sh', path, small_dict], env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    assert proc.returncode == 0
    assert len(out.decode('utf-8').splitlines()) == 2
    assert err.decode('utf-8') == ''


def _wait_for(predicate, proc, limit=60.0):
    """Poll ``predicate`` until true (a readiness check, not a timing assertion)."""
    deadline = time.time() + limit
    while not predicate():
        if proc.poll() is not None:
            raise AssertionError('process ended early: %r' % proc.returncode)
        if time.time() > deadline:
            proc.kill()
            raise AssertionError('process never became ready')
        time.sleep(0.02)


@needs('corpus', 'tokenizer')
@pytest.mark.skipif(os.name != 'posix', reason='POSIX signals')
def test_ctrl_c_exits_130_and_keeps_the_previous_output(tmpdir, small_dict):
    out_path = str(tmpdir.join('out.txt'))
    write_text(out_path, 'previous result\n')
    # cut reading a stdin that never ends: the -o temporary file exists while it runs.
    proc = subprocess.Popen(COMMAND + ['cut', '-d', small_dict, '-', '-o', out_path], env=ENV, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdin.write(CORPUS_TEXT.encode('utf-8'))
    proc.stdin.flush()
    _wait_for(lambda: leftovers(tmpdir), proc)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate()
    err = err.decode('utf-8')
    assert proc.returncode == 130, err
    assert 'Traceback' not in err and err.strip() == 'nlp-zero: interrupted'
    assert io.open(out_path, encoding='utf-8').read() == 'previous result\n'
    assert leftovers(tmpdir) == []


@pytest.mark.skipif(os.name != 'posix', reason='POSIX signals and process groups')
def test_ctrl_c_during_parallel_discovery(tmpdir):
    # Ctrl-C on a terminal reaches the whole process group: the pool's
    # workers stay quiet, the parent stops them, removes its workspace and
    # writes no -o file.  11 MB: several seconds of work on any machine, so
    # the signal arrives while the pool runs (1 MB was done within 0.3 s).
    path = write_text(tmpdir.join('big.txt'), CORPUS_TEXT * 600)
    out_path = str(tmpdir.join('words.txt'))
    scratch = tmpdir.mkdir('tmp')
    env = dict(ENV, TMPDIR=str(scratch))
    proc = subprocess.Popen(COMMAND + ['discover', path, '-p', '2', '-o', out_path], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=os.setsid)
    _wait_for(lambda: os.listdir(str(scratch)), proc)
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate()
    err = err.decode('utf-8')
    assert proc.returncode == 130, err
    assert err.strip() == 'nlp-zero: interrupted'
    assert not os.path.exists(out_path) and leftovers(tmpdir) == []
    assert os.listdir(str(scratch)) == []


# ---------------------------------------------------------------------------
# normal runs
# ---------------------------------------------------------------------------

@needs('corpus', 'ngrams')
def test_count_small_text(tmpdir):
    path = write_text(tmpdir.join('a.txt'), '甲乙甲乙，甲\n乙甲\n')
    code, out, err = run(['count', '--order', '2', path])
    assert code == 0, err
    counts = parse_counts(out)
    assert counts == {'甲': 4, '乙': 3, '甲乙': 2, '乙甲': 2}  # never across '，' or lines
    out_path = str(tmpdir.join('counts.txt.gz'))
    code, out, err = run(['count', '--order', '2', path, '-o', out_path])
    assert (code, out) == (0, ''), err
    with gzip.open(out_path, 'rb') as f:
        assert '甲乙' in f.read().decode('utf-8')


@needs('corpus', 'ngrams')
def test_count_reads_stdin_gz_bz2_and_several_files(tmpdir):
    text = '甲乙甲乙\n'
    gz = str(tmpdir.join('a.txt.gz'))
    with gzip.open(gz, 'wb') as f:
        f.write(text.encode('utf-8'))
    bz = write_bytes(tmpdir.join('b.bin'), bz2.compress(text.encode('utf-8')))  # by content, not name
    plain = write_text(tmpdir.join('c.txt'), text)
    files = [gz, bz, '-', plain]
    try:
        import lzma
        files.append(write_bytes(tmpdir.join('d.xz'), lzma.compress(text.encode('utf-8'))))
    except ImportError:  # Python 2
        pass
    code, out, err = run(['count', '-n', '1'] + files, stdin=text.encode('utf-8'))
    assert code == 0, err
    counts = parse_counts(out)
    n = 2 * (len(files))
    assert counts == {'甲': n, '乙': n}


@needs('corpus', 'ngrams')
def test_compressed_stdin_is_decompressed():
    text = '甲乙甲乙\n'.encode('utf-8')
    for data in (gzip_bytes(text), bz2.compress(text)):
        code, out, err = run(['count', '-n', '1', '-'], stdin=data)
        assert code == 0, err
        assert parse_counts(out) == {'甲': 2, '乙': 2}


def gzip_bytes(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode='wb') as f:
        f.write(data)
    return buf.getvalue()


@needs('corpus', 'ngrams')
def test_count_gb18030_with_explicit_encoding(tmpdir):
    path = write_bytes(tmpdir.join('gb.txt'), '中文测试中文\n'.encode('gb18030'))
    code, out, err = run(['count', '-n', '2', '--encoding', 'gb18030', path])
    assert code == 0, err
    assert parse_counts(out)['中文'] == 2


@needs('corpus', 'ngrams', 'discovery', 'lexicon')
def test_discover_finds_planted_words(tmpdir):
    path = write_text(tmpdir.join('corpus.txt'), CORPUS_TEXT)
    code, out, err = run(['discover', path, '--top', '20'])
    assert code == 0, err
    words = [line.split(' ')[0] for line in out.splitlines()]
    assert 0 < len(words) <= 20
    multi = [w for w in words if len(w) > 1]
    assert multi and sum(w in LEXICON for w in multi) >= 0.8 * len(multi), words
    # jieba format: 'word count'
    assert all(len(line.split(' ')) == 2 and line.split(' ')[1].isdigit() for line in out.splitlines())


@needs('corpus', 'ngrams', 'discovery', 'lexicon')
def test_discover_tsv_new_only_and_output_file(tmpdir):
    path = write_text(tmpdir.join('corpus.txt'), CORPUS_TEXT)
    out_path = str(tmpdir.join('words.tsv'))
    code, out, err = run(['discover', path, '--format', 'tsv', '--min-len', '2', '--max-len', '3', '-o', out_path])
    assert (code, out) == (0, ''), err
    rows = io.open(out_path, encoding='utf-8').read().splitlines()
    header = rows[0].split('\t')
    assert header[:2] == ['word', 'count'] and len(header) > 2
    found = [r.split('\t')[0] for r in rows[1:]]
    assert len(found) > 5 and all(2 <= len(w) <= 3 for w in found)
    known = write_text(tmpdir.join('known.txt'), ''.join('%s 1\n' % w for w in found[:5]))
    code, out, err = run(['discover', path, '--min-len', '2', '--max-len', '3', '--new-only', known])
    assert code == 0, err
    new = [line.split(' ')[0] for line in out.splitlines()]
    assert not set(new) & set(found[:5]) and set(new) == set(found[5:])


@needs('corpus', 'tokenizer', 'lexicon')
def test_cut_with_a_dictionary_one_line_per_line(tmpdir):
    dic = write_text(tmpdir.join('dict.txt'), '孙悟空 100\n猪八戒 100\n和 50\n师父 80\n')
    text = '孙悟空和猪八戒\n\n师父 孙悟空\n'
    path = write_text(tmpdir.join('in.txt'), text)
    code, out, err = run(['cut', '-d', dic, path])
    assert code == 0, err
    assert out == '孙悟空 和 猪八戒\n\n师父 孙悟空\n'
    code, out, err = run(['cut', '-d', dic, '--sep', '/', '-'], stdin=text.encode('utf-8'))
    assert out == '孙悟空/和/猪八戒\n\n师父/孙悟空\n'
    code, out, err = run(['cut', '-d', dic, '--sep', '/', '--keep-space', path])
    assert out == '孙悟空/和/猪八戒\n\n师父/ /孙悟空\n'


@needs('corpus', 'tokenizer', 'lexicon')
def test_cut_keeps_the_line_ending_of_each_line(tmpdir):
    dic = write_text(tmpdir.join('dict.txt'), '孙悟空 100\n猪八戒 100\n和 50\n')
    path = write_text(tmpdir.join('in.txt'), '孙悟空和猪八戒\r\n\r\n猪八戒\n孙悟空\r孙悟空和猪八戒')
    code, out, err = run(['cut', '-d', dic, path])
    assert code == 0, err
    # A last line without an ending gets the ending of the line before it.
    assert out == '孙悟空 和 猪八戒\r\n\r\n猪八戒\n孙悟空\r孙悟空 和 猪八戒\r'
    code, out, err = run(['cut', '-d', dic, '-'], stdin='孙悟空和猪八戒\r\n猪八戒\r\n'.encode('utf-8'))
    assert out == '孙悟空 和 猪八戒\r\n猪八戒\r\n'


@pytest.mark.skipif(os.name != 'posix', reason='needs a pseudo-terminal')
@needs('corpus', 'tokenizer', 'lexicon')
def test_cut_on_a_terminal_answers_each_line_as_soon_as_it_is_read(tmpdir):
    # stdin a pipe that stays open, stdout a terminal: the answer to the first
    # line must come before any more input (or end of input) arrives.
    import pty
    import select
    dic = write_text(tmpdir.join('dict.txt'), '孙悟空 100\n猪八戒 100\n和 50\n')
    env = dict(ENV)
    env.pop('PYTHONUNBUFFERED', None)   # the default buffering is what is tested
    master, slave = pty.openpty()
    proc = subprocess.Popen(COMMAND + ['cut', '-d', dic], env=env, stdin=subprocess.PIPE,
                            stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    got = b''
    try:
        proc.stdin.write('孙悟空和猪八戒\n'.encode('utf-8'))
        proc.stdin.flush()
        deadline = time.time() + 60
        while b'\n' not in got and time.time() < deadline:
            ready, _, _ = select.select([master], [], [], max(0, deadline - time.time()))
            if ready:
                got += os.read(master, 1024)
    finally:
        proc.stdin.close()
        proc.wait()
        proc.stderr.close()
        os.close(master)
    assert '孙悟空 和 猪八戒' in got.decode('utf-8')


@needs('corpus', 'tokenizer', 'lexicon')
def test_cut_default_dictionary_and_user_words(tmpdir):
    # One run (the bundled dictionary takes a second to load): default words
    # plus a user word that the default dictionary would split.
    path = write_text(tmpdir.join('in.txt'), '我们在北京看到了葫芦娃兄弟。\n')
    user = write_text(tmpdir.join('user.txt'), '葫芦娃兄弟\n')
    code, out, err = run(['cut', '-u', user, path, '-o', str(tmpdir.join('o.txt'))])
    assert (code, out) == (0, ''), err
    words = io.open(str(tmpdir.join('o.txt')), encoding='utf-8').read().split()
    assert ''.join(words) == '我们在北京看到了葫芦娃兄弟。'
    assert '葫芦娃兄弟' in words and '北京' in words


@needs('corpus', 'tokenizer')
def test_quiet_and_verbose(tmpdir, small_dict):
    path = write_text(tmpdir.join('in.txt'), CORPUS_TEXT)
    code, out, err = run(['cut', '-d', small_dict, '-q', path])
    assert code == 0 and err == ''
    code, out2, err = run(['cut', '-d', small_dict, '-v', path])
    assert code == 0 and out2 == out
    assert len(err.splitlines()) == 1 and err.startswith('cut: ') and 'lines' in err, err


@needs('corpus', 'tokenizer', 'templates', 'parsing')
def test_templates_and_parse(tmpdir):
    # Sentences built on a planted pattern "我想X了吗" with varied fillers.
    fillers = ['苹果', '梦想', '朋友', '学校', '老师', '电影', '城市', '工作', '大海', '故乡']
    lines = ['我想%s了吗。' % a for a in fillers] * 5
    dic = write_text(tmpdir.join('d.txt'), ''.join('%s 100\n' % w for w in fillers + ['了', '吗', '我', '想']))
    corpus = write_text(tmpdir.join('s.txt'), '\n'.join(lines) + '\n')
    tpl = str(tmpdir.join('templates.txt'))
    code, out, err = run(['templates', '-d', dic, corpus, '-o', tpl])
    assert (code, out) == (0, ''), err
    mined = io.open(tpl, encoding='utf-8').read().splitlines()
    assert mined[0].startswith('#') and len(mined) > 1
    code, out2, err = run(['templates', '-d', dic, corpus, '--top', '1'])
    assert code == 0, err
    out2 = out2.splitlines()  # stdout holds what -o writes (here: the best one)
    assert out2[0] == mined[0] and len(out2) == 2 and out2[1] in mined[1:]
    code, out, err = run(['parse', '-d', dic, '-t', tpl, '我想大海了吗', '我想故乡了吗'])
    assert code == 0, err
    trees = out.split('\n\n')
    assert len(trees) == 2 and all(t.startswith('+---> ') for t in trees)
    assert '大海' in trees[0] and '故乡' in trees[1]
    code, out, err = run(['parse', '-d', dic, '-t', tpl, '--format', 'brackets'], stdin='我想大海了吗\n\n'.encode('utf-8'))
    # One output line per input line: a blank line stays blank, so output lines up with input.
    assert code == 0 and out.splitlines() == ['(我想大海了)吗', '']
    code, out, err = run(['parse', '-t', str(tmpdir.join('none.txt')), 'x'])
    assert_one_line_error(code, err, 'none.txt')


# ---------------------------------------------------------------------------
# progress display (unit level: fake terminal)
# ---------------------------------------------------------------------------

class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_draws_only_on_a_terminal_and_throttles():
    tty = FakeTerminal()
    p = Progress('cut', total=1000, stream=tty, interval=0.0)
    for _ in range(10):
        p.advance(100, lines=1)
    assert '\r' in tty.getvalue() and '100%' in tty.getvalue()
    p.close()
    assert tty.getvalue().endswith('\r')  # live line erased
    pipe = io.StringIO()
    p = Progress('cut', total=1000, stream=pipe)
    p.advance(1000, lines=5)
    p.close()
    assert pipe.getvalue() == ''
    # A long interval: many calls, at most the redraws the interval allows.
    tty = FakeTerminal()
    p = Progress('x', stream=tty, interval=3600)
    for _ in range(100000):
        p.advance(1)
    assert tty.getvalue().count('\r') <= 1
    p.close()


def test_progress_line_rate_eta_and_passes():
    p = Progress('discover', total=4 * 1024 ** 2, stream=io.StringIO(), enabled=False)
    start = p._pass_start
    p.update(1024 ** 2, lines=10)
    line = p.line(now=start + 2.0)
    assert '25%' in line and '1.0 MB / 4.0 MB' in line and '512.0 KB/s' in line
    assert 'ETA 0:06' in line and '10 lines' in line
    p.update(4 * 1024 ** 2)  # all read, still computing: no misleading rate or ETA
    line = p.line(now=start + 9.0)
    assert '100%' in line and 'input read, working' in line and 'ETA' not in line
    stdin = Progress('cut', stream=io.StringIO(), enabled=False)  # no byte counts: lines
    stdin.advance(0, lines=500)
    assert stdin.line(now=stdin._pass_start + 2.0) == 'cut  500 lines  250 lines/s'
    p.update(10)  # went backwards: a new pass over the corpus
    assert p.passes == 2 and 'pass 2' in p.line()


def test_progress_summary_and_formatting():
    out = io.StringIO()
    with Progress('count', stream=out, enabled=False, summary=True) as p:
        p.advance(2048, lines=3)
    assert out.getvalue().startswith('count: 2.0 KB, 3 lines in ') and out.getvalue().endswith('\n')
    out = io.StringIO()
    try:
        with Progress('count', stream=out, enabled=False, summary=True):
            raise KeyError('x')
    except KeyError:
        pass
    assert out.getvalue() == ''  # no summary after a failure
    assert format_bytes(5) == '5 B' and format_bytes(10 * 1024 ** 3) == '10.0 GB'
    assert format_duration(59.6) == '1:00' and format_duration(-1) == '?'


def test_progress_poll_thread_stops_on_close():
    tty = FakeTerminal()
    state = {'n': 0}

    def read():
        state['n'] += 1
        return state['n'] * 10, state['n']
    p = Progress('x', stream=tty, interval=0.001)
    p.poll(read)
    deadline = time.time() + 30
    while state['n'] < 3 and time.time() < deadline:
        time.sleep(0.005)
    p.close()
    calls = state['n']
    time.sleep(0.02)
    assert calls >= 3 and state['n'] == calls  # thread gone


def test_log_lines_erase_the_progress_line_first():
    """-v on a terminal: a log record never runs into the live progress line."""
    import logging
    from nlp_zero import cli
    tty = FakeTerminal()
    progress = Progress('cut', total=1000, stream=tty, interval=0.0)
    progress.advance(500, lines=3)
    drawn = tty.getvalue()
    assert drawn.startswith('\r') and '50%' in drawn and '\n' not in drawn
    handler = cli._LogHandler()
    handler.progress = progress
    handler.emit(logging.LogRecord('nlp_zero.x', logging.WARNING, __file__, 1, 'dict.txt: line %d: refused',
                                   (7,), None))
    written = tty.getvalue()[len(drawn):]
    # Erased with spaces over its full width, back to column 0, then the message alone on its line.
    assert written == '\r' + ' ' * (len(drawn) - 1) + '\r' + 'nlp-zero: warning: dict.txt: line 7: refused\n'
    progress.advance(500, lines=3)
    assert '100%' in tty.getvalue().rsplit('\n', 1)[1]   # redrawn below the message
    handler.emit(logging.LogRecord('nlp_zero.x', logging.INFO, __file__, 1, 'pass 2', (), None))
    assert 'nlp-zero: pass 2\n' in tty.getvalue()   # INFO (-v) lines carry no 'warning:'
    progress.close()


def test_count_help_describes_the_real_output(tmpdir):
    """The header, @N<TAB>total<TAB>pruned<TAB>distinct and @end lines of --help are those `count` writes."""
    code, help_text, _ = run(['count', '--help'])
    assert code == 0
    corpus = write_text(tmpdir.join('c.txt'), '八戒和悟空。八戒道\n')
    code, out, err = run(['count', '-n', '2', corpus])
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split('\t')[0] == '# nlp-zero counts v2'
    assert [f.split('=')[0] for f in lines[0].split('\t')[1:]] == ['order', 'alphabet', 'max_error']
    assert '# nlp-zero counts v2<TAB>order=4<TAB>alphabet=2<TAB>max_error=0' in help_text
    assert "'@N<TAB>total<TAB>pruned<TAB>distinct'" in help_text and '\n  @end ' in help_text
    totals = [line.split('\t') for line in lines if line.startswith('@')]
    # Units '八戒和悟空' and '八戒道': 8 unigrams (6 distinct), 6 bigrams (5 distinct), none pruned.
    assert totals == [['@1', '8', '0', '6'], ['@2', '6', '0', '5'], ['@end']]
    assert len(lines) == 1 + 1 + 6 + 1 + 5 + 1


def test_readme_command_reference_uses_the_options_of_help():
    """Every option group of the README's command reference is in the command's
    --help usage, and every option of the usage is in the reference."""
    import re
    text = io.open(os.path.join(ROOT, 'README.md'), encoding='utf-8').read()
    block = text.split('## Command line reference', 1)[1].split('```text\n', 1)[1].split('```', 1)[0]
    lines = block.strip().splitlines()
    rows = dict(line.split(None, 2)[1:] for line in lines if line.startswith('nlp-zero '))
    common = set(re.findall(r'\[(-[^\]]+)\]', lines[-1]))
    assert lines[-1].startswith('every command:') and len(common) == 5
    assert set(rows) == {'count', 'discover', 'cut', 'templates', 'parse'}
    for command, reference in rows.items():
        code, out, _ = run([command, '--help'])
        usage = ' '.join(out.split('\n\n', 1)[0].split())
        optional, required = r'\[(-[^\]]+)\]', r'(?:^|\s)(-\w [A-Z]+)'   # [-x ARG], -t TEMPLATES
        in_usage = set(re.findall(optional, usage)) | set(re.findall(required, usage))
        in_reference = set(re.findall(optional, reference)) | set(re.findall(required, reference))
        assert in_reference - common <= in_usage, (command, in_reference - in_usage)
        assert in_usage <= in_reference | common, (command, in_usage - in_reference - common)


@settings(max_examples=200, deadline=None)
@given(segments=st.lists(st.tuples(st.sampled_from('甲乙丙丁ab1'), st.text(alphabet='甲乙丙丁ab1.,\u0301 ', max_size=4))
                         .map(''.join), max_size=12),
       separators=st.lists(st.sampled_from([' ', '  ', '，', '。', '\u3000', '、']), min_size=12, max_size=12),
       keep_space=st.booleans())
def test_a_long_line_is_cut_in_pieces_exactly_as_whole(segments, separators, keep_space):
    """cut writes a line longer than CUT_PIECE_CHARS piece by piece; the pieces
    end at token boundaries, so the output is that of the whole line."""
    from nlp_zero import cli
    from nlp_zero.tokenizer import Tokenizer
    tok = Tokenizer({'甲乙': 5, '乙丙': 3, '丙丁甲': 2, 'ab': 2, '1.1': 1})
    text = ''.join(sep + s for s, sep in zip(segments, separators))
    # Each separator is followed by a word character: a boundary at least every
    # 7 characters, so every cut is a token boundary.
    size = 7
    pieces = list(cli._cut_pieces(text, size))
    assert ''.join(pieces) == text and all(len(p) <= size for p in pieces)
    assert [w for p in pieces for w in tok.lcut(p)] == tok.lcut(text)
    out = []
    saved = cli.CUT_PIECE_CHARS
    cli.CUT_PIECE_CHARS = size
    try:
        cli._cut_long_line(text, tok.lcut, out.append, '/', keep_space)
    finally:
        cli.CUT_PIECE_CHARS = saved
    words = tok.lcut(text) if keep_space else [w for w in tok.lcut(text) if w.strip()]
    assert ''.join(out) == '/'.join(words)


def test_a_run_without_boundaries_is_cut_at_the_piece_size():
    from nlp_zero import cli
    assert list(cli._cut_pieces('甲' * 10, 4)) == ['甲' * 4, '甲' * 4, '甲' * 2]
    assert list(cli._cut_pieces('', 4)) == ['']
