# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, unicode_literals

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_zero.compat import unichr
from nlp_zero.units import (_ASTRAL_EXTENDER_RANGES, _ASTRAL_MARK_RANGES, _ASTRAL_PICTOGRAPH_RANGES, SymbolEncoder,
                            _EXTENDER_RANGES, _MARK_RANGES, _PICTOGRAPH_RANGES, is_ideograph, is_ideographic,
                            iter_segments, iter_units, to_halfwidth, unit_symbols)

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
    # After punctuation or a space the mark stays with it (UAX #29 GB9);
    # after a line break or at the start it has nothing to attach to (GB4).
    assert list(iter_segments('\u0301中\u20dd！\u0301 \u0301\n\u0301')) == [
        ('\u0301', False), ('中\u20dd', True), ('！\u0301', False), (' \u0301', False), ('\n', False),
        ('\u0301', False)]


def expand(ranges):
    """The set of characters of a regex class body such as ``'a-cx'``."""
    chars = set()
    items = list(ranges)
    for i, ch in enumerate(items):
        if ch == '-':
            chars.update(unichr(c) for c in range(ord(items[i - 1]) + 1, ord(items[i + 1])))
        else:
            chars.add(ch)
    return chars


def test_mark_table_matches_unicodedata():
    # The table is Unicode 15.1's category M, so it equals the running
    # Python's when that Python has the 15.1 tables (3.13).  Older tables
    # lack the newer marks and classify a few characters differently (21 on
    # Python 2.7's Unicode 5.2, 2 on 3.6's 9.0): they must still agree on
    # nearly all marks they know.
    table = expand(_MARK_RANGES + _ASTRAL_MARK_RANGES)
    category = unicodedata.category
    marks = set(c for c in map(unichr, range(sys.maxunicode + 1)) if category(c)[0] == 'M')
    if unicodedata.unidata_version == '15.1.0':
        assert marks == table
    else:
        assert len(marks & table) >= 0.97 * len(marks)


def test_extender_table_categories():
    # The grapheme extenders that are not marks, by the category each has
    # in every Unicode version that assigns it (2.7's 5.2 lacks the
    # skin-tone modifiers).
    expected = {'Cf': ['\u200c', '\u200d'] + [unichr(c) for c in range(0xe0020, 0xe0080)],
                'Lm': ['\uff9e', '\uff9f'], 'Sk': [unichr(c) for c in range(0x1f3fb, 0x1f400)]}
    extenders = expand(_EXTENDER_RANGES + _ASTRAL_EXTENDER_RANGES)
    assert extenders == set(c for chars in expected.values() for c in chars)
    for name, chars in expected.items():
        assert set(unicodedata.category(c) for c in chars) <= set([name, 'Cn'])
    modern = int(unicodedata.unidata_version.split('.')[0]) >= 8
    assert unicodedata.category('\U0001f3fb') == ('Sk' if modern else 'Cn')


def test_extender_and_pictograph_tables_match_the_regex_module():
    regex = pytest.importorskip('regex')   # an independent UAX #29 implementation
    all_chars = [unichr(c) for c in range(sys.maxunicode + 1)]
    # Extenders: every grapheme extender (GCB Extend or ZWJ) that is not a mark.
    not_mark = regex.compile(r'[[\p{Grapheme_Cluster_Break=Extend}\p{Grapheme_Cluster_Break=ZWJ}]--\p{M}]',
                             regex.V1)
    assert expand(_EXTENDER_RANGES + _ASTRAL_EXTENDER_RANGES) == set(filter(not_mark.match, all_chars))
    # Pictographs: the same emoji as Extended_Pictographic (reserved code
    # points and non-emoji symbols may move between Unicode versions).
    pictographs = expand(_PICTOGRAPH_RANGES + _ASTRAL_PICTOGRAPH_RANGES)
    extended = set(filter(regex.compile(r'\p{Extended_Pictographic}').match, all_chars))
    is_emoji = regex.compile(r'\p{Emoji}').match
    assert set(filter(is_emoji, pictographs)) == set(filter(is_emoji, extended))
    assert len(pictographs ^ extended) < 0.05 * len(extended)


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


def test_an_encoder_that_never_decodes_keeps_no_table():
    # Discovery's segmentation pass encodes every Latin/digit symbol of the
    # corpus but maps words back from the text: it must not hold them all.
    text = u' '.join(u'第%d号iPhone%d' % (i, i) for i in range(500))
    decoding, plain = SymbolEncoder(), SymbolEncoder(decoding=False)
    assert plain.units(text) == decoding.units(text)
    assert len(decoding.decode) > 900 and plain.decode == {}   # (a few codes may collide)
