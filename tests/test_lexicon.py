# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, unicode_literals

import gzip
import io
import math
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_zero.files import InputError
from nlp_zero.lexicon import Lexicon, read_counts


def write(path, text, compress=False):
    data = text.encode('utf-8')
    if compress:
        with gzip.open(path, 'wb') as out:
            out.write(data)
    else:
        with open(path, 'wb') as out:
            out.write(data)
    return path


def test_mapping_total_and_most_common():
    lex = Lexicon({'自然': 3, '语言': 5})
    lex['处理'] = 5
    assert lex.total == 13 and len(lex) == 3
    assert lex.most_common() == [('处理', 5), ('语言', 5), ('自然', 3)]
    assert lex.most_common(1) == [('处理', 5)]
    lex['语言'] = 1
    assert lex.total == 9
    lex.scores['自然'] = {'cohesion': 1.5}
    del lex['自然']
    assert lex.total == 6 and '自然' not in lex and '自然' not in lex.scores
    with pytest.raises(KeyError):
        lex['自然']
    assert lex.get('自然', 0) == 0
    with pytest.raises(ValueError):
        lex['坏'] = -1
    with pytest.raises(TypeError):
        lex[''] = 1


def test_tsv_round_trip_with_scores_and_spaces(tmpdir):
    lex = Lexicon({'New York': 7, '纽约': 9, 'x': 1})
    lex.scores['纽约'] = {'cohesion': 2.5, 'left_entropy': 0.1}
    lex.scores['New York'] = {'cohesion': -1e-300}
    for name in ('lex.tsv', 'lex.tsv.gz'):
        path = str(tmpdir.join(name))
        lex.save(path, format='tsv')
        back = Lexicon.load(path)
        assert back == lex
        assert back.scores['纽约'] == {'cohesion': 2.5, 'left_entropy': 0.1}
        assert back.scores['New York'] == {'cohesion': -1e-300}
        assert 'x' not in back.scores
    with io.open(str(tmpdir.join('lex.tsv')), encoding='utf-8') as f:
        assert f.readline() == 'word\tcount\tcohesion\tleft_entropy\n'


def test_jieba_save_and_formats(tmpdir):
    lex = Lexicon({'云计算': 5, '的': 100})
    path = str(tmpdir.join('dict.txt'))
    lex.save(path)
    with io.open(path, encoding='utf-8') as f:
        assert f.read() == '的 100\n云计算 5\n'
    assert Lexicon.load(path) == lex
    with pytest.raises(ValueError):
        Lexicon({'New York': 1}).save(str(tmpdir.join('bad.txt')))
    assert not os.path.exists(str(tmpdir.join('bad.txt')))


def test_dump_to_a_stream():
    lex = Lexicon({'纽约': 9, 'New York': 7})
    lex.scores['纽约'] = {'pmi': 1.25}
    out = io.StringIO()
    lex.dump(out, format='tsv')
    assert out.getvalue() == 'word\tcount\tpmi\n纽约\t9\t1.25\nNew York\t7\t\n'
    out = io.StringIO()
    Lexicon({'的': 3, '云计算': 5}).dump(out)
    assert out.getvalue() == '云计算 5\n的 3\n'
    with pytest.raises(ValueError):
        lex.dump(io.StringIO(), format='jieba')


def test_load_jieba_with_tags_plain_words_and_gzip(tmpdir):
    p = write(str(tmpdir.join('a.txt.gz')), '\ufeff云计算 5 n\r\n韩玉赏鉴 3 nz\n\n凱特琳 nz\n创新办\n', compress=True)
    counts, scores, uncounted = read_counts(p)
    assert counts == {'云计算': 5, '韩玉赏鉴': 3, '凱特琳': 1, '创新办': 1}
    assert sorted(uncounted) == ['凱特琳', '创新办']
    assert dict(Lexicon.load(p)) == counts


def test_bad_lines_name_file_and_line(tmpdir):
    p = write(str(tmpdir.join('bad.txt')), 'a 1\nb x y z\n')
    with pytest.raises(InputError) as info:
        Lexicon.load(p)
    assert 'bad.txt' in str(info.value) and 'line 2' in str(info.value)
    p = write(str(tmpdir.join('bad.tsv')), 'word\tcount\tpmi\nok\t3\t1.0\nbad\tthree\t\n')
    with pytest.raises(InputError) as info:
        Lexicon.load(p)
    assert 'bad.tsv' in str(info.value) and 'line 3' in str(info.value)
    p = write(str(tmpdir.join('space.txt')), 'ok 1\nNew York\n')
    with pytest.raises(InputError) as info:
        Lexicon.load(p)  # a plain word list with spaces needs the TSV format
    assert 'line 2' in str(info.value)
    p = write(str(tmpdir.join('neg.txt')), 'a 1\nb -3\n')
    with pytest.raises(InputError):
        Lexicon.load(p)
    with pytest.raises(InputError):
        Lexicon.load(str(tmpdir.join('missing.txt')))


def test_without(tmpdir):
    lex = Lexicon({'新词': 2, '的': 9, '旧词': 4})
    lex.scores['新词'] = {'pmi': 3.0}
    new = lex.without({'的', '旧词'})
    assert dict(new) == {'新词': 2} and new.scores == {'新词': {'pmi': 3.0}} and new.total == 2
    assert dict(lex.without(Lexicon({'的': 1}))) == {'新词': 2, '旧词': 4}
    p = write(str(tmpdir.join('known.txt')), '的 5 uj\n旧词\n')
    assert dict(lex.without(p)) == {'新词': 2}
    assert dict(lex.without([p])) == {'新词': 2}


