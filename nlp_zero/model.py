# -*- coding: utf-8 -*-
"""Stage 3: n-gram counts -> the discovery model (what the segmentation pass needs).

Input: consistent n-gram counts of orders 1..max_len + 1 over encoded units
(:meth:`~nlp_zero.ngrams.NgramCounter.encoded`).  Output: a :class:`Model`,
whose :meth:`Model.cut` segments an encoded unit, and the per-string scores
a lexicon reports.  Phases, each a function below:

1. :func:`consistent_counts` -- drop n-grams whose (n-1)-grams were pruned.
2. :func:`autonomy` -- branching entropies and nVBE autonomy (Magistry &
   Sagot 2012): ``H_right(x)`` is the entropy of the symbol that follows
   ``x`` (a unit end counts as a new, distinct symbol each time);
   ``VBE_right(x) = H_right(x) - H_right(x minus its last symbol)``;
   from each VBE the mean VBE of the strings of the same length is
   subtracted; autonomy ``a(x) = nVBE_left(x) + nVBE_right(x)``.
3. :func:`below_gate` -- the minimum-entropy cohesion gate: a candidate of
   3 symbols needs a PMI of 4 nats at its weakest split, of 4 or more
   symbols 5 nats (or half the PMI its frequency allows, on small corpora);
   pairs have no gate.
4. :func:`fixed_strings` -- long candidates: strings longer than max_len
   (拉姆斯菲尔德) spelled by chains of windows that are nearly always seen
   together, scored by the nVBE of their outer windows.
5. :func:`bound_strings` -- strings that are no word because one of their
   sides nearly always meets the same symbol: pieces of a longer word
   (尼西亚 of 印度尼西亚, 实事求 of 实事求是).
6. :func:`boundary_votes` -- ``B(i)``, the boundary strength of the gap
   before symbol ``i``: the mean one-sided nVBE of the strings of 1 and 2
   symbols that end or start there (boundary voting, Jin & Tanaka-Ishii 2006).
7. :func:`build_model` -- the decoder's tables: a unit is cut into
   ``w1 .. wk`` maximising ``sum(a(wi) * len(wi)) + 20 * sum(B(gap))`` over
   the gaps it cuts, candidates being the strings seen at least twice that
   pass the gate and are not bound, and the long candidates.

Every constant was chosen on the development set (bench/RESULTS.md).

Memory: the counts plus about 200 bytes per counted string while the scores
are computed; the model alone is about 150 bytes per candidate (a score per
candidate, two votes per pair).  Time: O(counted strings x max_len).
"""
from __future__ import absolute_import, division, unicode_literals

import marshal
import math
from itertools import compress, repeat
from functools import reduce
from operator import add, and_, itemgetter, mul, sub, truediv

from .compat import iteritems, itervalues, map, range, zip

__all__ = ['Model', 'build_model', 'consistent_counts', 'autonomy', 'fixed_strings', 'bound_strings',
           'below_gate', 'boundary_votes', 'word_scores']

# Minimum cohesion (weakest split's PMI, nats) of a candidate word of 2, 3,
# 4 (and more) symbols; None: no gate.  A string of k frequent characters
# co-occurs by chance more often than a pair, so longer strings must beat
# their parts by more.  Pairs need no gate: the boundary vote already
# separates collocations of two free characters.
_GATE = (None, 4.0, 5.0)
_GATE_SHARE = 0.5   # ... or half the PMI a string's frequency allows (small corpora)
_NEVER = -1e9   # score of a string that is never a word (it fails the gate, or is bound)
# Weight of the boundary vote (nats of mean nVBE at a cut) against the
# summed autonomy of the words.
_VOTE = 20.0
# A pair whose branching entropy and its parent's are both 0 (one symbol
# always follows it, and one always follows its first symbol: inside a rare
# long word) has a VBE of 0, which would vote for a cut when the pairs' mean
# VBE is negative; such pairs do not vote.
_FIXED = 1e-9
# A window of max_len + 1 symbols is fixed (:func:`fixed_strings`) when it
# makes this share of the occurrences of its head and of its tail, and a
# string is bound (:func:`bound_strings`) when one extension makes this
# share of its occurrences ...
_FIXED_RATIO = 0.9
_FIXED_LEAST = 3   # ... and is seen at least this often.
_EDGE = 4.0 / 3.0   # the first and last gap of a unit have 3 voters, not 4
# A string without its last / first symbol, as a C callable for map().
_HEAD = itemgetter(slice(None, -1))
_TAIL = itemgetter(slice(1, None))


