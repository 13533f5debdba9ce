# -*- coding: utf-8 -*-
"""Write N megabytes of seeded, distinct, Zipfian Chinese-like text to a file.

Words come from a large random lexicon (default 200 000 words of 1-5 common
ideographs, tests/synthetic.py) with Zipfian frequencies, so new n-grams keep
appearing as the text grows -- unlike repeating a real corpus, which adds no
new n-grams and cannot show whether memory stays flat.

    python bench/synthetic_corpus.py OUT.txt --mb 50 [--seed 1] [--words 200000]
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import io
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tests'))
sys.path.insert(0, os.path.join(HERE, '..'))

from synthetic import iter_zipf_words, make_lexicon  # noqa: E402


def write_corpus(path, megabytes, seed=1, n_words=200000, alpha=1.1):
    """Write about ``megabytes`` MB of UTF-8 text (lines of 1-4 sentences) to ``path``."""
    lexicon = make_lexicon(n_words, seed=seed)
    words = iter_zipf_words(lexicon, seed=seed + 1, alpha=alpha)
    rng = random.Random(seed + 2)
    target = int(megabytes * 1e6)
    written = 0
    with io.open(path, 'w', encoding='utf-8') as out:
        while written < target:
            sentences = []
            for _ in range(1 + int(rng.random() * 4)):
                sentences.append(''.join(next(words) for _ in range(5 + int(rng.random() * 26))))
            line = '，'.join(sentences) + '。\n'
            out.write(line)
            written += len(line.encode('utf-8'))
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('out')
    parser.add_argument('--mb', type=float, default=50)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--words', type=int, default=200000)
    args = parser.parse_args(argv)
    size = write_corpus(args.out, args.mb, args.seed, args.words)
    print('%s: %.1f MB' % (args.out, size / 1e6))


if __name__ == '__main__':
    main()
