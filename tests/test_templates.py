# -*- coding: utf-8 -*-
"""Template miner, matcher (XTrie) and template files, from known ground truth."""
from __future__ import absolute_import, division, unicode_literals

import io
import os
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_zero.files import InputError
from nlp_zero.templates import (Template, Template_Finder, XTrie, load_templates,
                                mine_templates, save_templates)

from synthetic_templates import (PLANTED_TEMPLATES, all_words, filler_lexicon,
                                 make_sentences, tokenizer_for)

X = None
# Stated corpus size for the precision/recall bar: 3000 generated sentences
# (ten planted templates, 30% of bounded gaps holding a nested template),
# window 7 so that a gap holding a nested template still fits in the window.
N_SENTENCES = 3000
WINDOW = 7


@pytest.fixture(scope='module')
def planted():
    fillers = filler_lexicon()
    tokenize = tokenizer_for(all_words(fillers))
    sentences = make_sentences(N_SENTENCES, fillers, seed=1)
    lines = [''.join(words) + '。' for words, _ in sentences]
    return fillers, tokenize, sentences, lines


def _precision_recall(found):
    truth = set(PLANTED_TEMPLATES)
    hits = len(truth & set(found))
    return hits / max(len(found), 1), hits / len(truth)


def _true_counts(sentences):
    counts = Counter()

    def walk(tree):
        if tree[0] == 'flat':
            return
        counts[tree[0]] += 1
        for child in tree[1]:
            walk(child)
    for _, tree in sentences:
        walk(tree)
    return counts


def test_tokenizer_reproduces_generated_words(planted):
    _, tokenize, sentences, _ = planted
    for words, _ in sentences[:300]:
        assert tokenize(''.join(words)) == words


def test_miner_recovers_planted_templates(planted):
    _, tokenize, sentences, lines = planted
    found = mine_templates(lines, tokenize=tokenize, window=WINDOW)
    precision, recall = _precision_recall(found)
    assert precision >= 0.9 and recall >= 0.9, sorted(t.text() for t in found)
    # Each occurrence is counted once (no overlapping variants): the count
    # never exceeds the number of planted instances and misses few of them.
    truth = _true_counts(sentences)
    for t in PLANTED_TEMPLATES:
        if t in found:
            assert 0.8 * truth[t] <= found[t] <= truth[t], (t.text(), found[t], truth[t])


def test_template_finder_016_interface(planted):
    _, tokenize, _, lines = planted
    finder = Template_Finder(tokenize, window=WINDOW)
    finder.train(lines)
    finder.find(lines)
    assert isinstance(finder.templates, dict)
    precision, recall = _precision_recall(finder.templates)
    assert precision >= 0.9 and recall >= 0.9


def test_tokenizer_may_return_spans(planted):
    _, tokenize, _, lines = planted

    def with_spans(text):
        out, pos = [], 0
        for w in tokenize(text):
            out.append((w, pos, pos + len(w)))
            pos += len(w)
        return out
    a = mine_templates(lines[:1000], tokenize=tokenize, window=WINDOW)
    b = mine_templates(lines[:1000], tokenize=with_spans, window=WINDOW)
    assert a == b


def test_jieba_tokenizer_accepted():
    jieba = pytest.importorskip('jieba')
    jieba.setLogLevel(60)
    # jieba cuts characters outside U+4E00..U+9FA5 one by one, so keep to those
    fillers = [w for w in filler_lexicon() if all('\u4e00' <= c <= '\u9fa5' for c in w)]
    tok = jieba.Tokenizer()
    for w in all_words(fillers):
        tok.add_word(w, 1000)
    sentences = make_sentences(N_SENTENCES, fillers, seed=1)
    found = mine_templates([''.join(w) + '。' for w, _ in sentences], tokenize=tok.lcut,
                           window=WINDOW)
    # jieba's own words (不如 in 为什么不如果...) add a few rare extra templates;
    # the planted ones are exactly the most frequent.
    top = sorted(found, key=lambda t: -found[t])[:len(PLANTED_TEMPLATES)]
    assert set(top) == set(PLANTED_TEMPLATES)


def test_fully_linked_sentence_is_one_template_not_exponential():
    # 0.1.6 enumerated every path of the link graph (millions for 25 fully
    # linked words); here each word token is in exactly one chain.
    words = ['w%d' % i for i in range(60)]
    lines = [' '.join(words)] * 30
    found = mine_templates(lines, tokenize=lambda s: s.split(' '), window=5, min_pmi=0.0)
    assert found == {Template(words): 30}


