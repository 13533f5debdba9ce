# -*- coding: utf-8 -*-
"""Seeded synthetic corpora with a known ground truth, shared by the tests.

* :func:`make_lexicon` draws random "words" (strings of common ideographs).
* :func:`zipf_corpus` writes text by drawing words from that lexicon with
  Zipfian frequencies and gluing them together without spaces, the way
  Chinese text looks.  Because the lexicon is known, tests can check that
  discovery finds the words and that counts are exact.

Everything is deterministic for a given seed on Python 2.7 and 3.x (only
``random.Random.random()`` is used, whose sequence is identical across
versions; ``randint``/``choice`` are avoided because they are not).

>>> lex = make_lexicon(100, seed=1)
>>> lines = zipf_corpus(lex, 2000, seed=2)
>>> sum(len(line) for line in lines) >= 2000
True
"""
from __future__ import absolute_import, division, unicode_literals

import bisect
import random

from nlp_zero.compat import unichr

# A fixed list of ~3000 ideographs: the block U+4E00.. with a stride, so the
# set is identical everywhere and spread over common and rare characters.
COMMON_IDEOGRAPHS = ''.join(unichr(0x4e00 + i * 7) for i in range(3000))

_PUNCTUATION = '，。'


def _randbelow(rng, n):
    """Uniform integer in [0, n) from rng.random() (stable across Pythons)."""
    return min(int(rng.random() * n), n - 1)


def make_lexicon(n_words, seed=0, min_len=1, max_len=5, alphabet=COMMON_IDEOGRAPHS):
    """Return ``n_words`` distinct random words (a list, in draw order).

    Word lengths are uniform in ``[min_len, max_len]``; characters are drawn
    uniformly from ``alphabet``.  Cost O(n_words * max_len).

    >>> words = make_lexicon(5, seed=3, min_len=2, max_len=2)
    >>> len(words), all(len(w) == 2 for w in words)
    (5, True)
    """
    if max_len < min_len or min_len < 1:
        raise ValueError('need 1 <= min_len <= max_len')
    capacity = len(alphabet) ** max_len
    if n_words > capacity:
        raise ValueError('cannot draw %d distinct words' % n_words)
    rng = random.Random(seed)
    seen = set()
    words = []
    while len(words) < n_words:
        length = min_len + _randbelow(rng, max_len - min_len + 1)
        word = ''.join(alphabet[_randbelow(rng, len(alphabet))] for _ in range(length))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def zipf_weights(n, alpha=1.1):
    """Cumulative Zipf weights for ranks 1..n (a list of floats, last = total)."""
    cumulative = []
    total = 0.0
    for rank in range(1, n + 1):
        total += 1.0 / rank ** alpha
        cumulative.append(total)
    return cumulative


def iter_zipf_words(lexicon, seed=0, alpha=1.1):
    """Endless iterator of words drawn from ``lexicon`` (rank = list position)."""
    rng = random.Random(seed)
    cumulative = zipf_weights(len(lexicon), alpha)
    total = cumulative[-1]
    n = len(lexicon)
    while True:
        yield lexicon[min(bisect.bisect_left(cumulative, rng.random() * total), n - 1)]


def zipf_corpus(lexicon, n_chars, seed=0, alpha=1.1, sentence_len=(5, 30), lines_per_sentence=False):
    """Return a list of lines of about ``n_chars`` characters of Zipfian text.

    Each sentence is ``sentence_len[0]..sentence_len[1]`` words concatenated
    without spaces.  Sentences end with '，' or '。'; a line holds one to four
    sentences (or exactly one, without punctuation, when
    ``lines_per_sentence``).  The first word of rank r has probability
    proportional to 1 / r**alpha.  Cost O(n_chars * log(len(lexicon))).

    >>> lines = zipf_corpus(['甲', '乙丙'], 50, seed=0)
    >>> set(''.join(lines)) <= set('甲乙丙，。')
    True
    """
    rng = random.Random(seed + 7919)
    words = iter_zipf_words(lexicon, seed, alpha)
    low, high = sentence_len
    lines = []
    produced = 0
    while produced < n_chars:
        n_sentences = 1 if lines_per_sentence else 1 + _randbelow(rng, 4)
        parts = []
        for _ in range(n_sentences):
            n_words = low + _randbelow(rng, high - low + 1)
            sentence = ''.join(next(words) for _ in range(n_words))
            if not lines_per_sentence:
                sentence += _PUNCTUATION[_randbelow(rng, 2)]
            parts.append(sentence)
        line = ''.join(parts)
        lines.append(line)
        produced += len(line)
    return lines
