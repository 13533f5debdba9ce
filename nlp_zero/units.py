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
* A **grapheme cluster** (UAX #29, extended) is never split.  An
  *extender* -- a combining mark (Unicode category M: accents, vowel signs,
  enclosing circles, variation selectors), a skin-tone modifier, a zero-width
  (non-)joiner, a tag character -- belongs to the character before it:
  ``e\\u0301`` stays in the symbol of its ``e``, ``字\\u20dd`` is one symbol
  of two characters, and a mark after punctuation or a space stays with it.
  After a line break or tab, or at the start of the text, it is a piece of
  its own.  A keycap (``1\\ufe0f\\u20e3``) is a digit with two extenders, so
  a symbol like any digit.
* **Emoji are not word characters**: like punctuation they end a unit, so
  they are never counted as n-grams and never glued into words.  One emoji
  with its modifiers (``👍🏽``), a ZWJ sequence (``👨\\u200d👩\\u200d👧``), a flag
  (a pair of regional indicators, ``🇨🇳``) or a tag sequence is one piece,
  and a run of the same one (``👍👍👍``) is one piece, like ``！！！``.

All functions take and return text (``unicode`` on Python 2) and cost
O(len(text)) in C regular-expression code.

>>> list(iter_units(u'我买了iPhone手机，花了3.14元。'))
['我买了iPhone手机', '花了3.14元']
>>> unit_symbols(u'iPhone手机')
['iPhone', '手', '机']
"""
from __future__ import absolute_import, division, unicode_literals

import re
import zlib
from operator import itemgetter

from .compat import map, text_type, unichr

# Single-symbol characters: ideographs and kana.  Written as escapes so the
# source stays readable in any editor and identical on Python 2 and 3.
_IDEOGRAPH_RANGES = (
    '\u25cb'                    # ○ (white circle): the zero of 二○○一年 in much printed text
    '\u3007'                    # 〇, used in numbers such as 一九九〇年
    '\u3040-\u3098\u309b-\u30ff'  # hiragana, katakana (not the two combining marks)
    '\u31f0-\u31ff'             # katakana phonetic extensions
    '\u3400-\u4dbf'             # CJK Extension A
    '\u4e00-\u9fff'             # CJK Unified Ideographs
    '\uf900-\ufaff'             # CJK Compatibility Ideographs
    '\U00020000-\U0002ebef'     # Extensions B-F
    '\U0002ebf0-\U0002ee5f'     # Extension I
    '\U0002f800-\U0002fa1f'     # Compatibility Supplement
    '\U00030000-\U000323af'     # Extensions G-H
)

# Combining marks: Unicode category M (Mn, Mc, Me) as of Unicode 15.1, listed
# for the same reason as the ideographs (Python's own table differs from one
# interpreter to the next), and because \w matches no mark at all.  Made with
#   [c for c in range(0x110000) if unicodedata.category(chr(c))[0] == 'M']
# on Python 3.13, written as ranges (BMP, then astral); tests/test_units.py
# checks it against the running interpreter's unicodedata.
_MARK_RANGES = (
    '\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a'
    '\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u0711\u0730-\u074a'
    '\u07a6-\u07b0\u07eb-\u07f3\u07fd\u0816-\u0819\u081b-\u0823\u0825-\u0827\u0829-\u082d'
    '\u0859-\u085b\u0898-\u089f\u08ca-\u08e1\u08e3-\u0903\u093a-\u093c\u093e-\u094f\u0951-\u0957'
    '\u0962\u0963\u0981-\u0983\u09bc\u09be-\u09c4\u09c7\u09c8\u09cb-\u09cd\u09d7\u09e2\u09e3\u09fe'
    '\u0a01-\u0a03\u0a3c\u0a3e-\u0a42\u0a47\u0a48\u0a4b-\u0a4d\u0a51\u0a70\u0a71\u0a75\u0a81-\u0a83'
    '\u0abc\u0abe-\u0ac5\u0ac7-\u0ac9\u0acb-\u0acd\u0ae2\u0ae3\u0afa-\u0aff\u0b01-\u0b03\u0b3c'
    '\u0b3e-\u0b44\u0b47\u0b48\u0b4b-\u0b4d\u0b55-\u0b57\u0b62\u0b63\u0b82\u0bbe-\u0bc2'
    '\u0bc6-\u0bc8\u0bca-\u0bcd\u0bd7\u0c00-\u0c04\u0c3c\u0c3e-\u0c44\u0c46-\u0c48\u0c4a-\u0c4d'
    '\u0c55\u0c56\u0c62\u0c63\u0c81-\u0c83\u0cbc\u0cbe-\u0cc4\u0cc6-\u0cc8\u0cca-\u0ccd\u0cd5\u0cd6'
    '\u0ce2\u0ce3\u0cf3\u0d00-\u0d03\u0d3b\u0d3c\u0d3e-\u0d44\u0d46-\u0d48\u0d4a-\u0d4d\u0d57'
    '\u0d62\u0d63\u0d81-\u0d83\u0dca\u0dcf-\u0dd4\u0dd6\u0dd8-\u0ddf\u0df2\u0df3\u0e31\u0e34-\u0e3a'
    '\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ece\u0f18\u0f19\u0f35\u0f37\u0f39\u0f3e\u0f3f'
    '\u0f71-\u0f84\u0f86\u0f87\u0f8d-\u0f97\u0f99-\u0fbc\u0fc6\u102b-\u103e\u1056-\u1059'
    '\u105e-\u1060\u1062-\u1064\u1067-\u106d\u1071-\u1074\u1082-\u108d\u108f\u109a-\u109d'
    '\u135d-\u135f\u1712-\u1715\u1732-\u1734\u1752\u1753\u1772\u1773\u17b4-\u17d3\u17dd'
    '\u180b-\u180d\u180f\u1885\u1886\u18a9\u1920-\u192b\u1930-\u193b\u1a17-\u1a1b\u1a55-\u1a5e'
    '\u1a60-\u1a7c\u1a7f\u1ab0-\u1ace\u1b00-\u1b04\u1b34-\u1b44\u1b6b-\u1b73\u1b80-\u1b82'
    '\u1ba1-\u1bad\u1be6-\u1bf3\u1c24-\u1c37\u1cd0-\u1cd2\u1cd4-\u1ce8\u1ced\u1cf4\u1cf7-\u1cf9'
    '\u1dc0-\u1dff\u20d0-\u20f0\u2cef-\u2cf1\u2d7f\u2de0-\u2dff\u302a-\u302f\u3099\u309a'
    '\ua66f-\ua672\ua674-\ua67d\ua69e\ua69f\ua6f0\ua6f1\ua802\ua806\ua80b\ua823-\ua827\ua82c'
    '\ua880\ua881\ua8b4-\ua8c5\ua8e0-\ua8f1\ua8ff\ua926-\ua92d\ua947-\ua953\ua980-\ua983'
    '\ua9b3-\ua9c0\ua9e5\uaa29-\uaa36\uaa43\uaa4c\uaa4d\uaa7b-\uaa7d\uaab0\uaab2-\uaab4\uaab7\uaab8'
    '\uaabe\uaabf\uaac1\uaaeb-\uaaef\uaaf5\uaaf6\uabe3-\uabea\uabec\uabed\ufb1e\ufe00-\ufe0f'
    '\ufe20-\ufe2f'
)
_ASTRAL_MARK_RANGES = (
    '\U000101fd\U000102e0\U00010376-\U0001037a\U00010a01-\U00010a03'
    '\U00010a05\U00010a06\U00010a0c-\U00010a0f\U00010a38-\U00010a3a\U00010a3f\U00010ae5\U00010ae6'
    '\U00010d24-\U00010d27\U00010eab\U00010eac\U00010efd-\U00010eff\U00010f46-\U00010f50'
    '\U00010f82-\U00010f85\U00011000-\U00011002\U00011038-\U00011046\U00011070\U00011073\U00011074'
    '\U0001107f-\U00011082\U000110b0-\U000110ba\U000110c2\U00011100-\U00011102\U00011127-\U00011134'
    '\U00011145\U00011146\U00011173\U00011180-\U00011182\U000111b3-\U000111c0\U000111c9-\U000111cc'
    '\U000111ce\U000111cf\U0001122c-\U00011237\U0001123e\U00011241\U000112df-\U000112ea'
    '\U00011300-\U00011303\U0001133b\U0001133c\U0001133e-\U00011344\U00011347\U00011348'
    '\U0001134b-\U0001134d\U00011357\U00011362\U00011363\U00011366-\U0001136c\U00011370-\U00011374'
    '\U00011435-\U00011446\U0001145e\U000114b0-\U000114c3\U000115af-\U000115b5\U000115b8-\U000115c0'
    '\U000115dc\U000115dd\U00011630-\U00011640\U000116ab-\U000116b7\U0001171d-\U0001172b'
    '\U0001182c-\U0001183a\U00011930-\U00011935\U00011937\U00011938\U0001193b-\U0001193e\U00011940'
    '\U00011942\U00011943\U000119d1-\U000119d7\U000119da-\U000119e0\U000119e4\U00011a01-\U00011a0a'
    '\U00011a33-\U00011a39\U00011a3b-\U00011a3e\U00011a47\U00011a51-\U00011a5b\U00011a8a-\U00011a99'
    '\U00011c2f-\U00011c36\U00011c38-\U00011c3f\U00011c92-\U00011ca7\U00011ca9-\U00011cb6'
    '\U00011d31-\U00011d36\U00011d3a\U00011d3c\U00011d3d\U00011d3f-\U00011d45\U00011d47'
    '\U00011d8a-\U00011d8e\U00011d90\U00011d91\U00011d93-\U00011d97\U00011ef3-\U00011ef6'
    '\U00011f00\U00011f01\U00011f03\U00011f34-\U00011f3a\U00011f3e-\U00011f42\U00013440'
    '\U00013447-\U00013455\U00016af0-\U00016af4\U00016b30-\U00016b36\U00016f4f\U00016f51-\U00016f87'
    '\U00016f8f-\U00016f92\U00016fe4\U00016ff0\U00016ff1\U0001bc9d\U0001bc9e\U0001cf00-\U0001cf2d'
    '\U0001cf30-\U0001cf46\U0001d165-\U0001d169\U0001d16d-\U0001d172\U0001d17b-\U0001d182'
    '\U0001d185-\U0001d18b\U0001d1aa-\U0001d1ad\U0001d242-\U0001d244\U0001da00-\U0001da36'
    '\U0001da3b-\U0001da6c\U0001da75\U0001da84\U0001da9b-\U0001da9f\U0001daa1-\U0001daaf'
    '\U0001e000-\U0001e006\U0001e008-\U0001e018\U0001e01b-\U0001e021\U0001e023\U0001e024'
    '\U0001e026-\U0001e02a\U0001e08f\U0001e130-\U0001e136\U0001e2ae\U0001e2ec-\U0001e2ef'
    '\U0001e4ec-\U0001e4ef\U0001e8d0-\U0001e8d6\U0001e944-\U0001e94a\U000e0100-\U000e01ef'
)
# Grapheme extenders that are not category M: UAX #29's Extend and ZWJ minus
# the marks (Unicode 15.1 to 17.0): zero-width non-joiner and joiner, the
# half-width katakana sound marks, the emoji skin-tone modifiers, the tag
# characters of flag tag sequences.  tests/test_units.py checks them.
_EXTENDER_RANGES = '\u200c\u200d\uff9e\uff9f'
_ASTRAL_EXTENDER_RANGES = '\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f'
# The astral marks are tested only for astral characters: in one class with
# the others they would be a list of ranges scanned for every character (the
# regular expression engine keeps a fast table for BMP characters only).
# _MARK: one extender (a combining mark or one of the above).
_MARK = ('(?:[' + _MARK_RANGES + _EXTENDER_RANGES + ']|(?=[\U00010000-\U0010ffff])['
         + _ASTRAL_MARK_RANGES + _ASTRAL_EXTENDER_RANGES + '])')
# Where marks may follow, almost every character is not one: a single class
# lookup (BMP marks, any astral character) rules it out before the
# alternation above is entered.  _MARKS: zero or more marks.
_MAY_BE_MARK = '(?=[' + _MARK_RANGES + _EXTENDER_RANGES + '\U00010000-\U0010ffff])'
_MARKS = '(?:' + _MAY_BE_MARK + _MARK + '+|)'

# Extended_Pictographic (UAX #29 rule GB11: only these join through a ZWJ),
# as the `regex` module 2026.12.2 has it (Unicode 17.0); Python's unicodedata
# does not know the property, so tests/test_units.py checks the table
# against `regex` where it is installed.
_PICTOGRAPH_RANGES = (
    '\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a\u231b\u2328\u23cf'
    '\u23e9-\u23f3\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe\u2600-\u2604\u260e'
    '\u2611\u2614\u2615\u2618\u261d\u2620\u2622\u2623\u2626\u262a\u262e\u262f\u2638-\u263a\u2640'
    '\u2642\u2648-\u2653\u265f\u2660\u2663\u2665\u2666\u2668\u267b\u267e\u267f\u2692-\u2697\u2699'
    '\u269b\u269c\u26a0\u26a1\u26a7\u26aa\u26ab\u26b0\u26b1\u26bd\u26be\u26c4\u26c5\u26c8'
    '\u26ce\u26cf\u26d1\u26d3\u26d4\u26e9\u26ea\u26f0-\u26f5\u26f7-\u26fa\u26fd\u2702\u2705'
    '\u2708-\u270d\u270f\u2712\u2714\u2716\u271d\u2721\u2728\u2733\u2734\u2744\u2747\u274c\u274e'
    '\u2753-\u2755\u2757\u2763\u2764\u2795-\u2797\u27a1\u27b0\u27bf\u2934\u2935\u2b05-\u2b07'
    '\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299'
)
_ASTRAL_PICTOGRAPH_RANGES = (
    '\U0001f004\U0001f02c-\U0001f02f\U0001f094-\U0001f09f\U0001f0af\U0001f0b0\U0001f0c0'
    '\U0001f0cf\U0001f0d0\U0001f0f6-\U0001f0ff\U0001f170\U0001f171\U0001f17e\U0001f17f\U0001f18e'
    '\U0001f191-\U0001f19a\U0001f1af-\U0001f1e5\U0001f201-\U0001f20f\U0001f21a\U0001f22f'
    '\U0001f232-\U0001f23a\U0001f23c-\U0001f23f\U0001f249-\U0001f25f\U0001f266-\U0001f321'
    '\U0001f324-\U0001f393\U0001f396\U0001f397\U0001f399-\U0001f39b\U0001f39e-\U0001f3f0'
    '\U0001f3f3-\U0001f3f5\U0001f3f7-\U0001f3fa\U0001f400-\U0001f4fd\U0001f4ff-\U0001f53d'
    '\U0001f549-\U0001f54e\U0001f550-\U0001f567\U0001f56f\U0001f570\U0001f573-\U0001f57a'
    '\U0001f587\U0001f58a-\U0001f58d\U0001f590\U0001f595\U0001f596\U0001f5a4\U0001f5a5\U0001f5a8'
    '\U0001f5b1\U0001f5b2\U0001f5bc\U0001f5c2-\U0001f5c4\U0001f5d1-\U0001f5d3'
    '\U0001f5dc-\U0001f5de\U0001f5e1\U0001f5e3\U0001f5e8\U0001f5ef\U0001f5f3\U0001f5fa-\U0001f64f'
    '\U0001f680-\U0001f6c5\U0001f6cb-\U0001f6d2\U0001f6d5-\U0001f6e5\U0001f6e9'
    '\U0001f6eb-\U0001f6f0\U0001f6f3-\U0001f6ff\U0001f7dc-\U0001f7f0\U0001f80c-\U0001f80f'
    '\U0001f848-\U0001f84f\U0001f85a-\U0001f85f\U0001f888-\U0001f88f\U0001f8ae\U0001f8af'
    '\U0001f8bc-\U0001f8bf\U0001f8c2-\U0001f8cf\U0001f8d9-\U0001f8ff\U0001f90c-\U0001f93a'
    '\U0001f93c-\U0001f945\U0001f947-\U0001f9ff\U0001fa58-\U0001fa5f\U0001fa6e-\U0001faff'
    '\U0001fc00-\U0001fffd'
)
_PICTOGRAPH = ('(?:[' + _PICTOGRAPH_RANGES + ']|(?=[\U00010000-\U0010ffff])['
               + _ASTRAL_PICTOGRAPH_RANGES + '])')
_REGIONAL_INDICATOR = '[\U0001f1e6-\U0001f1ff]'
# One grapheme cluster that does not start a unit (punctuation, a symbol, an
# emoji, a lone mark...): a flag (regional indicators pair up from the left,
# GB12-13), a pictograph with its extenders and ZWJ-joined pictographs
# (GB9, GB11), or any other character, each with its extenders (GB9).  The
# emoji branches sit behind one class test so punctuation skips them.
_CLUSTER = ('(?:(?=[' + _PICTOGRAPH_RANGES + '\U00010000-\U0010ffff])(?:' + _REGIONAL_INDICATOR + '{1,2}|'
            + _PICTOGRAPH + '(?:' + _MAY_BE_MARK + '(?:\u200d' + _PICTOGRAPH + '|' + _MARK + '))*)|.)'
            + _MARKS)
# A non-unit piece: one cluster, repeated as long as each copy is whole (a
# copy followed by an extender is the start of a longer cluster).  Uses the
# group name ``cluster``, so a pattern can hold it once.
_OTHER = '(?P<cluster>' + _CLUSTER + ')(?:(?P=cluster)(?!' + _MARK + '))*'
# A whitespace run, with the extenders after it unless it ends with a line
# break, tab or other control (GB4-5: a cluster ends after a control).
_SPACE = r'\s+(?:(?<![\t-\r\x1c-\x1f\x85\u2028\u2029])' + _MAY_BE_MARK + _MARK + '+)?'

# A word character: letters and digits of any script (``\w`` minus ``_``),
# every ideograph (listed explicitly: older Pythons' Unicode tables -- 5.2 on
# Python 2.7, 9.0 on 3.6 -- do not know the newer ideographs as letters), plus a
# decimal point between two digits so that 3.14 stays whole.
_WORD = r'(?:[^\W_]|[' + _IDEOGRAPH_RANGES + r']|(?<=\d)[.\uff0e](?=\d))'
# A unit: word characters, each with the extenders that follow it.
# Marks are looked for at the end of each run of word characters, not after
# every character (measured: several times faster on Chinese text).
_UNIT = _WORD + '+(?:' + _MAY_BE_MARK + _MARK + '+' + _WORD + '*)*'
_UNIT_RE = re.compile(_UNIT, re.UNICODE)
# A symbol: one ideograph, or a maximal run of non-ideograph word characters
# (with their marks).
_SYMBOL_RE = re.compile(
    '[' + _IDEOGRAPH_RANGES + ']' + _MARKS + '|(?:(?:[^\\W_' + _IDEOGRAPH_RANGES
    + r']|(?<=\d)[.\uff0e](?=\d))+' + _MARKS + ')+',
    re.UNICODE)
_NOT_IDEOGRAPH_RE = re.compile('[^' + _IDEOGRAPH_RANGES + ']', re.UNICODE)
_IDEOGRAPH_RE = re.compile('[' + _IDEOGRAPH_RANGES + ']', re.UNICODE)
# Lossless pieces of any text, in one pass of C regular-expression code:
#   1. a unit made only of ideographs (the tokenizer's fast path: its symbols
#      are its characters), 2. any other unit, 3. a whitespace run, 4. a run
#      of one other grapheme cluster repeated (``——``, ``……``, ``！！``,
#      ``👍👍``: one token each, as in the PKU and MSR segmentation standards;
#      group 5 is the cluster).
_PIECE_RE = re.compile(
    '([' + _IDEOGRAPH_RANGES + r']+)(?![^\W_]|' + _MARK + ')|(' + _UNIT + ')|(' + _SPACE + ')|(' + _OTHER + ')',
    re.UNICODE | re.DOTALL)

# One match per unit: group 1 when the unit is all ideographs (its symbols are
# its characters), group 2 otherwise.  The same units as iter_units(), in one
# C scan that also tells the two kinds apart.
_WORD_CHAR = '(?:[^\\W_]|[' + _IDEOGRAPH_RANGES + '])'
_UNIT_KIND_RE = re.compile(
    '(?<!' + _WORD_CHAR + ')([' + _IDEOGRAPH_RANGES + ']+)(?!' + _WORD_CHAR + '|' + _MARK + ')|(' + _UNIT + ')',
    re.UNICODE)

# The encoded alphabet: an ideograph stands for itself; any other symbol
# (a Latin/digit run) for one code point of planes 4-16, which no ideograph
# and no separator uses, chosen by a hash of its UTF-8 bytes.  The code is a
# pure function of the symbol, so counts made by any process, on any
# interpreter, in any run, agree and add up.  Two distinct runs may share a
# code (probability about (distinct runs) / 851,968 for a given run); their
# counts then add up as one symbol.  A change to this scheme or to the unit
# and symbol definitions above changes ALPHABET_VERSION (2: grapheme
# extenders -- ZWJ, skin tones, tags... -- belong to the symbol before them).
ALPHABET_VERSION = 2
_CODE_FIRST = 0x40000
_CODE_COUNT = 0x110000 - _CODE_FIRST
_CODE_CACHE = 1 << 16   # symbols memoised per encoder (then the memo restarts)

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
    """Cut ``text`` losslessly into units, whitespace runs and runs of one other cluster.

    Yields ``(piece, is_unit)``; ``''.join(piece for piece, _ in ...) == text``.

    >>> list(iter_segments(u'你好, world'))
    [('你好', True), (',', False), (' ', False), ('world', True)]
    """
    for match in _PIECE_RE.finditer(text):
        yield match.group(), match.lastindex < 3   # a group of a unit


def to_halfwidth(text):
    """Map full-width ASCII (``ＡＢＣ１２３！``) and the ideographic space to ASCII.

    >>> to_halfwidth(u'１２３ＡＢＣ')
    '123ABC'
    """
    return text_type(text).translate(_HALFWIDTH)


def symbol_code(symbol):
    """The one character that stands for a non-ideograph ``symbol`` in encoded text.

    >>> symbol_code(u'iPhone') == symbol_code(u'iPhone') != symbol_code(u'iPad')
    True
    """
    return unichr(_CODE_FIRST + (zlib.crc32(symbol.encode('utf-8')) & 0xffffffff) % _CODE_COUNT)


def is_code(char):
    """True when ``char`` is a code of :func:`symbol_code` (not a real character of a unit)."""
    return ord(char) >= _CODE_FIRST


class SymbolEncoder(object):
    """Text -> encoded units: one character per symbol, so n-grams are plain slices.

    Every stage that counts or cuts by symbols (the n-gram counter, word
    discovery) works on encoded units.  An all-ideograph unit is its own
    encoding; in any other unit each Latin/digit run becomes its
    :func:`symbol_code`.  ``decode`` (code -> the first symbol seen with it)
    turns encoded n-grams back into text.

    Memory: ``decode`` holds one entry per distinct non-ideograph symbol seen
    (call :meth:`forget` to keep only those still needed; an encoder made
    with ``decoding=False``, for text that is never decoded, keeps none);
    the memo of codes is bounded.  Cost: one C regular-expression scan per text, plus a call
    per unit that has a non-ideograph symbol.

    >>> enc = SymbolEncoder()
    >>> units = enc.units(u'孙悟空，iPhone手机')
    >>> units[0], len(units[1]), enc.text(units[1])
    ('孙悟空', 3, 'iPhone手机')
    """

    version = ALPHABET_VERSION

    def __init__(self, decoding=True):
        self.decode = {}    # ord(code) -> symbol
        self._codes = {}    # symbol -> code (memo)
        self._decoding = decoding

    def code(self, symbol):
        """The code of one non-ideograph symbol (recorded in ``decode``)."""
        char = self._codes.get(symbol)
        if char is None:
            if len(self._codes) >= _CODE_CACHE:
                self._codes = {}
            char = self._codes[symbol] = symbol_code(symbol)
            if self._decoding:
                self.decode.setdefault(ord(char), symbol)
        return char

    def encode(self, unit):
        """One unit (or word) -> its encoded string."""
        if _NOT_IDEOGRAPH_RE.search(unit) is None:
            return unit
        code = self.code
        return ''.join([s if len(s) == 1 and _IDEOGRAPH_RE.match(s) else code(s)
                        for s in _SYMBOL_RE.findall(unit)])

    def units(self, text):
        """The encoded units of ``text``, in order (see :func:`iter_units`)."""
        encode = self.encode
        return [ideographic or encode(mixed) for ideographic, mixed in _UNIT_KIND_RE.findall(text)]

    @staticmethod
    def split_units(text):
        """The units of ``text`` in two lists: the all-ideograph ones (their own
        encoding) and the others (to :meth:`encode`), each in text order."""
        found = _UNIT_KIND_RE.findall(text)
        return (list(filter(None, map(itemgetter(0), found))),
                list(filter(None, map(itemgetter(1), found))))

    def text(self, encoded):
        """Encoded text -> text (each code -> the first symbol seen with it)."""
        return encoded.translate(self.decode) if self.decode else encoded

    def forget(self, keep):
        """Drop the ``decode`` entries of the codes not in ``keep`` (a container of code characters)."""
        self.decode = dict((k, v) for k, v in self.decode.items() if unichr(k) in keep)
        self._codes = {}
