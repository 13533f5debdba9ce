# -*- coding: utf-8 -*-
"""A word -> count dictionary that finds the words starting at a text position fast.

:class:`Trie` is the tokenizer's lexicon.  Despite the (0.1.6) name it is
not a tree of nested dicts: it is one flat dict holding every word **and
every proper prefix of a word**, so "which words start at position i" is a
run of ``dict.get(text[i:j])`` for j = i+1, i+2, ... that stops at the first
string that is not a prefix.  That is the fastest lookup pure Python offers
(one hash of a short slice per step, all in C) and it is what the
tokenizer's hot loop inlines.

Values in that flat dict are natural-log counts (``log(count)``), ``-inf``
for a multi-character string that is only a prefix, and ``0.0`` (the log of
the add-one pseudo-count, see :mod:`nlp_zero.tokenizer`) for a single
character that is only a prefix.  The exact counts live in a second dict;
``total`` is kept up to date in O(1) per change, so log-probabilities stay
correct after deletes.

Storing every prefix makes a word of L characters cost about L prefixes of
average length L/2, so memory grows with the square of the longest word.
Words are therefore limited to :data:`MAX_WORD_LENGTH` (100) characters,
which keeps memory linear in the dictionary's size: at most about 66 bytes
per byte of a dictionary file of 100-character words, against 22 for a
dictionary of ordinary 3-character words (bench/RESULTS.md); the bundled
350 k-word dictionary's longest word has 16.  Words with whitespace are
refused too: the tokenizer always cuts at whitespace, so they could never
match.  Loading a file or a mapping skips such entries with a logged warning
(file and line, see :func:`read_dictionary`); setting one word raises
ValueError.

:class:`DAG` is the 0.1.6 weighted-graph helper (``optimal_path``,
``all_paths``), re-implemented with back-pointers (linear memory).

>>> t = Trie({u'自然': 3, u'自然语言': 2, u'语言': 5})
>>> t.words_at(u'自然语言处理', 0)
['自然', '自然语言']
>>> t[u'语言'], t[u'不在'], len(t), t.total
(5, 0, 3, 10)
"""
from __future__ import absolute_import, division, unicode_literals

import logging
import math

from .compat import Mapping, integer_types, iteritems, itervalues, string_types, text_type
from .lexicon import _MAX_WARNINGS, _WHITESPACE_RE, CountsMapping, _refusal, read_counts

__all__ = ['Trie', 'DAG', 'MAX_WORD_LENGTH', 'read_dictionary']

#: Longest word, in characters, a Trie takes (see the module doc: memory per
#: word grows with the square of its length).
MAX_WORD_LENGTH = 100

logger = logging.getLogger(__name__)

_log = math.log
NEG = float('-inf')
_TEXT = set([text_type])
_INTS = set(integer_types)


def read_dictionary(path, format=None):
    """``(counts, scores, uncounted)`` of a dictionary file for a tokenizer.

    As :func:`nlp_zero.lexicon.read_counts`, but entries longer than
    :data:`MAX_WORD_LENGTH` characters or containing whitespace are skipped,
    each with a logged warning ``FILE: line N: ...`` (then a count when more
    than one was refused).  Memory: the decoded file, plus the counts.
    """
    return read_counts(path, format, max_word_len=MAX_WORD_LENGTH, refuse_whitespace=True)


def _without_refused(counts):
    """Drop from the dict ``counts`` the words a Trie cannot hold, with a warning each.

    Cost when all words are fine: two C passes (longest length, one regex
    search over the joined words)."""
    if not counts or (max(map(len, counts)) <= MAX_WORD_LENGTH and not _WHITESPACE_RE.search(''.join(counts))):
        return counts
    refused = [w for w in counts if _refusal(w, MAX_WORD_LENGTH, True) is not None]
    for word in refused[:_MAX_WARNINGS]:
        logger.warning(_refusal(word, MAX_WORD_LENGTH, True))
    if len(refused) > 1:
        logger.warning('%d dictionary words refused', len(refused))
    for word in refused:
        del counts[word]
    return counts