def test_edge_cases():
    split = lambda s: s.split(' ') if s else []  # noqa: E731
    assert mine_templates([], tokenize=split) == {}
    assert mine_templates([''] * 10, tokenize=split) == {}
    assert mine_templates(['one'] * 10, tokenize=split) == {Template(['one']): 10}
    with pytest.raises(InputError):
        mine_templates('a single string', tokenize=split)
    with pytest.raises(InputError):
        mine_templates([1, 2], tokenize=split)


def test_punctuation_and_sentence_boundaries():
    names = ['甲%d' % i for i in range(40)]
    lines = ['%s道：“你好。”' % n for n in names]
    found = mine_templates(lines, tokenize=list_tokenize, min_pmi=1.0)
    assert Template([X, '道', '：']) in found
    finder = Template_Finder(list_tokenize, min_pmi=1.0)
    finder.train(lines)          # filtering=True drops punctuation (0.1.6)
    finder.find(lines)
    assert Template([X, '道']) in finder.templates


def test_spaces_are_ignored_not_boundaries():
    # PMI(道, ：) = log(2.5) here: every sentence is the same pattern
    lines = ['%s 道 ：' % n for n in ['甲%d' % i for i in range(40)]]
    spaced = lambda s: [p for w in s.split(' ') for p in (w, ' ')][:-1]  # noqa: E731
    assert spaced('a b') == ['a', ' ', 'b']
    found = mine_templates(lines, tokenize=spaced, min_pmi=0.5)
    assert set(found) == set([Template([X, '道', '：'])])


def list_tokenize(text):
    """Characters, except that 甲<digits> is one word."""
    out = []
    for ch in text:
        if ch.isdigit() and out and out[-1][0] == '甲':
            out[-1] += ch
        else:
            out.append(ch)
    return out


# --- Template ---------------------------------------------------------------

def test_template_value_object():
    t = Template([X, X, '的', X])
    assert t.words == [X, '的', X] and t.length == 1 and t.is_trivial()
    assert t == Template([X, '的', X]) == [X, '的', X]
    assert hash(t) == hash(Template([X, '的', X]))
    assert t != Template(['的', X])
    assert t.text() == '[X]的[X]' and t.text(' ') == '[X] 的 [X]'
    assert Template.from_text('[X] 可以 [X] 吗') == Template([X, '可以', X, '吗'])
    assert not Template([X, '吗']).is_trivial()
    assert list(Template(['a', X])) == ['a', X]
    with pytest.raises(InputError):
        Template('[X]的[X]')
    with pytest.raises(InputError):
        Template(['a', ''])


# --- XTrie matching ---------------------------------------------------------

def test_matcher_hand_cases():
    xt = XTrie([([X, '可以', X, '吗'], 3), (['我', '想', X], 2), ((('你好',)), 1),
                ([X, '的', X], 5)])
    res = xt.search(['鸡蛋', '可以', '吃', '吗'])
    assert res == {(0, 4): {(1, 3): 3}}
    # a placeholder covers several words
    assert xt.search(['鸡蛋', '可以', '吃', '了', '吗'])[(0, 5)] == {(1, 4): 3}
    # a placeholder never covers zero words
    assert xt.search(['可以', '吃', '吗']) == {}
    assert xt.search(['鸡蛋', '可以', '吗']) == {}
    # nothing is skipped: 我很想吃 is not 我想[X]
    assert xt.search(['我', '很', '想', '吃']) == {}
    assert xt.search(['我', '想', '吃', '饭']) == {(0, 3): {(0, 1): 2}, (0, 4): {(0, 1): 2}}
    # a trailing literal must end the span
    assert (0, 5) not in xt.search(['鸡蛋', '可以', '吃', '吗', '呀'])
    # several matchings of one template over one span
    assert xt.search(['a', '的', 'b', '的', 'c'])[(0, 5)] == {(1,): 5, (3,): 5}
    assert xt.search(['你好']) == {(0, 1): {(0,): 1}}
    assert xt.search([]) == {}


def _brute_matches(template, words):
    """All (start, end, literal positions) by plain recursion."""
    out = set()
    n = len(words)

    def go(k, pos, start, matched):
        if k == len(template):
            if pos > start:
                out.add((start, pos, tuple(matched)))
            return
        item = template[k]
        if item is None:
            for nxt in range(pos + 1, n + 1):
                go(k + 1, nxt, start, matched)
        elif pos < n and words[pos] == item:
            go(k + 1, pos + 1, start, matched + [pos])
    for start in range(n):
        go(0, start, start, [])
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(['a', 'b', None]), min_size=1, max_size=4),
                min_size=1, max_size=4),
       st.lists(st.sampled_from(['a', 'b', 'c']), max_size=7))