def consistent_counts(counts):
    """Phase: keep only the n-grams whose two (n-1)-grams are counted.

    Input and output: ``{n: {encoded n-gram: count}}``, changed in place.
    Counts made by the counter are consistent already (pruning and merging
    keep every n-gram's parts at least as frequent as itself); counts read
    from elsewhere may not be, and the later phases cannot score an n-gram
    whose parts are missing.  Returns the number of n-grams dropped.  Cost:
    two C-level look-ups per n-gram.
    """
    dropped = 0
    for n in range(2, len(counts) + 1):
        grams, lower = counts.get(n), counts.get(n - 1)
        if not grams:
            break
        present = lower.__contains__
        keep = list(compress(grams, map(and_, map(present, map(_HEAD, grams)),
                                        map(present, map(_TAIL, grams)))))
        if len(keep) != len(grams):
            dropped += len(grams) - len(keep)
            counts[n] = dict(zip(keep, map(grams.__getitem__, keep)))
    return dropped


def autonomy(counts, max_len):
    """Phases: branching entropies, then autonomy (nVBE).  Input: consistent
    counts of orders 1..max_len + 1.  Output: the branching entropies and
    nVBE autonomy of every counted string of <= max_len symbols.

    Returns ``(left, right, score, edges, means)``: branching entropies,
    ``score[x] = autonomy(x) * len(x)``, ``edges = (r1, l1, r2, l2)``,
    the means to subtract from ``right[x]``, ``left[x]`` (1 symbol),
    ``right[xy] - right[x]`` and ``left[xy] - left[y]`` to get the one-sided
    nVBE of strings of 1 and 2 symbols (:func:`boundary_votes`), and
    ``means[n]``, the mean VBE of the strings of ``n`` symbols.  The mean subtracted from the
    VBE of strings of length ``n`` is weighted by occurrences for single
    symbols and by log(count) for longer strings: measured on the
    development set, weighting longer strings by occurrences under-rates
    frequent two-symbol words (their mean is dominated by real words) and
    weighting by type over-rates rare characters (bench/RESULTS.md).

    Cost (CPython): slicing a string and hashing the slice is most of it,
    so each string of order n + 1 is sliced into its prefix and suffix once
    (in C, by ``map``), only to find their positions among the strings of
    order n.  From then on everything is a list item at those positions:
    the children's sums that give the entropies of order n, then the
    parents' entropies that give the string's own VBE.  Per order, one
    Python loop (the children's sums), then C-level maps over lists.
    The floating-point operations are those of a plain loop over the dicts,
    in the same order: the results are bit-identical to it
    (tests/test_model.py).  Memory: three
    dicts (left, right, score) of one float per string, about 200 bytes per
    string with the lists of one order at a time.
    """
    log = math.log
    uni = counts[1]
    total = sum(uni.values()) or 1
    h0 = log(total) - sum(v * log(v) for v in uni.values()) / total
    # log(c) and c*log(c) by table: counts are small integers, and list
    # indexing is cheaper than a call in these loops over every n-gram
    # (the tables are filled in C: they run to the largest symbol count).
    logs = [0.0]
    logs.extend(map(log, range(1, max(uni.values() or [1]) + 1)))
    xlogx = list(map(mul, range(len(logs)), logs))
    right = {}
    left = {}
    score = {}
    edges = [h0, h0, 0.0, 0.0]
    means = [0.0]
    # Of the strings of order n: the positions of their prefix (heads) and
    # suffix (tails) among the strings of order n - 1, whose branching
    # entropies are lower_right / lower_left, in the order of counts[n - 1].
    heads = tails = lower_right = lower_left = None
    for n in range(1, max_len + 1):
        grams = counts.get(n)
        if not grams:
            break
        children = counts.get(n + 1) or {}
        # Every child's prefix and suffix is a key of ``grams``: the
        # counts are consistent (see consistent_counts).
        position = dict(zip(grams, range(len(grams))))
        if n == 1:
            # A pair's symbols: every key of counts[2] is two characters,
            # so one strided slice of them all gives the first (last)
            # symbols, without a slice object and a slice per pair.
            text = ''.join(children)
            child_heads = list(map(position.__getitem__, text[0::2]))
            child_tails = list(map(position.__getitem__, text[1::2]))
            del text
        else:
            child_heads = list(map(position.__getitem__, map(_HEAD, children)))
            child_tails = list(map(position.__getitem__, map(_TAIL, children)))
        del position
        # Sums of c*log(c) over the strings one symbol longer, added child
        # by child in the order of counts[n + 1] (the order fixes the sums'
        # last bits).
        s_right = [0.0] * len(grams)
        s_left = [0.0] * len(grams)
        for i, j, v in zip(child_heads, child_tails, itervalues(children)):
            x = xlogx[v]
            s_right[i] += x
            s_left[j] += x
        # Entropies, then VBE (minus the parent's entropy), then the weighted
        # sums for the mean: each a C-level map over the order's strings.
        # reduce(add) sums in list order, as a loop would (sum() does not on
        # Python 3.12+, where it compensates rounding errors).
        values = list(itervalues(grams))
        log_values = list(map(logs.__getitem__, values))
        order_right = list(map(sub, log_values, map(truediv, s_right, values)))
        order_left = list(map(sub, log_values, map(truediv, s_left, values)))
        s_right = s_left = None
        right.update(zip(grams, order_right))
        left.update(zip(grams, order_left))
        if n == 1:   # parents: the empty string; weights: occurrences
            parent_right, parent_left, weights = repeat(h0), repeat(h0), values
        else:        # weights: log(count)
            parent_right = map(lower_right.__getitem__, heads)
            parent_left = map(lower_left.__getitem__, tails)
            weights = log_values
        vbe_right = list(map(sub, order_right, parent_right))
        vbe = list(map(sub, map(add, vbe_right, order_left), parent_left))
        weight = reduce(add, weights, 0.0)
        total_right = reduce(add, map(mul, weights, vbe_right), 0.0)
        total_vbe = reduce(add, map(mul, weights, vbe), 0.0)
        # done with the order below: free it before the score pass (peak memory)
        values = log_values = weights = vbe_right = heads = tails = lower_right = lower_left = None
        mean = total_vbe / weight
        means.append(mean)
        if n <= 2:
            mean_right = total_right / weight
            edges[2 * n - 2] += mean_right
            edges[2 * n - 1] += mean - mean_right
        # (x - mean) * n with n as a float: the same product (n is exact),
        # and CPython's float-by-float multiplication is the fast one.
        score.update(zip(grams, map(mul, map(sub, vbe, repeat(mean)), repeat(float(n)))))
        vbe = None
        heads, tails, lower_right, lower_left = child_heads, child_tails, order_right, order_left
    return left, right, score, tuple(edges), means


