# -*- coding: utf-8 -*-
"""Sentence templates: mining them from tokenized text, matching, saving.

A *template* is a sequence of literal words and placeholders (``None``,
printed ``[X]``), never two placeholders in a row: ``[X]的[X]是什么``,
``我想[X]``, ``[X]道：``.  A placeholder stands for one or more words.

* :class:`Template` -- the value object (0.1.6 compatible).
* :func:`mine_templates` -- learn templates from raw text (one tokenization
  pass, counts kept as integer word ids).  :class:`Template_Finder` is the
  0.1.6 two-step interface (``train`` then ``find``) over the same engine.
* :class:`XTrie` -- a trie over word tuples holding many templates with their
  counts; ``search(words)`` lists every span a template matches.
* :func:`save_templates` / :func:`load_templates` -- a text format (one
  template a line: ``count<TAB>item<TAB>item...``), written atomically.

Mining algorithm (why it is polynomial and counts each sentence once)
---------------------------------------------------------------------
1. Sentences are the token runs between sentence boundaries (。！？；… quotes,
   line ends); each gets two pseudo-words ``<s>`` and ``</s>``.  Word and
   skip-gram counts ``c(a, b)`` (``b`` within ``window`` words after ``a``)
   are collected; pairs of words too rare to reach the pair threshold are
   never counted (exact pruning: ``c(a, b) <= window * min(c(a), c(b))``).
   ``<s>`` and ``</s>`` pair only with their neighbour (a template anchored
   to a sentence edge is adjacent to it).  On corpora above ~8 M pair slots,
   a 1-in-4 sample of the sentences (interleaved blocks of 32) first proposes
   candidate pairs with a wide margin (half the count threshold, PMI one nat
   lower), and only candidates are then counted, exactly, over the whole
   corpus: same links (checked on the four novels), a counter of thousands
   instead of millions of pairs.
2. A pair is a *link* when ``c(a, b) >= min_count`` with
   ``min_count = max(min_count_floor, min_proba * number_of_pairs)`` (the
   threshold grows with the corpus) and ``PMI = log(p(a, b) / p(a) p(b)) >=
   min_pmi`` (natural log).  A ``<s>``/``</s>`` pair is a link when the word
   starts (ends) at least ``min_anchor`` of the sentences it occurs in.
3. In each sentence the candidate links (``O(n * window)`` of them) are taken
   nearest first (then higher PMI); a link is kept when its left word has no
   successor yet, its right word no predecessor yet, and it does not cross a
   kept link.  The kept links therefore split the sentence into disjoint,
   properly nested chains: every word token belongs to exactly one chain, so
   a sentence adds each template occurrence once -- no overlapping path
   variants, no exponential path enumeration.  Work per sentence is
   ``O(n * window * log(n * window))`` (the crossing test looks only at the
   ``< window`` positions inside the new link, since every word has at most
   one link each way), plus ``O(c^2 * n)`` to nest ``c`` chains.
4. A chain with at least one link becomes a template: its words in order, a
   placeholder for every gap between them and at each end of the enclosing
   span (the sentence, or the gap of the chain it is nested in) that the
   chain does not reach.  ``<s>``/``</s>`` anchor a template to the sentence
   edge and are not part of it.  Templates seen fewer than
   ``max(min_count_floor, min_proba * number_of_chains)`` times and trivial
   ones (a single literal between two placeholders) are dropped.

Memory: the corpus is kept as one ``array('i')`` of word ids (4 bytes a
token, plus ``window - 2`` pads a sentence) and the sentence starts; the pair
counter holds only pairs of frequent words (only candidates on big corpora).
"""
from __future__ import absolute_import, division, unicode_literals

import logging
import math
from array import array
from operator import add
from collections import Counter, defaultdict

from .compat import find_lone_surrogate, integer_types, iteritems, range, string_types, text_type, to_native_str
from .files import InputError, atomic_write, open_binary, reading

logger = logging.getLogger(__name__)

PLACEHOLDER = None
PLACEHOLDER_TEXT = '[X]'

# Characters that end a sentence for mining.  Quotes are boundaries too, so
# that in novels ``某人道：“……”`` yields the clause ``某人道：``.
SENTENCE_BOUNDARIES = frozenset(
    '。．！？!?；;…\r\n“”‘’「」『』"\u2028\u2029')

_BOS = 0  # word id of the sentence-start pseudo-word
_EOS = 1  # word id of the sentence-end pseudo-word
_FORMAT_HEADER = '# nlp-zero templates v1'


