# -*- coding: utf-8 -*-
"""Grapheme clusters (UAX #29, extended) are never split: units, symbols, counter, tokenizer.

Texts are built from clusters chosen here (emoji with modifiers and
variation selectors, ZWJ sequences, flags, keycaps, tag sequences, letters
and ideographs with combining marks, punctuation, spaces), so the cluster
boundaries, units, symbols and n-grams are known without running the code
under test.  Where the ``regex`` module is installed its ``\\X`` (an
independent UAX #29 implementation) confirms the clusters themselves.
"""
from __future__ import absolute_import, division, unicode_literals

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_zero.ngrams import NgramCounter
from nlp_zero.tokenizer import Tokenizer
from nlp_zero.units import is_ideograph, iter_segments, iter_units, symbol_code, unit_symbols

try:
    import regex
except ImportError:  # an optional test tool (Python 3.7+)
    regex = None

# Bases, by what they are.
HAN = ['好', '点', '赞', '中', '文', '〇', '\U00020000']
KANA = ['か']
OTHER_WORD = ['a', 'Z', 'ж', '1', '7', '１']         # letters and digits: merge into one symbol
PUNCT = ['，', '。', '！', '#', '-', '_', '《', '\u2022']  # no pictograph (© is one: see below)
SPACES = [' ', '\u3000']
# Extenders after a letter, an ideograph, punctuation or a space: combining
# marks, variation selectors, a skin-tone modifier, ZWJ / ZWNJ (after a
# non-pictograph a ZWJ joins nothing more, GB11).
MARKS = ['\u0301', '\u0308', '\u20dd', '\u3099', '\ufe0f', '\U0001f3fd', '\u200d', '\u200c']
PICTOGRAPHS = ['\U0001f44d', '\U0001f600', '\U0001f468', '\U0001f469', '\U0001f467', '\U0001f4bb',
               '\u2764', '\u263a', '\u2b50', '\u00a9', '\U0001f3f3', '\U0001f308']
MODIFIERS = ['\U0001f3fb', '\U0001f3fc', '\U0001f3fd', '\U0001f3fe', '\U0001f3ff']
REGIONAL = ['\U0001f1e8', '\U0001f1f3', '\U0001f1fa', '\U0001f1f8', '\U0001f1ef']  # C N U S J
TAGS = ['\U000e0067', '\U000e0062', '\U000e0065', '\U000e006e', '\U000e0073', '\U000e0063', '\U000e0074']

marks = st.lists(st.sampled_from(MARKS), max_size=2).map(''.join)


def _with_marks(bases):
    return st.tuples(st.sampled_from(bases), marks).map(''.join)


# One emoji: a pictograph, maybe a variation selector, maybe a skin tone.
emoji = st.tuples(st.sampled_from(PICTOGRAPHS), st.sampled_from(['', '\ufe0e', '\ufe0f']),
                  st.sampled_from([''] + MODIFIERS)).map(''.join)
zwj_sequence = st.lists(emoji, min_size=1, max_size=4).map('\u200d'.join)
flag = st.tuples(st.sampled_from(REGIONAL), st.sampled_from(REGIONAL)).map(''.join)
keycap = st.tuples(st.sampled_from('0123456789#*'), st.sampled_from(['', '\ufe0f'])).map(
    lambda t: t[0] + t[1] + '\u20e3')
tag_sequence = st.lists(st.sampled_from(TAGS), min_size=1, max_size=5).map(
    lambda tags: '\U0001f3f4' + ''.join(tags) + '\U000e007f')

# Items are lists of clusters: a mark after a line break or a tab is a
# cluster of its own (GB4), anywhere else it would join the one before.
item = st.one_of(
    zwj_sequence.map(lambda c: [c]), flag.map(lambda c: [c]), keycap.map(lambda c: [c]),
    tag_sequence.map(lambda c: [c]),
    _with_marks(HAN + KANA).map(lambda c: [c]), _with_marks(OTHER_WORD).map(lambda c: [c]),
    _with_marks(PUNCT).map(lambda c: [c]), _with_marks(SPACES).map(lambda c: [c]),
    st.tuples(st.sampled_from(['\n', '\t']), st.lists(st.sampled_from(MARKS[:5]), min_size=1, max_size=2)
              .map(''.join)).map(list),
    st.sampled_from(['\n', '\t']).map(lambda c: [c]),
)
clusters_strategy = st.lists(item, max_size=25).map(lambda items: [c for i in items for c in i])


def kind(cluster):
    """'han', 'word' (other letter or digit), 'space' or 'other', by the cluster's first character."""
    base = cluster[0]
    if base in HAN or base in KANA:
        return 'han'
    if base in OTHER_WORD or base in '0123456789':
        return 'word'
    if base.isspace():
        return 'space'
    return 'other'


