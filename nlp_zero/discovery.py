# -*- coding: utf-8 -*-
"""Word discovery: learn the words of a raw text, with no dictionary.

Method (chosen by measurement on the People's Daily development set, see
bench/RESULTS.md): normalised variation of branching entropy (nVBE,
Magistry & Sagot 2012) proposes how autonomous every frequent string is,
a dynamic programme cuts every unit of the corpus into the strings that
maximise the summed autonomy, and the lexicon is read off that final
segmentation (counts are occurrences in it, not in a coarse cut).

* Branching entropy.  ``H_right(x)`` is the entropy of the symbol that
  follows ``x`` (a unit end counts as a new, distinct symbol each time, so
  strings that end units often look like word ends); ``H_left`` likewise.
* Variation: ``VBE_right(x) = H_right(x) - H_right(x minus its last
  symbol)``: entropy *rises* at a word end.  ``VBE_left`` mirrors it.
* Normalisation: from each VBE the mean VBE of the strings of the same
  length is subtracted (weighted by occurrences for single symbols, by
  log(count) for longer strings), so lengths compete fairly.
* Autonomy ``a(x) = nVBE_left(x) + nVBE_right(x)``: how much entropy
  rises at the two edges of ``x`` itself.
* Boundary strength ``B(i)`` of the gap before symbol ``i`` of a unit: the
  mean of the nVBE of the strings of 1 and 2 symbols that end at the gap
  (``nVBE_right``) and of those that start there (``nVBE_left``) -- the
  votes of the neighbouring strings, not only of the word's own edges
  (boundary voting, as in Jin & Tanaka-Ishii 2006).
* A unit is cut into ``w1 .. wk`` maximising ``sum(a(wi) * len(wi)) +
  20 * sum(B(gap))`` over the k - 1 gaps it cuts (dev F1 0.792 -> 0.811;
  the weight is flat over 10-40, strings of 3 or 4 symbols in the vote
  lower F1).  Candidates are the strings seen at least twice, of at most
  ``max_len`` symbols, that pass the minimum-entropy gate: every split of
  the string has a PMI of at least 4 nats (3 symbols), 5 (4 or more), or
  half the PMI the string's frequency allows, whichever is lower; pairs
  have no gate (with the boundary vote a pair gate of 1 nat costs 0.002 F1).

``Tokenizer(discover_words(corpus))`` -- the unigram model of the
resulting counts -- segments the corpus much as discovery did (86 % of the
tokens of the development set are the same; it has no boundary vote) and
also segments new text; the F1 figures in bench/RESULTS.md are that
tokenizer's.

Scores kept per word (``lexicon.scores[word]``): ``cohesion`` (the weakest
split's PMI, nats; words of one symbol have none), ``left_entropy``,
``right_entropy`` (branching entropies, nats) and ``autonomy``.

Cost: reading keeps the text once in memory (one string per unit);
counting n-grams of orders 1..max_len+1 is done order by order in C
(C-level counting of string slices, 65,536 offsets at a time), strings seen
once are dropped after each order, and order n only visits the offsets
where both (n-1)-grams were seen twice.  Time O(characters x max_len);
memory grows with the number of distinct n-grams seen twice, at most with
the input: 1.7 M characters (5.5 MB of UTF-8, the development set) take
~6.5-7 s CPU and ~240 MB peak RSS on CPython 3.11 (~40 MB per MB of input
above the interpreter; 32 MB per MB on 14.6 MB of input), ~8-9 s and ~450 MB
on PyPy3 (nlp-zero 0.1.6 Word_Finder on the PKU protocol: 1.06x our time,
~185 MB; bench/RESULTS.md).

>>> lex = discover_words([u'孙悟空大战猪八戒，孙悟空笑了。猪八戒哭了。'] * 20)
>>> u'孙悟空' in lex and u'猪八戒' in lex
True
"""
from __future__ import absolute_import, division, unicode_literals

import gc
import logging
import math
import platform
from itertools import compress, repeat
from operator import add, getitem, itemgetter, mul

from .compat import (count_elements as _count_elements, iteritems, itervalues, map, ordered_dict,
                     perf_counter, range, text_type, unichr, zip)
