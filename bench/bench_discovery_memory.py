# -*- coding: utf-8 -*-
"""discover_words time and peak RSS: a base revision's discovery.py vs the working tree's, side by side.

  python bench/bench_discovery_memory.py                      # dev corpus, HEAD vs working tree
  python bench/bench_discovery_memory.py --python pypy3
  python bench/bench_discovery_memory.py --corpus a.txt --corpus b.txt --max-len 5

Two copies of the working tree's ``nlp_zero`` package are made in a temporary
directory; in the ``base`` copy ``discovery.py`` is replaced by ``git show
BASE:nlp_zero/discovery.py`` (--base, default HEAD), so only that file differs.
Each run is a fresh process (peak RSS = ``ru_maxrss`` of that process), the two
versions alternate (--repeat N each; the machine is shared: the best time is
kept, and the time ratio matters more than the seconds).  Every run also hashes
the whole lexicon (words, counts and the repr of every score, in iteration
order): the two versions must give the same digest.  --append adds the table to
bench/RESULTS.md.
"""
from __future__ import print_function

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEV = os.path.join(REPO, '..', 'shared', 'corpora', 'peoples_daily_1998', 'pd199801_raw.utf8')

RUN = r'''
import hashlib, os, resource, sys, time
sys.path.insert(0, %(pkg)r)
import nlp_zero.discovery
assert nlp_zero.discovery.__file__.startswith(%(pkg)r), nlp_zero.discovery.__file__
from nlp_zero.discovery import discover_words
paths, max_len = %(paths)r, %(max_len)r
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
c0, t0 = sum(os.times()[:2]), time.time()
lex = discover_words(paths if len(paths) > 1 else paths[0], max_len=max_len)
t1, c1 = time.time(), sum(os.times()[:2])
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
h = hashlib.sha1()
for w in lex:
    s = lex.scores.get(w, {})
    h.update((u'%%s\t%%d\t%%s\n' %% (w, lex[w], u' '.join(u'%%s=%%r' %% (k, s[k]) for k in sorted(s)))).encode('utf-8'))
print('%%.3f %%.3f %%d %%d %%d %%s' %% (t1 - t0, c1 - c0, rss0, rss, len(lex), h.hexdigest()))
'''


def snapshot(dest, base):
    """Copy the working tree's package to dest/{base,work}; base gets BASE's discovery.py."""
    dirs = {}
    for name in ('base', 'work'):
        root = os.path.join(dest, name)
        shutil.copytree(os.path.join(REPO, 'nlp_zero'), os.path.join(root, 'nlp_zero'),
                        ignore=shutil.ignore_patterns('*.pyc', '__pycache__'))
        dirs[name] = root
    old = subprocess.check_output(['git', 'show', '%s:nlp_zero/discovery.py' % base], cwd=REPO)
    with open(os.path.join(dirs['base'], 'nlp_zero', 'discovery.py'), 'wb') as f:
        f.write(old)
    return dirs


def run(python, pkg, paths, max_len):
    out = subprocess.check_output([python, '-c', RUN % dict(pkg=pkg, paths=paths, max_len=max_len)])
    wall, cpu, rss0, rss, n, digest = out.decode().split()
    return float(wall), float(cpu), int(rss0) / 1024.0, int(rss) / 1024.0, int(n), digest


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--python', default=sys.executable)
    ap.add_argument('--base', default='HEAD', help='git revision of the old discovery.py')
    ap.add_argument('--corpus', action='append', help='corpus file (repeatable; default: dev set)')
    ap.add_argument('--max-len', type=int, default=4)
    ap.add_argument('--repeat', type=int, default=3, help='runs per version, alternating')
    ap.add_argument('--append', action='store_true')
    args = ap.parse_args()
    paths = [os.path.abspath(p) for p in (args.corpus or [DEV])]
    size = sum(os.path.getsize(p) for p in paths) / 1e6
    tmp = tempfile.mkdtemp(prefix='bench_discovery_memory.')
    try:
        dirs = snapshot(tmp, args.base)
        runs = {'base': [], 'work': []}
        for _ in range(args.repeat):
            for name in ('base', 'work'):
                runs[name].append(run(args.python, dirs[name], paths, args.max_len))
                print(name, runs[name][-1], file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    version = subprocess.check_output([args.python, '-c', 'import sys; print(sys.version.split()[0])'])
    rows = {}
    for name, rs in runs.items():
        rows[name] = (min(r[0] for r in rs), min(r[1] for r in rs), max(r[2] for r in rs),
                      max(r[3] for r in rs), rs[-1][4], sorted(set(r[5] for r in rs)))
    same = rows['base'][5] == rows['work'][5] and len(rows['base'][5]) == 1
    lines = ['', '## discover_words time and memory: %s vs working tree (%s)' % (args.base, ', '.join(
                 os.path.basename(p) for p in paths)),
             '`%s`, interpreter %s (%s), max_len %d, input %.1f MB UTF-8; best of %d alternating runs'
             % (' '.join(['python', 'bench/bench_discovery_memory.py'] + sys.argv[1:]), args.python,
                version.decode().strip(), args.max_len, size, args.repeat),
             '', '| discovery.py | learn s (wall) | learn s (CPU) | peak RSS MB | RSS before MB | words | lexicon sha1 |',
             '|---|---|---|---|---|---|---|']
    for name, label in (('base', args.base), ('work', 'working tree')):
        r = rows[name]
        lines.append('| %s | %.2f | %.2f | %.0f | %.0f | %d | %s |'
                     % (label, r[0], r[1], r[3], r[2], r[4], ','.join(d[:12] for d in r[5])))
    b, w = rows['base'], rows['work']
    lines.append('')
    lines.append('time ratio %s / working tree: %.2fx wall, %.2fx CPU; peak RSS %.0f -> %.0f MB (%.2fx), '
                 '%.0f MB above the interpreter per MB of input; identical lexicon: %s'
                 % (args.base, b[0] / w[0], b[1] / w[1], b[3], w[3], w[3] / b[3], (w[3] - w[2]) / size,
                    'yes' if same else 'NO'))
    text = '\n'.join(lines) + '\n'
    print(text)
    if args.append:
        with io.open(os.path.join(HERE, 'RESULTS.md'), 'a', encoding='utf-8') as f:
            f.write(text if isinstance(text, type(u'')) else text.decode('utf-8'))
    return 0 if same else 1


if __name__ == '__main__':
    sys.exit(main())
