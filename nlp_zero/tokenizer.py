# -*- coding: utf-8 -*-
"""Maximum-probability word segmentation with a lexicon (unigram model).

A unit (a maximal run of word characters, see :mod:`nlp_zero.units`) is cut
into the sequence of words with the highest product of probabilities
``count(word) / total``.  Everything else -- spaces, punctuation, emoji --
passes through as separate tokens, so ``''.join(cut(text)) == text`` for
every string, and no grapheme cluster (an emoji with its skin tone, a ZWJ
sequence, a flag, a letter with its accents) is ever cut.

* **Symbols are atoms.**  Inside a unit, a Latin/digit run (``iPhone``,
  ``3.14``, ``2016``, ``１２３``) is one symbol, and words are only formed
  from whole symbols: ``A股`` is a word only if the lexicon has ``A股``.
* **Unseen symbols** are scored as if seen once (add-one / Laplace pseudo
  count): ``log(1 / total)``.  This is the smallest probability any real
  word can have, so an unknown character never beats a known word that
  covers it, and the score is on the same scale as the words' -- it is also
  exactly what jieba does, which makes the two tokenizers agree.
* **Viterbi with back-pointers**: one backward pass over the unit computes,
  for every position, the best score of the rest of the unit and the end of
  the first word.  O(n x longest match) time and O(n) memory for a unit of
  n symbols; a 1 M-character unit needs two lists of n entries.
* **Words added without a frequency** (``add_word(w)``) are *pinned*: they
  get a score bonus B.  Claim: every optimal segmentation keeps an occurrence
  of a pinned word whole (when it consists of whole symbols of one unit and
  does not overlap another pinned occurrence).  Proof: take a segmentation
  S that cuts the occurrence; replace the tokens overlapping it by the word
  plus single-symbol tokens for the parts sticking out (at most 2(L-1)
  symbols, L the longest word length).  Every non-pinned token scores in
  ``[log(min count) - log T, max(0, -log T)]``, so the change is at least
  ``B - (2L+1) * spread - L * |log T|`` with ``spread = |log T| +
  |min(0, log min count)|``; the Trie keeps ``B`` above twice that bound
  (recomputed when the lexicon grows), so S was not optimal.

* **Unknown words** (``HMM=True``): the runs of two or more one-character
  tokens a cut leaves in a unit of ideographs are re-cut by a character
  model learned from the lexicon (:class:`UnknownWords`, a B/M/E/S HMM), so
  a name the lexicon lacks (李小福) comes out whole.  Off by default.

**jieba's API**, with jieba's meaning: ``cut(text, cut_all=False, HMM)``,
``lcut``, ``cut_for_search``, ``lcut_for_search``, ``tokenize(text,
mode='default'|'search')``, ``add_word(word, freq=None, tag=None)``,
``del_word``, ``suggest_freq(segment, tune=False)``, ``load_userdict``,
``Tokenizer(dictionary=path)``, and the same functions at module level on a
shared default tokenizer.  With jieba's dictionary the words of Chinese text
are jieba's ``HMM=False`` ones in all three modes (default, full, search).
``HMM`` is jieba's keyword, off by default here (jieba's is on).  Full and
search modes cost what the default mode does, plus one lookup per (symbol,
word length) pair, and give at most ``longest word`` words per symbol.

>>> tok = Tokenizer({u'自然': 5, u'语言': 5, u'自然语言': 2, u'处理': 3})
>>> tok.lcut(u'自然语言处理，iPhone！')
['自然语言', '处理', '，', 'iPhone', '！']
>>> list(tok.tokenize(u'语言处理'))
[('语言', 0, 2), ('处理', 2, 4)]
"""
from __future__ import absolute_import, division, unicode_literals

import math
import os
import re

from .compat import Mapping, binary_type, iteritems, string_types, text_type
from .trie import NEG, Trie
from .units import _PIECE_RE, is_ideographic, unit_symbols

__all__ = ['Tokenizer', 'UnknownWords', 'cut', 'lcut', 'cut_for_search', 'lcut_for_search', 'tokenize', 'add_word',
           'del_word', 'suggest_freq', 'load_userdict', 'default_tokenizer', 'DEFAULT_LEXICON']

