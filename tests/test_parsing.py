# -*- coding: utf-8 -*-
"""Parser / SentTree: planted nesting, 0.1.6 README examples, DP optimality."""
from __future__ import absolute_import, division, unicode_literals

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp_zero.files import InputError
from nlp_zero.parsing import Parser, SentTree
from nlp_zero.templates import Template, XTrie, mine_templates, save_templates

from synthetic_templates import (all_words, filler_lexicon, make_sentences, tokenizer_for,
                                 tree_of)

X = None

# 0.1.6's README parses two questions with seven hand-made templates, each of
# count 1.  Its list is reconstructed here (same kind: question particles and
# linking words); the expected parses are the README's.
README_TEMPLATES = [
    ([X, '的', X], 1),
    ([X, '吗'], 1),
    ([X, '呢'], 1),
    ([X, '可以', X, '吗'], 1),
    ([X, '是', X, '呢'], 1),
    ([X, '的', X, '是', X, '呢'], 1),
    ([X, '是', X], 1),
]
# The README tokenized with a lexicon holding these words.
README_WORDS = ['鸡蛋', '可以', '吃', '吗', '我', '的', '梦想', '是', '什么', '呢']


@pytest.fixture(scope='module')
def readme_parser():
    templates = XTrie([(Template(t), c) for t, c in README_TEMPLATES])
    return Parser(templates, tokenizer_for(README_WORDS))


def test_readme_examples(readme_parser):
    egg = readme_parser.parse('鸡蛋可以吃吗')
    assert egg.brackets() == '(鸡蛋)可以(吃)吗'
    assert egg.template == Template([X, '可以', X, '吗'])
    assert [m.content for m in egg.modules] == ['鸡蛋', '吃']
    dream = readme_parser.parse('我的梦想是什么呢')
    assert dream.brackets() == '(我)的(梦想)是(什么)呢'
    assert [m.content for m in dream.modules] == ['我', '梦想', '什么']


def test_plot_layout_is_016s(readme_parser):
    assert readme_parser.parse('鸡蛋可以吃吗').plot() == '\n'.join([
        '+---> (鸡蛋)可以(吃)吗',
        '|     +---> 鸡蛋',
        '|     |     +---> 鸡蛋',
        '|     +---> 可以',
        '|     +---> 吃',
        '|     |     +---> 吃',
        '|     +---> 吗',
    ])


def test_nested_parse():
    p = Parser({Template([X, '的', X]): 4, Template([X, '是', X, '吗']): 2})
    tree = p.parse(['我', '的', '梦想', '是', '你', '的', '梦想', '吗'])
    assert tree.brackets() == '(我的梦想)是(你的梦想)吗'
    assert [m.brackets() for m in tree.modules] == ['(我)的(梦想)', '(你)的(梦想)']
    total = 6
    assert tree.score == pytest.approx(math.log(2 / total) + 2 * math.log(4 / total))
    assert tree.to_dict()['children'][0]['template'] == '[X]的[X]'


def test_empty_one_word_and_no_template(readme_parser):
    empty = readme_parser.parse('')
    assert empty.content == '' and empty.modules == [] and empty.score == 0
    assert readme_parser.parse([]).words == []
    one = readme_parser.parse('鸡蛋')
    assert one.template == Template(['鸡蛋']) and not one.is_template and one.score == 0
    assert one.plot() == '+---> 鸡蛋\n|     +---> 鸡蛋'
    flat = readme_parser.parse('鸡蛋什么')          # no template matches
    assert flat.template == Template(['鸡蛋', '什么']) and flat.modules == []
    assert flat.score == -20
    assert Parser([], tokenizer_for(README_WORDS)).parse('鸡蛋可以吃吗').score == -60
    with pytest.raises(InputError):
        readme_parser.parse([1, 2])


def test_parser_accepts_files_spans_and_updates(tmpdir, readme_parser):
    path = str(tmpdir.join('t.txt'))
    save_templates(readme_parser.templates, path)
    base = tokenizer_for(README_WORDS)

    def spans(text):
        out, pos = [], 0
        for w in base(text):
            out.append((w, pos, pos + len(w)))
            pos += len(w)
        return out
    p = Parser(path, spans)
    assert p.parse('鸡蛋可以吃吗').brackets() == '(鸡蛋)可以(吃)吗'
    # the parser sees templates added to its XTrie afterwards
    p.templates[['鸡蛋', '可以', X, '吗']] = 1000
    assert p.parse('鸡蛋可以吃吗').brackets() == '鸡蛋可以(吃)吗'


def test_parser_recovers_planted_nesting():
    fillers = filler_lexicon()
    tokenize = tokenizer_for(all_words(fillers))
    train = make_sentences(3000, fillers, seed=1)
    templates = mine_templates([''.join(w) for w, _ in train], tokenize=tokenize, window=7)
    parser = Parser(templates, tokenize)
    test = make_sentences(300, fillers, seed=99)
    nested = sum(1 for _, tree in test if any(c[0] != 'flat' for c in tree[1]))
    assert nested > 50  # the check below really covers nesting
    right = sum(1 for words, tree in test if tree_of(parser.parse(''.join(words))) == tree)
    assert right >= 0.9 * len(test)


