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
* Autonomy ``a(x) = nVBE_left(x) + nVBE_right(x)``; a unit is cut into
  ``w1 .. wk`` maximising ``sum(a(wi) * len(wi))``.  Candidates are the
  strings seen at least twice, of at most ``max_len`` symbols, that pass the
  minimum-entropy gate: every split of the string has a PMI of at least
  1 nat (2 symbols), 4 (3 symbols), 5 (4 or more), or half the PMI the
  string's frequency allows, whichever is lower (dev F1 0.781 -> 0.791).

Because the unigram model of the resulting counts reproduces the same cut
(measured), ``Tokenizer(discover_words(corpus))`` segments the corpus the way
discovery did, and also segments new text.

Scores kept per word (``lexicon.scores[word]``): ``cohesion`` (the weakest
split's PMI, nats; words of one symbol have none), ``left_entropy``,
``right_entropy`` (branching entropies, nats) and ``autonomy``.

Cost: reading keeps the text once in memory (one string per unit);
counting n-grams of orders 1..max_len+1 is done order by order in C
(C-level counting of string slices), strings seen once are dropped after
each order, and order n only visits the offsets where both (n-1)-grams were
seen twice.  Time O(characters x max_len); 2 M characters take ~8 s and
~420 MB peak RSS on CPython 3.11 (nlp-zero 0.1.6 Word_Finder: ~8-10 s,
~180-230 MB; bench/RESULTS.md).

>>> lex = discover_words([u'孙悟空大战猪八戒，孙悟空笑了。猪八戒哭了。'] * 20)
>>> u'孙悟空' in lex and u'猪八戒' in lex
True
"""
from __future__ import absolute_import, division, unicode_literals

import gc
import logging
import math
from itertools import compress
from operator import and_

from .compat import count_elements as _count_elements, iteritems, perf_counter, range, text_type, unichr
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
# 4 (and more) symbols.  The minimum-entropy rule is PMI > 1 for a pair;
# longer strings must beat their parts by more, since a string of k
# frequent characters co-occurs by chance more often than a pair.  Chosen on
# the development set (bench/RESULTS.md).
_GATE = (1.0, 4.0, 5.0)
_GATE_SHARE = 0.5   # ... or half the PMI a string's frequency allows (small corpora)
_NEVER = -1e9   # score of a string that is never a word (it fails the gate)


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
    append = units.append
    encode = encoder.encode
    for block in corpus.iter_blocks():
        if not isinstance(block, text_type):
            raise InputError('discovery: corpus must yield text, got %s' % type(block).__name__)
        for unit in iter_units(block):
            append(encode(unit))
            n += len(unit)
    return n


def _count(units, max_order):
    """Counts of n-grams, orders 1..max_order: {n: {ngram: count}}.

    Orders >= 2 keep only n-grams seen at least twice: nothing below needs
    the others (a string seen once is never a candidate, and it adds
    ``1 * log(1) = 0`` to its parent's entropy sum).  An n-gram seen twice
    has both its (n-1)-grams seen twice, so order n only looks at the
    positions where both are (a shrinking set of text offsets; any order): the high
    orders cost a fraction of a full pass.
    """
    text = _SEP.join(units)
    size = len(text)
    uni = {}
    _count_elements(uni, text)
    uni.pop(_SEP, None)
    uni.pop(_RARE, None)
    counts = {1: uni}
    positions = range(size - 1)
    for n in range(2, max_order + 1):
        grams = [text[i:i + n] for i in positions]
        c = {}
        _count_elements(c, grams)
        kept = {k: v for k, v in iteritems(c) if v > 1}
        del c
        for k in [k for k in kept if _SEP in k or _RARE in k]:
            del kept[k]
        counts[n] = kept
        logger.debug('order %d: %d n-grams (%d positions)', n, len(kept), len(grams))
        if n < max_order:
            if n == 2:
                # offsets are still consecutive: a flag list shifted by one
                flags = list(map(kept.__contains__, grams))
                del grams
                positions = list(compress(range(size - 2), map(and_, flags[:-1], flags[1:])))
                del flags
                continue
            # offsets whose n-gram is frequent, then those whose next one is too
            frequent = set(compress(positions, map(kept.__contains__, grams)))
            del grams
            positions = frequent.intersection(map((-1).__add__, frequent))
    return counts


def _below_gate(counts, max_len, n_chars, thresholds=_GATE, share=_GATE_SHARE):
    """The counted strings of 2..max_len symbols that fail the cohesion gate.

    A string ``w`` passes when every split ``a|b`` has PMI >= ``t``, the
    threshold for ``len(w)`` symbols (the weakest split's PMI is the word's
    cohesion).  A string seen ``v`` times in ``N`` symbols can reach a PMI of
    at most ``ln(N / v)`` (its parts never seen apart), which on a small
    corpus can be below ``t`` for a frequent word, so ``t`` is capped at
    ``share`` of that maximum (a normalised PMI, independent of corpus size).
    Tested as ``v * N >= e**t * c(a) * c(b)`` in one comprehension per order.
    """
    n = float(n_chars or 1)
    failing = []
    c1, c2, c3 = counts.get(1), counts.get(2), counts.get(3)
    for k in range(2, max_len + 1):
        grams = counts.get(k)
        if not grams:
            break
        et = math.exp(thresholds[min(k, len(thresholds) + 1) - 2])
        if k == 2:
            failing.extend([w for w, v in iteritems(grams)
                            if v * n < min(et, (n / v) ** share) * c1[w[0]] * c1[w[1]]])
        elif k == 3:
            failing.extend([w for w, v in iteritems(grams)
                            if v * n < min(et, (n / v) ** share)
                            * max(c1[w[0]] * c2[w[1:]], c2[w[:2]] * c1[w[2]])])
        elif k == 4:
            failing.extend([w for w, v in iteritems(grams)
                            if v * n < min(et, (n / v) ** share)
                            * max(c1[w[0]] * c3[w[1:]], c2[w[:2]] * c2[w[2:]], c3[w[:3]] * c1[w[3]])])
        else:
            splits = [(counts[i], counts[k - i], i) for i in range(1, k)]
            failing.extend([w for w, v in iteritems(grams)
                            if v * n < min(et, (n / v) ** share)
                            * max(a[w[:i]] * b[w[i:]] for a, b, i in splits)])
    return failing


def _autonomy(counts, max_len):
    """Branching entropies and nVBE autonomy of every counted string of <= max_len symbols.

    Returns ``(left, right, score)`` dicts, ``score[x] = autonomy(x) * len(x)``.  The mean subtracted from the
    VBE of strings of length ``n`` is weighted by occurrences for single
    symbols and by log(count) for longer strings: measured on the
    development set, weighting longer strings by occurrences under-rates
    frequent two-symbol words (their mean is dominated by real words) and
    weighting by type over-rates rare characters (dev F1 0.780 vs 0.737 and
    0.69, see bench/RESULTS.md).
    """
    log = math.log
    uni = counts[1]
    total = sum(uni.values()) or 1
    h0 = log(total) - sum(v * log(v) for v in uni.values()) / total
    # log(c) and c*log(c) by table: counts are small integers, and list
    # indexing is cheaper than a call in these loops over every n-gram.
    logs = [0.0] + [log(i) for i in range(1, max(uni.values() or [1]) + 1)]
    xlogx = [i * x for i, x in enumerate(logs)]
    right = {}
    left = {}
    score = {}
    for n in range(1, max_len + 1):
        grams = counts.get(n)
        if not grams:
            break
        s_right = {}
        s_left = {}
        get_r = s_right.get
        get_l = s_left.get
        for k, v in iteritems(counts.get(n + 1, {})):
            x = xlogx[v]
            p = k[:-1]
            s_right[p] = get_r(p, 0.0) + x
            p = k[1:]
            s_left[p] = get_l(p, 0.0) + x
        weight = 0.0
        total_vbe = 0.0
        for k, v in iteritems(grams):
            lv = logs[v]
            hr = right[k] = lv - get_r(k, 0.0) / v
            hl = left[k] = lv - get_l(k, 0.0) / v
            if n == 1:
                x = hr + hl - 2 * h0
                w = v
            else:
                x = hr - right[k[:-1]] + hl - left[k[1:]]
                w = lv
            score[k] = x
            weight += w
            total_vbe += w * x
        del s_right, s_left
        mean = total_vbe / weight
        for k in grams:
            score[k] = (score[k] - mean) * n
    return left, right, score


def _decode(unit, get, max_len):
    """Cut an encoded unit maximising the sum of its words' scores (backward Viterbi).

    Every symbol has a score (``get`` knows all single symbols).  Candidates
    are prefix-closed (a string seen twice has a prefix seen twice), so the
    scan from ``i`` stops at the first absent string.
    """
    n = len(unit)
    best = list(map(get, unit))   # single-symbol scores, then best suffix scores
    best.append(0.0)
    nxt = list(range(1, n + 1))
    for i in range(n - 2, -1, -1):
        top = best[i] + best[i + 1]
        end = i + 1
        stop = i + max_len
        if stop > n:
            stop = n
        j = i + 2
        while j <= stop:
            value = get(unit[i:j])
            if value is None:
                break
            value += best[j]
            if value > top:
                top = value
                end = j
            j += 1
        best[i] = top
        nxt[i] = end
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
    # cycle: the cyclic garbage collector would only rescan them again and
    # again (~10 % of the run time).  Its previous state is restored.
    enabled = gc.isenabled()
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
    left, right, score = _autonomy(counts, max_len)
    # Candidates: single symbols, and longer strings that pass the cohesion
    # gate.  The decoder's scan from a position stops at the first absent
    # string, so a failing string that is the prefix of a candidate stays,
    # with a score never chosen; the others go (a shorter scan).
    failing = _below_gate(counts, max_len, n_chars)
    for w in failing:
        score[w] = _NEVER
    prefixes = set()
    for w, v in iteritems(score):
        if v != _NEVER and len(w) > 2:
            prefixes.update([w[:i] for i in range(2, len(w))])
    for w in failing:
        if w not in prefixes:
            del score[w]
    del failing, prefixes
    logger.info('branching entropies and autonomy: %.1f s', perf_counter() - started)
    score[_RARE] = 0.0
    get = score.get
    # Units repeat (words, short phrases between punctuation): cut each
    # distinct unit once and count its words as often as the unit occurs.
    unit_counts = {}
    _count_elements(unit_counts, units)
    tokens = []
    extend = tokens.extend
    for unit, m in iteritems(unit_counts):
        cut = [unit] if len(unit) == 1 else _decode(unit, get, max_len)
        extend(cut * m if m > 1 else cut)
    del unit_counts
    logger.info('corpus segmented: %.1f s', perf_counter() - started)
    words = {}
    _count_elements(words, tokens)
    del tokens
    words.pop(_RARE, None)
    del score[_RARE]
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

    Cost: see the module docstring (2 M characters: ~8 s, ~420 MB on CPython 3.11).

    >>> lex = discover_words([u'今天天气很好，我们去公园散步。', u'明天天气不好，我们在家看书。',
    ...                       u'公园里散步的人很多。'] * 10)
    >>> lex[u'公园'], lex[u'我们'], lex[u'散步']
    (20, 20, 20)
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
