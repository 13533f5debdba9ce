# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, unicode_literals

import bz2
import gzip
import io
import os
import subprocess
import sys

import pytest

from nlp_zero import corpus as corpus_module
from nlp_zero.corpus import Corpus, detect_encoding, read_corpus
from nlp_zero.files import InputError

try:
    import lzma
except ImportError:
    lzma = None

LINES = ['今天天气很好', '', 'iPhone手机 A股', '𠀀㐀最后一行']
TEXT = '\n'.join(LINES) + '\n'
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write(tmpdir, name, data):
    path = str(tmpdir.join(name))
    with io.open(path, 'wb') as f:
        f.write(data)
    return path


def test_plain_utf8_and_reiteration(tmpdir):
    path = write(tmpdir, 'a.txt', TEXT.encode('utf-8'))
    corpus = Corpus(path)
    assert list(corpus) == LINES
    assert list(corpus) == LINES           # read again from disk
    assert corpus.paths == [path]
    assert corpus.size_bytes() == os.path.getsize(path)
    assert corpus.bytes_read == os.path.getsize(path)
    assert corpus.lines_read == len(LINES)


@pytest.mark.parametrize('kind', ['gz', 'bz2', 'xz'])
def test_compressed_by_content(tmpdir, kind):
    data = TEXT.encode('utf-8')
    if kind == 'gz':
        packed = gzip.compress(data) if hasattr(gzip, 'compress') else None
        if packed is None:
            buf = io.BytesIO()
            with gzip.GzipFile(fileobj=buf, mode='wb') as f:
                f.write(data)
            packed = buf.getvalue()
    elif kind == 'bz2':
        packed = bz2.compress(data)
    else:
        if lzma is None:
            pytest.skip('no lzma on this Python')
        packed = lzma.compress(data)
    path = write(tmpdir, 'no_suffix.txt', packed)   # misleading name on purpose
    assert list(Corpus(path)) == LINES


def test_gb18030_detected_and_forced(tmpdir):
    path = write(tmpdir, 'gb.txt', TEXT.encode('gb18030'))
    assert list(Corpus(path)) == LINES
    assert list(Corpus(path, encoding='gb18030')) == LINES
    assert detect_encoding('中文'.encode('gb18030')) == 'gb18030'
    assert detect_encoding('中文'.encode('utf-8')[:-1]) == 'utf-8'   # cut character is fine


def test_bom_and_line_endings(tmpdir):
    data = '\ufeff今天\r\n明天\r后天\n\r\n最后'.encode('utf-8')
    expected = ['今天', '明天', '后天', '', '最后']
    assert list(Corpus(write(tmpdir, 'bom.txt', data))) == expected
    assert list(Corpus(write(tmpdir, 'bom2.txt', data), encoding='utf-8')) == expected
    utf16 = '今天\r\n明天'.encode('utf-16')
    assert list(Corpus(write(tmpdir, 'u16.txt', utf16))) == ['今天', '明天']


def test_crlf_split_across_chunks(tmpdir, monkeypatch):
    monkeypatch.setattr(corpus_module, 'CHUNK_BYTES', 7)
    lines = ['一二三四五', 'abcdef', '', '六七八九十一二三']
    path = write(tmpdir, 'crlf.txt', '\r\n'.join(lines).encode('utf-8') + b'\r\n')
    assert list(Corpus(path)) == lines
    path = write(tmpdir, 'cr.txt', '\r'.join(lines).encode('utf-8') + b'\r')
    assert list(Corpus(path)) == lines


def test_open_files_text_and_binary(tmpdir):
    path = write(tmpdir, 'a.txt', TEXT.encode('utf-8'))
    with io.open(path, 'rb') as f:
        corpus = Corpus(f)
        assert list(corpus) == LINES
        assert list(corpus) == LINES       # seekable: re-read
    with io.open(path, 'r', encoding='utf-8') as f:
        assert list(Corpus(f)) == LINES