def _repeats(entropy, x, count):
    """Whether a neighbour of ``x`` on one side is seen more than once: its
    branching entropy on that side (``left`` or ``right`` of :func:`autonomy`)
    is then below its maximum, ``log(count)``, which it reaches when every
    neighbour is distinct (unit edges, strings seen once)."""
    return entropy[x] < math.log(count)


def fixed_strings(counts, max_len, longest, left, right, ratio=_FIXED_RATIO, least=_FIXED_LEAST):
    """Phase: long candidates.  Input: consistent counts of orders max_len
    and max_len + 1, and the branching entropies ``left`` / ``right`` of
    :func:`autonomy`.  Output: the fixed strings of max_len + 1..``longest``
    symbols, a list.

    The counts hold no string longer than max_len + 1, yet a long word
    (拉姆斯菲尔德) shows in them as a chain of *fixed* windows.  A string
    ``g`` of max_len + 1 symbols is fixed when it is seen at least ``least``
    times and makes at least ``ratio`` of the occurrences of its head
    ``g[:-1]`` (what follows the head is nearly always ``g[-1]``) and of its
    tail ``g[1:]`` (what precedes the tail is nearly always ``g[0]``).  With
    ``ratio > 0.5`` a head has at most one fixed continuation, so fixed
    windows that overlap by max_len symbols link into chains; a maximal
    chain spells a fixed string, which is returned when it has at most
    ``longest`` symbols (longer chains are boilerplate, not words), and when
    it is seen next to a repeated neighbour or its pieces are seen nowhere
    else.  A string met only as a whole unit may be a repeated line, fixed
    whatever its words: it is returned as a set phrase (且听下回分解) when
    each of its pairs makes ``ratio`` of the pair's occurrences, and not as
    a line of free words (天气 of 今天天气很好 is also seen elsewhere).
    A fixed string occurs about as often as each of its windows, so its branching entropies are
    those of its first and last max_len symbols (:func:`build_model`).
    Cost: O(strings of order max_len + 1); memory: a dict of the fixed
    windows (the candidates are fewer).
    """
    grams, top = counts.get(max_len), counts.get(max_len + 1)
    if not grams or not top:
        return []
    fixed = {}   # head -> the fixed window that continues it
    for g, v in iteritems(top):
        if v >= least and v >= ratio * grams[g[:-1]] and v >= ratio * grams[g[1:]]:
            fixed[g[:-1]] = g
    tails = set(g[1:] for g in itervalues(fixed))
    found = []
    for head, g in iteritems(fixed):
        if head in tails:
            continue   # not the first window of its chain
        word = g
        while len(word) <= longest:
            window = fixed.get(word[-max_len:])
            if window is None:
                found.append(word)
                break
            word += window[-1]
    # A string seen only between unit edges (a repeated line or heading) is
    # fixed whatever its words.  A long candidate needs a repeated neighbour
    # before its first window or after its last, or pieces seen nowhere
    # else: a set phrase.
    pairs = counts.get(2)

    def set_phrase(w):
        v = top[w[:max_len + 1]]
        return all(v >= ratio * pairs[w[i:i + 2]] for i in range(len(w) - 1))
    return [w for w in found
            if _repeats(left, w[:max_len], grams[w[:max_len]]) or _repeats(right, w[-max_len:], grams[w[-max_len:]])
            or set_phrase(w)]