from .corpus import Corpus
from .files import InputError
from .lexicon import Lexicon
from .units import is_ideographic, iter_units, unit_symbols

__all__ = ['discover_words', 'Word_Finder']

logger = logging.getLogger(__name__)

# Latin/digit runs ('iPhone', '１９９８') are one symbol each.  Inside
# discovery every symbol is one character, so n-grams are plain slices: such
# a run is replaced by a private-use character (6400 of them in the BMP,
# enough for every frequent one; the rest become _RARE, a symbol that never
# joins a word).
_PUA_FIRST, _PUA_LAST = 0xE000, 0xF8FF
_RARE = '\x00'
_SEP = '\n'
# Minimum cohesion (weakest split's PMI, nats) of a candidate word of 2, 3,
# 4 (and more) symbols; None: no gate.  A string of k frequent characters
# co-occurs by chance more often than a pair, so longer strings must beat
# their parts by more.  Pairs need no gate: the boundary vote already
# separates collocations of two free characters (a pair gate of 1 nat, the
# minimum-entropy rule, was worth 0.010 F1 before the vote and costs 0.002
# with it).  Chosen on the development set (bench/RESULTS.md).
_GATE = (None, 4.0, 5.0)
_GATE_SHARE = 0.5   # ... or half the PMI a string's frequency allows (small corpora)
_NEVER = -1e9   # score of a string that is never a word (it fails the gate)
# Weight of the boundary vote (nats of mean nVBE at a cut) against the
# summed autonomy of the words; dev F1 0.808-0.811 over 10-40, 0.806 at 5.
_VOTE = 20.0
# A pair whose branching entropy and its parent's are both 0 (one symbol
# always follows it, and one always follows its first symbol: inside a rare
# long word) has a VBE of 0, which would vote for a cut when the pairs' mean
# VBE is negative; such pairs do not vote (synthetic 5-symbol words, tests:
# precision 0.67 -> 0.93, HEAD 0.96; dev unchanged).
_FIXED = 1e-9
_EDGE = 4.0 / 3.0   # the first and last gap of a unit have 3 voters, not 4
# N-gram offsets are sliced and counted this many at a time, so that no list
# of one string per text offset ever exists (~6 MB of strings per chunk).
_CHUNK = 1 << 16
# A string without its last / first symbol, as a C callable for map().
_HEAD = itemgetter(slice(None, -1))
_TAIL = itemgetter(slice(1, None))
_REFCOUNTED = platform.python_implementation() == 'CPython'   # see _discover


class _Encoder(object):
    """Map units to strings with one character per symbol (and back)."""

    def __init__(self):
        self.code = {}      # symbol -> private-use character
        self.decode = {}    # ord(private-use character) -> symbol

    def encode(self, unit):
        if is_ideographic(unit):
            return unit
        out = []
        for symbol in unit_symbols(unit):
            if len(symbol) == 1 and is_ideographic(symbol):
                out.append(symbol)
                continue
            char = self.code.get(symbol)
            if char is None:
                n = len(self.code)
                char = unichr(_PUA_FIRST + n) if _PUA_FIRST + n <= _PUA_LAST else _RARE
                if char != _RARE:
                    self.code[symbol] = char
                    self.decode[ord(char)] = symbol
            out.append(char)
        return ''.join(out)

    def text(self, encoded):
        return encoded.translate(self.decode) if self.decode else encoded


def _read_units(corpus, encoder, units):
    """Append the encoded units of ``corpus`` to ``units``; return chars read."""
    if not isinstance(corpus, Corpus):
        corpus = Corpus(corpus)
    n = 0
    extend = units.extend
    encode = encoder.encode
    for block in corpus.iter_blocks():
        if not isinstance(block, text_type):
            raise InputError('discovery: corpus must yield text, got %s' % type(block).__name__)
        found = iter_units(block)
        extend(map(encode, found))
        n += sum(map(len, found))
    return n


