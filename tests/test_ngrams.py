# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, unicode_literals

import io
import os
import re
import sys
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_zero import ngrams as ngrams_module
from nlp_zero.compat import PY2
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
@given(st.lists(st.text(alphabet=ALPHABET, max_size=40), max_size=8), st.sampled_from([1, 2, 7]))
def test_counts_in_small_slices_equal_brute_force(texts, offsets):
    # The n-grams of a block are sliced _OFFSETS at a time: any slice size
    # gives the same counts.
    saved = ngrams_module._OFFSETS
    ngrams_module._OFFSETS = offsets
    try:
        counter = NgramCounter(5)
        counter.update(texts)
    finally:
        ngrams_module._OFFSETS = saved
    assert as_counter(counter) == brute_force(texts, 5)[0]


def _assert_consistent(counter):
    """Every held n-gram's two (n-1)-grams are held, at least as often."""
    for n in range(2, counter.order + 1):
        lower = counter.encoded(n - 1)
        for gram, value in counter.encoded(n).items():
            assert lower.get(gram[:-1], 0) >= value and lower.get(gram[1:], 0) >= value


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet='甲乙丙丁戊A1，', max_size=30), max_size=12),
       st.integers(20, 200), st.integers(1, 3))
def test_pruning_and_merging_keep_counts_consistent(texts, cap, min_count):
    half = len(texts) // 2
    a, b = NgramCounter(4, max_ngrams=cap), NgramCounter(4, max_ngrams=cap * 2)
    a.update(texts[:half])
    b.update(texts[half:])
    _assert_consistent(a)
    a.merge(b)
    a.prune(min_count - 1, min_order=2)
    _assert_consistent(a)
    truth = brute_force(texts, 4)[0]
    for gram, value in a.items():
        assert value <= truth[gram] <= value + a.max_error


def test_min_count_keeps_every_symbol():
    counter = count_ngrams([u'甲乙甲乙丙，丁'], order=3, min_count=2)
    assert counter['甲乙'] == 2 and counter['乙丙'] == 0 and counter['丁'] == 1
    assert counter.max_error == 1
    assert counter.total(2) == 4          # 甲乙 乙甲 甲乙 乙丙: totals stay exact


def test_add_counts_in_c():
    from nlp_zero.ngrams import add_counts
    mine = {'a': 1, 'b': 2}
    assert add_counts(mine, {'b': 3, 'c': 4}) == {'a': 1, 'b': 5, 'c': 4}
    if not PY2:   # dicts keep insertion order: new keys come after the old ones
        assert list(mine) == ['a', 'b', 'c']
    assert add_counts({}, {'x': 1}) == {'x': 1}


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


@pytest.mark.parametrize('cap', [40, 400, 4000])
def test_load_within_a_cap_keeps_the_frequent_ngrams_exactly(tmpdir, monkeypatch, cap):
    # A counts file bigger than the budget: read within ``cap`` entries, it
    # holds exactly the n-grams above one threshold, with their exact counts,
    # and max_error is that threshold (the file's counts are final).
    monkeypatch.setattr(ngrams_module, '_CHECK_LINES', 1)   # check the cap at every line
    full = NgramCounter(4)
    full.update(zipf_corpus(make_lexicon(150, seed=3), 3000, seed=4))
    path = str(tmpdir.join('counts.txt'))
    full.save(path)
    loaded = NgramCounter.load(path, max_ngrams=cap)
    assert 0 < len(loaded) <= cap < len(full)
    floor = loaded.max_error
    assert floor > 0
    assert as_counter(loaded) == Counter(dict((g, c) for g, c in full.items() if c > floor))
    assert [loaded.total(n) for n in range(1, 5)] == [full.total(n) for n in range(1, 5)]
    _assert_consistent(loaded)
    assert NgramCounter.load(path, max_ngrams=len(full)) == full   # room enough: nothing dropped