def bound_strings(counts, max_len, left, right, ratio=_FIXED_RATIO, least=_FIXED_LEAST):
    """Phase: bound strings.  Input: consistent counts of orders 1..max_len + 1
    and the branching entropies ``left`` / ``right`` of :func:`autonomy`.
    Output: the set of counted strings of 2..max_len symbols bound on one side.

    A string ``x`` is *right-bound* when one symbol ``c`` follows it in at
    least ``ratio`` of its occurrences, ``xc`` being seen at least ``least``
    times: ``x`` does not end where a word could (实事求, nearly always
    followed by 是; 高举邓小 by 平).  *Left-bound* mirrors it (尼西亚, nearly
    always after 度).  Such a string is a piece of a longer string, and the
    decoder would otherwise cut it where the boundary votes of a frequent
    neighbour are strong (实事求|是).  Returned are the strings bound on one
    side and seen, on the other, next to a repeated neighbour (:func:`_repeats`):

    * bound on both sides, a string is the middle of a set phrase (美联社 in
      新华社发美联社照片, 气象台 in 中央气象台提供), whose words the counts
      cannot tell apart;
    * with only unit edges on the other side, it may be the start or end of
      a repeated line, every string of which is bound.

    Single symbols are never bound (every symbol must be a possible word).
    Cost: one pass over the strings of orders 3..max_len + 1, slicing those
    seen ``least`` times or more; memory: the sets of bound strings.
    """
    found = set()
    for n in range(2, max_len + 1):
        grams, children = counts.get(n), counts.get(n + 1)
        if not grams or not children:
            break
        right_bound, left_bound = set(), set()
        for g, v in iteritems(children):
            if v >= least:   # most strings are not: they are never sliced
                head, tail = g[:-1], g[1:]
                if v >= ratio * grams[head]:
                    right_bound.add(head)
                if v >= ratio * grams[tail]:
                    left_bound.add(tail)
        found.update(x for x in right_bound - left_bound if _repeats(left, x, grams[x]))
        found.update(x for x in left_bound - right_bound if _repeats(right, x, grams[x]))
    return found


