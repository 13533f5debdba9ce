# -*- coding: utf-8 -*-
"""Word discovery benchmark: nlp-zero (this repo) vs nlp-zero 0.1.6, side by side.

Protocol (shared/corpora/README.md): learn from raw text only, segment the target
with the learned lexicon, score with the official SIGHAN ``score`` script.

  python bench/bench_discovery.py dev    # learn pd199801_raw, segment it, score vs pd199801_gold
  python bench/bench_discovery.py test   # learn pd199801_raw + pku_test, segment pku_test, score
  python bench/bench_discovery.py test --only ours --memory 40M   # under a memory budget (MiB)
  python bench/bench_discovery.py small --only ours --hmm   # learn the first 50 k chars of pd199801_raw, cut them
  python bench/bench_discovery.py dev --only ours --hmm --bundled   # cut with the bundled dictionary, learn nothing

Ours: ``Tokenizer(discover_words(corpus))`` -- what a user gets.  0.1.6: ``Word_Finder()``
defaults, ``train`` + ``find`` + ``export_tokenizer``.  Both run in a fresh subprocess of
the same interpreter (--python, default /work/benchenv/bin/python which has 0.1.6), so
time and peak RSS are per method.  Options: --data DIR (default ../shared/corpora),
--only ours|old, --append (append the table to bench/RESULTS.md), --repeat N (timed
runs per method, alternating; the best learn time is reported, RSS is the largest),
--hmm (ours cuts twice, ``HMM=False`` then ``HMM=True``: one row each), --bundled (ours
cuts with the bundled dictionary instead of learning), --chars N (the small set's size).

Lexicon precision (ours, learned lexicon): P@K is the share of the K most frequent learned
words of 2+ characters (and, separately, of 3+ characters) that are word types of the
development gold (pd199801_gold.utf8, whatever the mode: it is the reference vocabulary).
Fragments: the share of the K most frequent learned words of 3+ characters that are a proper
substring of a learned word holding 90 % or more of their occurrences in the training text
(内塔尼亚 inside 内塔尼亚胡).
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

OURS = r'''
import io, sys, time, resource
sys.path.insert(0, %(repo)r)
from nlp_zero.discovery import discover_words
from nlp_zero.tokenizer import Tokenizer
from nlp_zero.corpus import Corpus
trains, target, out, hmms, bundled = %(trains)r, %(target)r, %(out)r, %(hmms)r, %(bundled)r
t0 = time.time()
lex = None if bundled else discover_words(Corpus.from_paths(trains), **%(options)r)
t1 = time.time()
tok = Tokenizer(lex)
seg = []
if out:
  if lex is not None:
    lex.save(out + '.lexicon')
  for hmm in hmms:
    tok.hmm if hmm else None   # built before the clock starts (cost reported by bench_tokenize.py)
    t2 = time.time()
    with io.open(target, encoding='utf-8') as fi, io.open(out + ('.hmm' if hmm else ''), 'w', encoding='utf-8') as fo:
      for line in fi:
        line = line.rstrip('\r\n')
        fo.write(' '.join(w for w in tok.cut(line, HMM=hmm) if w.strip()) + '\n')
    seg.append('%%.2f' %% (time.time() - t2))
print('%%.2f %%s %%d %%d' %% (t1 - t0, ','.join(seg) or '0', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                          len(tok.trie)))
'''

OLD = r'''
import io, sys, time, resource, collections
try:
    import collections.abc
    collections.Iterable = collections.abc.Iterable
except ImportError:
    pass
import nlp_zero
assert not nlp_zero.__file__.startswith(%(repo)r), nlp_zero.__file__
trains, target, out = %(trains)r, %(target)r, %(out)r
class D(object):
    def __iter__(self):
        for p in trains:
            with io.open(p, encoding='utf-8') as f:
                for l in f:
                    yield l.rstrip('\r\n')
t0 = time.time()
f = nlp_zero.Word_Finder()
f.train(D())
f.find(D())
tok = f.export_tokenizer()
t1 = time.time()
if out:
  with io.open(target, encoding='utf-8') as fi, io.open(out, 'w', encoding='utf-8') as fo:
    for line in fi:
        line = line.rstrip('\r\n')
        fo.write(' '.join(w for w in tok.tokenize(line) if w.strip()) + '\n')
t2 = time.time()
print('%%.2f %%.2f %%d %%d' %% (t1 - t0, t2 - t1, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(f.words)))
'''


def run(python, code, cwd):
    out = subprocess.check_output([python, '-c', code], cwd=cwd)
    learn, seg, rss, n = out.decode().split()
    return float(learn), [float(x) for x in seg.split(',')], int(rss), int(n)


def score(data, gold, seg, tmp):
    """Official score; returns (P, R, F, OOV recall)."""
    clean = os.path.join(tmp, 'gold.txt')
    with io.open(gold, encoding='utf-8') as fi, io.open(clean, 'w', encoding='utf-8') as fo:
        for line in fi:
            fo.write(line.rstrip('\r\n') + '\n')
    words = os.path.join(data, 'sighan2005', 'pku_training_words.utf8')
    out = subprocess.check_output(['perl', os.path.join(data, 'sighan2005', 'score'), words, clean, seg])
    row = [l for l in out.decode('utf-8', 'replace').splitlines() if l.startswith('###')][0].split('\t')
    return float(row[9]), float(row[8]), float(row[10]), float(row[12])


def gold_types(path):
    """The set of word types of a gold segmentation file."""
    with io.open(path, encoding='utf-8') as f:
        return set(word for line in f for word in line.split())


def precision_at(lexicon_path, types, k, min_len):
    """(P@k, n): share of the k most frequent learned words of min_len+ characters in ``types``."""
    sys.path.insert(0, REPO)
    from nlp_zero.lexicon import Lexicon
    lex = Lexicon.load(lexicon_path)
    top = [w for w, _ in lex.most_common() if len(w) >= min_len][:k]
    return (sum(w in types for w in top) / float(len(top)) if top else 0.0), len(top)


def fragments_at(lexicon_path, train_paths, k):
    """(share, examples): of the k most frequent learned words of 3+ characters, those that are a
    proper substring of a learned word which holds at least 90 % of their occurrences in the text."""
    sys.path.insert(0, REPO)
    from nlp_zero.lexicon import Lexicon
    lex = Lexicon.load(lexicon_path)
    top = [w for w, _ in lex.most_common() if len(w) >= 3][:k]
    wanted = set(top)
    containing = {}   # fragment candidate -> learned words that contain it
    for w in lex:
        for i in range(len(w)):
            for j in range(i + 3, len(w) + 1):
                if j - i < len(w) and w[i:j] in wanted:
                    containing.setdefault(w[i:j], set()).add(w)
    text = '\n'.join(io.open(p, encoding='utf-8').read() for p in train_paths)
    found = []
    for f in top:
        occurrences = text.count(f)
        whole = [w for w in containing.get(f, ()) if text.count(w) >= 0.9 * occurrences]
        if whole:
            found.append('%s<%s' % (f, max(whole, key=len)))
    return (len(found) / float(len(top)) if top else 0.0), found


def head(src, dst, n_chars):
    """Copy the first lines of ``src`` holding ``n_chars`` characters (or more) to ``dst``; their count."""
    n = lines = 0
    with io.open(src, encoding='utf-8') as fi, io.open(dst, 'w', encoding='utf-8') as fo:
        for line in fi:
            if n >= n_chars:
                break
            line = line.rstrip('\r\n')
            fo.write(line + '\n')
            n += len(line)
            lines += 1
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('mode', choices=['dev', 'test', 'small'])
    ap.add_argument('--data', default=os.path.join(REPO, '..', 'shared', 'corpora'))
    ap.add_argument('--python', default='/work/benchenv/bin/python')
    ap.add_argument('--only', choices=['ours', 'old'])
    ap.add_argument('--append', action='store_true')
    ap.add_argument('--repeat', type=int, default=3, help='timed runs per method (best kept)')
    ap.add_argument('--memory', help='discover_words(memory=...) for ours, e.g. 40M')
    ap.add_argument('--processes', type=int, help='discover_words(processes=...) for ours')
    ap.add_argument('--hmm', action='store_true', help='ours: cut with HMM=False and with HMM=True')
    ap.add_argument('--bundled', action='store_true', help='ours: the bundled dictionary, no learning')
    ap.add_argument('--chars', type=int, default=50000, help='small mode: characters of pd199801_raw')
    ap.add_argument('--top', type=int, default=1000, help='K of the lexicon precision P@K')
    args = ap.parse_args()
    options = {}
    if args.memory:
        options['memory'] = int(float(args.memory.rstrip('MmBb')) * (1 << 20))
    if args.processes:
        options['processes'] = args.processes
    data = os.path.abspath(args.data)
    pd_raw = os.path.join(data, 'peoples_daily_1998', 'pd199801_raw.utf8')
    pd_gold = os.path.join(data, 'peoples_daily_1998', 'pd199801_gold.utf8')
    tmp = tempfile.mkdtemp(prefix='bench_discovery.')
    if args.mode == 'dev':
        trains, target, gold = [pd_raw], pd_raw, pd_gold
    elif args.mode == 'small':
        target, gold = os.path.join(tmp, 'small_raw.utf8'), os.path.join(tmp, 'small_gold.utf8')
        n_lines = head(pd_raw, target, args.chars)
        with io.open(pd_gold, encoding='utf-8') as fi, io.open(gold, 'w', encoding='utf-8') as fo:
            for _, line in zip(range(n_lines), fi):
                fo.write(line.rstrip('\r\n') + '\n')
        trains = [target]
    else:
        target = os.path.join(data, 'sighan2005', 'pku_test.utf8')
        trains = [pd_raw, target]
        gold = os.path.join(data, 'sighan2005', 'pku_test_gold.utf8')
    hmms = [False, True] if args.hmm else [False]
    methods = [('nlp-zero (this repo) discover_words + Tokenizer', OURS),
               ('nlp-zero 0.1.6 Word_Finder() defaults', OLD)]
    if args.only:
        methods = [m for m in methods if (args.only == 'ours') == (m[1] is OURS)]
    # Timing: --repeat fresh processes per method, alternating, best learn time kept
    # (the machine is shared; the minimum is the least disturbed run).  The last run
    # of each method also segments the target.
    runs = {}
    for r in range(args.repeat):
        for k, (name, code) in enumerate(methods):
            out = os.path.join(tmp, 'seg_%d.txt' % k) if r == args.repeat - 1 else ''
            runs.setdefault(k, []).append(
                run(args.python, code % dict(repo=REPO, trains=trains, target=target, out=out, options=options,
                                             hmms=hmms, bundled=args.bundled), cwd=tmp))
    rows = []
    precision = []
    fragments = None
    for k, (name, code) in enumerate(methods):
        learn = min(x[0] for x in runs[k])
        seg = runs[k][-1][1]
        rss = max(x[2] for x in runs[k])
        n = runs[k][-1][3]
        seg_path = os.path.join(tmp, 'seg_%d.txt' % k)
        for index, hmm in enumerate(hmms if code is OURS else [False]):
            p, r, f, oov = score(data, gold, seg_path + ('.hmm' if hmm else ''), tmp)
            label = 'nlp-zero (this repo) bundled dictionary + Tokenizer' if args.bundled and code is OURS else name
            label += (', HMM=True' if hmm else ', HMM=False') if len(hmms) > 1 and code is OURS else ''
            rows.append((label, p, r, f, oov, learn, seg[index], rss / 1024.0, n))
        if code is OURS and not args.bundled:
            types = gold_types(pd_gold)
            precision = [(min_len,) + precision_at(seg_path + '.lexicon', types, args.top, min_len)
                         for min_len in (2, 3)]
            fragments = fragments_at(seg_path + '.lexicon', trains, args.top)
    lines = ['', '## Word discovery, %s set (%s)' % (args.mode, os.path.basename(target)),
             '`%s`, interpreter %s' % (' '.join(['python', 'bench/bench_discovery.py'] + sys.argv[1:]),
                                        args.python),
             'learn s = best of %d alternating runs (fresh process each)' % args.repeat,
             '', '| method | P | R | F1 | OOV-R | learn s | segment s | peak RSS MB | words |',
             '|---|---|---|---|---|---|---|---|---|']
    for row in rows:
        lines.append('| %s | %.3f | %.3f | %.3f | %.3f | %.1f | %.1f | %.0f | %d |' % row)
    if len(hmms) > 1:
        lines.append('')
        lines.append('F1 HMM=True - HMM=False: %+.3f; segment time HMM=True / HMM=False: %.2fx'
                     % (rows[1][3] - rows[0][3], rows[1][6] / rows[0][6]))
    for min_len, p_at, n_top in precision:
        lines.append('')
        lines.append('lexicon precision P@%d, learned words of %d+ characters (%d of them) in the gold word types '
                     'of %s: %.3f' % (args.top, min_len, n_top, os.path.basename(pd_gold), p_at))
    if fragments is not None:
        lines.append('')
        lines.append('fragments: %.3f of the %d most frequent learned words of 3+ characters are inside a learned '
                     'word holding 90 %%+ of their occurrences (%s)'
                     % (fragments[0], args.top, ' '.join(fragments[1][:20]) or 'none'))
    if len(rows) == 2 and len(methods) == 2:
        lines.append('')
        lines.append('learn-time ratio 0.1.6 / ours: %.2fx; RSS ratio ours / 0.1.6: %.2fx'
                     % (rows[1][5] / rows[0][5], rows[0][7] / rows[1][7]))
    text = '\n'.join(lines) + '\n'
    shutil.rmtree(tmp, ignore_errors=True)
    print(text)
    if args.append:
        with io.open(os.path.join(HERE, 'RESULTS.md'), 'a', encoding='utf-8') as f:
            f.write(text)


if __name__ == '__main__':
    main()