def _saved(tmpdir, order=3):
    counter = NgramCounter(order)
    counter.update([u'我买了iPhone手机，A股大涨', u'天气很好天'])
    path = str(tmpdir.join('counts.txt'))
    counter.save(path)
    with io.open(path, encoding='utf-8') as f:
        return path, f.read().split('\n')


def _load_error(path, lines):
    with io.open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines))
    with pytest.raises(InputError) as err:
        NgramCounter.load(path)
    message = str(err.value)
    assert path in message and '\n' not in message
    return message


def test_counts_file_format(tmpdir):
    path, lines = _saved(tmpdir)
    assert lines[0] == '# nlp-zero counts v2\torder=3\talphabet=2\tmax_error=0'
    assert lines[1] == '@1\t15\t0\t14'            # tokens, pruned tokens, lines that follow
    if not PY2:   # first-seen order, no sort (Python 2's dicts have no order)
        assert lines[2:4] == ['我\t1', '买\t1']
    assert 'iPhone\t1' in lines and 'iPhone手\t1' in lines
    assert lines[-2:] == ['@end', '']


def test_load_rejects_bad_counts_files(tmpdir):
    path, lines = _saved(tmpdir)
    assert 'header' in _load_error(path, ['hello'])
    assert 'truncated' in _load_error(path, lines[:6])                       # lost its end
    assert 'count the corpus again' in _load_error(path, ['# nlp-zero ngrams v1\torder=4'])
    other = lines[0].replace('alphabet=2', 'alphabet=99')
    assert 'alphabet version 99' in _load_error(path, [other] + lines[1:])
    line = lines.index('我\t1')
    bad = list(lines)
    bad[line] = '我\t7'                                                       # totals no longer add up
    assert 'corrupt' in _load_error(path, bad)
    bad[line] = '我\tx'
    assert 'line %d' % (line + 1) in _load_error(path, bad)
    _load_error(path, [])


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
    for bad in ({'processes': 0}, {'processes': 1.5}, {'min_count': 0}):
        with pytest.raises(ValueError):
            count_ngrams(['一二三'], **bad)


@given(st.text(alphabet=ALPHABET + '\u0301_．', max_size=200), st.integers(1, 30))
def test_pieces_of_a_block_hold_its_units(block, size):
    pieces = list(ngrams_module._pieces(block, size))
    assert ''.join(pieces) == block
    assert [u for piece in pieces for u in iter_units(piece)] == iter_units(block)


def test_a_long_line_is_counted_within_the_cap():
    """A line of 300 k characters (punctuation, no line end): the cap is
    checked between pieces of it, so no more than a quarter of the cap
    arrives in between (before: the whole line at once, 20 times the cap)."""
    import random
    from nlp_zero.compat import unichr
    rng = random.Random(7)
    line = '，'.join(''.join(unichr(0x4e00 + rng.randrange(3000)) for _ in range(10)) for _ in range(30000))
    counter = NgramCounter(order=3, max_ngrams=40000)
    sizes = []
    prune_to = counter._prune_to

    def recording(target):
        sizes.append(counter._size())
        return prune_to(target)

    counter._prune_to = recording
    counter.update([line])
    assert sizes and max(sizes) <= 40000 * 5 // 4 + 3 * 11
    assert counter.total(1) == 300000


def test_a_unit_longer_than_a_slice_is_counted_in_pieces(monkeypatch):
    # Not prose (no space or punctuation in 64 k characters): cut into pieces
    # of _LONG_UNIT symbols, losing only the n-grams across the cuts.
    monkeypatch.setattr(ngrams_module, '_LONG_UNIT', 4)
    counter = NgramCounter(2)
    counter.update(u'甲乙丙丁戊己')                 # pieces 甲乙丙丁 | 戊己
    assert counter.total(1) == 6
    assert counter['丁戊'] == 0 and counter['丙丁'] == 1 and counter['戊己'] == 1