def _count(units, max_order):
    """Counts of n-grams, orders 1..max_order: {n: {ngram: count}}.

    Orders >= 2 keep only n-grams seen at least twice: nothing below needs
    the others (a string seen once is never a candidate, and it adds
    ``1 * log(1) = 0`` to its parent's entropy sum).  An n-gram seen twice
    has both its (n-1)-grams seen twice, so order n only looks at the
    offsets where both are (a shrinking set of text offsets): the high
    orders cost a fraction of a full pass.

    Memory: no list of one string per offset ever exists.  N-grams are
    sliced and counted ``_CHUNK`` offsets at a time; the offsets to visit
    are a byte mask over the text (orders 2 and 3), then a list of ints.
    No n-gram is sliced twice: the once-seen ones of orders 2 and 3 are
    found again with text.find (an insertion-ordered dict lists them in
    text order), those of higher orders by the offset each was last
    sliced at.

    Dict order matters: _autonomy sums floats in it, so another order
    changes the scores in their last bits.  Single symbols are in order of
    first occurrence; n-grams in that of their first visit, which from
    order 4 on is the iteration order of the set ``following`` (not text
    order: visiting in text order changes the lexicon's scores).
    """
    text = _SEP.join(units)
    size = len(text)
    mask = _bigram_offsets(units, text)
    counts = {}
    positions = None   # while None, the offsets are mask's, in text order
    for n in range(2, max(max_order, 2) + 1):
        c = ordered_dict()
        last = None
        if positions is None:
            for a in range(0, size, _CHUNK):
                _count_elements(c, [text[i:i + n] for i in compress(range(a, a + _CHUNK), mask[a:a + _CHUNK])])
        else:
            if n < max_order:
                last = {}   # n-gram -> the offset it was last seen at
            for a in range(0, len(positions), _CHUNK):
                chunk = positions[a:a + _CHUNK]
                grams = [text[i:i + n] for i in chunk]
                _count_elements(c, grams)
                if last is not None:
                    last.update(zip(grams, chunk))
                del grams
        if n >= max_order:   # the last order: no offsets to find
            kept = {k: v for k, v in iteritems(c) if v > 1}
        elif positions is None:
            # Keep the n-grams seen twice; zero the mask at the offset of
            # each one seen once, so that it marks the offsets whose n-gram
            # is kept.  Every occurrence of an n-gram counted here is at a
            # visited offset (its (n-1)-grams are kept strings), so one seen
            # once occurs once in the text.  c lists them in text order:
            # each is the next occurrence of itself after the one before.
            kept = {}
            find = text.find
            i = -1
            for k, v in iteritems(c):
                if v > 1:
                    kept[k] = v
                else:
                    i = find(k, i + 1)
                    mask[i] = 0
        else:
            # the same with a new mask, 0 at the one offset of each n-gram
            # seen once: ``last`` has it (c's order is not text order)
            kept = {}
            mask = bytearray(b'\x01') * size
            for k, v in iteritems(c):
                if v > 1:
                    kept[k] = v
                else:
                    mask[last[k]] = 0
            del last
        if n == 2:
            counts[1] = _unigrams(units, text, c)
            if max_order < 2:
                break
        counts[n] = kept
        logger.debug('order %d: %d n-grams (%d distinct)', n, len(kept), len(c))
        del c
        if n == max_order:
            break
        if n == 2:
            # mask[i] &= mask[i + 1] in C (mask[-1] is 0): a 1 then a 0 becomes 0 0
            mask = mask.replace(b'\x01\x00', b'\x00\x00')
            continue
        # The offsets whose n-gram is kept, then those whose next one is
        # too: the next order's, in the order of the set ``following``
        # (a list shares its ints; an array of them costs more to fill).
        if positions is None:
            frequent = set(compress(range(size), mask))
        else:
            frequent = set(compress(positions, map(getitem, repeat(mask), positions)))
        mask = None
        following = frequent.intersection(map(add, frequent, repeat(-1)))
        del frequent
        positions = list(following)
        del following
    return counts