def test_matcher_equals_brute_force(raw_templates, words):
    templates = [Template(t) for t in raw_templates if any(w is not None for w in t)]
    xt = XTrie()
    for t in templates:
        xt[t] = 1
    expected = set()
    for t in set(templates):
        expected |= _brute_matches(t.words, words)
    got = set()
    for (start, end), matches in xt.search(words).items():
        for positions in matches:
            got.add((start, end, positions))
    # positions + span identify the template, so sets must agree exactly
    assert got == expected


def test_xtrie_mapping():
    xt = XTrie()
    xt[[X, '吗']] = 2
    xt[Template(['我', X])] = 3
    assert len(xt) == 2 and xt.total_items == 5
    assert xt[[X, '吗']] == 2 and xt[['吗']] == 0
    assert [X, '吗'] in xt and ['吗'] not in xt
    xt[[X, '吗']] = 4
    assert xt.total_items == 7
    assert dict(xt) == {Template([X, '吗']): 4, Template(['我', X]): 3}
    xt[[X, '吗']] = 0
    assert len(xt) == 1 and xt.total_items == 3
    del xt[['我', X]]
    assert len(xt) == 0 and xt.search(['我', '吗']) == {}
    with pytest.raises(InputError):
        xt[[X]] = 1


# --- files ------------------------------------------------------------------

@pytest.mark.parametrize('suffix', ['.txt', '.txt.gz'])
def test_save_load_round_trip(tmpdir, suffix):
    templates = {Template([X, '的', X]): 7, Template(['我', '想', X]): 3,
                 Template(['tab\there', X, 'back\\slash']): 2,
                 Template([X, '[X]', X, 'new\nline']): 1,
                 Template(['with space', X]): 1, Template(['just one word']): 4}
    path = str(tmpdir.join('t' + suffix))
    save_templates(templates, path)
    assert load_templates(path) == templates
    xt = XTrie(path)
    assert dict(xt) == templates
    xt.save(path)
    assert XTrie.load(path)[[X, '的', X]] == 7


def test_file_format_is_readable_text(tmpdir):
    path = str(tmpdir.join('t.txt'))
    save_templates({Template([X, '的', X]): 7, Template(['我', X]): 9}, path)
    with io.open(path, encoding='utf-8') as f:
        lines = f.read().splitlines()
    assert lines[1:] == ['9\t我\t[X]', '7\t[X]\t的\t[X]']


def test_load_rejects_bad_files(tmpdir):
    bad = tmpdir.join('bad.txt')
    bad.write_binary('x\t[X]\t的\n'.encode('utf-8'))
    with pytest.raises(InputError):
        load_templates(str(bad))
    bad.write_binary('3\t[X]\n'.encode('utf-8'))
    with pytest.raises(InputError):
        load_templates(str(bad))
    with pytest.raises(InputError):
        load_templates(os.path.join(str(tmpdir), 'missing.txt'))


def test_sampled_candidates_give_the_exact_links(planted):
    # On large corpora candidate pairs come from a 1-in-4 sample and are then
    # counted exactly; on this corpus both ways must give the same links.
    from nlp_zero.templates import _Engine
    _, tokenize, _, lines = planted
    links = []
    for sample_above in (1 << 40, 0):
        engine = _Engine(window=WINDOW)
        engine.sample_above = sample_above
        for line in lines:
            engine.add_tokens(tokenize(line))
        engine.count()
        links.append(engine.make_links())
        assert engine.n_tokens == sum(len(s) for s in engine.sentences())
    assert links[0] == links[1] and len(links[0]) > 10


def test_template_files_refuse_negative_counts_and_writing_lone_surrogates(tmpdir):
    from nlp_zero.templates import load_templates
    path = str(tmpdir.join('t.txt'))
    with open(path, 'wb') as f:
        f.write('# nlp-zero templates v1\n3\t[X]\t道\n-2\t[X]\t说\n'.encode('utf-8'))
    with pytest.raises(InputError, match='t.txt: line 3: negative count -2'):
        load_templates(path)
    out = str(tmpdir.join('out.txt'))
    with pytest.raises(ValueError, match='lone surrogate'):
        save_templates({Template([None, '道\ud800']): 2}, out)
    assert not os.path.exists(out)
