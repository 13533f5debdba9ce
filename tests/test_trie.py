# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, unicode_literals

import math
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_zero.lexicon import Lexicon
from nlp_zero.trie import DAG, Trie

ALPHABET = '甲乙丙丁'
WORD = st.text(alphabet=ALPHABET, min_size=1, max_size=4)


def test_dict_like_and_016_semantics():
    t = Trie({'自然': 3, '自然语言': 2, '语言': 5})
    assert len(t) == 3 and t.total == 10 and '自然' in t and '自然语' not in t
    assert t['不在'] == 0 and t.get('不在') is None and t.get('语言') == 5
    assert sorted(t) == ['自然', '自然语言', '语言']
    assert sorted(t.items()) == [('自然', 3), ('自然语言', 2), ('语言', 5)]
    t['语言'] = 0  # 0.1.6: a zero count deletes
    assert '语言' not in t and t.total == 5 and t.num_items == 2 and t.total_items == 5
    assert t.log_total_items == pytest.approx(math.log(5))
    del t['不在']  # no error, as in 0.1.6
    assert t.get_proba('自然') == pytest.approx(math.log(3 / 5))
    assert t.get_proba('自然', logit=False) == pytest.approx(0.6)
    assert t.get_proba('不在') == float('-inf')
    with pytest.raises(ValueError):
        t['坏'] = -2


def test_words_at_and_search_after_deletes():
    t = Trie({'北京': 3, '北京大学': 2, '大学': 4, '大学生': 1})
    assert t.words_at('北京大学生', 0) == ['北京', '北京大学']
    assert t.words_at('北京大学生', 2) == ['大学', '大学生']
    del t['北京']  # still a prefix of 北京大学: longer words keep being found
    assert t.words_at('北京大学生', 0) == ['北京大学']
    assert t.search('北京大学生') == {(0, 4): ('北京大学', 2), (2, 4): ('大学', 4), (2, 5): ('大学生', 1)}
    assert t.log_proba('大学') == pytest.approx(math.log(4 / 7))


def test_construct_from_lexicon_pairs_path_and_pickle(tmpdir):
    path = str(tmpdir.join('d.txt'))
    Lexicon({'甲乙': 2, '丙': 1}).save(path)
    for source in (Lexicon({'甲乙': 2, '丙': 1}), [('甲乙', 2), ('丙', 1)], path, Trie({'甲乙': 2, '丙': 1})):
        t = Trie(source)
        assert dict(t.items()) == {'甲乙': 2, '丙': 1}
    t = Trie.load(path)
    t2 = pickle.loads(pickle.dumps(t))
    assert dict(t2.items()) == dict(t.items()) and t2.words_at('甲乙丙', 0) == ['甲乙']


def brute_words_at(model, text, start):
    return [text[start:end] for end in range(start + 1, len(text) + 1) if text[start:end] in model]


@settings(max_examples=80, deadline=None)
@given(ops=st.lists(st.tuples(WORD, st.integers(min_value=0, max_value=5)), max_size=30),
       text=st.text(alphabet=ALPHABET, max_size=10))
def test_random_updates_match_a_dict(ops, text):
    t = Trie()
    model = {}
    for word, count in ops:
        if count == 5:
            del t[word]
            model.pop(word, None)
        else:
            t[word] = count
            if count:
                model[word] = count
            else:
                model.pop(word, None)
    assert dict(t.items()) == model and len(t) == len(model)
    assert t.total == sum(model.values())
    for word, count in model.items():
        assert t.log_proba(word) == pytest.approx(math.log(count / t.total))
    for start in range(len(text)):
        assert t.words_at(text, start) == brute_words_at(model, text, start)
    bulk = Trie(model)
    for start in range(len(text)):
        assert bulk.words_at(text, start) == brute_words_at(model, text, start)


def test_dag_optimal_path_016():
    dag = DAG(4)
    dag[0, 2] = -1.0
    dag[1, 4] = -1.0
    dag[2, 4] = -5.0
    # Node 1 is only reachable by a null edge (-100): 0-2-4 wins.
    assert dag.optimal_path() == [(0, 2), (2, 4)]
    dag[2, 4] = -200.0
    assert dag.optimal_path() == [(0, 1), (1, 4)]  # -100 - 1 beats -1 - 200
    assert DAG(2).optimal_path() == [(0, 1), (1, 2)]
    assert DAG(0).optimal_path() == []


def test_dag_all_paths_016():
    # Template mining in 0.1.6: an edge (i, j) links word i to word j - 1.
    dag = DAG(5)
    dag[0, 2] = 1
    dag[1, 4] = 1
    dag[0, 3] = 1
    # ends = {2, 3, 4}: starts are nodes n with n + 1 not an end -> 0, 4
    assert sorted(dag.all_paths()) == [[0, 1, 3], [0, 2], [4]]


def test_long_and_spaced_words_are_refused(caplog):
    from nlp_zero.trie import MAX_WORD_LENGTH
    t = Trie()
    with pytest.raises(ValueError, match='at most %d' % MAX_WORD_LENGTH):
        t['长' * (MAX_WORD_LENGTH + 1)] = 1
    with pytest.raises(ValueError, match='whitespace'):
        t['New York'] = 1
    assert len(t) == 0 and len(t._logc) == 0
    # In bulk (a mapping, a Lexicon): skipped, with a warning each.
    t = Trie({'好': 2, '长' * (MAX_WORD_LENGTH + 1): 1, 'a b': 3})
    assert dict(t.items()) == {'好': 2}
    assert len([r for r in caplog.records if 'refused' in r.getMessage()]) == 3   # two, then the count


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text(alphabet=ALPHABET, min_size=1, max_size=12), st.integers(1, 9), max_size=20))
def test_trie_memory_is_bounded_by_the_limit_times_the_words(counts):
    """Every stored string is a word or a prefix: at most len(word) entries per
    word, each at most MAX_WORD_LENGTH characters -- linear in the dictionary."""
    t = Trie(counts)
    assert len(t._logc) <= sum(len(w) for w in counts)
    assert set(t._logc) == set(w[:k] for w in counts for k in range(1, len(w) + 1))
