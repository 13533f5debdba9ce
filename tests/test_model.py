# -*- coding: utf-8 -*-
"""The discovery model: its decoder against the tokenizer's, its phases against brute force."""
from __future__ import absolute_import, division, unicode_literals

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_zero.model import Model, autonomy, bound_strings, build_model, consistent_counts, fixed_strings
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
    left, right, score, edges, means = autonomy(counts, 2)
    assert abs(right[u'甲乙'] - _entropy([2, 1])) < 1e-12
    assert abs(right[u'乙'] - _entropy([3, 1])) < 1e-12
    # 丙 ends every unit it is in: 3 distinct ends
    assert abs(right[u'丙'] - _entropy([1, 1, 1])) < 1e-12
    assert abs(left[u'乙丙'] - _entropy([2, 1])) < 1e-12   # 甲 twice, a unit start once


def test_consistent_counts_drops_orphans():
    counts = {1: {u'甲': 3, u'乙': 3}, 2: {u'甲乙': 2, u'乙丙': 2}, 3: {u'甲乙丙': 2}}
    assert consistent_counts(counts) == 2
    assert counts[2] == {u'甲乙': 2} and counts[3] == {}


def _count_units(units, order, min_count=1):
    """Counts of orders 1..order; strings of 2+ symbols seen fewer than ``min_count`` times dropped."""
    counts = {}
    for n in range(1, order + 1):
        grams = counts[n] = {}
        for u in units:
            for i in range(len(u) - n + 1):
                grams[u[i:i + n]] = grams.get(u[i:i + n], 0) + 1
        if n > 1:
            counts[n] = dict((k, v) for k, v in grams.items() if v >= min_count)
    return counts


def _fixed(counts, max_len, longest):
    left, right = autonomy(counts, max_len)[:2]
    return fixed_strings(counts, max_len, longest, left, right)


def _bound(counts, max_len):
    left, right = autonomy(counts, max_len)[:2]
    return bound_strings(counts, max_len, left, right)


def _autonomy_by_loop(counts, max_len):
    """nVBE autonomy as the plain loop of its definition, floats summed in dict order."""
    uni = counts[1]
    total = sum(uni.values()) or 1
    h0 = math.log(total) - sum(v * math.log(v) for v in uni.values()) / total
    left, right, score = {}, {}, {}
    edges = [h0, h0, 0.0, 0.0]
    means = [0.0]
    for n in range(1, max_len + 1):
        grams = counts.get(n)
        if not grams:
            break
        s_right = dict.fromkeys(grams, 0.0)
        s_left = dict.fromkeys(grams, 0.0)
        for k, v in (counts.get(n + 1) or {}).items():
            s_right[k[:-1]] += v * math.log(v)
            s_left[k[1:]] += v * math.log(v)
        weight = total_vbe = total_right = 0.0
        vbe = {}
        for k, v in grams.items():
            right[k] = math.log(v) - s_right[k] / v
            left[k] = math.log(v) - s_left[k] / v
            if n == 1:
                w, vbe_right = v, right[k] - h0
                vbe[k] = vbe_right + left[k] - h0
            else:
                w, vbe_right = math.log(v), right[k] - right[k[:-1]]
                vbe[k] = vbe_right + left[k] - left[k[1:]]
            weight += w
            total_vbe += w * vbe[k]
            total_right += w * vbe_right
        mean = total_vbe / weight
        means.append(mean)
        if n <= 2:
            edges[2 * n - 2] += total_right / weight
            edges[2 * n - 1] += mean - total_right / weight
        for k in grams:
            score[k] = (vbe[k] - mean) * n
    return left, right, score, tuple(edges), means


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=u'甲乙丙丁戊', min_size=1, max_size=12), min_size=1, max_size=20),
       st.integers(1, 4))
def test_autonomy_is_bit_identical_to_the_plain_loop(units, max_len):
    # The floats are summed string by string in the order of the counts
    # (first occurrence): that order, not the vectorised code, fixes the
    # last bits, so a lexicon is reproducible and the same for any -p.
    counts = _count_units(units, max_len + 1, min_count=2)   # as discovery counts: strings seen once dropped
    assert autonomy(counts, max_len) == _autonomy_by_loop(counts, max_len)


