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
  strings seen at least twice, of at most ``max_len`` symbols.

Because the unigram model of the resulting counts reproduces the same cut
(measured), ``Tokenizer(discover_words(corpus))`` segments the corpus the way
discovery did, and also segments new text.

Scores kept per word (``lexicon.scores[word]``): ``cohesion`` (the weakest
split's PMI, nats; words of one symbol have none), ``left_entropy``,
``right_entropy`` (branching entropies, nats) and ``autonomy``.

Cost: reading keeps the text once in memory (one string per unit);
counting n-grams of orders 1..max_len+1 is done order by order in C
(``Counter`` over string slices) and strings seen once are dropped after
each order, so peak memory is about one order's distinct n-grams
(~250 MB for 2 M characters) and time is O(characters x max_len).

>>> lex = discover_words([u'孙悟空大战猪八戒，孙悟空笑了。猪八戒哭了。'] * 20)
>>> u'孙悟空' in lex and u'猪八戒' in lex
True
"""
from __future__ import absolute_import, division, unicode_literals

import logging
import math
from collections import Counter

from .compat import iteritems, range, text_type, unichr
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
    ``1 * log(1) = 0`` to its parent's entropy sum).
    """
    text = _SEP.join(units)
    size = len(text)
    counts = {}
    for n in range(1, max_order + 1):
        c = Counter(text[i:i + n] for i in range(size - n + 1))
        if n == 1:
            c.pop(_SEP, None)
            c.pop(_RARE, None)
            counts[1] = dict(c)
        else:
            counts[n] = dict((k, v) for k, v in iteritems(c)
                             if v > 1 and _SEP not in k and _RARE not in k)
        del c
        logger.debug('order %d: %d n-grams', n, len(counts[n]))
    return counts


def _autonomy(counts, max_len):
    """Branching entropies and nVBE autonomy of every counted string of <= max_len symbols.

    Returns ``(left, right, autonomy)`` dicts.  The mean subtracted from the
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
    right = {}
    left = {}
    autonomy = {}
    for n in range(1, max_len + 1):
        grams = counts.get(n)
        if not grams:
            break
        s_right = {}
        s_left = {}
        get_r = s_right.get
        get_l = s_left.get
        for k, v in iteritems(counts.get(n + 1, {})):
            x = v * log(v)
            p = k[:-1]
            s_right[p] = get_r(p, 0.0) + x
            p = k[1:]
            s_left[p] = get_l(p, 0.0) + x
        weight = 0.0
        total_vbe = 0.0
        vbe = {}
        for k, v in iteritems(grams):
            lv = log(v)
            hr = right[k] = lv - get_r(k, 0.0) / v
            hl = left[k] = lv - get_l(k, 0.0) / v
            if n == 1:
                x = hr + hl - 2 * h0
                w = v
            else:
                x = hr - right[k[:-1]] + hl - left[k[1:]]
                w = lv
            vbe[k] = x
            weight += w
            total_vbe += w * x
        mean = total_vbe / weight
        for k, x in iteritems(vbe):
            autonomy[k] = x - mean
    return left, right, autonomy


def _decode(unit, get, max_len):
    """Cut an encoded unit maximising the sum of its words' scores (backward Viterbi).

    Candidates are prefix-closed (a string seen twice has a prefix seen twice),
    so the scan from ``i`` stops at the first absent string.
    """
    n = len(unit)
    best = [0.0] * (n + 1)
    nxt = [0] * n
    for i in range(n - 1, -1, -1):
        top = get(unit[i], 0.0) + best[i + 1]
        end = i + 1
        stop = min(n, i + max_len)
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
    counts = _count(units, max_len + 1)
    left, right, autonomy = _autonomy(counts, max_len)
    score = {}
    for k, a in iteritems(autonomy):
        score[k] = a * len(k)
    get = score.get
    words = Counter()
    cache = {}
    for unit in units:
        if len(unit) <= 12:
            cut = cache.get(unit)
            if cut is None:
                cut = cache[unit] = _decode(unit, get, max_len)
        else:
            cut = _decode(unit, get, max_len)
        words.update(cut)
    words.pop(_RARE, None)
    log = math.log
    log_total = log(n_chars or 1)
    scores = {}
    for w in words:
        n = len(w)
        s = {'left_entropy': left.get(w, 0.0), 'right_entropy': right.get(w, 0.0),
             'autonomy': autonomy.get(w, 0.0)}
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
    candidates are the strings seen at least twice.

    Cost: see the module docstring (2 M characters: ~30 s, ~300 MB on CPython).

    >>> lex = discover_words([u'天气很好，我们去公园散步。天气很好'] * 10)
    >>> u'天气' in lex and u'公园' in lex
    True
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