def _unigrams(units, text, bigrams):
    """Counts of the symbols of ``text`` (not _SEP or _RARE), in order of first occurrence.

    ``bigrams``: the counts of all the 2-grams at the offsets of
    :func:`_bigram_offsets`, in text order.  Every symbol starts one of
    them but the last of each unit and one before a _RARE, so the counts
    are sums over the distinct 2-grams and those few symbols: 2.5x fewer
    instructions on 1.7 M characters (1.5x on 270 k) than a count of every
    symbol (a new 1-character string each).  The dict order is that of
    such a count, first occurrence (_autonomy sums floats in it): each
    symbol's first offset is the earlier of its first 2-gram and its first
    unit end (or one before a _RARE).  ``starts`` and ``ends`` list the
    symbols in order of those, so a chain of text.find from the offset
    found for the one before reaches each at or before it (linear time).
    """
    size = len(text)
    find = text.find
    total = {}
    get = total.get
    starts = []   # the symbols in order of their first 2-gram
    for k, v in iteritems(bigrams):
        x = k[0]
        m = get(x)
        if m is None:
            starts.append(x)
            m = 0
        total[x] = m + v
    ends = ordered_dict()
    _count_elements(ends, map(itemgetter(-1), filter(None, units)))
    first = {}
    for symbols in (starts, ends):
        i = -1
        for x in symbols:
            i = find(x, i + 1)
            if i < first.get(x, size):
                first[x] = i
    for x, v in iteritems(ends):
        total[x] = get(x, 0) + v
    # _SEP and _RARE at their first offsets too, dropped at the end: on
    # Python 2 the order of a dict depends on every key it ever held.
    first[_SEP] = find(_SEP)
    i = first[_RARE] = find(_RARE)
    while i >= 0:
        if i:
            x = text[i - 1]
            total[x] = get(x, 0) + 1
            if i - 1 < first.get(x, size):
                first[x] = i - 1
        i = find(_RARE, i + 1)
    total[_SEP] = total[_RARE] = 0
    uni = {x: total[x] for x in sorted(total, key=first.__getitem__) if first[x] >= 0}
    uni.pop(_SEP, None)
    uni.pop(_RARE, None)
    return uni


def _bigram_offsets(units, text):
    """A byte mask over ``text``: 1 at the offsets of the 2-grams to count.

    Those inside a unit, with no _RARE symbol.
    """
    size = len(text)
    mask = bytearray(b'\x01') * size
    if size:
        mask[-1] = 0
    stop = -1
    for unit in units:
        stop += len(unit) + 1
        if unit:
            mask[stop - 1] = 0   # the unit's last symbol
        if stop < size:
            mask[stop] = 0   # the separator
    i = text.find(_RARE)
    while i >= 0:
        mask[i] = 0
        if i:
            mask[i - 1] = 0
        i = text.find(_RARE, i + 1)
    return mask


