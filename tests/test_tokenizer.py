# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, unicode_literals

import math
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_zero.compat import PY2
from nlp_zero.lexicon import Lexicon
from nlp_zero.tokenizer import Tokenizer
from nlp_zero.trie import Trie
from nlp_zero.units import _MARK, unit_symbols

LEX = {'自然': 5, '语言': 5, '自然语言': 2, '处理': 3, 'A股': 4, 'K线图': 2, '大涨': 3, '股': 9,
       '手机': 6, '3.14': 1}
TOK = Tokenizer(LEX)

# Pieces that exercise every branch: ideographs, Latin and digit runs, full
# width, decimals, kana, punctuation, spaces and line breaks, emoji, combining
# marks, astral ideographs, a lone surrogate (Python 3 only), controls.
PIECES = ['自', '然', '语', '言', 'A', '股', 'K', '线', '图', 'iPhone', '3', '.', '14', '１２３', 'ｘ', 'か',
          '，', '。', ' ', '  ', '\n', '\r\n', '\t', '😀', 'e\u0301', '\u0301', '\U00020000', '_', '-', '\x00']
if not PY2:
    PIECES.append('\ud800')
MIXED = st.lists(st.sampled_from(PIECES), max_size=25).map(''.join)
TRAILING_MARKS = re.compile(_MARK + '+$')


@settings(max_examples=120, deadline=None)
@given(text=st.one_of(st.text(), MIXED))
def test_lossless_and_offsets(text):
    words = TOK.lcut(text)
    assert ''.join(words) == text
    assert list(TOK.cut(text)) == words or ''.join(TOK.cut(text)) == text
    position = 0
    for word, start, end in TOK.tokenize(text):
        assert (start, end) == (position, position + len(word)) and text[start:end] == word
        position = end
    assert position == len(text)


@settings(max_examples=120, deadline=None)
@given(text=MIXED)
def test_no_token_glues_symbols_unless_in_lexicon(text):
    for word in TOK.lcut(text):
        if word in LEX:
            continue
        symbols = unit_symbols(word)
        if symbols and ''.join(symbols) == word:
            assert len(symbols) == 1, word  # a unit token made of several symbols must be a word
        else:
            # Not a unit: one whitespace run (with the marks after it), or
            # one character with its marks, repeated.
            cluster = re.match(r'(.+?)\1*$', word, re.DOTALL).group(1)
            assert TRAILING_MARKS.sub('', word).isspace() or len(TRAILING_MARKS.sub('', cluster)) <= 1, word


def test_runs_of_one_punctuation_mark_are_one_token():
    # PKU / MSR gold keep 破折号 and 省略号 whole; different marks stay apart.
    assert TOK.lcut('他说——好……！！！，。') == ['他', '说', '——', '好', '……', '！！！', '，', '。']


def test_combining_marks_stay_with_the_symbol_before_them():
    assert TOK.lcut('cafe\u0301 e\u0301！\u0301') == ['cafe\u0301', ' ', 'e\u0301', '！\u0301']
    # A Han character with a mark is a symbol of its own, unknown to the lexicon.
    assert TOK.lcut('自然\u20dd语言字\u0301') == ['自', '然\u20dd', '语言', '字\u0301']
    assert TOK.lcut('\u0301自然') == ['\u0301', '自然']   # nothing before it to attach to


def test_latin_digit_atoms_examples():
    assert TOK.lcut('我买了iPhone手机，A股大涨') == ['我', '买', '了', 'iPhone', '手机', '，', 'A股', '大涨']
    assert TOK.lcut('AA股') == ['AA', '股']  # A股 is a word, but AA is one symbol
    assert TOK.lcut('K线图3.14') == ['K线图', '3.14']
    assert TOK.lcut('１２３年2016') == ['１２３', '年', '2016']


# -- agreement with a brute-force maximum-probability search ---------------

ALPHABET = '甲乙丙丁'
UNIT_PIECES = ['甲', '乙', '丙', '丁', 'x', '7']


def brute_force_best(unit, counts):
    """Highest unigram log-probability over all cuts of ``unit`` into whole symbols."""
    total = sum(counts.values())
    symbols = unit_symbols(unit)

    def score(word, single):
        if word in counts:
            return math.log(counts[word]) - math.log(total)
        return -math.log(total) if single else None

    best = {len(symbols): 0.0}
    for i in range(len(symbols) - 1, -1, -1):
        top = None
        for j in range(i + 1, len(symbols) + 1):
            s = score(''.join(symbols[i:j]), j == i + 1)
            if s is not None and (top is None or s + best[j] > top):
                top = s + best[j]
        best[i] = top
    return best[0]


