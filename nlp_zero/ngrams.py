# -*- coding: utf-8 -*-
"""Streaming character n-gram counts, in bounded memory, on one or many processes.

An n-gram is the text of ``n`` consecutive symbols of one unit (see
:mod:`nlp_zero.units`): n-grams never cross punctuation, whitespace or line
ends, and a Latin/digit run counts as one symbol, so ``'A股'`` is a 2-gram and
``'iPhone'`` a 1-gram.  :class:`NgramCounter` keeps one dict per order
(``counter.ngrams(n)``), which is what branching-entropy and cohesion scores
need: the right neighbours of ``w`` are the (n+1)-grams ``w + x``.

Memory cap and its error.  With ``max_ngrams=M``, whenever more than ``M``
distinct n-grams (all orders together) are held, the rarest are dropped: the
smallest threshold ``t`` that brings the size down to ``M // 2`` is chosen and
every entry with count ``<= t`` is deleted (lossy counting, as in gensim's
Phrases).  ``counter.max_error`` is the sum of all thresholds used (plus those
of merged counters).  Guarantee, for every n-gram ``g`` with true count
``c(g)`` in the text counted::

    counter[g] <= c(g) <= counter[g] + counter.max_error

so every n-gram with ``c(g) > max_error`` is present, and counts are exact
(``max_error == 0``) as long as the cap is never reached.  ``total(n)`` stays
exact: it counts every n-gram token, pruned or not.

Cost: counting is O(characters * order) dict increments done in C
(``collections._count_elements`` over lists of string slices); memory is about
110-150 bytes per distinct n-gram on 64-bit CPython (see bench/RESULTS.md).

>>> c = NgramCounter(order=2)
>>> c.update([u'A股大涨，A股'])
>>> c[u'A股'], c[u'股'], c.total(1)
(2, 2, 6)
"""
from __future__ import absolute_import, division, unicode_literals

import io
import logging
import os
import platform
import re
import signal

from .compat import (count_elements as _count_elements, integer_types, string_types, text_type,
                     utf8_lines)
from .corpus import CHUNK_BYTES, Corpus, detect_encoding
from .files import InputError, atomic_write, open_binary, reading, sniff_compression
from . import units as _units
from .units import _IDEOGRAPH_RANGES, _MARK, _UNIT, is_ideographic, unit_symbols

__all__ = ['NgramCounter', 'count_ngrams']

logger = logging.getLogger(__name__)

# One match per unit; group 1 is set when the unit is all ideographs (then its
# symbols are its characters and n-grams are plain slices).  Equivalent to
# units.iter_units() + units.is_ideographic() in one C scan.
_WORD_CHAR = '(?:[^\\W_]|[' + _IDEOGRAPH_RANGES + '])'
_UNIT_SPLIT = re.compile(
    '(?<!' + _WORD_CHAR + ')([' + _IDEOGRAPH_RANGES + ']+)(?!' + _WORD_CHAR + '|' + _MARK + ')|' + _UNIT,
    re.UNICODE)
# The same units and symbols as units.iter_units() / units.unit_symbols().
_UNIT_RE = _units._UNIT_RE
_NOT_IDEOGRAPH = _units._NOT_IDEOGRAPH_RE
_SYMBOLS = _units._SYMBOL_RE

# PyPy's JIT prefers the plain loop; CPython the unrolled C-heavy one (measured,
# see bench/RESULTS.md).
_IS_PYPY = platform.python_implementation() == 'PyPy'

_FORMAT_HEADER = '# nlp-zero ngrams v1'


def _count_mixed(counts, order, unit):
    """Count the n-grams of a unit with Latin/digit runs (symbols joined as text)."""
    symbols = _SYMBOLS.findall(unit)
    length = len(symbols)
    _count_elements(counts[1], symbols)
    join = ''.join
    for n in range(2, min(length, order) + 1):
        _count_elements(counts[n], [join(symbols[i:i + n]) for i in range(length - n + 1)])