def _below_gate(counts, max_len, n_chars, thresholds=_GATE, share=_GATE_SHARE):
    """The counted strings of 2..max_len symbols that fail the cohesion gate.

    A string ``w`` passes when every split ``a|b`` has PMI >= ``t``, the
    threshold for ``len(w)`` symbols (the weakest split's PMI is the word's
    cohesion; a threshold of None lets every string of that length pass).  A string seen ``v`` times in ``N`` symbols can reach a PMI of
    at most ``ln(N / v)`` (its parts never seen apart), which on a small
    corpus can be below ``t`` for a frequent word, so ``t`` is capped at
    ``share`` of that maximum (a normalised PMI, independent of corpus size).
    Tested as ``v * N >= e**t * c(a) * c(b)``, split by split, stopping at
    the first that fails (the splits' slices and look-ups are the cost).
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


def _autonomy(counts, max_len):
    """Branching entropies and nVBE autonomy of every counted string of <= max_len symbols.

    Returns ``(left, right, score, edges)``: branching entropies,
    ``score[x] = autonomy(x) * len(x)``, and ``edges = (r1, l1, r2, l2)``,
    the means to subtract from ``right[x]``, ``left[x]`` (1 symbol),
    ``right[xy] - right[x]`` and ``left[xy] - left[y]`` to get the one-sided
    nVBE of strings of 1 and 2 symbols (:func:`_voters`).  The mean subtracted from the
    VBE of strings of length ``n`` is weighted by occurrences for single
    symbols and by log(count) for longer strings: measured on the
    development set, weighting longer strings by occurrences under-rates
    frequent two-symbol words (their mean is dominated by real words) and
    weighting by type over-rates rare characters (dev F1 0.780 vs 0.737 and
    0.69, see bench/RESULTS.md).

    Cost (CPython): slicing a string and hashing the slice is most of it,
    so each string of order n + 1 is sliced into its prefix and suffix once
    (in C, by ``map``), only to find their positions among the strings of
    order n.  From then on everything is a list item at those positions:
    the children's sums that give the entropies of order n, then the
    parents' entropies that give the string's own VBE.  Three passes per
    order (children's sums; entropies, VBE and the mean's sums; scores).
    The floating-point operations are those of a plain loop over the dicts,
    in the same order: the results are bit-identical to it.
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
    # Of the strings of order n: the positions of their prefix (heads) and
    # suffix (tails) among the strings of order n - 1, whose branching
    # entropies are lower_right / lower_left, in the order of counts[n - 1].
    heads = tails = lower_right = lower_left = None
    for n in range(1, max_len + 1):
        grams = counts.get(n)
        if not grams:
            break
        children = counts.get(n + 1) or {}
        # Every child's prefix and suffix is a key of ``grams``: a string
        # seen twice has both parts seen twice, and no counted pair holds
        # _SEP or _RARE (the symbols counts[1] leaves out).
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
        # Entropies, VBE and the weighted sums for the mean, in one pass.
        weight = 0.0
        total_vbe = 0.0
        total_right = 0.0
        order_right = []
        order_left = []
        append_right = order_right.append
        append_left = order_left.append
        if n == 1:
            for k, v, sr, sl in zip(grams, itervalues(grams), s_right, s_left):
                hr = right[k] = logs[v] - sr / v
                hl = left[k] = logs[v] - sl / v
                append_right(hr)
                append_left(hl)
                xr = hr - h0
                x = xr + hl - h0
                score[k] = x
                weight += v
                total_vbe += v * x
                total_right += v * xr
        else:
            for k, v, sr, sl, i, j in zip(grams, itervalues(grams), s_right, s_left, heads, tails):
                lv = logs[v]
                hr = right[k] = lv - sr / v
                hl = left[k] = lv - sl / v
                append_right(hr)
                append_left(hl)
                xr = hr - lower_right[i]
                x = xr + hl - lower_left[j]
                score[k] = x
                weight += lv
                total_vbe += lv * x
                total_right += lv * xr
        # done with the order below: free it before the score pass (peak memory)
        s_right = s_left = heads = tails = lower_right = lower_left = None
        mean = total_vbe / weight
        if n <= 2:
            mean_right = total_right / weight
            edges[2 * n - 2] += mean_right
            edges[2 * n - 1] += mean - mean_right
        # (x - mean) * n with n as a float: the same product (n is exact),
        # and CPython's float-by-float multiplication is the fast one.  In
        # place: a list of the VBE beside the new scores costs peak memory.
        fn = float(n)
        for k in grams:
            score[k] = (score[k] - mean) * fn
        heads, tails, lower_right, lower_left = child_heads, child_tails, order_right, order_left
    return left, right, score, tuple(edges)


