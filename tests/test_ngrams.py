# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, unicode_literals

import io
import sys
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_zero import ngrams as ngrams_module
from nlp_zero.corpus import Corpus
from nlp_zero.files import InputError
from nlp_zero.ngrams import NgramCounter, count_ngrams
from nlp_zero.units import iter_units, unit_symbols

from synthetic import make_lexicon, zipf_corpus

ALPHABET = '天气很好A股iP9.3，。 \n\u3400\U00020000Ｋ线１２x'


def brute_force(texts, order):
    """Reference counts: units -> symbols -> every n-gram, in plain Python."""
    counts = Counter()
    totals = Counter()
    for text in texts:
        for unit in iter_units(text):
            symbols = unit_symbols(unit)
            for n in range(1, order + 1):
                for i in range(len(symbols) - n + 1):
                    counts[''.join(symbols[i:i + n])] += 1
                    totals[n] += 1
    return counts, totals


def as_counter(counter):
    return Counter(dict(counter.items()))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=40), max_size=8), st.integers(1, 6))
def test_counts_equal_brute_force(texts, order):
    counter = NgramCounter(order)
    counter.update(texts)
    expected, totals = brute_force(texts, order)
    assert as_counter(counter) == expected
    for n in range(1, order + 1):
        assert counter.total(n) == totals[n]
    for gram, value in expected.items():
        assert counter[gram] == value


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=40), max_size=8))
def test_both_hot_loops_agree(texts):
    for loop in (ngrams_module._count_block_cpython, ngrams_module._count_block_pypy):
        for order in (2, 4, 5):
            counts = [None] + [{} for _ in range(order)]
            for text in texts:
                loop(counts, order, text)
            flat = Counter()
            for d in counts[1:]:
                flat.update(d)
            assert flat == brute_force(texts, order)[0]


def test_units_and_symbols_in_ngrams():
    counter = NgramCounter(3)
    counter.update(['我买了iPhone手机，花了3.14元。A股 大涨'])
    assert counter['iPhone'] == 1
    assert counter['iPhone手机'] == 1
    assert counter['3.14元'] == 1
    assert counter['A股'] == 1
    assert counter['机花'] == 0          # never across punctuation
    assert counter['股大'] == 0          # never across spaces
    assert 'iPhone手' in counter.ngrams(2)
    assert counter.get('不在', 7) == 7


def test_exact_without_cap_on_synthetic_corpus():
    lines = zipf_corpus(make_lexicon(300, seed=1), 20000, seed=2)
    counter = NgramCounter(4, max_ngrams=10 ** 7)
    counter.update(lines)
    assert counter.max_error == 0
    assert as_counter(counter) == brute_force(lines, 4)[0]


def test_pruning_error_bound():
    lines = zipf_corpus(make_lexicon(2000, seed=3), 60000, seed=4)
    truth, totals = brute_force(lines, 4)
    counter = NgramCounter(4, max_ngrams=5000)
    counter.update(lines)
    assert len(counter) <= 5000
    assert counter.max_error > 0
    err = counter.max_error
    for gram, value in counter.items():
        assert value <= truth[gram] <= value + err
    for gram, value in truth.items():
        stored = counter[gram]
        assert stored <= value <= stored + err
        if value > err:
            assert stored > 0
    for n in range(1, 5):
        assert counter.total(n) == totals[n]          # totals stay exact
    # The bound is useful: frequent n-grams survive with small error.
    top = [g for g, _ in truth.most_common(50)]
    assert all(g in counter for g in top)


def test_explicit_prune():
    counter = NgramCounter(2)
    counter.update(['甲乙甲乙甲', '丙'])
    assert counter.prune(threshold=1) == 1
    assert counter['丙'] == 0 and counter['甲'] == 3 and counter.max_error == 1
    assert counter.total(1) == 6


def test_merge_equals_count_of_concatenation():
    lines = zipf_corpus(make_lexicon(200, seed=5), 8000, seed=6) + ['A股 iPhone手机']
    half = len(lines) // 2
    a, b, whole = NgramCounter(4), NgramCounter(4), NgramCounter(4)
    a.update(lines[:half])
    b.update(lines[half:])
    whole.update(lines)
    assert a + b == whole
    a += b
    assert a == whole
    with pytest.raises(ValueError):
        NgramCounter(5).merge(NgramCounter(3))


@pytest.mark.parametrize('name', ['counts.txt', 'counts.txt.gz'])
def test_save_load_round_trip(tmpdir, name):
    counter = NgramCounter(3, max_ngrams=300)
    counter.update(zipf_corpus(make_lexicon(100, seed=7), 5000, seed=8) + ['3.14元 A股'])
    path = str(tmpdir.join(name))
    counter.save(path)
    loaded = NgramCounter.load(path)
    assert loaded == counter
    assert loaded.max_error == counter.max_error
    assert [loaded.total(n) for n in (1, 2, 3)] == [counter.total(n) for n in (1, 2, 3)]
    if name.endswith('.gz'):
        with io.open(path, 'rb') as f:
            assert f.read(2) == b'\x1f\x8b'


def test_load_rejects_other_files(tmpdir):
    path = str(tmpdir.join('x.txt'))
    with io.open(path, 'w', encoding='utf-8') as f:
        f.write('hello\n')
    with pytest.raises(InputError):
        NgramCounter.load(path)


def _write_lines(path, lines):
    with io.open(path, 'w', encoding='utf-8', newline='') as f:
        f.write('\r\n'.join(lines) + '\r\n')


def test_parallel_equals_serial(tmpdir):
    lines = zipf_corpus(make_lexicon(300, seed=9), 30000, seed=10) + ['iPhone手机 3.14']
    path = str(tmpdir.join('c.txt'))
    _write_lines(path, lines)
    serial = count_ngrams(path, order=4)
    parallel = count_ngrams(path, order=4, processes=2)
    assert parallel == serial
    assert as_counter(serial) == brute_force(lines, 4)[0]


@pytest.mark.skipif(sys.version_info[0] < 3, reason='start methods are Python 3 only')
def test_parallel_with_spawn(tmpdir):
    import multiprocessing
    lines = zipf_corpus(make_lexicon(100, seed=11), 6000, seed=12)
    paths = [str(tmpdir.join('a.txt')), str(tmpdir.join('b.txt'))]
    _write_lines(paths[0], lines[:50])
    _write_lines(paths[1], lines[50:])
    serial = count_ngrams(Corpus(paths), order=3)
    spawned = count_ngrams(Corpus(paths), order=3, processes=2,
                           mp_context=multiprocessing.get_context('spawn'))
    assert spawned == serial


def test_count_ngrams_on_texts_and_bad_order():
    assert count_ngrams(['一二三'], order=2)['二三'] == 1
    with pytest.raises(ValueError):
        NgramCounter(0)
