# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, unicode_literals

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_zero.units import (is_ideograph, is_ideographic, iter_segments, iter_units,
                            to_halfwidth, unit_symbols)

MIXED = '天气很好A股iP9.3，。 \n\t\u3400\U00020000\U0002a700Ｋ线１２x_-'


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