DEFAULT_LEXICON = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'jieba_dict.txt.gz')

# Units up to this length have their segmentation cached (short units repeat
# a lot in real text); the cache is emptied when it holds more entries than
# ``Tokenizer.cache_size`` or when the lexicon changes.
_CACHE_MAX_LEN = 12
# Two or more one-character tokens in a row, in a string of 1 (one character) and 0 flags.
_RUN_RE = re.compile('1{2,}')


def best_cut(unit, get, word_cost):
    """Cut ``unit`` into the words with the highest summed score (backward Viterbi).

    Inputs: ``unit``, a string of one-character symbols; ``get(string,
    default)``, the log-count of a candidate word (the trie's dict ``get``),
    None for a string that is neither a word nor a word's prefix; a single
    symbol absent from it scores 0.0.  The scan from a position stops at the
    first absent string, so the prefixes of words must be present (a prefix
    that is no word scores -inf), and no length cap is needed.
    ``word_cost`` (log of the total count) is subtracted once per word, so a
    cut's score is the sum of its words' log-probabilities.  Of two equal
    cuts the one with the longer first word wins (jieba's rule).  Output:
    the list of words.

    Cost: O(len(unit) x longest word) lookups, two lists of len(unit) + 1
    entries.  :class:`UnknownWords` decodes its HMM with it (scores of
    substrings in a dict).  Word discovery has its own copy with boundary votes
    (:meth:`nlp_zero.model.Model.cut`), kept apart for speed; tests/test_model.py
    checks that the two agree when its votes are zero.

    >>> best_cut(u'abc', {u'a': 1.0, u'ab': 2.0, u'b': 0.5, u'c': 0.5}.get, 1.0)
    ['ab', 'c']
    """
    n = len(unit)
    best = [0.0] * (n + 1)   # best[i]: best score of unit[i:]
    nxt = [0] * n            # nxt[i]: end of the first word of that best cut
    i = n - 1
    while i >= 0:
        top = get(unit[i], 0.0) + best[i + 1]
        end = i + 1
        j = i + 2
        while j <= n:
            value = get(unit[i:j])
            if value is None:
                break
            value += best[j]
            if value >= top:  # ties: the longer word
                top = value
                end = j
            j += 1
        best[i] = top - word_cost
        nxt[i] = end
        i -= 1
    words = []
    i = 0
    while i < n:
        j = nxt[i]
        words.append(unit[i:j])
        i = j
    return words