def _count_block_cpython(counts, order, text):
    """Hot loop for CPython: one regex scan, then C-level counting of slice lists."""
    count = _count_elements
    c1 = counts[1]
    c2 = counts[2] if order > 1 else None
    c3 = counts[3] if order > 2 else None
    c4 = counts[4] if order > 3 else None
    for match in _UNIT_SPLIT.finditer(text):
        unit = match.group(1)
        if unit is None:
            _count_mixed(counts, order, match.group())
            continue
        length = len(unit)
        count(c1, unit)
        if length > 1 and c2 is not None:
            count(c2, [unit[i:i + 2] for i in range(length - 1)])
            if length > 2 and c3 is not None:
                count(c3, [unit[i:i + 3] for i in range(length - 2)])
                if length > 3 and c4 is not None:
                    count(c4, [unit[i:i + 4] for i in range(length - 3)])
                    for n in range(5, min(length, order) + 1):
                        count(counts[n], [unit[i:i + n] for i in range(length - n + 1)])


def _count_block_pypy(counts, order, text):
    """Hot loop for PyPy: plain loops the JIT compiles well."""
    count = _count_elements
    not_ideograph = _NOT_IDEOGRAPH.search
    for unit in _UNIT_RE.findall(text):
        if not_ideograph(unit) is not None:
            _count_mixed(counts, order, unit)
            continue
        length = len(unit)
        count(counts[1], unit)
        for n in range(2, min(length, order) + 1):
            count(counts[n], [unit[i:i + n] for i in range(length - n + 1)])


_count_block = _count_block_pypy if _IS_PYPY else _count_block_cpython


def _order_of(ngram):
    return len(ngram) if is_ideographic(ngram) else len(unit_symbols(ngram))


def _iter_sub_blocks(block, size):
    """Cut a text block at line ends into pieces of about ``size`` characters."""
    start = 0
    end = len(block)
    while end - start > size:
        cut = block.find('\n', start + size)
        if cut < 0:
            break
        yield block[start:cut]
        start = cut + 1
    yield block[start:] if start else block