def _voters(counts, left, right, edges, weight, score):
    """The boundary voters, scaled by ``weight / 4``: ``(pairs, ends, starts)``.

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


def _decode(unit, get, pget, eget, sget, get1):
    """Cut an encoded unit maximising its words' scores plus its cuts' votes (backward Viterbi).

    Cutting between symbols ``i - 1`` and ``i`` adds the boundary vote of
    that gap, ``weight * B(i)``: ``B(i)`` is the mean of the one-sided nVBE
    of the strings of 1 and 2 symbols that touch the gap, ``x`` and ``wx``
    ending there (``nVBE_right``), ``y`` and ``yz`` starting there
    (``nVBE_left``), from :func:`_voters` (a pair not counted falls back to
    the symbol's vote alone, i.e. votes 0).  The mean is over the 4
    voters, 3 at the first and last gap of the unit (a pair is missing).
    ``get`` is ``score.get``; ``pget``, ``eget`` and ``sget`` the ``get``
    of the voters' ``pairs`` (score and both votes in one look-up),
    ``ends`` and ``starts`` (single symbols); ``get1`` that of the scores
    of single symbols alone (every symbol has one): a dict of a few
    thousand entries stays in the CPU cache, ``score`` does not.
    Candidates are prefix-closed (a string seen twice has a prefix seen
    twice), so the scan from ``i`` stops at the first absent string, and
    ``get`` holds no string longer than max_len: O(len(unit) x max_len)
    look-ups.

    The tokenizer's :func:`~nlp_zero.tokenizer.best_cut` is the same
    Viterbi without the gap votes (and with jieba's tie rule); it is not
    reused here because adding the votes to it, or precomputing them per
    gap for it, cost 7 % more instructions in the whole discovery (callgrind).
    """
    n = len(unit)
    if n < 2:
        return [unit] if n else []
    best = list(map(get1, unit))   # single-symbol scores, then best suffix scores
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
            # no bound at i + max_len: score holds no longer string, so
            # the scan stops there anyway
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


def _discover(units, max_len, n_chars):
    """The algorithm on encoded units; returns (word counts, scores), encoded."""
    if max_len < 1:
        raise InputError('discovery: max_len must be at least 1, got %r' % (max_len,))
    # Millions of objects are allocated below and none forms a reference
    # cycle: CPython's cyclic garbage collector would only rescan them again
    # and again (~10 % of the run time).  Its previous state is restored.
    # Not on PyPy, where gc.disable() stops the major collections that free
    # everything (peak RSS 2.2 GB instead of ~450 MB on the development set).
    enabled = gc.isenabled()
    if _REFCOUNTED:
        gc.disable()
    try:
        return _discover_nogc(units, max_len, n_chars)
    finally:
        if enabled:
            gc.enable()


def _discover_nogc(units, max_len, n_chars):
    started = perf_counter()
    counts = _count(units, max_len + 1)
    logger.info('n-grams counted (orders 1-%d): %.1f s', max_len + 1, perf_counter() - started)
    left, right, score, edges = _autonomy(counts, max_len)
    counts.pop(max_len + 1, None)   # only the entropies needed it
    # Candidates: single symbols, and longer strings that pass the cohesion
    # gate.  The decoder's scan from a position stops at the first absent
    # string, so a failing string that is the prefix of a candidate stays,
    # with a score never chosen; the others go (a shorter scan).
    failing = _below_gate(counts, max_len, n_chars)
    for w in failing:
        score[w] = _NEVER
    longer = [w for w, v in iteritems(score) if len(w) > 2 and v != _NEVER]
    prefixes = set()
    for i in range(2, max_len):
        prefixes.update([w[:i] for w in longer if len(w) > i])
    del longer
    for w in failing:
        if w not in prefixes:
            del score[w]
    del failing, prefixes
    logger.info('branching entropies and autonomy: %.1f s', perf_counter() - started)
    get = score.get
    # Units repeat (words, short phrases between punctuation): cut each
    # distinct unit once and count its words as often as the unit occurs.
    pairs, ends, starts = _voters(counts, left, right, edges, _VOTE, score)
    unit_counts = {}
    _count_elements(unit_counts, units)
    words = {}
    pget = pairs.get
    eget = ends.get
    sget = starts.get
    get1 = {k: score[k] for k in counts[1]}
    get1[_RARE] = 0.0
    get1 = get1.get
    for unit, m in iteritems(unit_counts):
        cut = _decode(unit, get, pget, eget, sget, get1)
        _count_elements(words, cut)
        if m > 1:
            for w in cut:
                words[w] += m - 1
    del unit_counts, pairs, ends, starts
    logger.info('corpus segmented: %.1f s', perf_counter() - started)
    words.pop(_RARE, None)
    log = math.log
    log_total = log(n_chars or 1)
    scores = {}
    for w in words:
        n = len(w)
        s = {'left_entropy': left.get(w, 0.0), 'right_entropy': right.get(w, 0.0),
             'autonomy': score.get(w, 0.0) / n}
        if n > 1:
            grams = counts[n]
            lw = log(grams[w]) + log_total
            s['cohesion'] = min(lw - log(counts[i].get(w[:i], 1)) - log(counts[n - i].get(w[i:], 1))
                                for i in range(1, n))
        scores[w] = s
    return words, scores


def discover_words(corpus, max_len=4):
    """Learn the words of a raw-text corpus; return a :class:`~nlp_zero.lexicon.Lexicon`.

    ``corpus``: anything :class:`~nlp_zero.corpus.Corpus` reads (path, list of
    paths, open file, iterable of text lines; a generator is read once).
    ``max_len``: longest word, in symbols (4 measured best among 4-6 on the
    development set; 3 scores a little higher there but cannot hold 4-symbol
    names and idioms).

    Every word of the final segmentation is in the lexicon (single
    characters too, so a Tokenizer built on it knows their frequencies),
    mapped to its number of occurrences; ``lex.scores[word]`` has
    ``autonomy``, ``left_entropy``, ``right_entropy`` and, for words of two
    or more symbols, ``cohesion``.  No threshold depends on corpus size:
    candidates are the strings seen at least twice whose cohesion passes a
    gate in nats (see the module docstring).

    Cost: see the module docstring (1.7 M characters, 5.5 MB: ~6.5-7 s, ~240 MB
    peak RSS on CPython 3.11; ~8-9 s, ~450 MB on PyPy3).

    >>> lex = discover_words([u'今天天气很好，我们去公园散步。', u'明天天气不好，我们在家看书。',
    ...                       u'公园里散步的人很多，我们也去。'] * 10)
    >>> lex[u'我们'], lex[u'散步'], lex[u'今天']
    (20, 20, 10)
    """
    encoder = _Encoder()
    units = []
    n_chars = _read_units(corpus, encoder, units)
    return _lexicon(units, encoder, max_len, n_chars)


def _lexicon(units, encoder, max_len, n_chars):
    if not units:
        return Lexicon()
    words, scores = _discover(units, max_len, n_chars)
    text = encoder.text
    lex = Lexicon((text(w), c) for w, c in iteritems(words))
    for w, s in iteritems(scores):
        lex.scores[text(w)] = s
    lex.score_names = ['autonomy', 'cohesion', 'left_entropy', 'right_entropy']
    return lex


class Word_Finder(object):
    """nlp-zero 0.1.6 compatible front end to :func:`discover_words`.

    ``Word_Finder(min_proba=1e-7, min_pmi=1)``; ``train(texts)`` reads texts
    (may be called several times: the texts add up), ``find(texts=None)``
    learns the words of everything trained (``texts`` is trained first when
    nothing was; a one-shot generator therefore works: it is read once, by
    ``train``), then ``words`` is a dict word -> count.  ``min_proba`` drops
    words rarer than this share of all word tokens; ``min_pmi`` drops words
    of several symbols whose cohesion (nats) is below it.
    ``export_trie()`` / ``export_tokenizer()`` give a Trie / Tokenizer over
    ``words``.

    >>> f = Word_Finder()
    >>> texts = [u'孙悟空大战猪八戒，孙悟空笑了。'] * 20
    >>> f.train(texts)
    >>> f.find(texts)
    >>> u'孙悟空' in f.words
    True
    """

    def __init__(self, min_proba=1e-7, min_pmi=1, max_len=4):
        self.min_proba = min_proba
        self.min_pmi = min_pmi
        self.max_len = max_len
        self.words = {}
        self.lexicon = Lexicon()
        self._encoder = _Encoder()
        self._units = []
        self._chars = 0

    def train(self, sents, filtering=True, remove_weak_pairs=True):
        """Read ``sents`` (texts, path, file...); the extra 0.1.6 arguments are ignored."""
        self._chars += _read_units(sents, self._encoder, self._units)

    def find(self, sents=None, filtering=True, remove_weak_pairs=True):
        """Learn the words of all trained text into ``self.words`` (replacing the old ones)."""
        if not self._units and sents is not None:
            self.train(sents)
        lex = _lexicon(self._units, self._encoder, self.max_len, self._chars)
        total = lex.total or 1
        for w in list(lex):
            s = lex.scores.get(w, {})
            if lex[w] < self.min_proba * total or s.get('cohesion', self.min_pmi) < self.min_pmi:
                del lex[w]
        self.lexicon = lex
        self.words = dict(iteritems(lex))

    def export_trie(self):
        """A :class:`~nlp_zero.trie.Trie` of ``words``."""
        from .trie import Trie
        return Trie(self.words)

    def export_tokenizer(self):
        """A :class:`~nlp_zero.tokenizer.Tokenizer` over ``words``."""
        from .tokenizer import Tokenizer
        return Tokenizer(self.export_trie())