class UnknownWords(object):
    """A character model of words, learned from a lexicon, that joins runs of one-character tokens.

    Method: a 4-state HMM over characters, each labelled by its position in
    its word -- B (begins), M (middle), E (ends), S (one-character word) --
    as jieba's ``finalseg``, but learned from the lexicon itself instead of
    a hand-segmented corpus.  ``counts`` maps word -> count (a Trie, a
    Lexicon, a dict); words with a symbol that is not an ideograph are
    skipped.

    * Emissions ``P(char | state)``: every word adds its count to the state
      of each of its characters (``云南`` adds to 云|B and 南|E), so they are
      the position statistics of the text the lexicon was counted from; add
      one half per known character (and one more, for all unseen ones)
      smooths them, and a character absent from the lexicon gets that half.
    * Word lengths (B->M, B->E, M->M, M->E): the same, weighted by the square
      root of the count -- words the lexicon does not know are rare words,
      longer on average than the frequent ones that dominate the counts.
    * A word starts after any word with the same probabilities, ``P(S)``
      being the one-character words' share of the counts.

    Because the transitions into B and S do not depend on the previous
    state, a path of this HMM is a cut of the run whose score is the sum of
    its words' scores (start, emissions and transitions inside the word), so
    :func:`best_cut` is its Viterbi: :meth:`cut` scores every substring of
    up to :attr:`max_word` characters and calls it.

    Use: a :class:`Tokenizer` cut with ``HMM=True`` re-cuts each run of two
    or more one-character tokens of a unit of ideographs with :meth:`cut`;
    words of two or more characters from the lexicon are never split nor
    joined (jieba's rule).  Cost: building, one pass over the lexicon's
    characters (about 0.5 s for the 350 k bundled words); :meth:`cut`,
    O(len(run) x max_word).

    >>> model = UnknownWords({u'是': 90, u'李白': 20, u'李小龙': 5, u'幸福': 9})
    >>> model.cut(u'李小福是')
    ['李小福', '是']
    """

    #: Longest word the model makes, in characters.
    max_word = 8

    def __init__(self, counts):
        weights = [{}, {}, {}, {}]   # B, M, E, S: char -> summed count
        lengths = [1.0, 1.0, 1.0, 1.0]   # B->E, B->M, M->M, M->E (add-one)
        single = multi = 1.0
        for word, count in iteritems(counts):
            if not is_ideographic(word):
                continue
            if len(word) == 1:
                single += count
                weights[3][word] = weights[3].get(word, 0) + count
                continue
            multi += count
            first, last = weights[0], weights[2]
            first[word[0]] = first.get(word[0], 0) + count
            last[word[-1]] = last.get(word[-1], 0) + count
            middle = weights[1]
            for char in word[1:-1]:
                middle[char] = middle.get(char, 0) + count
            root = math.sqrt(count)
            if len(word) == 2:
                lengths[0] += root
            else:
                lengths[1] += root
                lengths[2] += root * (len(word) - 3)
                lengths[3] += root
        log = math.log
        chars = set()
        for table in weights:
            chars.update(table)
        unseen = []
        emit = {}
        for state, table in enumerate(weights):
            norm = sum(table.values()) + 0.5 * (len(chars) + 1)   # + 1: an unseen character
            unseen.append(log(0.5 / norm))
            for char, weight in iteritems(table):
                emit.setdefault(char, list(unseen[:state]) + [None] * (4 - state))[state] = log((weight + 0.5) / norm)
        for values in emit.values():
            for state in range(4):
                if values[state] is None:
                    values[state] = unseen[state]
        self._emit = dict((char, tuple(values)) for char, values in iteritems(emit))
        self._unseen = tuple(unseen)
        start_single = log(single / (single + multi))
        start_multi = log(multi / (single + multi))
        self._trans = (start_single, start_multi, log(lengths[0] / (lengths[0] + lengths[1])),
                       log(lengths[1] / (lengths[0] + lengths[1])), log(lengths[2] / (lengths[2] + lengths[3])),
                       log(lengths[3] / (lengths[2] + lengths[3])))

    def cut(self, run):
        """The best cut of the string ``run`` (of ideographs) under the model: a list of words."""
        emit = self._emit
        unseen = self._unseen
        start_single, start_multi, b_e, b_m, m_m, m_e = self._trans
        rows = [emit.get(char, unseen) for char in run]
        n = len(run)
        longest = self.max_word
        scores = {}
        for i in range(n):
            row = rows[i]
            scores[run[i]] = start_single + row[3]
            if i + 1 == n:
                break
            head = start_multi + row[0]
            scores[run[i:i + 2]] = head + b_e + rows[i + 1][2]
            score = head + b_m - m_m + m_e   # plus, for each middle character, its score and M->M
            for j in range(i + 3, min(n, i + longest) + 1):
                score += rows[j - 2][1] + m_m
                scores[run[i:j]] = score + rows[j - 1][2]
        return best_cut(run, scores.get, 0.0)

    def join(self, words):
        """``words`` (a cut of a unit of ideographs) with each run of 2+ one-character words re-cut.

        >>> UnknownWords({u'是': 90, u'李白': 20, u'李小龙': 5, u'幸福': 9}).join([u'李', u'小', u'福', u'是'])
        ['李小福', '是']
        """
        flags = ''.join(['1' if len(word) == 1 else '0' for word in words])
        if '11' not in flags:
            return words
        out = []
        done = 0
        for match in _RUN_RE.finditer(flags):
            start, end = match.span()
            out.extend(words[done:start])
            out.extend(self.cut(''.join(words[start:end])))
            done = end
        out.extend(words[done:])
        return out