def test_iterables_and_one_shot():
    assert list(Corpus(['a\r\n', '中文\n', 'x'])) == ['a', '中文', 'x']
    corpus = Corpus(line for line in ['一', '二'])
    assert list(corpus) == ['一', '二']
    with pytest.raises(InputError) as info:
        list(corpus)
    assert 'once' in str(info.value)
    texts = Corpus.from_texts(['README.md'])
    assert list(texts) == ['README.md']
    assert list(read_corpus(['甲', '乙'])) == ['甲', '乙']
    assert Corpus(['x']).size_bytes() is None


def test_list_of_paths(tmpdir):
    a = write(tmpdir, 'a.txt', '甲\n'.encode('utf-8'))
    b = write(tmpdir, 'b.txt', '乙'.encode('gb18030') + b'\n')
    corpus = Corpus([a, b])
    assert list(corpus) == ['甲', '乙']
    assert corpus.size_bytes() == os.path.getsize(a) + os.path.getsize(b)
    with pytest.raises(InputError):
        list(Corpus([a, str(tmpdir.join('missing.txt'))]))
    with pytest.raises(InputError):
        list(Corpus.from_paths(str(tmpdir.join('missing.txt'))))


def test_stdin_via_subprocess(tmpdir):
    code = ('import sys; sys.path.insert(0, %r)\n'
            'from nlp_zero.corpus import Corpus\n'
            'c = Corpus("-")\n'
            'out = list(c)\n'
            'sys.stdout.write(str(len(out)) + " " + repr([len(x) for x in out]) + "\\n")\n'
            'try:\n    list(c)\nexcept ValueError as e:\n    sys.stdout.write("once\\n")\n') % ROOT
    proc = subprocess.Popen([sys.executable, '-c', code], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)
    out, _ = proc.communicate(TEXT.encode('gb18030').replace(b'\n', b'\r\n'))
    assert proc.returncode == 0
    assert out.decode('ascii').split('\n')[:2] == [
        '4 ' + repr([len(x) for x in LINES]), 'once']


def test_invalid_utf8_names_line_and_offset(tmpdir):
    data = '第一行\n第二行'.encode('utf-8') + b'\xff\xfe' + 'x\n'.encode('utf-8')
    path = write(tmpdir, 'bad.txt', data)
    with pytest.raises(InputError) as info:
        list(Corpus(path, encoding='utf-8'))
    message = str(info.value)
    assert 'bad.txt' in message and 'line 2' in message
    assert 'byte offset %d' % data.index(b'\xff') in message
    assert list(Corpus(path, encoding='utf-8', errors='replace'))[1] == '第二行\ufffd\ufffdx'


def test_invalid_bytes_in_later_chunk(tmpdir, monkeypatch):
    monkeypatch.setattr(corpus_module, 'CHUNK_BYTES', 16)
    data = ('一二三\n' * 10).encode('utf-8') + b'ab\x80cd\n'
    path = write(tmpdir, 'bad2.txt', data)
    with pytest.raises(InputError) as info:
        list(Corpus(path))
    assert 'line 11' in str(info.value)
    assert 'byte offset %d' % data.rindex(b'\x80') in str(info.value)