def below_gate(counts, max_len, n_chars, thresholds=_GATE, share=_GATE_SHARE):
    """Phase: the cohesion gate (minimum entropy).  Input: consistent counts
    {n: {encoded n-gram: count}} and the number of symbols ``n_chars``.
    Output: the list of the counted strings of 2..max_len symbols that fail.

    A string ``w`` passes when every split ``a|b`` has PMI >= ``t``, the
    threshold for ``len(w)`` symbols (the weakest split's PMI is the word's
    cohesion; a threshold of None lets every string of that length pass).  A string seen ``v`` times in ``N`` symbols can reach a PMI of
    at most ``ln(N / v)`` (its parts never seen apart), which on a small
    corpus can be below ``t`` for a frequent word, so ``t`` is capped at
    ``share`` of that maximum (a normalised PMI, independent of corpus size).
    Tested as ``v * N >= e**t * c(a) * c(b)``, split by split, stopping at
    the first that fails.  Cost: O(strings x splits) slices and look-ups;
    memory: the list it returns.
    """
    n = float(n_chars or 1)
    failing = []
    append = failing.append
    c1, c2, c3 = counts.get(1), counts.get(2), counts.get(3)
    for k in range(2, max_len + 1):
        grams = counts.get(k)
        if not grams:
            break
        t = thresholds[min(k, len(thresholds) + 1) - 2]
        if t is None:
            continue
        et = math.exp(t)
        # ``v * n`` and the threshold factor depend on the count only: one
        # pow per distinct count, read back by list index (counts are small
        # integers; cheaper than a dict look-up).  ``x < cap * max(p, q)``
        # is tested as ``x < cap * p or x < cap * q`` (the same: rounding is
        # monotonic), without the calls to min and max for every string.
        distinct = set(itervalues(grams))
        vn = [None] * (max(distinct) + 1)
        caps = list(vn)
        for v in distinct:
            vn[v] = v * n
            caps[v] = min(et, (n / v) ** share)
        if k == 2:
            for w, v in iteritems(grams):
                if vn[v] < caps[v] * c1[w[0]] * c1[w[1]]:
                    append(w)
        elif k == 3:
            for w, v in iteritems(grams):
                x = vn[v]
                cap = caps[v]
                if x < cap * (c1[w[0]] * c2[w[1:]]) or x < cap * (c2[w[:2]] * c1[w[2]]):
                    append(w)
        elif k == 4:
            for w, v in iteritems(grams):
                x = vn[v]
                cap = caps[v]
                if (x < cap * (c1[w[0]] * c3[w[1:]]) or x < cap * (c2[w[:2]] * c2[w[2:]])
                        or x < cap * (c3[w[:3]] * c1[w[3]])):
                    append(w)
        else:
            splits = [(counts[i], counts[k - i], i) for i in range(1, k)]
            failing.extend([w for w, v in iteritems(grams)
                            if vn[v] < caps[v] * max(a[w[:i]] * b[w[i:]] for a, b, i in splits)])
    return failing



def boundary_votes(counts, left, right, edges, weight, score):
    """Phase: boundary votes.  Output: the voters, scaled by ``weight / 4``: ``(pairs, ends, starts)``.

    ``ends[x]`` is the vote of symbol ``x`` for the gap after it
    (``nVBE_right(x)``), ``starts[y]`` that of ``y`` for the gap before it
    (``nVBE_left(y)``).  ``pairs[wx] = (score, start, end)`` for every
    scored pair: ``end`` is the vote of the strings ending at the gap after
    it, ``nVBE_right(x) + nVBE_right(wx)``, and ``start`` mirrors it for
    the gap before it, so the decoder needs one look-up per pair.  A pair
    whose VBE is 0 - 0 (``_FIXED``) votes as its symbol alone, as does a
    pair never counted (the decoder falls back to ``ends`` / ``starts``).
    One entry per counted symbol and pair (~120 k on 2 M characters).
    """
    r1, l1, r2, l2 = edges
    w = weight / 4.0
    ends = {k: w * (right[k] - r1) for k in counts[1]}
    starts = {k: w * (left[k] - l1) for k in counts[1]}
    grams = counts.get(2, {})
    pairs = {}
    # Each pair's two symbols come from two strided slices of one string of
    # all the pairs (every key is two characters): one string object per
    # symbol, hashed once for its two look-ups, instead of one per look-up.
    text = ''.join(grams)
    fixed = _FIXED
    get = score.get
    for k, x, y in zip(grams, text[0::2], text[1::2]):
        value = get(k)
        if value is None:
            continue
        end = ends[y]
        hk = right[k]
        hx = right[x]
        if hk > fixed or hx > fixed:
            end += w * (hk - hx - r2)
        start = starts[x]
        hk = left[k]
        hy = left[y]
        if hk > fixed or hy > fixed:
            start += w * (hk - hy - l2)
        pairs[k] = (value, start, end)
    return pairs, ends, starts



