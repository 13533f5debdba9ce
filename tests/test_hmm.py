# -*- coding: utf-8 -*-
"""Unknown-word recognition at cut time (``HMM=True``): the character model learned from a lexicon.

Ground truth is synthetic: characters are drawn from disjoint sets that begin,
continue and end words and from a set of one-character (function) words, so
the position of every character is known, and words held out of the lexicon
are known unknown words.
"""
from __future__ import absolute_import, division, unicode_literals

import itertools
import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_zero.discovery import discover_words
from nlp_zero.lexicon import Lexicon
from nlp_zero.tokenizer import Tokenizer, UnknownWords

from synthetic import COMMON_IDEOGRAPHS, _randbelow

FIRST = COMMON_IDEOGRAPHS[0:60]       # begin words
MIDDLE = COMMON_IDEOGRAPHS[60:100]    # inside 3-character words
LAST = COMMON_IDEOGRAPHS[100:160]     # end words
SINGLE = COMMON_IDEOGRAPHS[160:175]   # one-character words


def pick(rng, chars):
    return chars[_randbelow(rng, len(chars))]


def make_words(rng, n):
    """``n`` distinct words of 2 or 3 characters with the positional alphabets."""
    words = []
    seen = set()
    while len(words) < n:
        word = pick(rng, FIRST) + (pick(rng, MIDDLE) if rng.random() < 0.3 else '') + pick(rng, LAST)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def sentences(rng, known, unknown, n):
    """``n`` sentences (lists of words): known and one-character words, one unknown word in each."""
    out = []
    for k in range(n):
        words = []
        for _ in range(2 + _randbelow(rng, 5)):
            words.append(pick(rng, SINGLE) if rng.random() < 0.4 else known[_randbelow(rng, len(known))])
        words.insert(_randbelow(rng, len(words) + 1), unknown[k % len(unknown)])
        out.append(words)
    return out


def spans(words):
    result = set()
    start = 0
    for word in words:
        result.add((start, start + len(word)))
        start += len(word)
    return result


def f1(pairs):
    common = n_test = n_gold = 0
    for test, gold in pairs:
        a, b = spans(test), spans(gold)
        common += len(a & b)
        n_test += len(a)
        n_gold += len(b)
    return 2.0 * common / (n_test + n_gold)


def synthetic_case(seed=1):
    rng = random.Random(seed)
    words = make_words(rng, 400)
    known, unknown = words[:300], words[300:]
    lexicon = dict((word, 1 + _randbelow(rng, 50)) for word in known)
    lexicon.update((char, 100 + _randbelow(rng, 100)) for char in SINGLE)
    return lexicon, unknown, sentences(rng, known, unknown, 200)


def test_unknown_words_are_recognised_and_known_words_kept():
    lexicon, unknown, gold = synthetic_case()
    tok = Tokenizer(lexicon)
    off = [tok.lcut(''.join(words)) for words in gold]
    on = [tok.lcut(''.join(words), HMM=True) for words in gold]
    unknown = set(unknown)
    # Without the model an unknown word is never whole; with it, nearly always.
    assert not any(word in unknown for words in off for word in words)
    found = sum(sum(word in unknown for word in words) for words in on)
    assert found >= 0.95 * len(gold)
    assert f1(zip(on, gold)) > f1(zip(off, gold)) + 0.1
    assert f1(zip(on, gold)) > 0.97
    # Words of two or more characters of the lexicon cut are neither split nor joined.
    for before, after in zip(off, on):
        kept = spans(after)
        assert all(span in kept for span, word in zip(sorted(spans(before)), before) if len(word) > 1)


def test_discovered_lexicon_small_corpus():
    # The setting where the model matters: a lexicon learned from little text
    # lacks words, which a cut gives as runs of characters.
    rng = random.Random(5)
    words = make_words(rng, 300)
    text = sentences(rng, words[:200], words[200:], 300)
    lines = [''.join(sentence) for sentence in text]
    tok = Tokenizer(discover_words(lines))
    off = [tok.lcut(line) for line in lines]
    on = [tok.lcut(line, HMM=True) for line in lines]
    assert f1(zip(on, text)) > f1(zip(off, text)) + 0.02


