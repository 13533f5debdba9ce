# -*- coding: utf-8 -*-
"""Text units and symbols: the alphabet every later stage counts and cuts.

* A **unit** is a maximal run of word characters: no whitespace, no
  punctuation, no symbol.  N-grams are counted inside units and never cross
  them, and the tokenizer only ever segments inside a unit.
* Inside a unit, a **symbol** is either one ideograph (every CJK Unified
  Ideographs block including Extensions A-I, the compatibility ideographs,
  ``〇``; also Japanese kana) or one maximal run of any other letters and
  digits (``iPhone``, ``2016``, ``3.14``, full-width ``１２３`` / ``ＡＢＣ``,
  Hangul, Cyrillic...).  ``A股`` is the two symbols ``A`` + ``股``.

All functions take and return text (``unicode`` on Python 2) and cost
O(len(text)) in C regular-expression code.

>>> list(iter_units(u'我买了iPhone手机，花了3.14元。'))
['我买了iPhone手机', '花了3.14元']
>>> unit_symbols(u'iPhone手机')
['iPhone', '手', '机']
"""
from __future__ import absolute_import, division, unicode_literals

import re

from .compat import text_type

# Single-symbol characters: ideographs and kana.  Written as escapes so the
# source stays readable in any editor and identical on Python 2 and 3.
_IDEOGRAPH_RANGES = (
    '\u25cb'                    # ○ (white circle): the zero of 二○○一年 in much printed text
    '\u3007'                    # 〇, used in numbers such as 一九九〇年
    '\u3040-\u30ff'             # hiragana, katakana
    '\u31f0-\u31ff'             # katakana phonetic extensions
    '\u3400-\u4dbf'             # CJK Extension A
    '\u4e00-\u9fff'             # CJK Unified Ideographs
    '\uf900-\ufaff'             # CJK Compatibility Ideographs
    '\U00020000-\U0002ebef'     # Extensions B-F
    '\U0002ebf0-\U0002ee5f'     # Extension I
    '\U0002f800-\U0002fa1f'     # Compatibility Supplement
    '\U00030000-\U000323af'     # Extensions G-H
)

# A word character: letters and digits of any script (``\w`` minus ``_``),
# every ideograph (listed explicitly: older Pythons' Unicode tables -- 5.2 on
# Python 2.7, 9.0 on 3.6 -- do not know the newer ideographs as letters), plus a
# decimal point between two digits so that 3.14 stays whole.
_WORD = r'(?:[^\W_]|[' + _IDEOGRAPH_RANGES + r']|(?<=\d)[.\uff0e](?=\d))'
_UNIT_RE = re.compile(_WORD + '+', re.UNICODE)
# A symbol: one ideograph, or a maximal run of non-ideograph word characters.
_SYMBOL_RE = re.compile(
    '[' + _IDEOGRAPH_RANGES + ']|(?:[^\\W_' + _IDEOGRAPH_RANGES + r']|(?<=\d)[.\uff0e](?=\d))+',
    re.UNICODE)
_NOT_IDEOGRAPH_RE = re.compile('[^' + _IDEOGRAPH_RANGES + ']', re.UNICODE)
_IDEOGRAPH_RE = re.compile('[' + _IDEOGRAPH_RANGES + ']', re.UNICODE)
# Lossless pieces of any text: a unit, a run of whitespace, or a run of one
# other character repeated (``——``, ``……``, ``！！``: one token each, as in
# the PKU and MSR segmentation standards).
_SEGMENT_RE = re.compile(_WORD + r'+|\s+|(.)\1*', re.UNICODE | re.DOTALL)

_HALFWIDTH = dict((c, c - 0xfee0) for c in range(0xff01, 0xff5f))
_HALFWIDTH[0x3000] = 0x20


def iter_units(text):
    """Return the units of ``text`` (a list, in order; punctuation and spaces dropped).

    >>> iter_units(u'A股 大涨，K线图！')
    ['A股', '大涨', 'K线图']
    """
    return _UNIT_RE.findall(text)


def unit_symbols(unit):
    """Split one unit (or any text) into its symbols.

    >>> unit_symbols(u'90后的K线图')
    ['90', '后', '的', 'K', '线', '图']
    """
    return _SYMBOL_RE.findall(unit)


def is_ideographic(text):
    """True when every character of ``text`` is a single-character symbol.

    For such text ``unit_symbols(text) == list(text)``, which lets hot loops
    slice the string directly instead of building symbol lists.
    """
    return _NOT_IDEOGRAPH_RE.search(text) is None


def is_ideograph(char):
    """True for one ideograph (Han, any extension block) or kana character."""
    return _IDEOGRAPH_RE.match(char) is not None


def iter_segments(text):
    """Cut ``text`` losslessly into units, whitespace runs and runs of one other char.

    Yields ``(piece, is_unit)``; ``''.join(piece for piece, _ in ...) == text``.

    >>> list(iter_segments(u'你好, world'))
    [('你好', True), (',', False), (' ', False), ('world', True)]
    """
    for match in _SEGMENT_RE.finditer(text):
        piece = match.group()
        yield piece, match.group(1) is None and not piece[0].isspace()


def to_halfwidth(text):
    """Map full-width ASCII (``ＡＢＣ１２３！``) and the ideographic space to ASCII.

    >>> to_halfwidth(u'１２３ＡＢＣ')
    '123ABC'
    """
    return text_type(text).translate(_HALFWIDTH)