class Tokenizer(object):
    """Cut text into words with a lexicon, maximising the unigram probability.

    ``Tokenizer(lexicon=None)``: ``lexicon`` is a :class:`~nlp_zero.trie.Trie`
    (used as is, so changes made to it are seen), a mapping word -> count
    (dict, :class:`~nlp_zero.lexicon.Lexicon`), a path, or a list of paths
    (later files override earlier ones); None loads the bundled default
    lexicon (jieba's dictionary, ~350 k words, ~1 s: as long as jieba's cold start).
    ``dictionary`` is jieba's name for it: ``Tokenizer(dictionary=path)``.

    >>> Tokenizer({u'北京': 3, u'大学': 4, u'北京大学': 2}).lcut(u'北京大学生')
    ['北京大学', '生']
    """

    #: Most cached unit segmentations (0 disables the cache); ~200 bytes each.
    cache_size = 50000

    def __init__(self, lexicon=None, dictionary=None):
        if dictionary is not None:
            if lexicon is not None:
                raise TypeError('give lexicon or dictionary (its jieba name), not both')
            lexicon = dictionary
        if lexicon is None:
            lexicon = DEFAULT_LEXICON
        self.trie = None
        self._cache = {}
        self._hmm_cache = {}
        self._cache_version = None
        self._hmm = None
        self._hmm_version = None
        if isinstance(lexicon, Trie):
            self.trie = lexicon
        elif isinstance(lexicon, string_types):
            self.trie = Trie.load(lexicon)
        elif isinstance(lexicon, Mapping):
            self.trie = Trie(lexicon)
        elif isinstance(lexicon, (list, tuple)) and all(isinstance(p, string_types) for p in lexicon):
            self.trie = Trie()
            self.load_userdict(lexicon, keep_whole=False)
        else:
            self.trie = Trie(lexicon)

    @property
    def words(self):
        """The lexicon Trie (0.1.6 attribute name)."""
        return self.trie

    def __repr__(self):
        return '<Tokenizer: %d words>' % len(self.trie)

    @property
    def hmm(self):
        """The :class:`UnknownWords` model of the lexicon, used by cuts with ``HMM=True``.

        Rebuilt from the lexicon at first use and after the lexicon changes
        (nothing is saved: it is a function of the words and counts), about
        0.5 s for the bundled 350 k words.
        """
        if self._hmm is None or self._hmm_version != self.trie._version:
            self._hmm_version = self.trie._version
            self._hmm = UnknownWords(self.trie)
        return self._hmm

    # -- dictionary changes ----------------------------------------------
    def add_word(self, word, freq=None, tag=None):
        """Add ``word`` (or change its count).

        With ``freq``: an ordinary word with that count (0 deletes it).
        Without: the word is *pinned* -- kept whole in every sentence where it
        appears as whole symbols of one unit and does not overlap another
        pinned word (see the module docstring for the proof); its count stays
        what it was (1 for a new word).  jieba gives such a word just the
        count that keeps it whole on its own (``suggest_freq``); pinning
        also holds in context.  ``tag`` (a part of speech in jieba) is
        accepted and ignored: there is no tagger.  O(len(word)).
        """
        if isinstance(word, binary_type):
            word = word.decode('utf-8')
        if freq is None:
            self.trie._pin(word)
        else:
            self.trie._unpin(word)
            self.trie[word] = freq

    def del_word(self, word):
        """Remove ``word`` from the lexicon (nothing happens if it is absent)."""
        if isinstance(word, binary_type):
            word = word.decode('utf-8')
        del self.trie[word]

    def suggest_freq(self, segment, tune=False):
        """The count that makes ``segment`` cut as asked (jieba's method and meaning).

        ``segment`` a string: the smallest count that makes the word beat
        the product of the probabilities of its present pieces (so it is kept
        whole, at least on its own).  A tuple of strings: the largest count
        (at most the present one) under the product of the parts'
        probabilities (so the word is split there; 0 removes it).  Strings
        absent from the lexicon count 1, as unseen symbols do when cutting.
        With ``tune=True`` the word gets that count (``add_word(word,
        count)``).  Returns the count.  O(len(segment) x longest match).

        >>> tok = Tokenizer({u'中': 50, u'将': 40, u'中将': 30})
        >>> tok.lcut(u'中将')
        ['中将']
        >>> tok.suggest_freq((u'中', u'将'), tune=True)
        16
        >>> tok.lcut(u'中将')
        ['中', '将']
        """
        trie = self.trie
        total = trie.total
        ftotal = float(total or 1)
        freq = 1
        if isinstance(segment, string_types):
            word = self._check(segment)
            for piece in self.lcut(word):
                freq *= trie.get(piece, 1) / ftotal
            freq = max(int(freq * total) + 1, trie.get(word, 1))
        else:
            pieces = [self._check(piece) for piece in segment]
            word = ''.join(pieces)
            for piece in pieces:
                freq *= trie.get(piece, 1) / ftotal
            freq = min(int(freq * total), trie.get(word, 0))
        if tune:
            self.add_word(word, freq)
        return freq

    def load_userdict(self, path_or_paths, keep_whole=True):
        """Add the words of one or more lexicon files (later files override earlier ones).

        Formats: jieba ``word [freq] [tag]`` and our TSV, auto-detected per
        file; words with whitespace or longer than
        :data:`~nlp_zero.trie.MAX_WORD_LENGTH` are skipped with a warning
        (see :func:`~nlp_zero.trie.read_dictionary`).  Words listed without a frequency
        are pinned like ``add_word(word)`` (when ``keep_whole``).  Bad lines
        raise :class:`~nlp_zero.files.InputError`.  Cost: O(file size).
        """
        from .trie import read_dictionary
        paths = [path_or_paths] if isinstance(path_or_paths, string_types) else list(path_or_paths)
        trie = self.trie
        for path in paths:
            counts, _, uncounted = read_dictionary(path)
            if not len(trie) and not uncounted:
                trie._build(counts)
                continue
            pinned = set(uncounted) if keep_whole else ()
            for word, count in counts.items():
                if word in pinned:
                    trie._pin(word)
                else:
                    trie._unpin(word)
                    trie[word] = count

    # -- cutting -----------------------------------------------------------
    def _cut_into(self, text, out, hmm=False):
        """Append the tokens of ``text`` to the list ``out`` (the hot loop).

        ``hmm``: re-cut runs of one-character tokens of ideographs with :attr:`hmm`.
        """
        trie = self.trie
        if self._cache_version != trie._version:
            self._cache.clear()
            self._hmm_cache.clear()
            self._cache_version = trie._version
        join = self.hmm.join if hmm else None
        cache = self._hmm_cache if hmm else self._cache
        if len(cache) > self.cache_size:
            cache.clear()
        max_cached = _CACHE_MAX_LEN if self.cache_size > 0 else 0
        get = trie._logc.get
        lt = trie.log_total
        append = out.append
        extend = out.extend
        cache_get = cache.get
        for han, other, space, char, _ in _PIECE_RE.findall(text):
            if han:
                n = len(han)
                if n == 1:
                    append(han)
                    continue
                words = cache_get(han)
                if words is not None:
                    extend(words)
                    continue
                # An unseen ideograph (absent, or only a prefix) scores
                # log(1) = 0.0; ties go to the longer word, as in jieba.
                words = best_cut(han, get, lt)
                if join is not None:
                    words = join(words)
                if n <= max_cached:
                    cache[han] = words
                extend(words)
            elif other:
                words = cache_get(other)
                if words is None:
                    words = self._cut_symbols(other, get, lt)
                    if len(other) <= max_cached:
                        cache[other] = words
                extend(words)
            else:
                append(space or char)

    @staticmethod
    def _cut_symbols(unit, get, lt):
        """Viterbi over the symbols of a unit containing Latin/digit runs."""
        symbols = unit_symbols(unit)
        m = len(symbols)
        pos = [0] * (m + 1)
        for k, symbol in enumerate(symbols):
            pos[k + 1] = pos[k] + len(symbol)
        best = [0.0] * (m + 1)
        nxt = [0] * m
        for i in range(m - 1, -1, -1):
            value = get(symbols[i])
            if value is None or value == NEG:
                value = 0.0
            top = value + best[i + 1]
            end = i + 1
            start = pos[i]
            for j in range(i + 2, m + 1):
                value = get(unit[start:pos[j]])
                if value is None:
                    break
                value += best[j]
                if value >= top:
                    top = value
                    end = j
            best[i] = top - lt
            nxt[i] = end
        words = []
        i = 0
        while i < m:
            j = nxt[i]
            words.append(unit[pos[i]:pos[j]])
            i = j
        return words

    def _check(self, text):
        if isinstance(text, text_type):
            return text
        if isinstance(text, binary_type):
            return text.decode('utf-8')
        raise TypeError('expected text, got %s' % type(text).__name__)

    def lcut(self, text, cut_all=False, HMM=False):
        """The tokens of ``text`` as a list; ``''.join(lcut(text)) == text``.

        ``cut_all=True``: jieba's full mode (see :meth:`cut`).  ``HMM=True``:
        words the lexicon lacks are recognised (see :meth:`cut`).
        O(len(text) x longest match) time, O(len(text)) memory.

        >>> Tokenizer({u'A股': 2, u'大涨': 3}).lcut(u'A股大涨')
        ['A股', '大涨']
        """
        out = []
        if cut_all:
            self._cut_all_into(self._check(text), out)
        else:
            self._cut_into(self._check(text), out, HMM)
        return out

    def cut(self, text, cut_all=False, HMM=False):
        """Iterate over the tokens of ``text`` (line by line, so memory follows the longest line).

        ``cut_all=True`` is jieba's full mode: every lexicon word of two or
        more symbols found in each unit, in order of start then end, and the
        symbols outside them; other pieces pass through as usual.
        Words overlap, so the output is not a cut of the text.

        ``HMM=True`` (jieba's keyword and meaning; off by default here, see
        the README): each run of two or more one-character tokens of
        ideographs is re-cut by :attr:`hmm`, a character model learned from
        the lexicon (:class:`UnknownWords`), so names and words the lexicon
        lacks come out whole; lexicon words of two or more characters are
        kept as they are.  No effect in full mode, as in jieba.

        >>> tok = Tokenizer({u'清华': 3, u'华大': 1, u'大学': 5, u'清华大学': 2, u'来到': 4})
        >>> list(tok.cut(u'来到清华大学', cut_all=True))
        ['来到', '清华', '清华大学', '华大', '大学']
        """
        text = self._check(text)
        for line in text.splitlines(True):
            out = []
            if cut_all:
                self._cut_all_into(line, out)
            else:
                self._cut_into(line, out, HMM)
            for word in out:
                yield word

    def tokenize(self, text, mode='default', HMM=False):
        """Iterate over ``(word, start, end)`` with character offsets into ``text``.

        ``mode='search'`` (jieba's search mode) also yields, before each word
        of more than two symbols, its sub-words of two and of three symbols
        that are in the lexicon.  ``HMM`` as in :meth:`cut`.

        >>> list(Tokenizer({u'你好': 1}).tokenize(u'你好!'))
        [('你好', 0, 2), ('!', 2, 3)]
        >>> tok = Tokenizer({u'清华': 3, u'华大': 1, u'大学': 5, u'清华大学': 2})
        >>> [word for word, _, _ in tok.tokenize(u'清华大学', mode='search')]
        ['清华', '华大', '大学', '清华大学']
        """
        if mode not in ('default', 'search'):
            raise ValueError("mode must be 'default' or 'search', got %r" % (mode,))
        search = mode == 'search'
        start = 0
        for word in self.cut(text, HMM=HMM):
            end = start + len(word)
            if search:
                for sub, sub_start, sub_end in self._sub_words(word):
                    yield sub, start + sub_start, start + sub_end
            yield word, start, end
            start = end

    def cut_for_search(self, text, HMM=False):
        """Iterate over the words of jieba's search mode (see :meth:`tokenize`).

        >>> tok = Tokenizer({u'清华': 3, u'大学': 5, u'清华大学': 2})
        >>> list(tok.cut_for_search(u'清华大学'))
        ['清华', '大学', '清华大学']
        """
        for word, _, _ in self.tokenize(text, mode='search', HMM=HMM):
            yield word

    def lcut_for_search(self, text, HMM=False):
        """The words of jieba's search mode as a list."""
        return list(self.cut_for_search(text, HMM))

    def _sub_words(self, word):
        """``(sub-word, start, end)``: the lexicon words of 2, then 3, symbols inside ``word``."""
        symbols = word if is_ideographic(word) else unit_symbols(word)
        m = len(symbols)
        if m <= 2:
            return
        ends = [0]
        for symbol in symbols:
            ends.append(ends[-1] + len(symbol))
        counts = self.trie._counts
        for n in (2, 3):
            if m <= n:
                break
            for i in range(m - n + 1):
                sub = word[ends[i]:ends[i + n]]
                if sub in counts:
                    yield sub, ends[i], ends[i + n]

    def _cut_all_into(self, text, out):
        """Append the tokens of jieba's full mode for ``text`` to ``out``."""
        for han, other, space, char, _ in _PIECE_RE.findall(text):
            unit = han or other
            if unit:
                self._all_words(unit, out)
            else:
                out.append(space or char)

    def _all_words(self, unit, out):
        """Full mode on one unit: words of 2+ symbols by start, then end, and lone symbols.

        A symbol is given alone when no such word starts at it and it is not
        inside the last word given: jieba's rule, so a symbol inside a long
        word but after a shorter one (癫 in 疯疯癫癫, after 疯癫) is given too.
        """
        symbols = unit if is_ideographic(unit) else unit_symbols(unit)
        ends = [0]
        for symbol in symbols:
            ends.append(ends[-1] + len(symbol))
        logc = self.trie._logc
        counts = self.trie._counts
        m = len(symbols)
        last_end = 0    # end (in symbols) of the last word given
        for i in range(m):
            found = False
            for j in range(i + 2, m + 1):
                piece = unit[ends[i]:ends[j]]
                if piece not in logc:
                    break
                if piece in counts:
                    out.append(piece)
                    found = True
                    last_end = j
            if not found and i >= last_end:
                out.append(symbols[i])
                last_end = i + 1