def _cut(unit, get, pget, eget, sget, get1):
    """Cut an encoded unit maximising its words' scores plus its cuts' votes (backward Viterbi).

    Cutting between symbols ``i - 1`` and ``i`` adds the boundary vote of
    that gap, ``weight * B(i)``: ``B(i)`` is the mean of the one-sided nVBE
    of the strings of 1 and 2 symbols that touch the gap, ``x`` and ``wx``
    ending there (``nVBE_right``), ``y`` and ``yz`` starting there
    (``nVBE_left``), from :func:`boundary_votes` (a pair not counted falls back to
    the symbol's vote alone, i.e. votes 0).  The mean is over the 4
    voters, 3 at the first and last gap of the unit (a pair is missing).
    ``get`` is ``score.get``; ``pget``, ``eget`` and ``sget`` the ``get``
    of the voters' ``pairs`` (score and both votes in one look-up),
    ``ends`` and ``starts`` (single symbols); ``get1`` that of the scores
    of single symbols alone (a symbol the counts do not hold scores 0): a
    dict of a few thousand entries stays in the CPU cache, ``score`` does not.
    Candidates are prefix-closed (a string seen twice has a prefix seen
    twice; the prefixes of a long candidate are held, at a score never
    chosen), so the scan from ``i`` stops at the first absent string, and
    ``get`` holds no string longer than the longest candidate:
    O(len(unit) x max_len) look-ups.

    The tokenizer's :func:`~nlp_zero.tokenizer.best_cut` is the same
    Viterbi without the gap votes (and with jieba's tie rule); it is not
    reused here because the votes would cost it time on every gap
    (bench/RESULTS.md); tests/test_model.py checks that the two agree when
    the votes are zero.
    """
    n = len(unit)
    if n < 2:
        return [unit] if n else []
    best = list(map(get1, unit, repeat(0.0)))   # single-symbol scores, then best suffix scores
    best.append(0.0)
    # best[i], the best score of unit[i:], includes the vote of the gap before i
    last = n - 1
    # Each pair is sliced and looked up once, two positions before the scan
    # starts from it: its end vote is needed there (the gap after it).
    pair = pget(unit[last - 1:])                   # the pair at i
    after = pget(unit[last - 2:last]) if last > 1 else None   # the pair at i - 1
    if after is None:
        vote = eget(unit[last - 1], 0.0) + sget(unit[last], 0.0)
    else:
        vote = after[2] + sget(unit[last], 0.0)
    best[last] += vote * _EDGE
    nxt = [n] * n   # the end of the word starting at i (set below, but for the last)
    b1 = best[last]   # best[i + 1]
    b2 = 0.0          # best[i + 2]
    for i in range(n - 2, -1, -1):
        top = best[i] + b1
        end = i + 1
        if pair is not None:
            value = pair[0] + b2
            if value > top:
                top = value
                end = i + 2
            # no bound on j: score holds no string longer than the
            # longest candidate, so the scan stops there anyway
            j = i + 3
            while j <= n:
                value = get(unit[i:j])
                if value is None:
                    break
                value += best[j]
                if value > top:
                    top = value
                    end = j
                j += 1
        nxt[i] = end
        if i > 1:
            vote = sget(unit[i], 0.0) if pair is None else pair[1]
            before = pget(unit[i - 2:i])
            vote += eget(unit[i - 1], 0.0) if before is None else before[2]
            top += vote
            pair, after = after, before
        elif i:
            vote = sget(unit[1], 0.0) if pair is None else pair[1]
            vote += eget(unit[0], 0.0)
            top += vote * _EDGE
            pair = after
        best[i] = top
        b2 = b1
        b1 = top
    words = []
    i = 0
    while i < n:
        j = nxt[i]
        words.append(unit[i:j])
        i = j
    return words