def test_fixed_strings_are_chains_of_fixed_windows():
    # 甲乙丙丁戊己 (6 symbols), seen 20 times in varied company: its windows
    # of 5 are fixed (乙丙丁戊 goes on to 己 20 times in 22), and link into
    # it.  乙丙丁戊庚 is seen twice: 2 of 22, not fixed.  子丑寅卯辰 is fixed
    # but seen twice only (< 3).  A chain longer than ``longest`` is dropped.
    units = [a + u'甲乙丙丁戊己' + b for a in u'东南西北中' for b in u'春夏秋冬']
    units += [u'乙丙丁戊庚', u'乙丙丁戊庚', u'子丑寅卯辰', u'子丑寅卯辰']
    counts = _count_units(units, 5)
    assert _fixed(counts, 4, 8) == [u'甲乙丙丁戊己']
    assert _fixed(counts, 4, 5) == []
    # A cycle (哈哈哈哈哈...) has no first window: no chain, no endless walk.
    assert _fixed(_count_units([u'哈' * 12] * 3, 5), 4, 8) == []
    # A repeated line is fixed whatever its words.  Without a repeated
    # neighbour it is a candidate only as a set phrase, its pairs seen
    # nowhere else; with one (东 or 西, 3 times each) it is a candidate.
    assert _fixed(_count_units([u'甲乙丙丁戊己'] * 6, 5), 4, 8) == [u'甲乙丙丁戊己']
    assert _fixed(_count_units([u'甲乙丙丁戊己'] * 6 + [u'丙丁'] * 2, 5), 4, 8) == []
    assert _fixed(_count_units([u'东甲乙丙丁戊己'] * 6 + [u'东甲'] * 2, 5), 4, 8) == []
    units = [u'东甲乙丙丁戊己'] * 3 + [u'西甲乙丙丁戊己'] * 3
    assert _fixed(_count_units(units, 5), 4, 8) == [u'甲乙丙丁戊己']


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=u'甲乙丙丁戊', min_size=1, max_size=14), min_size=1, max_size=30))
def test_fixed_strings_property(units):
    # Every string returned is longer than max_len, no longer than longest,
    # and each of its windows of max_len + 1 symbols is fixed: seen 3+ times,
    # making 90 % of the occurrences of its head and of its tail.
    counts = _count_units(units, 4, min_count=2)   # as discovery counts: strings seen once dropped
    for w in _fixed(counts, 3, 6):
        assert 3 < len(w) <= 6
        for i in range(len(w) - 3):
            g = w[i:i + 4]
            v = counts[4][g]
            assert v >= 3 and v >= 0.9 * counts[3][g[:-1]] and v >= 0.9 * counts[3][g[1:]]


def test_bound_strings_are_pieces_bound_on_one_side():
    # 子丑 is followed by 寅 at all of its 16 occurrences, after varied
    # symbols: right-bound.  丑寅 mirrors it: left-bound.  子丑寅 is free on
    # both sides.  卯辰 is always between 甲 and 乙: bound on both sides, the
    # middle of a set phrase, so it is kept (甲卯 and 辰乙 are bound on one
    # side).  巳午 is followed by 未 twice only (< 3 times).  Single symbols
    # are never bound.
    units = [a + u'子丑寅' + b for a in u'东南西北' for b in u'春夏秋冬']
    units += [a + u'甲卯辰乙' + b for a in u'东南西北' for b in u'春夏秋冬']
    units += [u'东巳午未', u'南巳午未', u'巳午西', u'巳午北']
    bound = _bound(_count_units(units, 5), 4)
    assert {u'子丑', u'丑寅', u'甲卯', u'辰乙'} <= bound
    assert not {u'子丑寅', u'卯辰', u'巳午', u'子', u'寅'} & bound
    # Seen only at a unit edge on its other side (the start of a repeated
    # line), a string is not bound: every string of a repeated line would be.
    assert u'今天' not in _bound(_count_units([u'今天天气好'] * 5 + [u'明天天气好'] * 5, 5), 4)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=u'甲乙丙丁戊', min_size=1, max_size=12), min_size=1, max_size=30))
def test_bound_strings_property(units):
    # Against the definition, string by string: bound on exactly one side
    # (one extension seen 3+ times makes 90 % of its occurrences), and seen
    # on the other side next to a symbol at least twice.
    counts = _count_units(units, 4, min_count=2)   # as discovery counts: strings seen once dropped
    expected = set()
    for n in (2, 3):
        for x, v in counts[n].items():
            exts = [(g, c) for g, c in counts[n + 1].items() if g[:-1] == x]
            pres = [(g, c) for g, c in counts[n + 1].items() if g[1:] == x]
            right = any(c >= 3 and c >= 0.9 * v for g, c in exts)
            left = any(c >= 3 and c >= 0.9 * v for g, c in pres)
            if (right and not left and pres) or (left and not right and exts):
                expected.add(x)
    assert _bound(counts, 3) == expected


def test_bound_string_is_never_cut():
    # 尼西亚 only ever follows 度 (in 印度尼西亚): it is no candidate, and
    # the model cuts the whole word, not 印度|尼西亚.
    word = u'印度尼西亚'
    units = [a + word + b for a in u'甲乙丙丁' for b in u'子丑寅卯'] + [u'甲子乙丑丙寅丁卯'] * 3
    units += [u'印度' + b for b in u'子丑寅卯'] * 2
    counts = _count_units(units, 5, min_count=2)
    model, left, right = build_model(counts, 4, sum(map(len, units)))
    assert u'尼西亚' not in model.score or model.score[u'尼西亚'] < -1e8
    assert model.cut(u'甲' + word + u'子') == [u'甲', word, u'子']


def test_long_candidate_wins_over_its_pieces():
    # The model cuts a planted 7-symbol word whole, though max_len is 4.
    word = u'布宜诺斯艾利斯'
    units = [a + word + b for a in u'甲乙丙丁' for b in u'子丑寅卯'] + [u'甲子乙丑丙寅丁卯'] * 3
    counts = _count_units(units, 5)
    model, left, right = build_model(counts, 4, sum(map(len, units)))
    assert word in model.score
    assert model.cut(u'甲' + word + u'子') == [u'甲', word, u'子']