class NgramCounter(object):
    """Counts of the character n-grams of orders 1..``order`` of a text stream.

    ``NgramCounter(order=4, max_ngrams=None)``; ``max_ngrams`` caps the number
    of distinct n-grams held (see the module docstring for the error bound).

    * ``update(texts)``: count a Corpus, a list/iterable of texts or one text.
    * ``counter[g]`` -> count (0 when absent); ``len``, ``iter``, ``in``.
    * ``ngrams(n)`` -> the live dict ngram -> count of order ``n`` (read only).
    * ``items(n=None)``, ``most_common(k=None, n=None)``, ``total(n)``.
    * ``merge(other)`` / ``+=`` / ``+``; ``prune(threshold)``.
    * ``save(path)`` / ``NgramCounter.load(path)`` (text; gz/bz2/xz by suffix).

    Memory: one dict entry per distinct n-gram (about 110-150 bytes on CPython).

    >>> c = NgramCounter(order=3)
    >>> c.update(u'天气很好')
    >>> sorted(c.ngrams(3).items())
    [('天气很', 1), ('气很好', 1)]
    """

    def __init__(self, order=4, max_ngrams=None):
        if not isinstance(order, integer_types) or order < 1:
            raise ValueError('order must be an integer >= 1, got %r' % (order,))
        if max_ngrams is not None and max_ngrams < 1:
            raise ValueError('max_ngrams must be >= 1 or None, got %r' % (max_ngrams,))
        self.order = order
        self.max_ngrams = max_ngrams
        self.max_error = 0
        self._counts = [None] + [{} for _ in range(order)]
        # Mass of pruned entries per order, so that total(n) stays exact.
        self._pruned = [0] * (order + 1)

    # -- counting ---------------------------------------------------------
    def update(self, texts):
        """Count the n-grams of ``texts``: a Corpus, an iterable of texts, or one text.

        Cost O(characters * order); returns None.
        """
        if isinstance(texts, string_types):
            blocks = [texts if isinstance(texts, text_type) else texts.decode('utf-8')]
        elif hasattr(texts, 'iter_blocks'):     # a Corpus (or a byte range of one)
            blocks = texts.iter_blocks()
        else:
            blocks = Corpus.from_texts(texts).iter_blocks()
        counts = self._counts
        order = self.order
        cap = self.max_ngrams
        if cap is None:
            for block in blocks:
                _count_block(counts, order, block)
            return
        # Check the cap often enough that at most ~cap/4 new entries arrive between checks.
        piece = max(1024, min(CHUNK_BYTES, cap // (4 * order)))
        for block in blocks:
            for sub in _iter_sub_blocks(block, piece):
                _count_block(counts, order, sub)
                if self._size() > cap:
                    self._prune_to(cap // 2)

    def update_text(self, text):
        """Count one text string (may contain newlines)."""
        self.update(text)

    def _size(self):
        return sum(len(d) for d in self._counts[1:])

    # -- pruning ------------------------------------------------------------
    def prune(self, threshold=None, max_ngrams=None):
        """Drop n-grams with count <= ``threshold`` (or the rarest until ``max_ngrams`` remain).

        Adds the threshold used to ``max_error``; returns that threshold.
        Cost O(distinct n-grams); the dicts are rebuilt so memory is freed.
        """
        if threshold is None:
            target = self.max_ngrams // 2 if max_ngrams is None and self.max_ngrams else max_ngrams
            if target is None:
                raise ValueError('prune() needs threshold or max_ngrams')
            return self._prune_to(target)
        self._drop_le(threshold)
        return threshold

    def _prune_to(self, target):
        size = self._size()
        if size <= target:
            return 0
        histogram = {}
        for counts in self._counts[1:]:
            _count_elements(histogram, counts.values())
        removed = 0
        threshold = 0
        for value in sorted(histogram):
            removed += histogram[value]
            threshold = value
            if size - removed <= target:
                break
        self._drop_le(threshold)
        logger.debug('pruned n-grams with count <= %d: %d -> %d entries',
                     threshold, size, self._size())
        return threshold

    def _drop_le(self, threshold):
        if threshold <= 0:
            return
        for n in range(1, self.order + 1):
            old = self._counts[n]
            before = sum(old.values())
            new = dict((k, v) for k, v in old.items() if v > threshold)
            self._pruned[n] += before - sum(new.values())
            self._counts[n] = new
        self.max_error += threshold

    # -- access -------------------------------------------------------------
    def ngrams(self, n):
        """The dict ngram -> count of order ``n`` (live; do not modify). Cost O(1)."""
        if not 1 <= n <= self.order:
            raise ValueError('order %r outside 1..%d' % (n, self.order))
        return self._counts[n]

    def total(self, n):
        """Number of n-gram tokens of order ``n`` counted (pruned ones included). O(distinct)."""
        return sum(self.ngrams(n).values()) + self._pruned[n]

    def __getitem__(self, ngram):
        n = _order_of(ngram)
        if not 1 <= n <= self.order:
            return 0
        return self._counts[n].get(ngram, 0)

    def get(self, ngram, default=0):
        value = self[ngram]
        return value if value else default

    def __contains__(self, ngram):
        return self[ngram] > 0

    def __len__(self):
        return self._size()

    def __iter__(self):
        for n in range(1, self.order + 1):
            for ngram in self._counts[n]:
                yield ngram

    def items(self, n=None):
        """Iterate (ngram, count) of order ``n``, or of every order (ascending) when None."""
        orders = range(1, self.order + 1) if n is None else [n]
        for k in orders:
            for item in self.ngrams(k).items():
                yield item

    def most_common(self, k=None, n=None):
        """The ``k`` most frequent (ngram, count) pairs (of order ``n`` if given), a list."""
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
        cap then needs).  Cost O(len(other)).
        """
        if not isinstance(other, NgramCounter):
            raise TypeError('can only merge an NgramCounter')
        if other.order < self.order:
            raise ValueError('cannot merge an order-%d counter into an order-%d one'
                             % (other.order, self.order))
        for n in range(1, self.order + 1):
            mine = self._counts[n]
            get = mine.get
            for ngram, value in other._counts[n].items():
                mine[ngram] = get(ngram, 0) + value
            self._pruned[n] += other._pruned[n]
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
        """Write the counts to ``path`` atomically (UTF-8 text; gz/bz2/xz by suffix).

        Format: a header line, then per order a line ``@n<TAB>total<TAB>pruned``
        followed by ``ngram<TAB>count`` lines (most frequent first).
        """
        with atomic_write(path) as out:
            out.write('%s\torder=%d\tmax_error=%d\n' % (_FORMAT_HEADER, self.order, self.max_error))
            for n in range(1, self.order + 1):
                counts = self._counts[n]
                out.write('@%d\t%d\t%d\n' % (n, self.total(n), self._pruned[n]))
                ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
                out.write(''.join(['%s\t%d\n' % item for item in ranked]))

    @classmethod
    def load(cls, path, max_ngrams=None):
        """Read a counter written by :meth:`save` (compression detected by content)."""
        stream = open_binary(path)
        try:
            with reading(path):
                return cls._parse(utf8_lines(stream), path, max_ngrams)
        finally:
            stream.close()

    @classmethod
    def _parse(cls, lines, path, max_ngrams):
        counter = None
        current = None
        n = 0
        for number, line in enumerate(lines, 1):
            line = line.rstrip('\r\n')
            try:
                if counter is None:
                    fields = line.split('\t')
                    if fields[0] != _FORMAT_HEADER:
                        raise ValueError('not an nlp-zero n-gram file')
                    options = dict(field.split('=', 1) for field in fields[1:])
                    counter = cls(int(options['order']), max_ngrams)
                    counter.max_error = int(options.get('max_error', 0))
                    continue
                if line.startswith('@'):
                    fields = line[1:].split('\t')
                    n = int(fields[0])
                    current = counter.ngrams(n)
                    counter._pruned[n] = int(fields[2])
                    continue
                ngram, value = line.rsplit('\t', 1)
                current[ngram] = int(value)
            except (ValueError, KeyError, TypeError, IndexError) as exc:
                raise InputError('%s: line %d: bad n-gram file (%s)' % (path, number, exc))
        if counter is None:
            raise InputError('%s: empty file, not an nlp-zero n-gram file' % path)
        return counter


# -- parallel counting ------------------------------------------------------

def _ignore_sigint():
    """Pool initializer: Ctrl-C reaches the whole process group, but only the
    parent should react (it terminates the pool); workers stay quiet."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _count_task(task):
    """Worker: count one byte range of one file (module level: picklable under spawn)."""
    path, start, end, encoding, errors, order, max_ngrams = task
    counter = NgramCounter(order, max_ngrams)
    corpus = Corpus.from_paths([path], encoding, errors)
    if end is None:
        counter.update(corpus)
    else:
        counter.update(_RangeBlocks(corpus, path, start, end, encoding))
    return counter


class _RangeBlocks(object):
    """Iterable of the text blocks of one byte range (behaves like a Corpus for update())."""

    def __init__(self, corpus, path, start, end, encoding):
        self._args = (corpus, path, start, end, encoding)

    def iter_blocks(self):
        corpus, path, start, end, encoding = self._args
        return corpus._iter_range_blocks(path, start, end, encoding)


def _plan_tasks(corpus, pieces_per_file, order, max_ngrams):
    """Split the corpus files into (path, start, end, encoding, ...) tasks."""
    tasks = []
    for path in corpus.paths:
        whole = (path, 0, None, corpus.encoding, corpus.errors, order, max_ngrams)
        if path == '-' or not os.path.isfile(path):
            return None
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
                tasks.append((path, start, end, encoding, corpus.errors, order, max_ngrams))
    return tasks


def count_ngrams(corpus, order=4, max_ngrams=None, processes=1, mp_context=None):
    """Count the n-grams of orders 1..``order`` of ``corpus``; returns an :class:`NgramCounter`.

    ``corpus`` is anything :class:`~nlp_zero.corpus.Corpus` accepts.  With
    ``processes > 1`` and file sources, each file is cut at line ends into
    byte ranges counted by a ``multiprocessing`` pool and merged (compressed
    and UTF-16 files count as one range each; stdin and in-memory texts are
    counted in this process).  Workers only receive (path, offsets, options),
    never data, and the worker function lives at module level, so any start
    method works, including ``spawn`` (the default on Windows and macOS):
    pass ``mp_context=multiprocessing.get_context('spawn')`` to force it.  As
    always with spawn, a script calling this must guard its entry point with
    ``if __name__ == '__main__':``.  Each worker applies ``max_ngrams`` to its
    own counter; the merged result is capped again, with ``max_error`` the sum
    of all errors.  Results equal the serial count exactly when no cap is hit.

    >>> count_ngrams([u'一二三'], order=2)[u'二三']
    1
    """
    if not isinstance(corpus, Corpus):
        corpus = Corpus(corpus)
    tasks = None
    if processes and processes > 1:
        tasks = _plan_tasks(corpus, processes, order, max_ngrams)
    if not tasks or len(tasks) < 2:
        counter = NgramCounter(order, max_ngrams)
        counter.update(corpus)
        return counter
    if mp_context is None:
        import multiprocessing as mp_context
    pool = mp_context.Pool(min(processes, len(tasks)), initializer=_ignore_sigint)
    try:
        result = None
        for partial in pool.imap_unordered(_count_task, tasks):
            if result is None:
                result = partial            # adopt the first one: no copy
            else:
                result.merge(partial)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
    # Merging in completion order leaves dict order arbitrary; counts are exact.
    return result