# The default tokenizer is created on first use (loading the lexicon takes
# about a second), never at import time.  This holder is the only
# module-level state.
_DEFAULT = {}


def default_tokenizer():
    """The shared tokenizer with the bundled lexicon, created on first call."""
    tok = _DEFAULT.get('tokenizer')
    if tok is None:
        tok = _DEFAULT.setdefault('tokenizer', Tokenizer())
    return tok


def _on_default(name, summary):
    """A module-level function calling ``Tokenizer.<name>`` on the default tokenizer."""
    method = getattr(Tokenizer, name)

    def function(*args, **kwargs):
        return method(default_tokenizer(), *args, **kwargs)
    function.__name__ = function.__qualname__ = str(name)
    function.__doc__ = '%s, on the default tokenizer (see ``Tokenizer.%s``).' % (summary, name)
    return function


# jieba's module-level functions: ``import nlp_zero as jieba`` keeps a jieba
# script working.  Importing stays cheap: the lexicon loads at the first call.
cut = _on_default('cut', 'Iterate over the tokens of ``text``')
lcut = _on_default('lcut', 'The tokens of ``text`` as a list')
cut_for_search = _on_default('cut_for_search', "Iterate over the words of jieba's search mode")
lcut_for_search = _on_default('lcut_for_search', "The words of jieba's search mode as a list")
tokenize = _on_default('tokenize', 'Iterate over ``(word, start, end)``')
add_word = _on_default('add_word', 'Add a word')
del_word = _on_default('del_word', 'Remove a word')
suggest_freq = _on_default('suggest_freq', 'The count that makes a segment cut as asked')
load_userdict = _on_default('load_userdict', 'Add the words of lexicon files')
