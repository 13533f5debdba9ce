# -*- coding: utf-8 -*-
"""Stage 2: streaming n-gram counts, in bounded memory, on one or many processes.

Input: a corpus (:mod:`nlp_zero.corpus`).  Output: an :class:`NgramCounter`,
the counts of every n-gram of orders 1..``order``, which word discovery
scores and a counts file keeps.

An n-gram is ``n`` consecutive symbols of one unit (see :mod:`nlp_zero.units`):
n-grams never cross punctuation, whitespace or line ends, and a Latin/digit run
is one symbol, so ``'A股'`` is a 2-gram and ``'iPhone'`` a 1-gram.  Inside, the
counter holds units encoded by :class:`~nlp_zero.units.SymbolEncoder` (one
character per symbol), so every n-gram is a plain slice, counted in C.

Memory cap and its error.  With ``max_ngrams=M``, whenever more than ``M``
distinct n-grams (all orders together) are held, the rarest are dropped: the
smallest threshold ``t`` that brings the size down to ``M // 2`` is chosen and
every entry with count ``<= t`` is deleted (lossy counting, Manku & Motwani;
gensim's ``prune_vocab``).  ``counter.max_error`` is the sum of all thresholds
used (plus those of merged counters).  Guarantee, for every n-gram ``g`` with
true count ``c(g)`` in the text counted::

    counter[g] <= c(g) <= counter[g] + counter.max_error

so every n-gram with ``c(g) > max_error`` is present, and counts are exact
(``max_error == 0``) as long as the cap is never reached.  ``total(n)`` stays
exact: it counts every n-gram token, pruned or not.

Counts stay *consistent*: every held n-gram's two (n-1)-grams are held, with
counts at least as high.  Counting adds each n-gram with both its parts; a
prune drops a part only with everything less frequent (one threshold for all
orders); and a sum of consistent counts is consistent.  Discovery relies on
it (tests/test_ngrams.py checks it under pruning and merging).

Cost: O(characters x order) dict increments done in C
(``collections._count_elements`` over lists of string slices); memory is the
cap, about 120-150 bytes per distinct n-gram on 64-bit CPython
(:data:`BYTES_PER_NGRAM`), plus one 64 k-offset list of slices at a time.

>>> c = NgramCounter(order=2)
>>> c.update([u'A股大涨，A股'])
>>> c[u'A股'], c[u'股'], c.total(1)
(2, 2, 6)
"""
from __future__ import absolute_import, division, unicode_literals

import gc
import io
import logging
import marshal
import os
import re
import signal
import tempfile
from contextlib import closing
from itertools import compress, repeat
from operator import add, ge

from .compat import (MEMORY_FACTOR, REFCOUNTED, count_elements as _count_elements, integer_types, iteritems,
                     itervalues, map, range, string_types, text_type, utf8_lines, zip)
from .corpus import CHUNK_BYTES, Corpus, detect_encoding
from .files import InputError, atomic_write, open_binary, reading, sniff_compression
from .units import _IDEOGRAPH_RANGES, _MARK_RANGES, ALPHABET_VERSION, SymbolEncoder

__all__ = ['NgramCounter', 'count_ngrams', 'recount_ngrams', 'max_ngrams_for', 'BYTES_PER_NGRAM']

logger = logging.getLogger(__name__)

#: Bytes of memory one held n-gram costs, to turn a memory budget into
#: ``max_ngrams`` (CPython 3.11: the key string, its count and its dict slot,
#: with the slack of a growing dict; bench/RESULTS.md; more on PyPy).
BYTES_PER_NGRAM = int(160 * MEMORY_FACTOR)

_FORMAT_HEADER = '# nlp-zero counts v2'
_FORMAT_END = '@end'
_SEP = '\n'            # between encoded units: never a symbol
_CHECK_LINES = 1 << 14  # counts file lines read between two checks of the cap
_OFFSETS = 1 << 16     # n-gram offsets sliced and counted at a time
_LONG_UNIT = 1 << 16   # symbols of a unit counted at a time (see _count_encoded)
# Characters counted between two checks of the cap: at most a quarter of the
# cap arrives in between (each character starts at most ``order`` n-grams).
_MIN_PIECE = 1024
# A character of no unit (see nlp_zero.units): not a letter or digit (\w is
# wider than that: conservative), not a decimal point, not an ideograph (Python
# 2 does not know the newer ones as \w), not a combining mark, not astral.
# The units of the text before and after such a character are those of the whole.
_SAFE_CUT_RE = re.compile('[^\\w.\uff0e' + _IDEOGRAPH_RANGES + _MARK_RANGES + '\U00010000-\U0010ffff]',
                          re.UNICODE)