_TSV_WORD = st.text(alphabet=st.characters(blacklist_categories=('Cc', 'Cs', 'Zl', 'Zp')), min_size=1)
_JIEBA_WORD = _TSV_WORD.filter(lambda w: w.split() == [w] and not w.startswith('\ufeff'))
_COUNT = st.integers(min_value=0, max_value=10 ** 12)
_SCORE = st.floats(allow_nan=False)


@settings(max_examples=40, deadline=None)
@given(items=st.dictionaries(_TSV_WORD.filter(lambda w: not w.startswith('\ufeff')),
                             st.tuples(_COUNT, _SCORE), max_size=8))
def test_tsv_round_trip_random(items):
    import tempfile
    lex = Lexicon(dict((w, c) for w, (c, _) in items.items()))
    for w, (_, s) in items.items():
        lex.scores[w] = {'s': s}
    directory = tempfile.mkdtemp()
    path = os.path.join(directory, 'x.tsv')
    try:
        lex.save(path, format='tsv')
        back = Lexicon.load(path)
        assert dict(back) == dict(lex)
        for w, (_, s) in items.items():
            got = back.scores[w]['s']
            assert got == s or (math.isinf(s) and got == s)
    finally:
        if os.path.exists(path):
            os.remove(path)
        os.rmdir(directory)


@settings(max_examples=40, deadline=None)
@given(items=st.dictionaries(_JIEBA_WORD, _COUNT, max_size=8))
def test_jieba_round_trip_random(items):
    import tempfile
    lex = Lexicon(items)
    directory = tempfile.mkdtemp()
    path = os.path.join(directory, 'x.txt')
    try:
        lex.save(path, format='jieba')
        assert Lexicon.load(path, format='jieba') == lex
    finally:
        if os.path.exists(path):
            os.remove(path)
        os.rmdir(directory)


def test_a_gbk_dictionary_loads(tmpdir):
    # Dictionaries are read with the corpus reader's encoding detection.
    path = str(tmpdir.join('gbk.txt'))
    with open(path, 'wb') as f:
        f.write('宋江 100\n大怒 50\n'.encode('gbk'))
    assert dict(Lexicon.load(path).items()) == {'宋江': 100, '大怒': 50}


# -- dictionaries for a tokenizer: refused entries, line endings, tabs --------

def test_tokenizer_dictionary_refuses_long_and_spaced_entries_with_file_and_line(tmpdir, caplog):
    from nlp_zero.trie import MAX_WORD_LENGTH, read_dictionary
    long_word = '长' * (MAX_WORD_LENGTH + 1)
    fine = '好' * MAX_WORD_LENGTH
    path = write(str(tmpdir.join('d.txt')), '八戒 10\n%s 3\n%s 4\n悟空 20\n' % (long_word, fine))
    counts, _, _ = read_dictionary(path)
    assert counts == {'八戒': 10, fine: 4, '悟空': 20}
    messages = [r.getMessage() for r in caplog.records]
    assert messages == ['%s: line 2: entry of %d characters refused: a dictionary word has at most %d '
                        '(a file that lost its line breaks?)' % (path, MAX_WORD_LENGTH + 1, MAX_WORD_LENGTH)]
    # A Lexicon keeps everything (memory is linear there).
    assert Lexicon.load(path)[long_word] == 3


def test_many_refused_entries_warn_ten_lines_then_a_count(tmpdir, caplog):
    from nlp_zero.trie import read_dictionary
    lines = ['词 1'] + ['New York %d\t%d' % (i, i + 1) for i in range(25)]
    path = write(str(tmpdir.join('d.tsv')), 'word\tcount\n' + '\n'.join(lines) + '\n')
    counts, _, _ = read_dictionary(path)
    assert counts == {'词 1': 1} or counts == {}   # '词 1' has a space too
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 11
    assert messages[0].startswith('%s: line 2: ' % path)
    assert messages[-1] == '%s: 26 entries refused (the first 10 shown)' % path


def test_cr_line_endings_and_tabbed_jieba_lines(tmpdir):
    path = write(str(tmpdir.join('mac.txt')), '八戒 10 nr\r悟空 20\r\n师父\r')
    assert read_counts(path)[0] == {'八戒': 10, '悟空': 20, '师父': 1}
    path = write(str(tmpdir.join('tabs.txt')), '八戒\t10\tnr\n悟空\tnr\n师父\t30\n')
    counts, scores, uncounted = read_counts(path)
    assert counts == {'八戒': 10, '悟空': 1, '师父': 30} and scores == {} and uncounted == ['悟空']
    # A third field that is not a tag still needs a header naming it.
    path = write(str(tmpdir.join('scores.txt')), '八戒\t10\t2.5\n')
    with pytest.raises(InputError, match='line 1: score fields but no header'):
        read_counts(path)


def test_lone_surrogates_cannot_be_saved(tmpdir):
    path = str(tmpdir.join('x.txt'))
    for format in ('jieba', 'tsv'):
        with pytest.raises(ValueError, match='lone surrogate'):
            Lexicon({'好': 1, 'a\ud800': 2}).save(path, format=format)
    assert not os.path.exists(path) and os.listdir(str(tmpdir)) == []