def reference(clusters):
    """The units (each a list of symbols) that the definitions in nlp_zero.units give."""
    units = []
    current = None      # symbols of the unit being read
    for cluster in clusters:
        k = kind(cluster)
        if k not in ('han', 'word'):
            current = None
            continue
        if current is None:
            current = []
            units.append(current)
        if k == 'word' and current and kind(current[-1]) == 'word':
            current[-1] += cluster   # letters and digits run together into one symbol
        else:
            current.append(cluster)
    return units


def boundaries(pieces):
    ends, position = set([0]), 0
    for piece in pieces:
        position += len(piece)
        ends.add(position)
    return ends


LEXICON = {'点赞': 50, '好': 20, '中文': 30, '赞': 5, 'a1': 3, '文〇': 2}


@settings(max_examples=300, deadline=None)
@given(clusters_strategy)
def test_no_cluster_is_ever_split(clusters):
    text = ''.join(clusters)
    cluster_ends = boundaries(clusters)
    if regex is not None:
        assert regex.findall(r'\X', text) == clusters   # the test's own ground truth

    # Units and symbols.
    expected = reference(clusters)
    units = iter_units(text)
    assert units == [''.join(symbols) for symbols in expected]
    assert [unit_symbols(unit) for unit in units] == expected

    # The counter counts exactly the n-grams of those symbols (encoded: one
    # character per symbol, see units.SymbolEncoder).
    counter = NgramCounter(order=4)
    counter.update(text)
    for n in range(1, 5):
        codes = [[s if len(s) == 1 and is_ideograph(s) else symbol_code(s) for s in symbols] for symbols in expected]
        grams = Counter(''.join(unit[i:i + n]) for unit in codes for i in range(len(unit) - n + 1))
        assert dict(counter.encoded(n)) == dict(grams)

    # Segments: lossless, cut only between clusters; a non-unit piece that is
    # not whitespace is one cluster repeated.
    segments = list(iter_segments(text))
    assert ''.join(piece for piece, _ in segments) == text
    assert boundaries(piece for piece, _ in segments) <= cluster_ends
    assert [piece for piece, is_unit in segments if is_unit] == units
    position = 0
    for piece, is_unit in segments:
        if not is_unit and not piece[0].isspace():
            inside = [c for c, start in zip(clusters, sorted(cluster_ends))
                      if position <= start < position + len(piece)]
            assert len(set(inside)) == 1, (piece, inside)
        position += len(piece)

    # Tokenizer, every mode.
    tok = Tokenizer(LEXICON)
    words = tok.lcut(text)
    assert ''.join(words) == text
    assert boundaries(words) <= cluster_ends
    cut = list(tok.cut(text))                 # line by line: whitespace runs may split at line ends
    assert ''.join(cut) == text and boundaries(cut) <= cluster_ends
    for mode in ('default', 'search'):
        for word, start, end in tok.tokenize(text, mode=mode):
            assert text[start:end] == word and start in cluster_ends and end in cluster_ends
    for word in tok.lcut(text, cut_all=True) + tok.lcut_for_search(text):
        assert word and word in text
        assert any(start in cluster_ends and start + len(word) in cluster_ends
                   for start in range(len(text)) if text.startswith(word, start))


def test_examples():
    thumbs = '\U0001f44d\U0001f3fd'
    family = '\U0001f468\u200d\U0001f469\u200d\U0001f467'
    china = '\U0001f1e8\U0001f1f3'
    keycap = '1\ufe0f\u20e3'
    tok = Tokenizer(LEXICON)
    assert tok.lcut(thumbs + '点赞' + thumbs * 3 + '，' + family + china + '第' + keycap + '名') == [
        thumbs, '点赞', thumbs * 3, '，', family, china, '第', keycap, '名']
    assert iter_units('点赞' + thumbs + '好') == ['点赞', '好']     # emoji end units like punctuation
    assert unit_symbols('好\U0001f3fd赞') == ['好\U0001f3fd', '赞']  # a modifier after a letter is an extender
    assert list(iter_segments(china + '\U0001f1fa')) == [(china, False), ('\U0001f1fa', False)]
    # A ZWJ joins pictographs only (GB11): after a letter it ends the cluster.
    assert tok.lcut('好\u200d\U0001f600') == ['好\u200d', '\U0001f600']
    # A space takes the marks after it; a line break does not (GB4).
    assert list(iter_segments(' \u0301\n\u0301')) == [(' \u0301', False), ('\n', False), ('\u0301', False)]