@pytest.mark.parametrize('newline', [b'\n', b'\r\n'])
@pytest.mark.parametrize('bad', [b'\xff', b'\x00'])
def test_errors_in_a_byte_range_name_the_line_of_the_whole_file(tmpdir, newline, bad):
    # A parallel worker reads a byte range from the middle of the file; its
    # error messages still count lines from the start of the file.
    from nlp_zero.ngrams import RangeBlocks, plan_tasks
    lines = [('第%d行文字' % i).encode('utf-8') for i in range(1, 3001)]
    lines[2499] += bad
    path = str(tmpdir.join('bad.txt'))
    with io.open(path, 'wb') as f:
        f.write(newline.join(lines) + newline)
    tasks = plan_tasks(Corpus(path), 4)
    assert len(tasks) == 4 and tasks[-1][1] > 0
    messages = []
    for task in tasks:
        try:
            for _ in RangeBlocks(task).iter_blocks():
                pass
        except InputError as exc:
            messages.append(str(exc))
    # (a NUL byte near a range's start is reported by its byte offset instead)
    offset = len(newline.join(lines[:2500])) - 1
    where = 'line 2500,' if bad == b'\xff' else '(line 2500|byte offset %d)' % offset
    assert len(messages) == 1 and re.search('bad.txt: .*' + where, messages[0]), messages
    with pytest.raises(InputError, match=where):
        count_ngrams(path, order=2, processes=2)


def _copy(counter):
    return NgramCounter(counter.order).merge(counter)


@pytest.mark.parametrize('cap', [300, 3000])
def test_recount_makes_the_kept_counts_exact(cap):
    lines = zipf_corpus(make_lexicon(120, seed=21), 4000, seed=22) + ['iPhone手机，A股大涨']
    exact = NgramCounter(4)
    exact.update(lines)
    lossy = NgramCounter(4, max_ngrams=cap)
    lossy.update(lines)
    assert lossy.max_error > 0
    before = _copy(lossy)
    lossy.recount(lines)
    assert len(lossy) == len(before) and lossy.max_error == before.max_error
    for n in range(1, 5):
        held = before.encoded(n)
        if not PY2:   # (Python 2's dicts have no order)
            assert list(lossy.encoded(n)) == list(held)                # same n-grams, same order
        assert lossy.encoded(n) == dict((k, exact.encoded(n)[k]) for k in held)
        assert lossy.total(n) == exact.total(n)
    _assert_consistent(lossy)


def test_parallel_recount_equals_the_serial_one(tmpdir, monkeypatch):
    import tempfile
    from nlp_zero.ngrams import recount_ngrams
    scratch = tmpdir.mkdir('tmp')
    monkeypatch.setattr(tempfile, 'tempdir', str(scratch))   # where the workers' n-gram file goes
    path = str(tmpdir.join('c.txt'))
    with io.open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(zipf_corpus(make_lexicon(120, seed=23), 6000, seed=24) + ['3.14元 A股']) + '\n')
    lossy = count_ngrams(path, order=4, max_ngrams=2000, min_count=2)
    serial, parallel = _copy(lossy), _copy(lossy)
    serial.recount(Corpus(path))
    assert recount_ngrams(parallel, Corpus(path), processes=2) is parallel
    for n in range(1, 5):
        assert parallel.encoded(n) == serial.encoded(n)
        if not PY2:
            assert list(parallel.encoded(n)) == list(serial.encoded(n))   # same order: same float sums later
        assert parallel.total(n) == serial.total(n)
    assert len(serial) and os.listdir(str(scratch)) == []


def _sigterm_is_default(task):
    import signal
    return signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


def test_pool_workers_die_on_sigterm_whatever_the_parents_handler():
    # The command line catches SIGTERM with a Python handler; a forked
    # worker that inherited it could not die while it waits in C (a lock),
    # and the pool's terminate() would then wait for it forever.
    import signal
    from contextlib import closing
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)
    try:
        with closing(ngrams_module.run_tasks(_sigterm_is_default, [0, 1], 2)) as results:
            assert list(results) == [True, True]
    finally:
        signal.signal(signal.SIGTERM, previous)
