# -*- coding: utf-8 -*-
"""The discovery model: its decoder against the tokenizer's, its phases against brute force."""
from __future__ import absolute_import, division, unicode_literals

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_zero.model import Model, autonomy, consistent_counts
from nlp_zero.tokenizer import best_cut


@st.composite
def scored_strings(draw):
    """A prefix-closed set of candidate strings over a small alphabet, with distinct scores."""
    alphabet = u'甲乙丙丁'
    words = draw(st.sets(st.text(alphabet=alphabet, min_size=2, max_size=4), max_size=25))
    closed = set(alphabet)
    for w in words:
        closed.update(w[:i] for i in range(1, len(w) + 1))
    keys = sorted(closed)
    values = draw(st.lists(st.floats(-5, 5), min_size=len(keys), max_size=len(keys), unique=True))
    return dict(zip(keys, values))


@settings(max_examples=200, deadline=None)
@given(scored_strings(), st.text(alphabet=u'甲乙丙丁', max_size=15))
def test_decoder_with_zero_votes_is_the_tokenizers_viterbi(score, unit):
    # One Viterbi in spirit: with every boundary vote 0, discovery's decoder
    # and the tokenizer's best_cut (word cost 0) find cuts of the same best
    # score; they differ only on ties (the tokenizer takes the longer first
    # word, as jieba does; discovery the shorter).
    pairs = dict((k, (v, 0.0, 0.0)) for k, v in score.items() if len(k) == 2)
    single = dict((k, v) for k, v in score.items() if len(k) == 1)
    mine = Model(score, pairs, {}, {}, single).cut(unit)
    theirs = best_cut(unit, score.get, 0.0) if unit else []
    assert ''.join(mine) == unit
    total = sum(score[w] for w in mine)
    assert abs(total - sum(score[w] for w in theirs)) < 1e-9
    assert abs(total - max(_all_cut_scores(unit, score))) < 1e-9     # the best of all cuts


def _all_cut_scores(unit, score):
    if not unit:
        return [0.0]
    return [score[unit[:i]] + rest for i in range(1, len(unit) + 1) if unit[:i] in score
            for rest in _all_cut_scores(unit[i:], score)]


def _entropy(counts):
    total = sum(counts)
    return -sum(c / total * math.log(c / total) for c in counts) if total else 0.0


def test_branching_entropies_against_their_definition():
    # Units 甲乙丙 x2, 甲乙丁, 乙丙: right entropy of 甲乙 over its followers
    # {丙: 2, 丁: 1}; of 乙 over {丙: 3, 丁: 1}; unit ends count as distinct symbols.
    units = [u'甲乙丙', u'甲乙丙', u'甲乙丁', u'乙丙']
    counts = {}
    for n in range(1, 4):
        grams = {}
        for u in units:
            for i in range(len(u) - n + 1):
                grams[u[i:i + n]] = grams.get(u[i:i + n], 0) + 1
        counts[n] = grams
    left, right, score, edges = autonomy(counts, 2)
    assert abs(right[u'甲乙'] - _entropy([2, 1])) < 1e-12
    assert abs(right[u'乙'] - _entropy([3, 1])) < 1e-12
    # 丙 ends every unit it is in: 3 distinct ends
    assert abs(right[u'丙'] - _entropy([1, 1, 1])) < 1e-12
    assert abs(left[u'乙丙'] - _entropy([2, 1])) < 1e-12   # 甲 twice, a unit start once


def test_consistent_counts_drops_orphans():
    counts = {1: {u'甲': 3, u'乙': 3}, 2: {u'甲乙': 2, u'乙丙': 2}, 3: {u'甲乙丙': 2}}
    assert consistent_counts(counts) == 2
    assert counts[2] == {u'甲乙': 2} and counts[3] == {}