def all_segmentations(symbols):
    if not symbols:
        yield []
        return
    for j in range(1, len(symbols) + 1):
        for rest in all_segmentations(symbols[j:]):
            yield [''.join(symbols[:j])] + rest


def exhaustive_best(unit, counts):
    total = sum(counts.values())
    best = None
    for cut in all_segmentations(unit_symbols(unit)):
        if any(len(unit_symbols(w)) > 1 and w not in counts for w in cut):
            continue
        s = sum(math.log(counts.get(w, 1)) - math.log(total) for w in cut)
        best = s if best is None else max(best, s)
    return best


def path_score(words, counts):
    total = sum(counts.values())
    return sum(math.log(counts.get(w, 1)) - math.log(total) for w in words)


@settings(max_examples=100, deadline=None)
@given(lexicon=st.dictionaries(st.lists(st.sampled_from(UNIT_PIECES), min_size=1, max_size=4).map(''.join),
                               st.integers(min_value=1, max_value=1000), min_size=1, max_size=12),
       unit=st.lists(st.sampled_from(UNIT_PIECES), min_size=1, max_size=8).map(''.join))
def test_agrees_with_exhaustive_search(lexicon, unit):
    words = Tokenizer(lexicon).lcut(unit)
    assert ''.join(words) == unit
    expected = exhaustive_best(unit, lexicon)
    assert expected == pytest.approx(brute_force_best(unit, lexicon))
    assert path_score(words, lexicon) == pytest.approx(expected, abs=1e-9)


# -- dictionary changes ------------------------------------------------------

def test_add_and_del_word():
    tok = Tokenizer({'甲乙': 10, '乙丙': 1, '丙': 5})
    assert tok.lcut('甲乙丙') == ['甲乙', '丙']
    tok.add_word('乙丙', 1000000)
    assert tok.lcut('甲乙丙') == ['甲', '乙丙']
    tok.del_word('乙丙')
    assert tok.lcut('甲乙丙') == ['甲乙', '丙'] and '乙丙' not in tok.trie
    tok.del_word('不在')  # no error
    tok.add_word('乙丙', 0)
    assert '乙丙' not in tok.trie


def test_pinned_word_beats_huge_counts():
    # 甲乙丙 has an enormous count, yet 乙 added without a frequency must be
    # kept whole, which forces 甲 and 丙 to be unknown single characters.
    tok = Tokenizer({'甲乙丙': 10 ** 15, '乙': 1, '甲乙': 10 ** 14, '乙丙丁': 10 ** 15})
    tok.add_word('乙')
    assert tok.lcut('甲乙丙丁') == ['甲', '乙', '丙丁'] or tok.lcut('甲乙丙丁')[1] == '乙'
    tok.add_word('新词')
    assert '新词' in tok.lcut('这是甲乙丙新词乙丙丁')
    tok.add_word('乙', 3)  # with a frequency it is an ordinary word again
    assert tok.lcut('甲乙丙') == ['甲乙丙']


@settings(max_examples=100, deadline=None)
@given(lexicon=st.dictionaries(st.text(alphabet=ALPHABET, min_size=1, max_size=5),
                               st.integers(min_value=1, max_value=10 ** 12), max_size=15),
       word=st.text(alphabet=ALPHABET, min_size=1, max_size=4),
       left=st.text(alphabet=ALPHABET, max_size=6), right=st.text(alphabet=ALPHABET, max_size=6))
def test_add_word_without_freq_is_kept_whole(lexicon, word, left, right):
    text = left + word + right
    occurrences = [i for i in range(len(text)) if text.startswith(word, i)]
    if any(b - a < len(word) for a, b in zip(occurrences, occurrences[1:])):
        return  # overlapping occurrences cannot all be kept whole
    tok = Tokenizer(lexicon)
    tok.add_word(word)
    spans = set((start, end) for _, start, end in tok.tokenize(text))
    for start in occurrences:
        assert (start, start + len(word)) in spans


def test_load_userdict_formats_and_override(tmpdir, caplog):
    jieba_file = tmpdir.join('user.txt')
    jieba_file.write_binary('云计算 500 n\n创新办 3\n凱特琳\n'.encode('utf-8'))
    tsv_file = tmpdir.join('user.tsv')
    tsv_file.write_binary('word\tcount\tpmi\nNew York\t9\t1.5\n创新办\t100\t\n'.encode('utf-8'))
    tok = Tokenizer({'云': 50, '计算': 40, '创新': 30, '办': 20, '凱': 1, '特': 1, '琳': 1})
    assert tok.lcut('云计算') == ['云', '计算']
    tok.load_userdict([str(jieba_file), str(tsv_file)])
    assert tok.lcut('云计算创新办凱特琳') == ['云计算', '创新办', '凱特琳']
    assert tok.trie['创新办'] == 100  # the later file overrides
    # A word with a space can never match (the tokenizer cuts at spaces): refused, with a warning.
    assert 'New York' not in tok.trie
    assert [r.getMessage() for r in caplog.records if 'New York' in r.getMessage()] == [
        "%s: line 2: word %r refused: it contains whitespace, where the tokenizer always cuts"
        % (tsv_file, 'New York')]
    assert '凱特琳' in tok.trie.pinned