def add_counts(mine, other):
    """``mine[k] += other[k]`` for every key of ``other``, in C; returns ``mine``.

    New keys are appended in ``other``'s order; the keys both hold keep their
    place in ``mine``.  Cost O(len(other)) C-level look-ups: no Python loop
    runs per key (merging counts is then much cheaper than counting them).
    """
    if not mine:
        mine.update(other)
        return mine
    common = list(filter(mine.__contains__, other))
    sums = list(map(add, map(mine.__getitem__, common), map(other.__getitem__, common)))
    mine.update(other)
    mine.update(zip(common, sums))
    return mine


def prune_threshold(histogram, target):
    """The smallest count ``t`` such that dropping the n-grams seen ``t`` times
    or less leaves at most ``target`` of them; ``histogram``: {count: n-grams
    with that count}.  0 when nothing needs to go.  Cost: a sort of the
    distinct counts.

    >>> prune_threshold({1: 5, 2: 3, 7: 1}, 3)   # 9 n-grams: drop those seen 1 or 2 times
    2
    """
    size = sum(histogram.values())
    removed = 0
    threshold = 0
    for value in sorted(histogram):
        if size - removed <= target:
            break
        removed += histogram[value]
        threshold = value
    return threshold


def _count_encoded(counts, order, units, held_only=False):
    """Count the n-grams of the encoded ``units`` into ``counts[1..order]``.

    ``held_only``: count only the n-grams that are keys of ``counts``
    already (a recount: nothing is added, so memory does not grow).

    The units are joined by ``_SEP``; ``mask[i]`` is 1 when the n-gram at
    offset ``i`` lies inside one unit, computed for order n from that of
    order n-1 by one C-level ``replace`` (``mask[i] &= mask[i + 1]``).  Then
    the n-grams at the marked offsets are sliced ``_OFFSETS`` at a time and
    counted in C.  Memory: the text, its mask and one list of slices.

    A unit longer than ``_LONG_UNIT`` symbols (64 k characters without a
    space or punctuation mark: not prose) is counted in pieces of that
    length, without the few n-grams across the cuts, so that the n-grams
    counted between two checks of the memory cap stay bounded.
    """
    if units and max(map(len, units)) > _LONG_UNIT:
        units = [u[i:i + _LONG_UNIT] for u in units for i in range(0, len(u), _LONG_UNIT)]
    text = _SEP.join(units)
    size = len(text)
    if not size:
        return
    c1 = counts[1]
    if held_only:
        _count_elements(c1, filter(c1.__contains__, text))
    else:
        _count_elements(c1, text)
        if len(units) > 1:
            del c1[_SEP]
    # One byte per offset: 1 on the symbols, 0 on the separators (and one
    # 0 past the end, so that the last symbol starts no pair).
    mask = bytearray(b'\x00'.join(map(b'\x01'.__mul__, map(len, units))) + b'\x00')
    for n in range(2, order + 1):
        mask = mask.replace(b'\x01\x00', b'\x00\x00')
        if mask.find(b'\x01') < 0:
            break
        grams = counts[n]
        for a in range(0, size, _OFFSETS):
            stop = a + _OFFSETS
            slices = [text[i:i + n] for i in compress(range(a, min(stop, size)), mask[a:stop])]
            _count_elements(grams, filter(grams.__contains__, slices) if held_only else slices)


def _count_held(counts, blocks, encode):
    """Add to ``counts[1..]`` the occurrences in ``blocks`` of the n-grams they hold (a recount)."""
    for block in blocks:
        for text in _pieces(block, CHUNK_BYTES):
            _count_encoded(counts, len(counts) - 1, encode(text), held_only=True)


def _blocks_of(texts):
    """The text blocks of a Corpus (or a byte range of one), an iterable of texts, or one text."""
    if isinstance(texts, string_types):
        return [texts if isinstance(texts, text_type) else texts.decode('utf-8')]
    if hasattr(texts, 'iter_blocks'):
        return texts.iter_blocks()
    return Corpus.from_texts(texts).iter_blocks()


def _pieces(block, size):
    """Cut a text block into pieces of about ``size`` characters, each cut
    before a character that no unit holds (line end, space, punctuation), so
    that the pieces hold exactly the units of the block.  A long line is cut
    too (else its n-grams would all arrive between two checks of the cap);
    only a single unit longer than ``size`` stays whole."""
    start = 0
    end = len(block)
    while end - start > size:
        match = _SAFE_CUT_RE.search(block, start + size)
        if match is None:
            break
        cut = match.start()
        yield block[start:cut]
        start = cut
    yield block[start:] if start else block