def path_score(model, words):
    """The log-probability of the B/M/E/S path of ``words`` under ``model``, state by state."""
    start_single, start_multi, b_e, b_m, m_m, m_e = model._trans
    states = []
    for word in words:
        states.extend('S' if len(word) == 1 else 'B' + 'M' * (len(word) - 2) + 'E')
    trans = {'B': start_multi, 'S': start_single, 'BE': b_e, 'BM': b_m, 'MM': m_m, 'ME': m_e}
    score = 0.0
    for k, (char, state) in enumerate(zip(''.join(words), states)):
        row = model._emit.get(char, model._unseen)
        score += row['BMES'.index(state)]
        score += trans[state] if state in 'BS' else trans[states[k - 1] + state]
    return score


def all_cuts(run):
    for cuts in itertools.product((False, True), repeat=len(run) - 1):
        words, start = [], 0
        for k, cut in enumerate(cuts, 1):
            if cut:
                words.append(run[start:k])
                start = k
        words.append(run[start:])
        yield words


@settings(max_examples=60, deadline=None)
@given(run=st.text(alphabet=FIRST[:4] + MIDDLE[:2] + LAST[:4] + SINGLE[:3] + '丁', min_size=1, max_size=7))
def test_cut_is_the_hmm_viterbi_path(run):
    lexicon, _, _ = synthetic_case()
    model = _model(lexicon)
    best = max(path_score(model, words) for words in all_cuts(run))
    assert math.isclose(path_score(model, model.cut(run)), best, rel_tol=0, abs_tol=1e-9) \
        if hasattr(math, 'isclose') else abs(path_score(model, model.cut(run)) - best) < 1e-9


_MODELS = {}


def _model(lexicon):
    key = tuple(sorted(lexicon.items()))
    if key not in _MODELS:
        _MODELS[key] = UnknownWords(lexicon)
    return _MODELS[key]


def test_model_follows_lexicon_changes_and_is_rebuilt_identically(tmpdir):
    lexicon, unknown, gold = synthetic_case()
    tok = Tokenizer(lexicon)
    word = unknown[0]
    sentence = SINGLE[0] + word + SINGLE[1]
    assert tok.lcut(sentence, HMM=True) == [SINGLE[0], word, SINGLE[1]]
    first = tok.hmm
    assert tok.hmm is first                       # built once
    for char in word:                             # now very frequent one-character words
        tok.add_word(char, 10 ** 5)
    assert tok.hmm is not first
    assert tok.lcut(sentence, HMM=True) == list(sentence)
    # Saved with its lexicon = rebuilt from it: a reloaded lexicon cuts the same.
    path = str(tmpdir.join('lexicon.txt'))
    Lexicon(lexicon).save(path)
    again = Tokenizer(Lexicon.load(path))
    lines = [''.join(words) for words in gold]
    assert [again.lcut(line, HMM=True) for line in lines] == [Tokenizer(lexicon).lcut(line, HMM=True) for line in lines]


@settings(max_examples=80, deadline=None)
@given(lexicon=st.dictionaries(st.text(alphabet='甲乙丙丁a', min_size=1, max_size=3), st.integers(1, 50), max_size=6),
       text=st.text(alphabet='甲乙丙丁戊a1 ，', max_size=20))
def test_any_lexicon_any_text_lossless(lexicon, text):
    tok = Tokenizer(lexicon)
    words = tok.lcut(text, HMM=True)
    assert ''.join(words) == text and all(words)
    # Only runs of one-character tokens change: the lexicon's longer words stay.
    kept = spans(words)
    plain = tok.lcut(text)
    assert all(span in kept for span, word in zip(sorted(spans(plain)), plain) if len(word) > 1)


def test_hmm_only_touches_runs_of_ideographs():
    tok = Tokenizer({'李白': 5, '小说': 9, '幸福': 9, '是': 90, '的': 80})
    assert tok.lcut('李小福是的', HMM=False) == ['李', '小', '福', '是', '的']
    assert tok.lcut('李小福是的', HMM=True)[0] == '李小福'
    # Latin/digit units and full mode are left as they are.
    assert tok.lcut('iPhone小福', HMM=True) == tok.lcut('iPhone小福')
    assert tok.lcut('李小福', cut_all=True, HMM=True) == tok.lcut('李小福', cut_all=True)
    # The HMM cuts have their own cache: switching does not return stale results.
    assert tok.lcut('李小福', HMM=False) == ['李', '小', '福']
    assert tok.lcut('李小福', HMM=True) == ['李小福']
