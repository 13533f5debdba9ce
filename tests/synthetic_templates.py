# -*- coding: utf-8 -*-
"""Seeded sentences generated from known templates (ground truth for tests).

Ten planted templates over common function words; placeholders are filled
with one or two random filler words (from :func:`synthetic.make_lexicon`,
never sharing a character with a template word) or, in a gap bounded by
literals on both sides, with a nested instance of another template.  Each
sentence comes with its true tree: ``(Template, [children])`` for a template
block, ``('flat', words)`` for filler words.

Deterministic on Python 2.7 and 3.x (only ``random.Random.random()``).
"""
from __future__ import absolute_import, division, unicode_literals

import random

from nlp_zero.templates import Template

from synthetic import make_lexicon

X = None
PLANTED = [
    [X, '可以', X, '吗'],
    ['我', '想', X],
    [X, '的', X, '是', '什么'],
    ['请问', X, '在', '哪里'],
    [X, '和', X, '一起', X],
    ['如果', X, '就', X],
    [X, '为什么', '不', X, '呢'],
    [X, '吗'],
    ['虽然', X, '但是', X],
    [X, '对', X, '说', X],
]
# Templates that may appear nested inside a gap bounded by two literals.
INNER = [1, 2, 4, 5]
PLANTED_TEMPLATES = [Template(t) for t in PLANTED]
LITERALS = sorted(set(w for t in PLANTED for w in t if w is not None))


def _below(rng, n):
    return min(int(rng.random() * n), n - 1)


def filler_lexicon(n_words=300, seed=11):
    """Filler words of 2-3 ideographs sharing no character with a literal."""
    banned = set(''.join(LITERALS))
    words = [w for w in make_lexicon(n_words * 2, seed=seed, min_len=2, max_len=3)
             if not banned & set(w)]
    return words[:n_words]


def all_words(fillers):
    """The lexicon a tokenizer must know: fillers and template words."""
    return list(fillers) + LITERALS


def _fill(rng, fillers, n_max):
    words = [fillers[_below(rng, len(fillers))] for _ in range(1 + _below(rng, n_max))]
    return ('flat', tuple(words)), words


def _instance(rng, fillers, index, nest_p, depth):
    items = PLANTED[index]
    words = []
    children = []
    for k, item in enumerate(items):
        if item is not None:
            words.append(item)
            continue
        bounded = 0 < k < len(items) - 1
        if bounded and depth == 0 and rng.random() < nest_p:
            inner = INNER[_below(rng, len(INNER))]
            tree, inner_words = _instance(rng, fillers, inner, nest_p, depth + 1)
        else:
            tree, inner_words = _fill(rng, fillers, 1 if depth else 2)
        children.append(tree)
        words.extend(inner_words)
    return (PLANTED_TEMPLATES[index], children), words


def make_sentences(n, fillers, seed=0, nest_p=0.3):
    """``n`` (words, tree) pairs; the template of each sentence uniform."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        tree, words = _instance(rng, fillers, _below(rng, len(PLANTED)), nest_p, 0)
        out.append((words, tree))
    return out


def tree_of(sent_tree):
    """The (template, children) / ('flat', words) form of a parsed SentTree."""
    if not sent_tree.is_template:
        return ('flat', tuple(sent_tree.words))
    return (sent_tree.template, [tree_of(m) for m in sent_tree.modules])


def tokenizer_for(words):
    """lcut-like function knowing ``words`` (our Tokenizer over them)."""
    from nlp_zero.tokenizer import Tokenizer
    return Tokenizer(dict((w, 10) for w in words)).lcut
