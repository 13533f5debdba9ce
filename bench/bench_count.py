# -*- coding: utf-8 -*-
"""Benchmarks for the n-gram counter: speed against the floor, and memory.

speed   Time counting orders 1..4 over a corpus with nlp-zero against the floor
        (a plain collections.Counter updated with list comprehensions of slices
        over the Han runs of each line, file read with io.open), alternating
        runs in one process, best of --repeat; prints the ratio.
memory  Peak RSS (each measurement in a fresh child process, reported by the
        child from getrusage) counting two synthetic files with a cap, and
        bytes per distinct n-gram without a cap.

    python bench/bench_count.py speed [CORPUS] [--repeat 3]
    pypy3  bench/bench_count.py speed [CORPUS]
    python bench/bench_count.py memory SMALL.txt LARGE.txt [--cap 1000000] [--plain CORPUS]
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import io
import json
import os
import platform
import re
import subprocess
import sys
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

from nlp_zero.ngrams import count_ngrams  # noqa: E402

DEFAULT = os.path.join(ROOT, '..', 'shared', 'corpora', 'peoples_daily_1998', 'pd199801_raw.utf8')
_HAN = re.compile('[\u4e00-\u9fff]+')


def floor(path, order=4):
    counts = Counter()
    with io.open(path, encoding='utf-8') as f:
        for line in f:
            for run in _HAN.findall(line):
                for n in range(1, order + 1):
                    counts.update([run[i:i + n] for i in range(len(run) - n + 1)])
    return counts


def ours(path, order=4):
    return count_ngrams(path, order=order)


def speed(args):
    best = {'floor': float('inf'), 'ours': float('inf')}
    sizes = {}
    for _ in range(args.repeat):
        for name, func in (('floor', floor), ('ours', ours)):
            start = time.time()
            result = func(args.corpus)
            best[name] = min(best[name], time.time() - start)
            sizes[name] = len(result)
            del result
    impl = '%s %s' % (platform.python_implementation(), platform.python_version())
    print('%s: floor %.2f s, nlp-zero %.2f s, ratio %.3f (distinct: floor %d, ours %d)'
          % (impl, best['floor'], best['ours'], best['ours'] / best['floor'],
             sizes['floor'], sizes['ours']))


_CHILD = r'''
import json, resource, sys
sys.path.insert(0, %(root)r)
from nlp_zero.ngrams import count_ngrams
def rss_mb():
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * %(page)d / 1e6
before = rss_mb()
counter = count_ngrams(%(path)r, order=4, max_ngrams=%(cap)r)
after = rss_mb()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
print(json.dumps({'peak_mb': peak, 'before_mb': before, 'after_mb': after,
                  'distinct': len(counter), 'max_error': counter.max_error}))
'''


def child(path, cap):
    code = _CHILD % {'root': ROOT, 'path': path, 'cap': cap, 'page': os.sysconf('SC_PAGE_SIZE')}
    out = subprocess.check_output([sys.executable, '-c', code])
    return json.loads(out.decode('ascii').strip().splitlines()[-1])


def memory(args):
    small = child(args.small, args.cap)
    large = child(args.large, args.cap)
    print('cap %d: peak RSS %.1f MB for %s (%.0f MB), %.1f MB for %s (%.0f MB): ratio %.3f; '
          'max_error %d / %d' % (
              args.cap, small['peak_mb'], os.path.basename(args.small), os.path.getsize(args.small) / 1e6,
              large['peak_mb'], os.path.basename(args.large), os.path.getsize(args.large) / 1e6,
              large['peak_mb'] / small['peak_mb'], small['max_error'], large['max_error']))
    if args.plain:
        plain = child(args.plain, None)
        per_million = (plain['after_mb'] - plain['before_mb']) / plain['distinct'] * 1e6
        print('no cap, %s: %d distinct n-grams, RSS grew %.1f MB: %.0f MB per million distinct n-grams'
              % (os.path.basename(args.plain), plain['distinct'],
                 plain['after_mb'] - plain['before_mb'], per_million))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = parser.add_subparsers(dest='command')
    p = sub.add_parser('speed')
    p.add_argument('corpus', nargs='?', default=DEFAULT)
    p.add_argument('--repeat', type=int, default=3)
    p = sub.add_parser('memory')
    p.add_argument('small')
    p.add_argument('large')
    p.add_argument('--cap', type=int, default=1000000)
    p.add_argument('--plain', default=None, help='corpus counted without cap for bytes per n-gram')
    args = parser.parse_args(argv)
    if args.command == 'speed':
        speed(args)
    elif args.command == 'memory':
        memory(args)
    else:
        parser.print_help()


if __name__ == '__main__':
    main()
