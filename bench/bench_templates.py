# -*- coding: utf-8 -*-
"""Benchmark: template mining vs tokenization, and parse time vs sentence length.

Usage (from the repository root)::

    python bench/bench_templates.py [NOVEL.txt ...] [--templates 10000]

Defaults to the four novels in ../shared/corpora/novels/.  In ONE run:

1. tokenize every line with a fresh default Tokenizer (time T_tok);
2. mine templates with another fresh default Tokenizer, tokenization
   included (time T_mine) -- the bar is T_mine <= 3 * T_tok; peak RSS;
3. print the most frequent templates;
4. mine again with low thresholds to get >= --templates templates, keep the
   top ones, and time Parser.parse on real sentences of 10, 20, 40, 80
   tokens (word lists, so tokenization is not included), and on "dense"
   sentences made of the 30 most frequent template words.

Wall-clock and CPU (process) times are both reported: the machine may be
shared, and CPU time is the steadier figure.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import glob
import io
import os
import platform
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from nlp_zero.corpus import Corpus  # noqa: E402
from nlp_zero.parsing import Parser  # noqa: E402
from nlp_zero.templates import mine_templates  # noqa: E402
from nlp_zero.tokenizer import Tokenizer  # noqa: E402

try:
    import resource
except ImportError:  # Windows
    resource = None

DEFAULT_DIR = os.path.join(HERE, '..', '..', 'shared', 'corpora', 'novels')


def peak_rss_mb():
    if resource is None:
        return float('nan')
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024.0 if sys.platform != 'darwin' else kb / 1024.0 / 1024.0


def cpu():
    return time.process_time() if hasattr(time, 'process_time') else time.clock()


class Timer(object):
    def __enter__(self):
        self.wall0, self.cpu0 = time.time(), cpu()
        return self

    def __exit__(self, *exc):
        self.wall = time.time() - self.wall0
        self.cpu = cpu() - self.cpu0


def fresh_tokenizer():
    tok = Tokenizer()
    tok.lcut('预热一下')  # load the bundled lexicon outside the timings
    return tok


def sentences_of_length(token_lines, length, how_many):
    """The first ``length`` tokens of lines long enough (real text)."""
    out = []
    for tokens in token_lines:
        words = [w for w in tokens if w.strip()]
        if len(words) >= length:
            out.append(words[:length])
            if len(out) == how_many:
                break
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('paths', nargs='*')
    ap.add_argument('--templates', type=int, default=10000, help='templates for the parse bench')
    ap.add_argument('--top', type=int, default=40, help='templates to print')
    ap.add_argument('--sentences', type=int, default=20, help='sentences per length')
    args = ap.parse_args(argv)
    paths = args.paths or sorted(glob.glob(os.path.join(DEFAULT_DIR, '*.txt')))
    lines = list(Corpus(paths))
    n_chars = sum(len(line) for line in lines)
    print('# bench_templates: %s, Python %s' % (platform.platform(), platform.python_version()))
    print('corpus: %d files, %d lines, %d characters' % (len(paths), len(lines), n_chars))
    rss0 = peak_rss_mb()

    tok = fresh_tokenizer()
    with Timer() as t_tok:
        n_tokens = 0
        for line in lines:
            n_tokens += len(tok.lcut(line))
    del tok
    print('tokenize:        wall %6.2f s  cpu %6.2f s  (%d tokens)' % (t_tok.wall, t_tok.cpu, n_tokens))

    tok = fresh_tokenizer()
    with Timer() as t_mine:
        templates = mine_templates(lines, tokenize=tok.lcut)
    rss1 = peak_rss_mb()
    print('mine_templates:  wall %6.2f s  cpu %6.2f s  (%d templates, tokenization included)'
          % (t_mine.wall, t_mine.cpu, len(templates)))
    print('ratio mine/tokenize: wall %.2f  cpu %.2f  (bar: <= 3)'
          % (t_mine.wall / t_tok.wall, t_mine.cpu / t_tok.cpu))
    print('peak RSS: %.0f MB before tokenizing (text in memory), %.0f MB after mining'
          % (rss0, rss1))
    print('top %d templates (count, template):' % args.top)
    for t, c in sorted(templates.items(), key=lambda tc: (-tc[1], tc[0]))[:args.top]:
        print('  %6d  %s' % (c, t.text()))

    # -- parsing -----------------------------------------------------------
    token_lines = [tok.lcut(line) for line in lines[:20000]]
    many = mine_templates(lines, tokenize=tok.lcut, min_count=2, min_proba=0, min_pmi=1.0)
    top = sorted(many.items(), key=lambda tc: (-tc[1], tc[0]))[:args.templates]
    parser = Parser(dict(top))
    parser.parse(['预热'])
    print('parse: %d templates (mined with min_count=2, min_proba=0, min_pmi=1)' % len(top))
    print('| tokens | sentences | mean parse s | max parse s | mean cpu s |')
    print('|---:|---:|---:|---:|---:|')
    for length in (10, 20, 40, 80):
        sents = sentences_of_length(token_lines, length, args.sentences)
        walls, cpus = [], []
        for words in sents:
            with Timer() as t:
                tree = parser.parse(words)
            assert tree.words == words
            walls.append(t.wall)
            cpus.append(t.cpu)
        print('| %d | %d | %.4f | %.4f | %.4f |' % (length, len(sents), sum(walls) / len(walls),
                                                  max(walls), sum(cpus) / len(cpus)))
    # A harder case: words drawn from the 30 most frequent template literals,
    # so that many templates match everywhere.
    weight = {}
    for t, c in top:
        for w in t:
            if w is not None:
                weight[w] = weight.get(w, 0) + c
    common = sorted(weight, key=lambda w: (-weight[w], w))[:30]
    rng = random.Random(0)
    for length in (10, 20, 40, 80):
        walls, cpus = [], []
        for _ in range(args.sentences):
            words = [common[int(rng.random() * len(common))] for _ in range(length)]
            with Timer() as t:
                parser.parse(words)
            walls.append(t.wall)
            cpus.append(t.cpu)
        print('| %d dense | %d | %.4f | %.4f | %.4f |' % (length, len(walls), sum(walls) / len(walls),
                                                        max(walls), sum(cpus) / len(cpus)))
    example = sentences_of_length(token_lines, 20, 1)[0]
    print('example parse of a 20-token sentence:')
    print(parser.parse(example).plot())
    return 0


if __name__ == '__main__':
    if hasattr(sys.stdout, 'buffer'):
        sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding='utf-8', line_buffering=True)
    sys.exit(main())
