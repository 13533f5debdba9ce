# -*- coding: utf-8 -*-
"""Unsupervised sentence structure: the best nesting of templates.

:class:`Parser` splits a sentence into nested template blocks and returns a
:class:`SentTree`; ``plot()`` draws it in 0.1.6's ``+--->`` layout::

    +---> (鸡蛋)可以(吃)吗
    |     +---> 鸡蛋
    |     |     +---> 鸡蛋
    |     +---> 可以
    |     +---> 吃
    |     |     +---> 吃
    |     +---> 吗

The model (what the score means)
--------------------------------
A block (a span of words) is generated either

* by a template ``t`` with probability ``p(t) = count(t) / total count``,
  whose placeholders are blocks generated the same way, recursively; a
  template matches a span only as written (literals equal to the words, each
  placeholder covering one or more words, nothing skipped); or
* as a *flat* block of ``k`` words with log-probability
  ``null_score * (k - 1)`` (a single word costs nothing).

The score of a tree is the sum of the log-probabilities of its blocks (a
log-probability up to the constant the flat blocks leave out); the parser
returns the tree with the highest score.  Templates nest and never cross.

Algorithm: Viterbi over spans.  ``best(i, j)`` is the best score of the
block ``words[i:j]``.  Starts ``i`` are taken from right to left; for each
start a left-to-right sweep walks the template trie, keeping for each
position the best partial score per trie node (a literal step consumes one
word, a placeholder step consumes ``words[j:m]`` and adds the already known
``best(j, m)``).  Every span is therefore solved once (memoised), and the cost
is O(n^2 * S * n) for ``n`` words and ``S`` trie nodes alive at a position
(in practice a few), memory O(n^2).
"""
from __future__ import absolute_import, division, unicode_literals

import math
import re

from .compat import range, string_types, to_native_str
from .files import InputError
from .templates import Template, XTrie, _is_punctuation_only, _word_list

__all__ = ['Parser', 'SentTree', 'text_pieces', 'MAX_PIECE_CHARS']

#: Longest piece, in characters, :meth:`Parser.iter_parse` parses at once.
MAX_PIECE_CHARS = 2000
# The longest prefix of a window ending after a sentence end (with any
# closing quotes), else after any non-word character, found by backtracking
# from the window's end: O(window).
_LAST_SENTENCE_END_RE = re.compile('.*[。！？!?；;…]+[”’」』）)"\']*', re.DOTALL)
_LAST_NON_WORD_RE = re.compile(r'.*\W', re.DOTALL | re.UNICODE)


def text_pieces(text, max_chars=MAX_PIECE_CHARS):
    """Cut ``text`` into consecutive pieces of at most ``max_chars`` characters.

    Each piece ends after the last sentence end (。！？!?；;…, with closing
    quotes) that fits, else after the last punctuation or space, else at
    ``max_chars`` exactly (inside a word: only for text without any).  The
    pieces add up to ``text``; a text of at most ``max_chars`` is one piece.
    Cost: O(len(text)); memory: one piece at a time.

    >>> list(text_pieces(u'一二。三四五。六七', 5))
    ['一二。', '三四五。', '六七']
    """
    start = 0
    length = len(text)
    while length - start > max_chars:
        stop = start + max_chars
        match = _LAST_SENTENCE_END_RE.match(text, start, stop) or _LAST_NON_WORD_RE.match(text, start, stop)
        cut = match.end() if match else stop
        yield text[start:cut]
        start = cut
    if start < length or not length:
        yield text[start:]


def _shift(tree, offset):
    """Move a parse of a piece of a sentence to its place in the whole sentence."""
    tree.start += offset
    tree.end += offset
    for module in tree.modules:
        _shift(module, offset)


class SentTree(object):
    """A parse: a template block over ``words[start:end]`` with child blocks.

    Attributes (0.1.6 names first): ``template`` (:class:`Template`; for a
    flat block the words themselves), ``content`` (covered text),
    ``modules`` (child SentTrees, one per placeholder, in order; alias
    ``children``), ``words`` (covered words), ``start``, ``end`` (word
    offsets in the sentence), ``score`` (log-probability of this subtree),
    ``is_template`` (False for a flat block).
    """

    def __init__(self, template, words, start, end, modules=(), score=0.0, is_template=True):
        self.template = template
        self.words = list(words)
        self.start = start
        self.end = end
        self.content = ''.join(self.words)
        self.modules = list(modules)
        self.score = score
        self.is_template = is_template

    @property
    def children(self):
        return self.modules

    def brackets(self):
        """The block as text with each placeholder's content in parentheses."""
        out = []
        k = 0
        for w in self.template:
            if w is None:
                out.append('(' + self.modules[k].content + ')')
                k += 1
            else:
                out.append(w)
        return ''.join(out)

    def plot(self, prefix='+---> '):
        """The tree as indented text (returned, not printed), 0.1.6 layout."""
        lines = [prefix + self.brackets()]
        k = 0
        for w in self.template:
            if w is None:
                lines.append(self.modules[k].plot('|     ' + prefix))
                k += 1
            else:
                lines.append('|     ' + prefix + w)
        return '\n'.join(lines)

    def to_dict(self):
        """Plain data (for JSON): template text, text, span, score, children."""
        return {'template': self.template.text(), 'text': self.content,
                'start': self.start, 'end': self.end, 'score': self.score,
                'is_template': self.is_template,
                'children': [m.to_dict() for m in self.modules]}

    def __unicode__(self):
        return self.plot()

    def __str__(self):
        return to_native_str(self.plot())

    def __repr__(self):
        return to_native_str('<SentTree %s>' % self.brackets())