class Template(object):
    """A sentence template: literal words and placeholders (``None``).

    ``Template(['[X]'-free items])``: items are words (text) or ``None``;
    runs of ``None`` collapse into one placeholder (as in 0.1.6).
    Attributes: ``words`` (list of items), ``length`` (number of literals),
    ``last`` (last literal).  Hashable, comparable, iterable.
    Cost O(len(items)).

    >>> t = Template([None, '的', None, None])
    >>> t.words, t.length, text_type(t)
    ([None, '的', None], 1, '[X]的[X]')
    """

    __slots__ = ('words', 'length', 'last')

    def __init__(self, container=None):
        self.words = []
        self.last = None
        self.length = 0
        if container is not None:
            if isinstance(container, string_types):
                raise InputError('a template is a sequence of words and None, not a string'
                                 ' (use Template.from_text for "[X]的[X]")')
            for item in container:
                self.add(item)

    def add(self, value):
        """Append a literal word or a placeholder (``None``); O(1)."""
        if value is None:
            if not self.words or self.words[-1] is not None:
                self.words.append(None)
            return
        if not isinstance(value, string_types) or not value:
            raise InputError('template words must be non-empty strings, got %r' % (value,))
        self.words.append(value)
        self.last = value
        self.length += 1

    @classmethod
    def from_text(cls, text, sep=' '):
        """Parse ``'[X] 的 [X]'`` (items separated by ``sep``); O(len(text))."""
        return cls(None if item == PLACEHOLDER_TEXT else item
                   for item in text.split(sep) if item)

    def is_trivial(self):
        """True for one literal between two placeholders (``[X]w[X]``)."""
        return len(self.words) == 3 and self.words[0] is None and self.words[2] is None

    def __iter__(self):
        return iter(self.words)

    def __len__(self):
        return len(self.words)

    def __hash__(self):
        return hash(tuple(self.words))

    def __eq__(self, other):
        if isinstance(other, Template):
            return self.words == other.words
        if isinstance(other, (list, tuple)):
            return self.words == list(other)
        return NotImplemented

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __lt__(self, other):  # a stable order for sorting ties
        return _sort_key(self.words) < _sort_key(other.words)

    def text(self, sep=''):
        """The template as text, placeholders as ``[X]``; ``sep`` between items."""
        return sep.join(PLACEHOLDER_TEXT if w is None else w for w in self.words)

    def __unicode__(self):
        return self.text()

    def __str__(self):
        return to_native_str(self.text())

    def __repr__(self):
        return to_native_str('< Template: %s >' % self.text(' '))


def _sort_key(words):
    return tuple(('', 0) if w is None else (w, 1) for w in words)


def _as_words(items):
    """Tuple of items of a Template, list, tuple (``'[X]'`` -> None)."""
    if isinstance(items, Template):
        return tuple(items.words)
    if isinstance(items, string_types):
        raise InputError('a template is a sequence of words and None, not a string: %r' % (items,))
    return tuple(Template(None if w == PLACEHOLDER_TEXT else w for w in items).words)


# ---------------------------------------------------------------------------
# Splitting tokenized text into sentences
# ---------------------------------------------------------------------------

def _is_punctuation_only(token):
    for ch in token:
        if ch.isalnum():
            return False
    return True


def _word_list(tokens):
    """Accept a tokenizer's output: words, or (word, start, end) tuples."""
    if not isinstance(tokens, list):
        tokens = list(tokens)
    if tokens and not isinstance(tokens[0], string_types):
        tokens = [tok[0] for tok in tokens]
    return tokens


def _default_tokenize():
    from .tokenizer import lcut  # lazily: the tokenizer loads a lexicon
    return lcut


def _iter_texts(sents):
    if isinstance(sents, string_types):
        raise InputError('expected an iterable of texts (or a Corpus), got a single string')
    for text in sents:
        if not isinstance(text, string_types):
            raise InputError('expected text lines, got %s' % type(text).__name__)
        yield text


# ---------------------------------------------------------------------------
# The mining engine
# ---------------------------------------------------------------------------

_RARE = 2   # id of every word too rare to be linked (and of unknown words)
_PAD = 3    # separates sentences in the token array, never counted
_BOUNDARY = -1
_PIECES = -2