class Model(object):
    """What the segmentation pass needs: the decoder's tables, read only.

    ``score[x] = a(x) * len(x)`` for every candidate string (and for the
    failing prefixes of candidates, at a score never chosen), the boundary
    voters ``pairs``, ``ends``, ``starts`` (:func:`boundary_votes`) and the
    single-symbol scores ``single``.  :meth:`cut` segments one encoded
    unit.  :meth:`save` / :meth:`load` move it between processes (marshal:
    C speed, any start method).  Memory: about 150 bytes per candidate.
    """

    def __init__(self, score, pairs, ends, starts, single):
        self.score, self.pairs, self.ends, self.starts, self.single = score, pairs, ends, starts, single
        self._gets = (score.get, pairs.get, ends.get, starts.get, single.get)

    def cut(self, unit):
        """The words (encoded) of one encoded unit, best first to last. O(len(unit) x max_len)."""
        return _cut(unit, *self._gets)

    def save(self, path):
        """Write the model to ``path`` (marshal; a private, temporary format)."""
        with open(path, 'wb') as out:
            marshal.dump((self.score, self.pairs, self.ends, self.starts, self.single), out)

    @classmethod
    def load(cls, path):
        """Read a model written by :meth:`save`."""
        with open(path, 'rb') as stream:
            return cls(*marshal.load(stream))


def build_model(counts, max_len, n_chars, vote=_VOTE, longest=None):
    """Phases 2-7: consistent counts -> ``(model, left, right)``.

    ``counts``: ``{n: {encoded n-gram: count}}`` of orders 1..max_len + 1;
    order max_len + 1 is dropped from it once the entropies are known.
    ``longest``: the longest word, in symbols (default ``2 * max_len``);
    the candidates longer than max_len are the fixed strings of
    :func:`fixed_strings`.  ``left`` / ``right``: the branching entropies of
    every counted string and long candidate (for :func:`word_scores`).
    Memory: see the module docstring.
    """
    m = max_len
    left, right, score, edges, means = autonomy(counts, m)
    # Long candidates, scored as the nVBE of their own length would score
    # them: a fixed string's occurrences are those of its first (last) m
    # symbols, so its left (right) entropy is theirs, and that of the
    # string without its first (last) symbol is that of its second (last
    # but one) window of m symbols; the mean is that of order m.
    for w in fixed_strings(counts, m, longest or 2 * m, left, right):
        first, second, last, before = w[:m], w[1:m + 1], w[-m:], w[-m - 1:-1]
        left[w], right[w] = left[first], right[last]
        vbe = left[first] - left[second] + right[last] - right[before]
        score[w] = (vbe - means[m]) * len(w)
    failing = bound_strings(counts, m, left, right)
    counts.pop(m + 1, None)   # only the entropies, long candidates and bound strings needed it
    # Candidates: single symbols, and longer strings that pass the cohesion
    # gate and are not bound.  The decoder's scan from a position stops at
    # the first absent string, so a failing string that is the prefix of a
    # candidate stays, with a score never chosen; the others go (a shorter
    # scan).
    failing.update(below_gate(counts, m, n_chars))
    for w in failing:
        score[w] = _NEVER
    longer = [w for w, v in iteritems(score) if len(w) > 2 and v != _NEVER]
    prefixes = set(w[:i] for w in longer for i in range(2, len(w)))
    del longer
    for w in failing:
        if w not in prefixes:
            del score[w]
    for w in prefixes:   # the prefixes of long candidates, longer than m, are not counted
        score.setdefault(w, _NEVER)
    del failing, prefixes
    pairs, ends, starts = boundary_votes(counts, left, right, edges, vote, score)
    single = dict((k, score[k]) for k in counts[1])
    return Model(score, pairs, ends, starts, single), left, right


def word_scores(word, counts, left, right, score, n_chars):
    """The scores a lexicon reports for one encoded word: a dict.

    ``autonomy`` (nVBE, per symbol), ``left_entropy``, ``right_entropy``
    (nats) and, for two or more symbols, ``cohesion`` (the weakest split's
    PMI, nats).  Strings the counts do not hold score 0.
    """
    n = len(word)
    scores = {'left_entropy': left.get(word, 0.0), 'right_entropy': right.get(word, 0.0),
              'autonomy': score.get(word, 0.0) / n}
    if n > 1 and word in counts.get(n, ()):
        log = math.log
        lw = log(counts[n][word]) + log(n_chars or 1)
        scores['cohesion'] = min(lw - log(counts[i].get(word[:i], 1)) - log(counts[n - i].get(word[i:], 1))
                                 for i in range(1, n))
    return scores