class _Compiled(object):
    """The template trie as integer-indexed arrays (deterministic, fast)."""

    def __init__(self, xtrie):
        self.lit = []        # node -> {word: child}
        self.hole = []       # node -> child through a placeholder, or -1
        self.end = []        # node -> log p(template) or None
        self.template = []   # node -> Template or None
        total = xtrie.total_items
        log_total = math.log(total) if total > 0 else 0.0
        self._add(xtrie.dic, log_total)

    def _add(self, node, log_total):
        k = len(self.lit)
        self.lit.append({})
        self.hole.append(-1)
        self.end.append(None)
        self.template.append(None)
        keys = [key for key in node if key is None or isinstance(key, string_types)]
        keys.sort(key=lambda key: '' if key is None else key)
        for key in keys:
            child = self._add(node[key], log_total)
            if key is None:
                self.hole[k] = child
            else:
                self.lit[k][key] = child
        for key in node:
            if key is not None and not isinstance(key, string_types):
                template, count = node[key]
                if count > 0:
                    self.end[k] = math.log(count) - log_total
                    self.template[k] = template
        return k


class Parser(object):
    """Best nesting of templates over a sentence (see the module docstring).

    ``Parser(templates, tokenize=None, null_score=-20)``: ``templates`` is an
    :class:`XTrie`, a dict Template -> count, ``(template, count)`` pairs or
    a path of a saved template file; ``tokenize`` a function text -> words
    (or (word, start, end) tuples), default ``nlp_zero.tokenizer.lcut``.
    ``parse(sentence)`` (text, or a list of words) -> :class:`SentTree`.
    Cost per sentence of ``n`` words: O(n^3 * S) time, O(n^2) memory; a
    sentence longer than ``max_words`` (100) is first cut at punctuation
    (else every ``max_words`` words) and its pieces parsed separately, so
    time stays O(n * max_words^2 * S).

    >>> p = Parser({Template([None, '可以', None, '吗']): 1})
    >>> p.parse(['鸡', '可以', '吃', '吗']).brackets()
    '(鸡)可以(吃)吗'
    """

    def __init__(self, templates, tokenize=None, null_score=-20, max_words=100):
        self.max_words = max(2, int(max_words))
        if isinstance(templates, XTrie):
            self.templates = templates
        else:
            self.templates = XTrie(templates)
        self._tokenize = tokenize
        self.null_score = float(null_score)
        self._compiled = None
        self._compiled_key = None

    @property
    def tokenize(self):
        if self._tokenize is None:
            from .tokenizer import lcut
            self._tokenize = lcut
        return self._tokenize

    def _trie(self):
        key = (id(self.templates), self.templates.num_items, self.templates.total_items,
               getattr(self.templates, 'version', None))
        if self._compiled is None or key != self._compiled_key:
            self._compiled = _Compiled(self.templates)
            self._compiled_key = key
        return self._compiled

    def parse(self, sent):
        """Parse ``sent`` (text or list of words) into a :class:`SentTree`."""
        if isinstance(sent, string_types):
            words = _word_list(self.tokenize(sent)) if sent else []
        else:
            words = list(sent)
            if not all(isinstance(w, string_types) for w in words):
                raise InputError('parse() takes a text or a list of words')
        n = len(words)
        if n == 0:
            return SentTree(Template(), [], 0, 0, score=0.0, is_template=False)
        if n > self.max_words:
            return self._parse_pieces(words)
        best, how = self._chart(words)
        return self._build(words, 0, n, best, how)

    def iter_parse(self, text, max_chars=MAX_PIECE_CHARS):
        """Parse a text of any length: a :class:`SentTree` per piece of
        :func:`text_pieces` (stripped; blank pieces skipped).

        For a text of at most ``max_chars`` characters that is
        ``parse(text.strip())``.  A longer one (a file that is one 50 MB
        line) is parsed piece by piece, so memory stays that of one piece and
        the trees come out as they are made.
        """
        for piece in text_pieces(text, max_chars):
            piece = piece.strip()
            if piece:
                yield self.parse(piece)

    def _parse_pieces(self, words):
        """Parse a long sentence as pieces of at most ``max_words`` words.

        The cubic chart would take minutes on a line of thousands of words
        with no sentence punctuation.  The line is cut at punctuation tokens
        (else at every ``max_words``-th word), each piece is parsed on its
        own, and the root block holds the cut tokens as literals with one
        placeholder per piece; its score is the sum of the pieces'.
        """
        n = len(words)
        limit = self.max_words
        cuts = []
        start = 0
        last_mark = None
        for k in range(n):
            if _is_punctuation_only(words[k]):
                last_mark = k
            if k - start >= limit:
                cut = last_mark if last_mark is not None and last_mark > start else k
                cuts.append(cut)
                start = cut + 1
                last_mark = None
        items = []
        modules = []
        start = 0
        for cut in cuts + [n]:
            if cut > start:
                piece = self.parse(words[start:cut])
                _shift(piece, start)
                modules.append(piece)
                items.append(None)
            if cut < n:
                items.append(words[cut])
            start = cut + 1
        return SentTree(Template(items), words, 0, n, modules,
                        score=sum(m.score for m in modules), is_template=False)

    def _chart(self, words):
        """best[i][j] scores and how[i][j] = (node, literal positions) or None."""
        c = self._trie()
        lit, hole, end = c.lit, c.hole, c.end
        null = self.null_score
        n = len(words)
        minus_inf = float('-inf')
        best = [[minus_inf] * (n + 1) for _ in range(n + 1)]
        how = [[None] * (n + 1) for _ in range(n + 1)]
        root_hole = hole[0]
        for i in range(n - 1, -1, -1):
            best_i = best[i]
            how_i = how[i]
            # states[j]: {node: (score, prev_node, prev_pos, literal?)}
            states = [None] * (n + 1)
            states[i] = {0: (0.0, -1, -1, False)}
            # trailing[m]: best completion via a final placeholder ending at m
            trailing = [None] * (n + 1)
            for j in range(i, n + 1):
                cur = states[j]
                if j > i:
                    score = null * (j - i - 1) if j - i > 1 else 0.0
                    choice = None
                    if cur:
                        for node in sorted(cur):
                            e = end[node]
                            if e is not None:
                                s = cur[node][0] + e
                                if s > score:
                                    score, choice = s, (node, j, node)
                    tr = trailing[j]
                    if tr is not None and tr[0] > score:
                        score, choice = tr[0], (tr[2], tr[3], tr[1])
                    best_i[j] = score
                    if choice is not None:
                        how_i[j] = self._positions(choice, states, i)
                    if root_hole >= 0 and j < n:
                        if cur is None:
                            cur = states[j] = {}
                        cur[root_hole] = (score, 0, i, False)
                if j == n or not cur:
                    continue
                w = words[j]
                nxt = states[j + 1]
                for node in sorted(cur):
                    s = cur[node][0]
                    child = lit[node].get(w)
                    if child is not None:
                        if nxt is None:
                            nxt = states[j + 1] = {}
                        old = nxt.get(child)
                        if old is None or s > old[0]:
                            nxt[child] = (s, node, j, True)
                    h = hole[node]
                    if h < 0 or node == 0:
                        continue
                    best_j = best[j]
                    lh = lit[h]
                    if lh:
                        for m in range(j + 1, n):
                            if words[m] in lh:
                                v = s + best_j[m]
                                st = states[m]
                                if st is None:
                                    st = states[m] = {}
                                old = st.get(h)
                                if old is None or v > old[0]:
                                    st[h] = (v, node, j, False)
                    eh = end[h]
                    if eh is not None:
                        for m in range(j + 1, n + 1):
                            v = s + best_j[m] + eh
                            tr = trailing[m]
                            if tr is None or v > tr[0]:
                                trailing[m] = (v, h, node, j)
        return best, how

    @staticmethod
    def _positions(choice, states, i):
        """Walk the back-pointers from ``choice`` = (node, position, final node).

        Returns (final node, literal positions in order).
        """
        node, pos, final = choice
        positions = []
        while True:
            entry = states[pos][node]
            prev_node, prev_pos, is_literal = entry[1], entry[2], entry[3]
            if prev_node == -1:
                break
            if is_literal:
                positions.append(prev_pos)
            node, pos = prev_node, prev_pos
        positions.reverse()
        return final, tuple(positions)

    def _build(self, words, i, j, best, how):
        choice = how[i][j]
        if choice is None:
            return SentTree(Template(words[i:j]), words[i:j], i, j, score=best[i][j],
                            is_template=False)
        node, positions = choice
        template = self._compiled.template[node]
        modules = []
        marks = (i - 1,) + positions + (j,)
        for a, b in zip(marks, marks[1:]):
            if b - a > 1:
                modules.append(self._build(words, a + 1, b, best, how))
        return SentTree(template, words[i:j], i, j, modules, score=best[i][j])