class _Engine(object):
    """Sentences as word ids, counts, links and chains.

    Shared by :func:`mine_templates` and :class:`Template_Finder`.  The token
    array holds ``<s> w1 .. wn </s>`` followed by ``window - 2`` pads for each
    sentence, so skip-gram pairs can be counted over long slices of the array
    at once (a pair crossing two sentences always contains a pad, or a
    ``<s>``/``</s>`` that is masked beyond distance 1).
    """

    def __init__(self, window=5, min_proba=1e-5, min_pmi=2.0, min_count=5, min_anchor=0.5,
                 keep_punctuation=True, boundaries=SENTENCE_BOUNDARIES):
        if window < 1:
            raise InputError('window must be at least 1')
        self.window = int(window)
        self.min_proba = float(min_proba)
        self.min_pmi = float(min_pmi)
        self.min_count_floor = int(min_count)
        self.min_anchor = float(min_anchor)
        self.keep_punctuation = keep_punctuation
        self.boundaries = boundaries
        self.n_pads = max(0, self.window - 2)
        self.ids = {}      # token -> word id (>= 4), _BOUNDARY, or _PIECES
        self.pieces = {}   # punctuation token -> list of ids / _BOUNDARY
        self.words = ['<s>', '</s>', '<rare>', '<pad>']
        self.grow = True   # False: unknown words become _RARE (Template_Finder.find)
        self.sample_above = 1 << 23  # pair slots above which candidates come from a sample
        self.tokens = array('i')
        self.starts = array('l')
        self.links = None

    # -- text to ids --------------------------------------------------------

    def _word_id(self, word):
        i = self.ids.get(word)
        if i is None or i < 0:
            if not self.grow:
                return _RARE
            i = self.ids[word] = len(self.words)
            self.words.append(word)
        return i

    def _new_token(self, tok):
        if not _is_punctuation_only(tok):
            if not self.grow:
                return _RARE
            return self._word_id(tok)
        if not self.keep_punctuation:
            self.ids[tok] = _BOUNDARY
            return _BOUNDARY
        pieces = []
        for ch in tok:
            if ch in self.boundaries:
                if not pieces or pieces[-1] != _BOUNDARY:
                    pieces.append(_BOUNDARY)
            elif ch.isspace():  # spaces inside a sentence are dropped
                continue
            elif len(tok) == 1:
                return self._word_id(tok)
            else:
                pieces.append(self._word_id(ch))
        if pieces == [_BOUNDARY]:
            self.ids[tok] = _BOUNDARY
            return _BOUNDARY
        self.pieces[tok] = pieces
        self.ids[tok] = _PIECES
        return _PIECES

    def split(self, tokens):
        """Lists of word ids, one per sentence of the token list."""
        get = self.ids.get
        ids = [get(tok) for tok in tokens]
        if None in ids:
            for k in [k for k, i in enumerate(ids) if i is None]:
                ids[k] = self._new_token(tokens[k])
        if _PIECES in ids:  # punctuation runs mixing boundaries and marks
            flat = []
            for tok, i in zip(tokens, ids):
                if i == _PIECES:
                    flat.extend(self.pieces[tok])
                else:
                    flat.append(i)
            ids = flat
        cuts = [k for k, i in enumerate(ids) if i < 0]
        if not cuts:
            return [ids] if ids else []
        out = []
        prev = 0
        for k in cuts:
            if k > prev:
                out.append(ids[prev:k])
            prev = k + 1
        if prev < len(ids):
            out.append(ids[prev:])
        return out

    def add_tokens(self, tokens):
        """Store the sentences of one tokenized line."""
        tokens_append = self.tokens.append
        tokens_extend = self.tokens.extend
        pads = [_PAD] * self.n_pads
        for ids in self.split(tokens):
            self.starts.append(len(self.tokens))
            tokens_append(_BOS)
            tokens_extend(ids)
            tokens_append(_EOS)
            if pads:
                tokens_extend(pads)

    def sentences(self):
        """Each stored sentence as a list ``[<s>, ids..., </s>]``."""
        tokens = self.tokens
        starts = self.starts
        pads = self.n_pads
        n = len(starts)
        step = 4096
        for k in range(0, n, step):
            k_end = min(k + step, n)
            base = starts[k]
            stop = starts[k_end] if k_end < n else len(tokens)
            block = tokens[base:stop].tolist()
            bounds = [a - base for a in starts[k:k_end]] + [stop - base]
            for a, b in zip(bounds, bounds[1:]):
                yield block[a:b - pads]

    # -- counting and links -------------------------------------------------

    def count(self):
        """Word and skip-gram counts over the stored sentences."""
        tokens = self.tokens
        window = self.window
        pads = self.n_pads
        n_sent = len(self.starts)
        wc = Counter()
        wc.update(tokens)
        wc.pop(_PAD, None)
        self.word_counts = wc
        self.n_tokens = max(len(tokens) - pads * n_sent, 1)
        self.n_adjacent = max(self.n_tokens - n_sent, 1)
        ends = list(self.starts[1:]) + [len(tokens)]
        lengths = Counter(b - a - pads for a, b in zip(self.starts, ends))
        n_pairs = 0
        for length, times in iteritems(lengths):
            n_pairs += times * sum(length - d for d in range(1, min(window, length - 1) + 1))
        self.n_pairs = max(n_pairs, 1)
        self.pair_threshold = max(self.min_count_floor,
                                  int(math.ceil(self.min_proba * self.n_pairs)))
        # Exact pruning: c(a, b) <= window * min(c(a), c(b)), so words rarer
        # than threshold / window are never counted in a pair.
        need = self.pair_threshold / window
        n_words = len(self.words)
        # Counted words get dense ids (<s> 0, </s> 1, then frequent words)
        # so that pair keys ``a * shift + b`` stay small machine-size ints.
        kept = [_BOS, _EOS] + [i for i in range(4, n_words) if wc.get(i, 0) >= need]
        self.kept = kept
        shift = self.shift = len(kept)
        big = shift * shift + 1  # a key no real pair has
        left1 = [-big] * n_words
        right1 = [big] * n_words
        for dense, i in enumerate(kept):
            left1[i] = dense * shift
            right1[i] = dense
        # Beyond distance 1, <s> and </s> are not counted.
        left2 = list(left1)
        right2 = list(right1)
        left2[_BOS] = left2[_EOS] = -big
        right2[_BOS] = right2[_EOS] = big
        slices = self._slices(8192)
        if len(tokens) * window <= self.sample_above or n_sent < 1024:
            self.pair_counts = self._count_pairs(slices, (left1, right1, left2, right2), big)
            return
        # Large corpus: a 1-in-4 sample of the sentences proposes candidate
        # pairs with a wide margin (half the count threshold, PMI one nat
        # lower, scaled to the whole corpus); the candidates are then counted
        # exactly over the whole corpus.  This keeps the big counter four
        # times smaller (memory, cache misses).
        # Small interleaved slices, so that a word met in one part of the
        # corpus only (a character of one book) is sampled too.
        sampled = self._slices(32)[::4]
        sample = self._count_pairs(sampled, (left1, right1, left2, right2), big)
        scale = len(tokens) / max(sum(b - a for a, b in sampled), 1)
        cand = self._candidates(sample, scale, self.pair_threshold / 2.0, self.min_pmi - 1.0,
                                self.min_anchor / 2.0)
        del sample
        self.pair_counts = self._count_pairs(slices, (left1, right1, left2, right2), big, cand)

    def _slices(self, n_sentences):
        """(start, end) slices of the token array, ``n_sentences`` each."""
        starts = list(self.starts[::n_sentences]) + [len(self.tokens)]
        return [(a, b) for a, b in zip(starts, starts[1:]) if b > a]

    def _count_pairs(self, slices, tables, big, only=None):
        """Counter of pair keys over the token slices (only keys in ``only``)."""
        left1, right1, left2, right2 = tables
        tokens = self.tokens
        pairs = Counter()
        for a, b in slices:
            seq = tokens[a:b]
            for d in range(1, self.window + 1):
                if d <= 2:
                    left = [left1[t] for t in seq] if d == 1 else [left2[t] for t in seq]
                    right = [right1[t] for t in seq] if d == 1 else [right2[t] for t in seq]
                # equal lengths: Python 2's map() pads a shorter list with None
                keys = map(add, left[:len(left) - d], right[d:])
                if only is None:
                    pairs.update([k for k in keys if 0 <= k < big])
                else:
                    pairs.update([k for k in keys if k in only])
        return pairs

    def _candidates(self, counts, scale, min_count, min_pmi, min_anchor):
        """Keys of ``counts`` (scaled) that may pass the link thresholds."""
        out = set()
        for key, c in iteritems(counts):
            c *= scale
            if c >= min_count and self._link_score(key, c, min_pmi, min_anchor) is not None:
                out.add(key)
        return out

    def _link_score(self, key, c, min_pmi, min_anchor):
        """PMI of the pair ``key`` seen ``c`` times, or None if not a link."""
        a, b = divmod(key, self.shift)
        a, b = self.kept[a], self.kept[b]
        if a == _EOS or b == _BOS:  # across two sentences (no pads)
            return None
        wc = self.word_counts
        log = math.log
        if a == _BOS or b == _EOS:
            # Anchor: the word starts (ends) most sentences it is in.  The
            # PMI of such a pair is at most log(mean sentence length), so a
            # PMI threshold would miss it in short clauses.
            if c < min_anchor * wc[b if a == _BOS else a]:
                return None
            return log(c) + log(self.n_adjacent) - log(wc[a]) - log(wc[b])
        pmi = log(c * self.n_tokens / wc[a] * self.n_tokens / wc[b] / self.n_pairs)
        return pmi if pmi >= min_pmi else None

    def make_links(self):
        """Dict a -> {b: pmi} of linked pairs (count and PMI thresholds)."""
        links = defaultdict(dict)
        threshold = self.pair_threshold
        shift = self.shift
        kept = self.kept
        for key, c in iteritems(self.pair_counts):
            if c < threshold:
                continue
            pmi = self._link_score(key, c, self.min_pmi, self.min_anchor)
            if pmi is not None:
                links[kept[key // shift]][kept[key % shift]] = pmi
        self.links = dict(links)
        logger.info('%d linked word pairs (pair count >= %d, PMI >= %.2f)',
                    sum(len(v) for v in self.links.values()), threshold, self.min_pmi)
        return self.links

    def chains(self, s):
        """Disjoint nested chains of one sentence (list of ids with <s>, </s>).

        Returns a list of (positions, span_start, span_end) where positions
        are the linked word positions in order and [span_start, span_end) the
        enclosing span.  See the module docstring for the rule.
        """
        links = self.links
        n = len(s)
        last = n - 1
        window = self.window
        cand = []
        for i in range(last):
            succ = links.get(s[i])
            if succ is None:
                continue
            if i == 0:  # <s> links only to the first word
                pmi = succ.get(s[1])
                if pmi is not None:
                    cand.append((1, -pmi, 0, 1))
                continue
            stop = i + window + 1
            if stop > last:
                stop = last
            for j in range(i + 1, stop):
                pmi = succ.get(s[j])
                if pmi is not None:
                    cand.append((j - i, -pmi, i, j))
            if i == last - 1:  # only the last word links to </s>
                pmi = succ.get(_EOS)
                if pmi is not None:
                    cand.append((1, -pmi, i, last))
        if not cand:
            return []
        cand.sort()
        nxt = {}
        prv = {}
        for _, _, i, j in cand:
            if i in nxt or j in prv:
                continue
            # A kept link crossing (i, j) has one end strictly inside it; as
            # every word has at most one link each way, looking at the
            # j - i - 1 <= window inner positions is enough.
            crossing = False
            for p in range(i + 1, j):
                q = nxt.get(p)
                if q is not None and q > j:
                    crossing = True
                    break
                q = prv.get(p)
                if q is not None and q < i:
                    crossing = True
                    break
            if crossing:
                continue
            nxt[i] = j
            prv[j] = i
        out = []
        for i in sorted(nxt):
            if i in prv:
                continue
            chain = [i]
            while chain[-1] in nxt:
                chain.append(nxt[chain[-1]])
            out.append(chain)
        if len(out) == 1:
            return [(out[0], 1, last)]
        # Enclosing span of each chain: the tightest gap of another chain.
        result = []
        for chain in out:
            lo, hi = 1, last  # the words between <s> and </s>
            first, end = chain[0], chain[-1]
            for other in out:
                if other is chain:
                    continue
                for a, b in zip(other, other[1:]):
                    if a < first and end < b and b - a - 1 < hi - lo:
                        lo, hi = a + 1, b
            result.append((chain, lo, hi))
        return result

    def templates_of(self, s):
        """Template tuples (words and None) of one sentence of ids."""
        words = self.words
        out = []
        for chain, lo, hi in self.chains(s):
            items = []
            if s[chain[0]] != _BOS and chain[0] > lo:
                items.append(None)
            prev = None
            for p in chain:
                if prev is not None and p > prev + 1:
                    items.append(None)
                prev = p
                w = s[p]
                if w != _BOS and w != _EOS:
                    items.append(words[w])
            if s[chain[-1]] != _EOS and chain[-1] < hi - 1:
                items.append(None)
            if len(items) > 1 or (items and items[0] is not None):
                out.append(tuple(items))
        return out


def _count_templates(engine, sentences):
    counts = Counter()
    batch = []
    templates_of = engine.templates_of
    for s in sentences:
        batch.extend(templates_of(s))
        if len(batch) >= 65536:
            counts.update(batch)
            del batch[:]
    counts.update(batch)
    return counts


def _finish(counts, min_proba, min_count, keep_trivial=False):
    total = sum(counts.values())
    threshold = max(min_count, int(math.ceil(min_proba * total)))
    out = {}
    for items, c in iteritems(counts):
        if c < threshold:
            continue
        t = Template(items)
        if t.length == 0 or (t.is_trivial() and not keep_trivial):
            continue
        out[t] = c
    return out


def mine_templates(corpus, tokenize=None, window=5, min_proba=1e-5, min_pmi=2.0, min_count=5,
                   min_anchor=0.5, keep_punctuation=True, boundaries=SENTENCE_BOUNDARIES):
    """Learn sentence templates from raw text.

    Inputs: ``corpus`` -- any iterable of text lines (a :class:`Corpus`, a
    list of strings, an open text file); ``tokenize`` -- a function text ->
    list of words (or of (word, start, end) tuples), default
    ``nlp_zero.tokenizer.lcut``; ``jieba.lcut`` works too.  ``window``: skip-gram
    distance; ``min_proba``, ``min_count``: count thresholds (the effective
    threshold is ``max(min_count, min_proba * N)``, N = number of pairs, resp.
    of chains); ``min_pmi``: link threshold in nats; ``min_anchor``: share of
    a word's occurrences that must start (end) a sentence for a template to
    be anchored there.  ``keep_punctuation``:
    keep non-boundary punctuation (，：、) as words.
    Output: dict :class:`Template` -> count.

    Cost: the corpus is tokenized once; time O(tokens * window) plus the
    per-sentence chain step (see the module docstring), memory 4 bytes per
    token + the counters of frequent words.

    >>> lines = [who + '好吗' for who in '甲乙丙丁戊己庚辛壬癸']
    >>> tps = mine_templates(lines, tokenize=list, min_pmi=0.5)
    >>> sorted(t.text() for t in tps)
    ['[X]好吗']
    """
    if tokenize is None:
        tokenize = _default_tokenize()
    engine = _Engine(window, min_proba, min_pmi, min_count, min_anchor, keep_punctuation,
                     boundaries)
    for text in _iter_texts(corpus):
        engine.add_tokens(_word_list(tokenize(text)))
    engine.count()
    logger.info('%d sentences, %d tokens (with <s>, </s>), pair threshold %d',
                len(engine.starts), engine.n_tokens, engine.pair_threshold)
    engine.make_links()
    return _finish(_count_templates(engine, engine.sentences()), min_proba, min_count)


class Template_Finder(object):
    """0.1.6-compatible miner: ``train(sents)`` counts, ``find(sents)`` builds templates.

    ``Template_Finder(tokenize, window=5, min_proba=1e-5, min_pmi=2)``; after
    ``find`` the attribute ``templates`` is a dict :class:`Template` -> count.
    ``filtering=True`` (0.1.6 default) drops every punctuation mark and
    splits sentences there; ``False`` keeps non-boundary punctuation.
    Same algorithm and costs as :func:`mine_templates`, but ``find``
    tokenizes the text a second time (use :func:`mine_templates` to tokenize once).

    >>> lines = [who + '好吗' for who in '甲乙丙丁戊己庚辛壬癸']
    >>> f = Template_Finder(list, min_pmi=0.5)
    >>> f.train(lines)
    >>> f.find(lines)
    >>> sorted(t.text() for t in f.templates)
    ['[X]好吗']
    """

    def __init__(self, tokenize=None, window=5, min_proba=1e-5, min_pmi=2, min_count=5,
                 min_anchor=0.5):
        self.tokenize = tokenize if tokenize is not None else _default_tokenize()
        self.min_anchor = min_anchor
        self.window = window
        self.min_proba = min_proba
        self.min_pmi = min_pmi
        self.min_count = min_count
        self.templates = {}
        self._engine = None

    def train(self, sents, filtering=True):
        """Count words and skip-grams of ``sents`` (iterable of texts)."""
        engine = _Engine(self.window, self.min_proba, self.min_pmi, self.min_count,
                         self.min_anchor, keep_punctuation=not filtering)
        for text in _iter_texts(sents):
            engine.add_tokens(_word_list(self.tokenize(text)))
        engine.count()
        engine.make_links()
        # The token array is only needed for counting; find() re-reads text.
        engine.tokens = array('i')
        engine.starts = array('l')
        engine.grow = False
        self._engine = engine

    def find(self, sents, filtering=True, remove_weak_grams=True):
        """Build ``self.templates`` from ``sents`` with the trained links.

        Sentences are split as in ``train`` (its ``filtering`` wins).
        """
        if self._engine is None:
            self.train(sents, filtering)
        engine = self._engine

        def sentences():
            for text in _iter_texts(sents):
                for ids in engine.split(_word_list(self.tokenize(text))):
                    yield [_BOS] + ids + [_EOS]
        counts = _count_templates(engine, sentences())
        if remove_weak_grams:
            engine.pair_counts = Counter()
        self.templates = _finish(counts, self.min_proba, self.min_count)


# ---------------------------------------------------------------------------
# The matcher
# ---------------------------------------------------------------------------

_END = 0  # trie key marking "a template ends here" (words are never ints)


class XTrie(object):
    """Templates with counts in a trie over word tuples (0.1.6 compatible).

    ``XTrie(templates=None)``: ``templates`` is a dict / iterable of
    ``(template, count)`` pairs (template = :class:`Template` or a sequence
    of words and ``None``), or a path of a saved template file.
    ``xt[template] = count`` (0 deletes), ``xt[template]`` (0 if absent),
    ``del``, ``in``, ``len``; iterating yields ``(Template, count)`` pairs as
    0.1.6 did (``items()`` too).  ``total_items`` is the sum of counts.

    Matching (``search``): a literal matches the same word, a placeholder
    one or more words, and a template matches a span exactly as written --
    nothing is skipped.  Memory: one dict per trie node.

    >>> xt = XTrie([([None, '可以', None, '吗'], 2)])
    >>> xt.search(['鸡蛋', '可以', '吃', '吗'])
    {(0, 4): {(1, 3): 2}}
    """

    def __init__(self, templates=None):
        self.dic = {}
        self.num_items = 0
        self.total_items = 0
        self.version = 0  # bumped on every change (parsers recompile)
        if templates is None:
            return
        if isinstance(templates, string_types):
            templates = load_templates(templates)
        self.update(templates)

    def update(self, templates):
        """Add ``(template, count)`` pairs (or a dict); O(total template length)."""
        pairs = iteritems(templates) if hasattr(templates, 'keys') else templates
        for t, c in pairs:
            self[t] = c

    def _node(self, words, create=False):
        node = self.dic
        for w in words:
            nxt = node.get(w)
            if nxt is None:
                if not create:
                    return None
                nxt = node[w] = {}
            node = nxt
        return node

    def __setitem__(self, template, count):
        words = _as_words(template)
        if not any(w is not None for w in words):
            raise InputError('a template needs at least one literal word')
        if not isinstance(count, integer_types) or count < 0:
            raise InputError('a template count must be a non-negative integer, got %r' % (count,))
        if count == 0:
            self.__delitem__(words)
            return
        node = self._node(words, create=True)
        self.version += 1
        old = node.get(_END)
        if old is None:
            self.num_items += 1
            self.total_items += count
        else:
            self.total_items += count - old[1]
        node[_END] = (Template(words), count)

    def __getitem__(self, template):
        node = self._node(_as_words(template))
        if node is None or _END not in node:
            return 0
        return node[_END][1]

    def __delitem__(self, template):
        node = self._node(_as_words(template))
        if node is not None and _END in node:
            self.version += 1
            self.num_items -= 1
            self.total_items -= node[_END][1]
            del node[_END]

    def __contains__(self, template):
        node = self._node(_as_words(template))
        return node is not None and _END in node

    def __len__(self):
        return self.num_items

    def items(self):
        """``(Template, count)`` pairs (depth-first trie order)."""
        stack = [self.dic]
        while stack:
            node = stack.pop()
            for key, child in iteritems(node):
                if isinstance(key, integer_types):
                    yield child
                else:
                    stack.append(child)

    def __iter__(self):
        return self.items()

    def __repr__(self):
        return '<XTrie: %s templates, total count %s>' % (self.num_items, self.total_items)

    def search(self, sent):
        """Every match of every template in the word list ``sent``.

        Output: dict ``{(start, end): {literal_positions: count}}`` (as in
        0.1.6): the template matching span ``[start, end)`` has its literal
        words at ``literal_positions`` and placeholders on every gap.
        Cost: O(n^2) trie steps per reachable state; the output itself can
        hold O(n^2) spans per template.
        """
        sent = list(sent)
        n = len(sent)
        output = defaultdict(dict)
        for start in range(n):
            self._search(sent, n, start, start, self.dic, (), output)
        return dict(output)

    def _search(self, sent, n, start, pos, node, matched, output):
        if pos >= n:
            return
        # Literal step.
        child = node.get(sent[pos])
        if child is not None:
            self._literal(sent, n, start, pos, child, matched, output)
        # Placeholder: one or more words, then a literal or the end.
        hole = node.get(None)
        if hole is not None:
            if _END in hole:
                count = hole[_END][1]
                for end in range(pos + 1, n + 1):
                    output[start, end][matched] = count
            for k in range(pos + 1, n):
                child = hole.get(sent[k])
                if child is not None:
                    self._literal(sent, n, start, k, child, matched, output)

    def _literal(self, sent, n, start, k, child, matched, output):
        """The literal ``sent[k]`` matched, reaching trie node ``child``:
        record a template ending there, and search on from ``k + 1``."""
        m = matched + (k,)
        if _END in child:
            output[start, k + 1][m] = child[_END][1]
        self._search(sent, n, start, k + 1, child, m, output)

    def save(self, path):
        """Write the templates to ``path`` (see :func:`save_templates`)."""
        save_templates(self.items(), path)

    @classmethod
    def load(cls, path):
        """An XTrie holding the templates saved at ``path``."""
        return cls(load_templates(path))


# ---------------------------------------------------------------------------
# Persistence
# ---------------------------------------------------------------------------

def _escape(word):
    if word == PLACEHOLDER_TEXT:
        return '\\' + word
    return word.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')


def _unescape(item):
    if item == PLACEHOLDER_TEXT:
        return None
    if '\\' not in item:
        return item
    out = []
    i = 0
    while i < len(item):
        ch = item[i]
        if ch == '\\' and i + 1 < len(item):
            nxt = item[i + 1]
            out.append({'t': '\t', 'n': '\n', 'r': '\r'}.get(nxt, nxt))
            i += 2
        else:
            out.append(ch)
            i += 1
    return ''.join(out)


def _check_encodable(rows):
    """Refuse (ValueError) a template word UTF-8 cannot write: a lone surrogate."""
    words = [w for _, t in rows for w in t if w is not None]
    if find_lone_surrogate(''.join(words)) >= 0:
        word = next(w for w in words if find_lone_surrogate(w) >= 0)
        raise ValueError('cannot write the template word %r: it contains a lone surrogate '
                         '(not valid Unicode)' % (word,))


def dump_templates(templates, out):
    """Write templates as text to the open text writer ``out``.

    ``templates``: dict Template -> count, an XTrie, or (template, count)
    pairs.  Format: a header line, then one template a line,
    ``count<TAB>item<TAB>item...`` with ``[X]`` for a placeholder (a literal
    word ``[X]`` is written ``\\[X]``; backslash, tab and newlines escaped),
    most frequent first.  Cost O(total size + n log n).
    """
    pairs = iteritems(templates) if hasattr(templates, 'keys') else iter(templates)
    rows = sorted(((c, _as_words(t)) for t, c in pairs), key=lambda r: (-r[0], _sort_key(r[1])))
    _check_encodable(rows)
    out.write(_FORMAT_HEADER + '\n')
    for c, words in rows:
        out.write('%d\t%s\n' % (c, '\t'.join(PLACEHOLDER_TEXT if w is None else _escape(w)
                                              for w in words)))


def save_templates(templates, path):
    """Write templates to ``path`` atomically (gz/bz2/xz by suffix).

    Same text as :func:`dump_templates`; read back with
    :func:`load_templates` or ``XTrie(path)``.
    """
    with atomic_write(path) as out:
        dump_templates(templates, out)


def load_templates(path):
    """Read a file written by :func:`save_templates`: dict Template -> count.

    Lines starting with ``#`` and blank lines are skipped; counts of a
    template listed twice add up.  Raises InputError (with the line number) on malformed lines.
    """
    out = {}
    with open_binary(path) as raw, reading(path):
        for number, line in enumerate(raw, 1):
            try:
                line = line.decode('utf-8')
            except UnicodeDecodeError:
                raise InputError('%s: line %d: not utf-8' % (path, number))
            line = line.rstrip('\r\n')
            if number == 1 and line.startswith('\ufeff'):
                line = line[1:]
            if not line or line.startswith('#'):
                continue
            fields = line.split('\t')
            try:
                count = int(fields[0])
            except ValueError:
                raise InputError('%s: line %d: expected "count<TAB>items", got %r'
                                 % (path, number, line[:60]))
            if count < 0:
                raise InputError('%s: line %d: negative count %d' % (path, number, count))
            bad = find_lone_surrogate(line)
            if bad >= 0:   # Python 2 decodes CESU-8 surrogates
                raise InputError('%s: line %d: lone surrogate U+%04X: not valid Unicode text'
                                 % (path, number, ord(line[bad])))
            items = [_unescape(f) for f in fields[1:]]
            try:
                t = Template(items)
            except InputError:
                raise InputError('%s: line %d: empty word in template' % (path, number))
            if t.length == 0:
                raise InputError('%s: line %d: template without a literal word' % (path, number))
            out[t] = out.get(t, 0) + count
    return out