class NgramCounter(object):
    """Counts of the n-grams of orders 1..``order`` of a text stream.

    ``NgramCounter(order=5, max_ngrams=None)``; ``max_ngrams`` caps the number
    of distinct n-grams held (see the module docstring for the error bound).

    * ``update(texts)``: count a Corpus, a list/iterable of texts or one text.
    * ``counter[g]`` -> count of the text ``g`` (0 when absent); ``len``, ``iter``, ``in``.
    * ``ngrams(n)`` -> dict text n-gram -> count; ``encoded(n)`` -> the live
      dict of encoded n-grams (what discovery reads; do not modify).
    * ``items(n=None)``, ``most_common(k=None, n=None)``, ``total(n)``.
    * ``merge(other)`` / ``+=`` / ``+``; ``prune(threshold)``.
    * ``save(path)`` / ``NgramCounter.load(path)`` (the counts file, below).

    Memory: one dict entry per distinct n-gram (:data:`BYTES_PER_NGRAM`), at
    most ``max_ngrams`` of them.

    >>> c = NgramCounter(order=3)
    >>> c.update(u'天气很好')
    >>> sorted(c.ngrams(3).items())
    [('天气很', 1), ('气很好', 1)]
    """

    def __init__(self, order=5, max_ngrams=None):
        if not isinstance(order, integer_types) or isinstance(order, bool) or order < 1:
            raise ValueError('order must be an integer >= 1, got %r' % (order,))
        if max_ngrams is not None and (not isinstance(max_ngrams, integer_types) or max_ngrams < 1):
            raise ValueError('max_ngrams must be an integer >= 1 or None, got %r' % (max_ngrams,))
        self.order = order
        self.max_ngrams = max_ngrams
        self.max_error = 0
        self.encoder = SymbolEncoder()
        self._counts = [None] + [{} for _ in range(order)]
        # Mass of pruned entries per order, so that total(n) stays exact.
        self._pruned = [0] * (order + 1)

    # -- counting ---------------------------------------------------------
    def update(self, texts):
        """Count the n-grams of ``texts``: a Corpus, an iterable of texts, or one text.

        Cost O(characters * order); returns None.
        """
        blocks = _blocks_of(texts)
        counts = self._counts
        order = self.order
        encode = self.encoder.units
        cap = self.max_ngrams
        piece = CHUNK_BYTES if cap is None else max(_MIN_PIECE, min(CHUNK_BYTES, cap // (4 * order)))
        for block in blocks:
            for text in _pieces(block, piece):
                _count_encoded(counts, order, encode(text))
                if cap is not None and self._size() > cap:
                    self._prune_to(cap // 2)

    def recount(self, texts):
        """Replace the counts held by their exact counts in ``texts``, the text counted.

        Adds no n-gram: memory stays what it is.  After lossy counting
        (a prune), the held n-grams are those a prune kept; recounted, their
        counts are exact, while ``max_error`` still bounds the count of any
        n-gram that is missing.  The counts stay consistent (an n-gram's
        parts are held and occur at least as often).  ``total(n)`` is
        unchanged.  Cost: one more pass over the text, O(characters x order)
        look-ups in C.
        """
        totals = [0] + [self.total(n) for n in range(1, self.order + 1)]
        self._zero()
        _count_held(self._counts, _blocks_of(texts), self.encoder.units)
        self._set_recounted(totals)

    def _zero(self):
        for counts in self._counts[1:]:
            counts.update(zip(counts, repeat(0)))   # in place: same keys, same order

    def _set_recounted(self, totals):
        for n in range(1, self.order + 1):
            counts = self._counts[n]
            if 0 in itervalues(counts):   # not in this text at all (another text was counted)
                self._counts[n] = counts = dict(compress(iteritems(counts), counts.values()))
            self._pruned[n] = totals[n] - sum(counts.values())

    def _size(self):
        return sum(map(len, self._counts[1:]))

    # -- pruning ------------------------------------------------------------
    def prune(self, threshold=None, max_ngrams=None, min_order=1):
        """Drop n-grams with count <= ``threshold`` (or the rarest until ``max_ngrams`` remain).

        ``min_order``: orders below it are kept whole (``min_order=2`` keeps
        every single symbol, as ``count_ngrams(min_count=...)`` does).
        Adds the threshold used to ``max_error``; returns that threshold.
        Cost O(distinct n-grams); the dicts are rebuilt so memory is freed.
        """
        if threshold is None:
            target = self.max_ngrams // 2 if max_ngrams is None and self.max_ngrams else max_ngrams
            if target is None:
                raise ValueError('prune() needs threshold or max_ngrams')
            return self._prune_to(target)
        self._drop_le(threshold, min_order)
        return threshold

    def _prune_to(self, target):
        size = self._size()
        if size <= target:
            return 0
        threshold = self._threshold_for(target)
        self._drop_le(threshold)
        logger.debug('pruned n-grams with count <= %d: %d -> %d entries',
                     threshold, size, self._size())
        return threshold

    def _threshold_for(self, target):
        """The smallest count t such that dropping every entry <= t leaves at most ``target``."""
        histogram = {}
        for counts in self._counts[1:]:
            _count_elements(histogram, counts.values())
        return prune_threshold(histogram, target)

    def _drop_rarest(self, target, floor):
        """While loading final counts: drop entries down to ``target``; return the new floor
        (every entry held is above it; ``max_error`` is left to the caller)."""
        threshold = self._threshold_for(target)
        self._drop_le(threshold, add_error=False)
        return max(floor, threshold)

    def _drop_le(self, threshold, min_order=1, add_error=True):
        if threshold <= 0:
            return
        for n in range(max(min_order, 1), self.order + 1):
            old = self._counts[n]
            new = dict(compress(iteritems(old), map(ge, old.values(), repeat(threshold + 1))))
            self._pruned[n] += sum(old.values()) - sum(new.values())
            self._counts[n] = new
        if add_error:
            self.max_error += threshold
        if min_order <= 1:
            self.encoder.forget(self._counts[1])
        if not REFCOUNTED:
            gc.collect()   # PyPy: free the old dicts now, not at a collection the heap must grow for

    # -- access -------------------------------------------------------------
    def encoded(self, n):
        """The live dict of encoded n-grams of order ``n`` -> count (do not modify). O(1)."""
        if not 1 <= n <= self.order:
            raise ValueError('order %r outside 1..%d' % (n, self.order))
        return self._counts[n]

    def pop_counts(self, order=None):
        """``{n: live dict of encoded n-grams}`` for orders 1..``order`` (default all),
        handed over without a copy; the counter is left empty. O(1)."""
        order = self.order if order is None else min(order, self.order)
        counts = dict((n, self._counts[n]) for n in range(1, order + 1))
        self._counts = [None] + [{} for _ in range(self.order)]
        return counts

    @classmethod
    def from_encoded(cls, counts, totals, max_error=0, decode=None):
        """A counter holding ``counts``, ``{n: {encoded n-gram: count}}`` for
        orders 1..``len(totals)``, adopted without a copy: counts made elsewhere
        (e.g. on a cluster, :mod:`nlp_zero.spark`) in the form
        :meth:`pop_counts` gives.  ``totals[n - 1]``: the n-gram tokens of
        order ``n`` counted, pruned ones included (:meth:`total`);
        ``max_error``: the error bound of the counts; ``decode``: code ->
        symbol of their Latin/digit symbols (see
        :class:`~nlp_zero.units.SymbolEncoder`).  O(orders).

        >>> c = NgramCounter.from_encoded({1: {u'天': 2}, 2: {}}, totals=[3, 1], max_error=1)
        >>> c[u'天'], c.total(1), c.total(2), c.max_error
        (2, 3, 1, 1)
        """
        counter = cls(len(totals))
        for n in range(1, counter.order + 1):
            counter._counts[n] = counts.get(n, {})
            counter._pruned[n] = totals[n - 1] - sum(counter._counts[n].values())
        counter.max_error = max_error
        counter.encoder.decode.update(decode or {})
        return counter

    def ngrams(self, n):
        """A dict text n-gram -> count of order ``n`` (the live dict when no
        Latin/digit symbol was counted, else a decoded copy). Cost O(1) or O(distinct)."""
        counts = self.encoded(n)
        if not self.encoder.decode:
            return counts
        return dict(zip(map(self.encoder.text, counts), counts.values()))

    def total(self, n):
        """Number of n-gram tokens of order ``n`` counted (pruned ones included). O(distinct)."""
        return sum(self.encoded(n).values()) + self._pruned[n]

    def _key(self, ngram):
        units = self.encoder.units(ngram)
        if len(units) != 1 or len(units[0]) > self.order:
            return None
        return units[0]

    def __getitem__(self, ngram):
        key = self._key(ngram)
        return 0 if key is None else self._counts[len(key)].get(key, 0)

    def get(self, ngram, default=0):
        value = self[ngram]
        return value if value else default

    def __contains__(self, ngram):
        return self[ngram] > 0

    def __len__(self):
        return self._size()

    def __iter__(self):
        for n in range(1, self.order + 1):
            for ngram in self.ngrams(n):
                yield ngram

    def items(self, n=None):
        """Iterate (text n-gram, count) of order ``n``, or of every order (ascending) when None."""
        orders = range(1, self.order + 1) if n is None else [n]
        for k in orders:
            for item in iteritems(self.ngrams(k)):
                yield item

    def most_common(self, k=None, n=None):
        """The ``k`` most frequent (ngram, count) pairs (of order ``n`` if given), a list.

        Ties are broken by the n-gram's text.  Cost: a sort of all the pairs.
        """
        ranked = sorted(self.items(n), key=lambda item: (-item[1], item[0]))
        return ranked if k is None else ranked[:k]

    def __eq__(self, other):
        if not isinstance(other, NgramCounter):
            return NotImplemented
        return (self.order == other.order and self._counts == other._counts
                and all(self.total(n) == other.total(n) for n in range(1, self.order + 1)))

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__ = None

    def __repr__(self):
        return 'NgramCounter(order=%d, max_ngrams=%r) with %d n-grams' % (
            self.order, self.max_ngrams, len(self))

    # -- merging -------------------------------------------------------------
    def merge(self, other):
        """Add the counts of ``other`` (same or higher order) into this counter; returns self.

        Errors add up: ``max_error`` becomes the sum of both (plus any prune the
        cap then needs).  Cost O(len(other)), in C (:func:`add_counts`).
        """
        if not isinstance(other, NgramCounter):
            raise TypeError('can only merge an NgramCounter')
        if other.order < self.order:
            raise ValueError('cannot merge an order-%d counter into an order-%d one'
                             % (other.order, self.order))
        for n in range(1, self.order + 1):
            add_counts(self._counts[n], other._counts[n])
            self._pruned[n] += other._pruned[n]
        for code, symbol in iteritems(other.encoder.decode):
            self.encoder.decode.setdefault(code, symbol)
        self.max_error += other.max_error
        if self.max_ngrams is not None and self._size() > self.max_ngrams:
            self._prune_to(self.max_ngrams // 2)
        return self

    def __iadd__(self, other):
        return self.merge(other)

    def __add__(self, other):
        result = NgramCounter(self.order, self.max_ngrams)
        result.merge(self)
        return result.merge(other)

    # -- files ---------------------------------------------------------------
    def save(self, path):
        """Write the counts file to ``path`` atomically (gz/bz2/xz by suffix).

        The counts file (UTF-8 text, version 2)::

            # nlp-zero counts v2<TAB>order=5<TAB>alphabet=2<TAB>max_error=0
            @1<TAB>TOTAL<TAB>PRUNED<TAB>DISTINCT
            NGRAM<TAB>COUNT
            ...                      (DISTINCT lines, then the next order)
            @end

        ``alphabet`` is :data:`~nlp_zero.units.ALPHABET_VERSION` (what a
        symbol is); ``TOTAL`` the n-gram tokens of order n counted,
        ``PRUNED`` the tokens of the entries pruned, ``DISTINCT`` the
        n-gram lines that follow.  Within an order, n-grams come in the
        order they were first counted (text order for one process; with
        several, each part's in turn): deterministic, and no sort (sorting
        cost 10x the writing).  ``@end`` marks a complete file.
        Cost O(distinct n-grams); memory one 64 k-line chunk at a time.
        """
        text = self.encoder.text
        with atomic_write(path) as out:
            out.write('%s\torder=%d\talphabet=%d\tmax_error=%d\n'
                      % (_FORMAT_HEADER, self.order, ALPHABET_VERSION, self.max_error))
            for n in range(1, self.order + 1):
                counts = self._counts[n]
                out.write('@%d\t%d\t%d\t%d\n' % (n, self.total(n), self._pruned[n], len(counts)))
                items = list(iteritems(counts))
                for a in range(0, len(items), _OFFSETS):
                    out.write(text(''.join(map('%s\t%d\n'.__mod__, items[a:a + _OFFSETS]))))
                del items
            out.write(_FORMAT_END + '\n')

    @classmethod
    def load(cls, path, max_ngrams=None):
        """Read a counts file written by :meth:`save` (compression detected by content).

        Checks the header, the alphabet version, each order's line count and
        totals, and the ``@end`` line: a corrupt, truncated or foreign file
        raises :class:`~nlp_zero.files.InputError` naming it.

        ``max_ngrams`` caps the n-grams held while reading, whatever the
        file's size: when more are held, the rarest are dropped as
        :meth:`prune` does (one threshold for all orders, raised as needed,
        and the lines at or below it are skipped from then on), so the
        counts stay consistent and ``max_error`` grows by that threshold.
        Memory: ``max_ngrams`` entries.
        """
        stream = open_binary(path)
        try:
            with reading(path):
                return cls._parse(utf8_lines(stream), path, max_ngrams)
        finally:
            stream.close()

    @classmethod
    def _parse(cls, lines, path, max_ngrams):
        counter = None
        total = 0
        expected = 0       # n-gram lines still due in the current order
        current = None
        encode = None
        n = 0
        number = 0
        done = False
        floor = 0          # lines with counts <= floor are dropped (the cap's threshold)
        for number, line in enumerate(lines, 1):
            line = line.rstrip('\r\n')
            try:
                if counter is None:
                    counter = cls._header(line, path, max_ngrams)
                    encode = counter.encoder.encode
                    continue
                if done:
                    raise ValueError('text after %s' % _FORMAT_END)
                if expected:
                    ngram, value = line.rsplit('\t', 1)
                    value = int(value)
                    key = encode(ngram)
                    if value < 1 or len(key) != n or key in current:
                        raise ValueError('bad or repeated n-gram line')
                    expected -= 1
                    if value <= floor:
                        counter._pruned[n] += value
                        continue
                    current[key] = value
                    if max_ngrams is not None and not number % _CHECK_LINES and counter._size() > max_ngrams:
                        floor = counter._drop_rarest(max_ngrams // 2, floor)
                        current = counter._counts[n]
                    continue
                if line == _FORMAT_END:
                    if n != counter.order:
                        raise ValueError('orders %d..%d missing' % (n + 1, counter.order))
                    done = True
                    continue
                if not line.startswith('@'):
                    raise ValueError('expected an order line "@N"')
                fields = [int(x) for x in line[1:].split('\t')]
                if len(fields) != 4 or fields[0] != n + 1 or min(fields) < 0:
                    raise ValueError('bad order line')
                _check_total(counter, n, total, path)
                n, total, pruned, expected = fields
                current = counter._counts[n]
                counter._pruned[n] = pruned
            except (ValueError, KeyError, TypeError, IndexError) as exc:
                raise InputError('%s: line %d: not a valid nlp-zero counts file (%s)' % (path, number, exc))
        if counter is None:
            raise InputError('%s: empty file, not an nlp-zero counts file' % path)
        if not done:
            raise InputError('%s: truncated counts file (no %s line after line %d)'
                             % (path, _FORMAT_END, number))
        _check_total(counter, n, total, path)
        # The file's counts are final: thresholds raised one after another
        # drop no more than the last one did, so the error grows by it alone.
        counter.max_error += floor
        return counter

    @classmethod
    def _header(cls, line, path, max_ngrams):
        fields = line.split('\t')
        if fields[0] != _FORMAT_HEADER:
            if fields[0].startswith(('# nlp-zero counts ', '# nlp-zero ngrams ')):   # v2+, v1
                raise ValueError('"%s": an older or newer format; count the corpus again' % fields[0])
            raise ValueError('no "%s" header' % _FORMAT_HEADER)
        options = dict(field.split('=', 1) for field in fields[1:])
        alphabet = int(options['alphabet'])
        if alphabet != ALPHABET_VERSION:
            raise ValueError('alphabet version %d, this nlp-zero uses %d; count the corpus again'
                             % (alphabet, ALPHABET_VERSION))
        counter = cls(int(options['order']), max_ngrams)
        counter.max_error = int(options['max_error'])
        return counter



def _check_total(counter, n, total, path):
    if n and counter.total(n) != total:
        raise InputError('%s: order %d: the counts do not add up to its total; the file is corrupt'
                         % (path, n))


# -- parallel counting ------------------------------------------------------

def ignore_sigint():
    """Pool initializer: Ctrl-C reaches the whole process group, but only the
    parent should react (it terminates the pool); workers stay quiet."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class RangeBlocks(object):
    """The text blocks of one task of :func:`plan_tasks` (behaves like a Corpus for update())."""

    def __init__(self, task):
        self._task = task

    def iter_blocks(self):
        path, start, end, encoding, errors = self._task
        corpus = Corpus.from_paths([path], encoding, errors)
        if end is None:
            return corpus.iter_blocks()
        return corpus._iter_range_blocks(path, start, end, encoding)


def plan_tasks(corpus, pieces_per_file):
    """Split the corpus files into ``(path, start, end, encoding, errors)`` tasks.

    Uncompressed files are cut at line ends into ``pieces_per_file`` byte
    ranges; compressed and UTF-16 files are one task each (``end`` None).
    Returns None when the corpus is not all files (stdin, texts).
    """
    tasks = []
    for path in getattr(corpus, 'paths', None) or [None]:
        if path is None or path == '-' or not os.path.isfile(path):
            return None
        whole = (path, 0, None, corpus.encoding, corpus.errors)
        with io.open(path, 'rb') as raw:
            head = raw.read(CHUNK_BYTES)
            if sniff_compression(head) is not None:
                tasks.append(whole)     # compressed: one task per file
                continue
            encoding = corpus.encoding or detect_encoding(head)
            if encoding == 'utf-16':
                tasks.append(whole)
                continue
            size = os.path.getsize(path)
            bounds = [0]
            for k in range(1, pieces_per_file):
                raw.seek(max(size * k // pieces_per_file, bounds[-1]))
                raw.readline()                  # move to the start of the next line
                bounds.append(max(raw.tell(), bounds[-1]))
            bounds.append(size)
        for start, end in zip(bounds, bounds[1:]):
            if end > start:
                tasks.append((path, start, end, encoding, corpus.errors))
    return tasks


def run_tasks(function, tasks, processes, mp_context=None, initializer=None, initargs=()):
    """Yield ``function(task)`` for each task, in task order, on a pool of ``processes``.

    Use it as ``with contextlib.closing(run_tasks(...)) as results:`` so that
    the pool ends at once when the caller stops early (an error, Ctrl-C),
    and read the results to their end (``zip(results, tasks)``, results
    first): the pool is then closed and its workers leave on their own.
    A generator left at its last result is terminated instead, which
    signals the workers.

    ``function`` and ``initializer`` (run once in each worker with
    ``initargs``) must live at module level: picklable under ``spawn``.
    Workers ignore Ctrl-C; the parent terminates the pool on any error.
    """
    if mp_context is None:
        import multiprocessing as mp_context
    pool = mp_context.Pool(min(processes, len(tasks)), initializer=_init_worker,
                           initargs=(initializer,) + tuple(initargs))
    try:
        for result in pool.imap(function, tasks):
            yield result
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def _init_worker(initializer, *args):
    """Pool initializer: ignore Ctrl-C (only the parent reacts), let SIGTERM
    kill at once, then run ``initializer``.

    A worker forked from the command line inherits its SIGTERM handler, a
    Python function, which runs only when the worker runs Python code: a
    worker waiting for a lock in C would never run it, and the pool's
    terminate() would wait for that worker forever."""
    ignore_sigint()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if initializer is not None:
        initializer(*args)


def task_bytes(task):
    """The bytes of the file that one task of :func:`plan_tasks` reads."""
    path, start, end = task[:3]
    return (os.path.getsize(path) if end is None else end) - start


def max_ngrams_for(memory, processes=1):
    """The ``max_ngrams`` that keeps counting within ``memory`` bytes on ``processes``.

    With several processes the parent holds the sum and the workers their
    parts (each ``max_ngrams // processes``): half the budget each way.
    """
    return max(1, memory // BYTES_PER_NGRAM // (2 if processes > 1 else 1))


def _count_task(task):
    """Worker: count one task of :func:`plan_tasks` (module level: picklable under spawn)."""
    source, order, max_ngrams = task
    counter = NgramCounter(order, max_ngrams)
    counter.update(RangeBlocks(source))
    return counter


def count_ngrams(corpus, order=5, max_ngrams=None, processes=1, min_count=1, mp_context=None):
    """Count the n-grams of orders 1..``order`` of ``corpus``; returns an :class:`NgramCounter`.

    ``corpus`` is anything :class:`~nlp_zero.corpus.Corpus` accepts.
    ``min_count``: at the end, n-grams of two or more symbols seen fewer
    times are dropped (single symbols are all kept: every later stage
    needs them); a prune, so ``max_error`` grows by ``min_count - 1``.

    With ``processes > 1`` and file sources, each file is cut at line ends
    into byte ranges counted by a ``multiprocessing`` pool (compressed and
    UTF-16 files count as one range each; stdin and in-memory texts are
    counted in this process); the parent adds the parts up in C
    (:func:`add_counts`), in task order, so the result is deterministic.
    Workers only receive (path, offsets, options), never data, and the
    worker function lives at module level, so any start method works,
    including ``spawn`` (the default on Windows and macOS): pass
    ``mp_context=multiprocessing.get_context('spawn')`` to force it.  As
    always with spawn, a script calling this must guard its entry point
    with ``if __name__ == '__main__':``.

    Memory: each of the ``processes`` workers holds at most
    ``max_ngrams // processes`` n-grams and the parent at most
    ``max_ngrams``, plus one worker's result being added.  Results equal the
    serial count exactly when no cap is hit.

    >>> count_ngrams([u'一二三'], order=2)[u'二三']
    1
    """
    if not isinstance(processes, integer_types) or processes < 1:
        raise ValueError('processes must be an integer >= 1, got %r' % (processes,))
    if not isinstance(min_count, integer_types) or min_count < 1:
        raise ValueError('min_count must be an integer >= 1, got %r' % (min_count,))
    if not hasattr(corpus, 'iter_blocks'):
        corpus = Corpus(corpus)
    tasks = plan_tasks(corpus, processes) if processes > 1 else None
    counter = NgramCounter(order, max_ngrams)
    if not tasks or len(tasks) < 2:
        counter.update(corpus)
    else:
        share = None if max_ngrams is None else max(1, max_ngrams // processes)
        work = [(task, order, share) for task in tasks]
        corpus.bytes_read = 0
        with closing(run_tasks(_count_task, work, processes, mp_context)) as parts:
            for i, (part, task) in enumerate(zip(parts, tasks)):   # parts first: see run_tasks
                if i:
                    counter.merge(part)
                else:
                    counter = part              # adopt the first part: no copy
                    counter.max_ngrams = max_ngrams
                corpus.bytes_read += task_bytes(task)   # progress, polled by the command line
    if min_count > 1:
        counter.prune(min_count - 1, min_order=2)
    return counter


def recount_ngrams(counter, corpus, processes=1, mp_context=None):
    """Make the counts of ``counter`` exact by counting them again in ``corpus`` (the text counted).

    See :meth:`NgramCounter.recount`; with ``processes > 1`` and file
    sources, the byte ranges of :func:`plan_tasks` are recounted by a pool.
    Memory: the workers each hold the counter's n-grams (loaded from a
    temporary file) while the parent holds only their sums (one integer
    each): with two processes, what two counters of ``max_ngrams //
    processes`` hold in pass 1, i.e. the same budget.  Returns ``counter``.
    """
    tasks = plan_tasks(corpus, processes) if processes > 1 else None
    if not tasks or len(tasks) < 2:
        counter.recount(corpus)
        return counter
    totals = [0] + [counter.total(n) for n in range(1, counter.order + 1)]
    handle, path = tempfile.mkstemp(prefix='nlp-zero-recount-')
    try:
        with os.fdopen(handle, 'wb') as out:
            marshal.dump([list(counts) for counts in counter._counts[1:]], out)
        counter._counts = [None] + [{} for _ in range(counter.order)]   # freed while the workers run
        sums = None
        corpus.bytes_read = 0
        with closing(run_tasks(_recount_task, tasks, processes, mp_context,
                               initializer=_load_worker_keys, initargs=(path,))) as parts:
            for part, task in zip(parts, tasks):   # parts first: see run_tasks
                sums = part if sums is None else [list(map(add, a, b)) for a, b in zip(sums, part)]
                corpus.bytes_read += task_bytes(task)   # progress, polled by the command line
        counter._counts = [None] + [dict(zip(keys, values)) for keys, values in zip(_load_keys(path), sums)]
    finally:
        os.remove(path)
    counter._set_recounted(totals)
    return counter


def _load_keys(path):
    with open(path, 'rb') as stream:
        return marshal.load(stream)


_worker_keys = []   # a recount worker's n-grams, per order (set by its pool initializer)


def _load_worker_keys(path):
    _worker_keys[:] = [_load_keys(path)]


def _recount_task(task):
    """Worker: the counts, in key order, of the held n-grams in one task of :func:`plan_tasks`."""
    keys = _worker_keys[0]
    counts = [None] + [dict.fromkeys(k, 0) for k in keys]
    _count_held(counts, RangeBlocks(task).iter_blocks(), SymbolEncoder(decoding=False).units)
    return [list(map(c.__getitem__, k)) for c, k in zip(counts[1:], keys)]
