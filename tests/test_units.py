# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, unicode_literals

import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_zero.compat import unichr
from nlp_zero.units import (_ASTRAL_MARK_RANGES, _MARK_RANGES, is_ideograph, is_ideographic, iter_segments, iter_units,
                            to_halfwidth, unit_symbols)

MIXED = '天气很好A股iP9.3，。 \n\t\u3400\U00020000\U0002a700Ｋ线１２x_-\u0301\u20dd\u3099か'


def test_units_split_on_punctuation_and_space():
    assert iter_units('我买了iPhone手机，花了3.14元。') == ['我买了iPhone手机', '花了3.14元']
    assert iter_units('A股 大涨，K线图！') == ['A股', '大涨', 'K线图']
    assert iter_units('，。！ \n') == []


def test_symbols():
    assert unit_symbols('iPhone手机') == ['iPhone', '手', '机']
    assert unit_symbols('90后的K线图') == ['90', '后', '的', 'K', '线', '图']
    assert unit_symbols('3.14元') == ['3.14', '元']
    assert unit_symbols('A股') == ['A', '股']
    assert unit_symbols('１２３ＡＢＣ股') == ['１２３ＡＢＣ', '股']
    assert unit_symbols('一九九〇年') == list('一九九〇年')


def test_extension_blocks_are_ideographs():
    ext_a, ext_b, compat = '\u3400', '\U00020000', '\uf900'
    for ch in (ext_a, ext_b, '\U0002a700', compat, '中', '〇'):
        assert is_ideograph(ch)
        assert unit_symbols('x' + ch + ch) == ['x', ch, ch]
    assert is_ideographic(ext_a + ext_b + '中')
    assert not is_ideographic('中a')
    assert not is_ideograph('a') and not is_ideograph('，')
    assert iter_units(ext_b + '，' + ext_a) == [ext_b, ext_a]


def test_combining_marks_stay_with_the_symbol_before_them():
    assert iter_units('cafe\u0301 au lait') == ['cafe\u0301', 'au', 'lait']
    assert unit_symbols('字\u0301中\u20dd文') == ['字\u0301', '中\u20dd', '文']
    assert unit_symbols('か\u3099き') == ['か\u3099', 'き']         # decomposed が
    assert unit_symbols('हिन्दी') == ['हिन्दी']                     # vowel signs, virama
    assert not is_ideographic('字\u0301')
    # After punctuation the mark stays with it; after a space or at the
    # start it has nothing to attach to and stands alone.
    assert list(iter_segments('\u0301中\u20dd！\u0301 \u0301')) == [
        ('\u0301', False), ('中\u20dd', True), ('！\u0301', False), (' ', False), ('\u0301', False)]


def test_mark_table_matches_unicodedata():
    # The table is Unicode 15.1's category M, so it equals the running
    # Python's when that Python has the 15.1 tables (3.13).  Older tables
    # lack the newer marks and classify a few characters differently (21 on
    # Python 2.7's Unicode 5.2, 2 on 3.6's 9.0): they must still agree on
    # nearly all marks they know.
    table = set()
    chars = list(_MARK_RANGES + _ASTRAL_MARK_RANGES)
    for i, ch in enumerate(chars):
        if ch == '-':
            table.update(unichr(c) for c in range(ord(chars[i - 1]) + 1, ord(chars[i + 1])))
        else:
            table.add(ch)
    category = unicodedata.category
    marks = set(c for c in map(unichr, range(sys.maxunicode + 1)) if category(c)[0] == 'M')
    if unicodedata.unidata_version == '15.1.0':
        assert marks == table
    else:
        assert len(marks & table) >= 0.97 * len(marks)


def test_fullwidth():
    assert to_halfwidth('１２３ＡＢＣ！\u3000') == '123ABC! '
    assert iter_units('Ｋ线图１２３') == ['Ｋ线图１２３']


def test_segments_example():
    assert list(iter_segments('你好, world')) == [
        ('你好', True), (',', False), (' ', False), ('world', True)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=MIXED, max_size=60))
def test_segments_lossless_and_units_consistent(text):
    segments = list(iter_segments(text))
    assert ''.join(piece for piece, _ in segments) == text
    assert [piece for piece, is_unit in segments if is_unit] == iter_units(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=MIXED, max_size=60), st.integers(1, 5))
def test_ngram_resplit_gives_symbols_back(text, n):
    for unit in iter_units(text):
        symbols = unit_symbols(unit)
        assert ''.join(symbols) == unit
        for i in range(len(symbols) - n + 1):
            gram = ''.join(symbols[i:i + n])
            assert unit_symbols(gram) == symbols[i:i + n]
            assert iter_units(gram) == [gram]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_any_text_lossless(text):
    assert ''.join(piece for piece, _ in iter_segments(text)) == text