# --- the DP is exact: compare with brute force over all nestings -------------

def _brute_best(words, xtrie, null_score):
    """Best score by enumerating every nesting (exponential; tiny inputs)."""
    matches = xtrie.search(words)
    log_total = math.log(xtrie.total_items) if xtrie.total_items else 0.0
    memo = {}

    def best(i, j):
        if (i, j) in memo:
            return memo[i, j]
        score = null_score * (j - i - 1) if j - i > 1 else 0.0
        for positions, count in matches.get((i, j), {}).items():
            s = math.log(count) - log_total
            marks = (i - 1,) + positions + (j,)
            for a, b in zip(marks, marks[1:]):
                if b - a > 1:
                    s += best(a + 1, b)
            score = max(score, s)
        memo[i, j] = score
        return score
    return best(0, len(words)) if words else 0.0


def _tree_score(tree, xtrie, null_score):
    if not tree.is_template:
        return null_score * (len(tree.words) - 1) if len(tree.words) > 1 else 0.0
    s = math.log(xtrie[tree.template]) - math.log(xtrie.total_items)
    return s + sum(_tree_score(m, xtrie, null_score) for m in tree.modules)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(['a', 'b', None]), min_size=1, max_size=4),
                          st.integers(min_value=1, max_value=9)), max_size=6),
       st.lists(st.sampled_from(['a', 'b', 'c']), max_size=8))
def test_parser_is_optimal(raw_templates, words):
    xtrie = XTrie()
    for t, c in raw_templates:
        if any(w is not None for w in t):
            xtrie[t] = c
    tree = Parser(xtrie, null_score=-5).parse(words)
    expected = _brute_best(words, xtrie, -5.0)
    assert tree.score == pytest.approx(expected)
    # the returned tree is consistent: covers the sentence, blocks nest
    assert tree.words == words
    assert _tree_score(tree, xtrie, -5.0) == pytest.approx(tree.score)


def test_sent_tree_repr_and_children():
    t = SentTree(Template(['a']), ['a'], 0, 1, is_template=False)
    assert t.children == [] and 'a' in repr(t) and str(t).startswith('+---> ')


def test_long_sentence_is_parsed_in_pieces_cut_at_punctuation():
    xt = XTrie({Template([None, '的', None]): 5, Template([None, '吗']): 3})
    parser = Parser(xt, tokenize=list, max_words=10)
    words = ['我', '的', '书', '，'] * 6 + ['好', '吗']
    tree = parser.parse(words)
    assert tree.content == ''.join(words) and (tree.start, tree.end) == (0, len(words))
    # Cut at the last comma before each 10-word limit (words 7 and 15; the last 10 words fit in
    # one piece); the commas become the root's literals.
    assert [m.words for m in tree.modules] == [words[0:7], words[8:15], words[16:]]
    assert [w for w in tree.template if w is not None] == ['，', '，']
    for m in tree.modules:
        alone = parser.parse(m.words)
        assert (m.brackets(), m.score) == (alone.brackets(), alone.score)
        assert words[m.start:m.end] == m.words
    # Without punctuation the cut falls every max_words words.
    tree = Parser(xt, tokenize=list, max_words=10).parse(['的'] * 35)
    assert tree.content == '的' * 35 and all(len(m.words) <= 10 for m in tree.modules)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet='甲乙。！，” a', max_size=60), size=st.integers(1, 12))
def test_text_pieces_are_bounded_and_add_up(text, size):
    from nlp_zero.parsing import text_pieces
    pieces = list(text_pieces(text, size))
    assert ''.join(pieces) == text
    assert all(len(p) <= size for p in pieces) and all(pieces[:-1])
    for piece, rest in zip(pieces, pieces[1:]):
        window = (piece + rest)[:size]
        if any(c in '。！' for c in window):
            # Cut after the last sentence end that fits (with its closing quotes).
            assert piece.rstrip('”')[-1] in '。！'
            assert not any(c in '。！' for c in window[len(piece):])


def test_iter_parse_is_parse_for_a_short_text_and_pieces_for_a_long_one():
    import re
    from nlp_zero.parsing import text_pieces
    p = Parser({Template([X, '可以', X, '吗']): 1}, tokenize=lambda s: re.findall('可以|.', s))
    assert [t.brackets() for t in p.iter_parse(' 鸡可以吃吗 ')] == ['(鸡)可以(吃)吗']
    text = '鸡可以吃吗？' * 5
    trees = list(p.iter_parse(text, max_chars=13))
    # Two sentences (12 characters) fit in a piece of 13: pieces of 2, 2 and 1 sentences.
    assert [t.content for t in trees] == ['鸡可以吃吗？' * 2] * 2 + ['鸡可以吃吗？']
    assert [t.brackets() for t in trees] == [p.parse(piece).brackets() for piece in text_pieces(text, 13)]