def _check_count(word, count):
    if not isinstance(word, string_types) or not word:
        raise TypeError('words must be non-empty text, got %r' % (word,))
    reason = _refusal(word, MAX_WORD_LENGTH, True)
    if reason is not None:
        raise ValueError(reason)
    if isinstance(count, bool) or not isinstance(count, integer_types + (float,)):
        raise TypeError('count of %r must be a number, got %r' % (word, count))
    if not count >= 0 or count == float('inf'):
        raise ValueError('count of %r must be a finite number >= 0, got %r' % (word, count))


class Trie(CountsMapping):
    """Dict-like word -> count with fast "words starting here" lookups.

    ``Trie(path_or_words=None)``: a mapping (dict, :class:`Lexicon`,
    another Trie), an iterable of ``(word, count)`` pairs, or the path of a
    lexicon file (jieba ``word freq [tag]``, plain word list or TSV).

    0.1.6 behaviour kept: ``trie[word]`` is 0 for a missing word, setting a
    count of 0 deletes the word, ``search(text)`` and ``get_proba(word)``.
    Words longer than :data:`MAX_WORD_LENGTH` or containing whitespace are
    refused (see the module doc).
    Unlike 0.1.6, iterating yields words (like a dict); use ``items()`` for
    ``(word, count)`` pairs.

    Cost: O(1) average per lookup / update (+ O(len(word)) to register
    prefixes); memory about one dict entry per word and per distinct prefix.
    Building from 350 k words takes about as long as jieba's cold start (~1 s).
    """

    def __init__(self, path_or_words=None):
        self._counts = {}
        self._logc = {}
        self._total = 0
        self._maxlen = 0
        self._min_count = 1
        self._pinned = {}
        self._bonus = 0.0
        self._version = 0
        if path_or_words is None:
            return
        if isinstance(path_or_words, string_types):
            counts = read_dictionary(path_or_words)[0]
        elif isinstance(path_or_words, Trie):
            counts = dict(path_or_words._counts)
        elif isinstance(path_or_words, Mapping):
            counts = dict(iteritems(path_or_words))
        else:
            counts = dict(path_or_words)
        self._build(counts)

    @classmethod
    def load(cls, path, format=None):
        """A Trie from a lexicon file (see :meth:`nlp_zero.lexicon.Lexicon.load` for formats)."""
        trie = cls()
        trie._build(read_dictionary(path, format)[0])
        return trie

    def _build(self, counts):
        """Replace the content with ``counts`` (a dict this Trie may keep)."""
        # Validate in C (map/set) for the usual case: text words, int counts.
        if counts and not (set(map(type, counts)) == _TEXT and set(map(type, itervalues(counts))) <= _INTS
                           and '' not in counts and min(itervalues(counts)) > 0):
            for word, count in list(iteritems(counts)):
                _check_count(word, count)
                if count == 0:
                    del counts[word]
        counts = _without_refused(counts)
        # Every proper prefix, then single characters (a 1-char prefix scores
        # like an unseen symbol), then the words themselves.
        logc = dict.fromkeys((w[:k] for w in counts for k in range(2, len(w))), NEG)
        logc.update(dict.fromkeys((w[0] for w in counts), 0.0))
        # One float object per distinct count (counts repeat a lot): less
        # memory and fewer log() calls.
        logs = dict((c, _log(c)) for c in set(counts.values()))
        logc.update(zip(counts, map(logs.__getitem__, counts.values())))
        self._counts = counts
        self._logc = logc
        self._total = sum(counts.values())
        self._maxlen = max(map(len, counts)) if counts else 0
        self._min_count = min(1, min(counts.values())) if counts else 1
        self._pinned = {}
        self._bonus = 0.0
        self._version += 1

    # -- mapping protocol ------------------------------------------------
    def __getitem__(self, word):
        return self._counts.get(word, 0)

    def get(self, word, default=None):
        return self._counts.get(word, default)

    def items(self):
        """``(word, count)`` pairs (a view on Python 3, a list on Python 2)."""
        return self._counts.items()

    def __setitem__(self, word, count):
        _check_count(word, count)
        if count == 0:  # 0.1.6: a zero count removes the word
            self.__delitem__(word)
            return
        counts = self._counts
        self._total += count - counts.get(word, 0)
        counts[word] = count
        logc = self._logc
        value = _log(count)
        if word in self._pinned:
            value += self._bonus
        logc[word] = value
        # Register missing prefixes, longest first: once one is present all
        # shorter ones are too (the dict is prefix-closed).
        for k in range(len(word) - 1, 0, -1):
            prefix = word[:k]
            if prefix in logc:
                break
            logc[prefix] = NEG if k > 1 else 0.0
        if len(word) > self._maxlen:
            self._maxlen = len(word)
        if count < self._min_count:
            self._min_count = count
        self._version += 1
        if self._pinned:
            self._check_bonus()

    def __delitem__(self, word):
        """Remove ``word`` (no error when absent, as in 0.1.6)."""
        count = self._counts.pop(word, None)
        if count is None:
            return
        self._total -= count
        self._pinned.pop(word, None)
        # The word may be a prefix of other words, so it stays as a prefix.
        self._logc[word] = NEG if len(word) > 1 else 0.0
        self._version += 1
        if self._pinned:
            self._check_bonus()

    def __repr__(self):
        return '<Trie: %d words, total %s>' % (len(self), self._total)

    def __reduce__(self):
        return (_rebuild_trie, (self._counts, list(self._pinned)))

    def copy(self):
        """An independent Trie with the same words, counts and pinned words."""
        return _rebuild_trie(self._counts, list(self._pinned))

    # -- statistics ------------------------------------------------------
    @property
    def total(self):
        """Sum of all counts."""
        return self._total

    @property
    def log_total(self):
        """``log(total)`` (0.0 for an empty Trie)."""
        return _log(self._total) if self._total > 0 else 0.0

    # 0.1.6 attribute names
    num_items = property(lambda self: len(self._counts), doc='0.1.6 name for len(trie).')
    total_items = property(lambda self: self._total, doc='0.1.6 name for trie.total.')
    log_total_items = property(lambda self: self.log_total, doc='0.1.6 name for trie.log_total.')

    def log_proba(self, word):
        """Natural-log probability ``log(count / total)`` (-inf when absent)."""
        count = self._counts.get(word, 0)
        if count <= 0:
            return NEG
        return _log(count) - self.log_total

    def get_proba(self, word, logit=True):
        """0.1.6: the word's (log-)probability; -inf (or 0.0) for a missing word.

        0.1.6 returned ``-100 - log(total)`` for missing words; -inf is the
        honest value.
        """
        if logit:
            return self.log_proba(word)
        return self._counts.get(word, 0) / self._total if self._total else 0.0

    @property
    def max_word_length(self):
        """Length in characters of the longest word ever added (an upper bound)."""
        return self._maxlen

    # -- lookups ---------------------------------------------------------
    def words_at(self, text, start=0):
        """Words of the Trie that start at ``text[start]``, shortest first.

        Cost: O(length of the longest prefix match), one dict lookup per
        character.
        """
        logc = self._logc
        counts = self._counts
        found = []
        for end in range(start + 1, len(text) + 1):
            piece = text[start:end]
            if piece not in logc:
                break
            if piece in counts:
                found.append(piece)
        return found

    def search(self, text):
        """0.1.6: every word occurrence in ``text`` as ``{(start, end): (word, count)}``.

        Cost: O(len(text) x longest match).
        """
        result = {}
        counts = self._counts
        for start in range(len(text)):
            for word in self.words_at(text, start):
                result[start, start + len(word)] = (word, counts[word])
        return result

    # -- pinned words (Tokenizer.add_word without a frequency) -------------
    def _required_bonus(self):
        """A score bonus that makes any pinned word win (see tokenizer docs for the proof)."""
        spread = abs(self.log_total) + abs(min(0.0, _log(self._min_count)))
        length = max(self._maxlen, 1)
        return 2.0 * ((2 * length + 1) * spread + length * abs(self.log_total)) + 1.0

    def _check_bonus(self):
        required = self._required_bonus()
        if required > self._bonus:
            self._bonus = 2.0 * required
            logc = self._logc
            for word in self._pinned:
                logc[word] = _log(self._counts[word]) + self._bonus
            self._version += 1

    def _pin(self, word, count=None):
        """Add ``word`` (count: given, or its present count, or 1) so it is always kept whole."""
        if count is None:
            count = self._counts.get(word) or 1
        self._pinned[word] = True
        self.__setitem__(word, count)
        self._check_bonus()

    def _unpin(self, word):
        if self._pinned.pop(word, None) and word in self._counts:
            self._logc[word] = _log(self._counts[word])
            self._version += 1

    @property
    def pinned(self):
        """The words added to be always kept whole (a frozenset)."""
        return frozenset(self._pinned)