def test_tokenizer_from_paths_lexicon_and_shared_trie(tmpdir):
    path = str(tmpdir.join('a.txt'))
    Lexicon({'北京': 3, '大学': 4}).save(path)
    path2 = str(tmpdir.join('b.tsv'))
    Lexicon({'北京大学': 9}).save(path2, format='tsv')
    assert Tokenizer([path, path2]).lcut('北京大学') == ['北京大学']
    assert Tokenizer(path).lcut('北京大学') == ['北京', '大学']
    assert Tokenizer(Lexicon({'北京大学': 1})).lcut('北京大学') == ['北京大学']
    trie = Trie({'北京': 3})
    tok = Tokenizer(trie)
    assert tok.lcut('北京大学') == ['北京', '大', '学']
    trie['大学'] = 5  # changes to a shared Trie are seen (the unit cache is invalidated)
    assert tok.lcut('北京大学') == ['北京', '大学']
    assert tok.words is trie
    assert tok.lcut(b'\xe5\x8c\x97\xe4\xba\xac') == ['北京']  # utf-8 bytes are decoded


# -- long input: linear time and memory, checked structurally -----------------

class CountingDict(dict):
    """A dict counting ``get`` calls: the hot loop's only per-step operation."""
    calls = 0

    def get(self, *args):
        CountingDict.calls += 1
        return dict.get(self, *args)


def lookups(tok, text):
    CountingDict.calls = 0
    tok.lcut(text)
    return CountingDict.calls


def test_lookups_grow_linearly():
    lexicon = dict(('甲乙丙丁'[i % 4] * (1 + i % 3) + '乙', 1 + i) for i in range(12))
    tok = Tokenizer(lexicon)
    tok.cache_size = 0
    tok.trie._logc = CountingDict(tok.trie._logc)
    text = '甲乙丙丁乙甲丙' * 3000
    small, large = lookups(tok, text), lookups(tok, text * 2)
    # Each position costs at most (longest word + 1) lookups.
    assert small <= len(text) * (tok.trie.max_word_length + 1)
    assert large <= 2 * small + 10


def test_one_million_character_line():
    tok = Tokenizer({'甲乙': 5, '乙丙': 3, '甲乙丙': 1, '丁': 2})
    text = '甲乙丙丁乙' * 200000  # 1 M characters, no punctuation
    words = tok.lcut(text)
    assert len(text) == 10 ** 6 and ''.join(words) == text
    # No word spans 乙甲, so the cut is the cut of one period, repeated.
    assert words == tok.lcut('甲乙丙丁乙') * 200000


def test_memory_is_linear():
    tracemalloc = pytest.importorskip('tracemalloc')  # Python 3 CPython only (not 2.7, not PyPy)
    if not hasattr(tracemalloc, 'start'):
        pytest.skip('tracemalloc not available')
    tok = Tokenizer({'甲乙': 5, '乙丙': 3, '甲乙丙': 1, '丁': 2})
    text = '乙丙丁甲丁' * 10000  # 50 k characters
    tracemalloc.start()
    try:
        words = tok.lcut(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert ''.join(words) == text
    # A few lists of len(text) entries plus the tokens: ~150 bytes per
    # character; anything quadratic would be thousands of times more.
    assert peak < 400 * len(text)


# -- default tokenizer -------------------------------------------------------

def test_default_tokenizer_is_lazy_and_works():
    import os
    code = ('import nlp_zero.tokenizer as t; assert not t._DEFAULT; '
            'w = t.lcut(u"\\u6211\\u7231\\u5317\\u4eac\\u5929\\u5b89\\u95e8"); assert t._DEFAULT; '
            'assert w == [u"\\u6211", u"\\u7231", u"\\u5317\\u4eac", u"\\u5929\\u5b89\\u95e8"], w; '
            'assert t.lcut(u"") == []; '
            'assert list(t.tokenize(u"\\u7814\\u7a76\\u751f\\u547d")) == '
            '[(u"\\u7814\\u7a76", 0, 2), (u"\\u751f\\u547d", 2, 4)]; '
            'assert u"".join(t.cut(u"abc\\uff0c\\u4e2d\\u6587")) == u"abc\\uff0c\\u4e2d\\u6587"; '
            'assert t.default_tokenizer() is t.default_tokenizer()')
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    subprocess.check_call([sys.executable, '-c', code], cwd=repo)