def test_binary_and_nul_files(tmpdir):
    path = write(tmpdir, 'bin.dat', b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR')
    with pytest.raises(InputError) as info:
        list(Corpus(path))
    assert 'binary' in str(info.value)
    with pytest.raises(InputError):
        list(Corpus(write(tmpdir, 'nul.txt', '中文\n'.encode('utf-8') + b'a\x00b')))


def test_empty_missing_and_directory(tmpdir):
    assert list(Corpus(write(tmpdir, 'empty.txt', b''))) == []
    with pytest.raises(InputError) as info:
        list(Corpus(str(tmpdir.join('nope.txt'))))
    assert 'nope.txt' in str(info.value)
    with pytest.raises(InputError) as info:
        list(Corpus(str(tmpdir)))
    assert 'directory' in str(info.value)
    with pytest.raises(InputError):
        Corpus(12)
    path = write(tmpdir, 'u16le.txt', '今天\n'.encode('utf-16-le'))
    assert list(Corpus(path, encoding='utf-16-le')) == ['今天']
    with pytest.raises(InputError) as info:
        list(Corpus(path, encoding='no-such-codec'))
    assert 'unknown encoding' in str(info.value)


def test_one_huge_line_without_newline(tmpdir):
    # 50 MB of text on one line: read in bounded chunks, joined once (linear).
    piece = ('天气很好，' * 2000).encode('utf-8')        # 30 000 bytes
    path = str(tmpdir.join('huge.txt'))
    with io.open(path, 'wb') as f:
        for _ in range(50 * 10 ** 6 // len(piece)):
            f.write(piece)
    lines = 0
    length = 0
    for block in Corpus(path).iter_blocks():
        lines += block.count('\n') + 1
        length += len(block)
    assert lines == 1
    assert length == os.path.getsize(path) // 3


def test_iter_blocks_same_as_lines(tmpdir):
    lines = ['行%d' % i for i in range(5000)]
    path = write(tmpdir, 'many.txt', '\n'.join(lines).encode('utf-8'))
    corpus = Corpus(path)
    assert '\n'.join(corpus.iter_blocks()) == '\n'.join(lines)
    assert list(corpus) == lines


@pytest.mark.parametrize('kind', ['gz', 'bz2'])
def test_progress_of_compressed_file_counts_compressed_bytes(tmpdir, kind):
    import random
    rng = random.Random(7)
    lines = [''.join(rng.choice('天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏') for _ in range(40))
             for _ in range(25000)]                       # 3 MB of text: three 1 MB blocks
    data = ('\n'.join(lines) + '\n').encode('utf-8')
    if kind == 'gz':
        buf = io.BytesIO()
        with gzip.GzipFile(fileobj=buf, mode='wb') as f:
            f.write(data)
        packed = buf.getvalue()
    else:
        if not hasattr(bz2.BZ2File, 'fileno'):
            pytest.skip("this Python's BZ2File cannot tell its position on disk")
        packed = bz2.compress(data)
    path = write(tmpdir, 'packed', packed)
    corpus = Corpus(path)
    seen = [corpus.bytes_read for _ in corpus.iter_blocks()]
    size = os.path.getsize(path)
    assert seen == sorted(seen)
    assert any(0 < n < size for n in seen)                 # grows while the file is read
    assert corpus.bytes_read == size == corpus.size_bytes()


def test_text_passed_where_a_path_is_expected_is_a_clear_error(tmpdir):
    from nlp_zero import discover_words
    for text in ('一段中文', '第一行\n第二行'):
        with pytest.raises(InputError, match=r'no such file; to read a text string, pass a list of texts: \[text\]'):
            discover_words(text)
    assert list(Corpus(['一段中文'])) == ['一段中文']   # a list of texts is fine
    # A path-like missing name stays a missing file, reported when read.
    with pytest.raises(InputError, match='missing.txt'):
        list(Corpus(str(tmpdir.join('missing.txt'))))
    if sys.version_info[0] == 2:
        return   # non-ASCII file names depend on the locale there
    write(tmpdir, '西游记.txt', '行者\n'.encode('utf-8'))
    cwd = os.getcwd()
    os.chdir(str(tmpdir))
    try:
        assert list(Corpus('西游记.txt')) == ['行者']    # an existing CJK file name is a path
    finally:
        os.chdir(cwd)


def test_lone_surrogates_are_refused_at_input():
    with pytest.raises(InputError, match=r'Corpus: text: line 3: lone surrogate U\+D800'):
        list(Corpus(['好', '好\n', 'a\ud800b']))
    with pytest.raises(InputError, match=r'<file>: line 2: lone surrogate U\+DC80'):
        list(Corpus(io.StringIO('好\n坏\udc80\n')))


def test_a_wrong_wide_encoding_names_the_file(tmpdir):
    path = write(tmpdir, 'u8.txt', '行者\n'.encode('utf-8'))
    with pytest.raises(InputError, match='u8.txt: .*cannot decode .*as utf-16'):   # the message differs by version
        list(Corpus(path, encoding='utf-16'))