def _rebuild_trie(counts, pinned):
    trie = Trie()
    trie._build(dict(counts))
    for word in pinned:
        trie._pin(word)
    return trie


class DAG(object):
    """0.1.6 weighted directed acyclic graph over positions 0..nb_node.

    ``dag[start, end] = score`` adds an edge (a span ``[start, end)``).
    ``optimal_path()`` returns the best-scoring list of ``(start, end)``
    spans covering ``0..nb_node`` (Viterbi with back-pointers: O(nodes +
    edges) time and memory); a position no edge reaches is bridged by a
    one-position edge scored ``null_score``, as in 0.1.6.
    ``all_paths()`` returns, like 0.1.6, every maximal chain of nodes where an
    edge ``(n, m)`` links node ``n`` to node ``m - 1`` (used by template
    mining); one-position edges, which 0.1.6 followed forever, are skipped.

    >>> dag = DAG(3)
    >>> dag[0, 2] = -1.0
    >>> dag.optimal_path()
    [(0, 2), (2, 3)]
    """

    def __init__(self, nb_node, null_score=-100):
        self.edges = {}
        self.nb_node = nb_node
        self.null_score = null_score

    def __setitem__(self, start_end, score):
        start, end = start_end
        if start not in self.edges:
            self.edges[start] = {}
        self.edges[start][end] = score

    def optimal_path(self):
        n = self.nb_node
        if n <= 0:
            return []
        score = {0: 0.0}
        back = {}
        edges = self.edges
        null = self.null_score
        for start in range(n):
            here = score[start]
            for end, weight in iteritems(edges.get(start, {})):
                if end > n or end <= start:
                    continue
                value = here + weight
                if end not in score or value > score[end]:
                    score[end] = value
                    back[end] = start
            if start + 1 not in score:
                score[start + 1] = here + null
                back[start + 1] = start
        path = []
        end = n
        while end > 0:
            start = back[end]
            path.append((start, end))
            end = start
        path.reverse()
        return path

    def all_paths(self):
        edges = self.edges
        ends = set()
        for targets in edges.values():
            ends.update(targets)
        paths = []
        for first in range(self.nb_node):
            if first + 1 in ends:
                continue
            # Depth-first, iterative (0.1.6 recursed), same order of paths.
            stack = [[first]]
            while stack:
                path = stack.pop()
                node = path[-1]
                nexts = [m - 1 for m in edges.get(node, {}) if m - 1 != node]
                if not nexts:
                    paths.append(path)
                    continue
                for nxt in reversed(nexts):
                    stack.append(path + [nxt])
        return paths
