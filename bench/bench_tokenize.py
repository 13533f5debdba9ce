# -*- coding: utf-8 -*-
"""Tokenizer benchmark: nlp-zero vs jieba (HMM off, and with --hmm also on), same dictionary, same run.

Both sides load jieba's own dict.txt and segment the PKU test set line by
line.  Printed: chars/s of each (best of --repeat runs, interleaved) and the
ratio (with --hmm: also both sides with ``HMM=True``, the ratios HMM on / off,
and the time to build our HMM from the dictionary), token agreement between the two outputs, F1 of each against the gold
standard (official SIGHAN scorer), dictionary load times (ours; jieba cold
start without its cache and warm start with it) and peak RSS after loading
the dictionary and segmenting (each side in its own fresh subprocess).

Usage (needs jieba installed; run from anywhere):

    python bench/bench_tokenize.py [--test PKU_TEST] [--gold PKU_GOLD]
        [--score SCORE_SCRIPT] [--words TRAINING_WORDS] [--dict JIEBA_DICT] [--repeat 5] [--hmm]

Defaults: ../shared/corpora/sighan2005/... relative to the repository.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SIGHAN = os.path.join(REPO, '..', 'shared', 'corpora', 'sighan2005')


def jieba_dict_path():
    import jieba
    return os.path.join(os.path.dirname(jieba.__file__), 'dict.txt')


def read_lines(path):
    with io.open(path, encoding='utf-8') as stream:
        return [line.rstrip('\r\n') for line in stream]


def peak_rss_mb():
    """Peak resident memory of this process in MB (VmHWM: unlike ru_maxrss it
    is not inherited from the parent across fork+exec)."""
    try:
        with open('/proc/self/status') as status:
            for line in status:
                if line.startswith('VmHWM:'):
                    return int(line.split()[1]) / 1024.0
    except (IOError, OSError):
        pass
    import resource
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024.0 if sys.platform != 'darwin' else rss / 1024.0 / 1024.0


def child(side, dict_path, test_path, tmp_dir):
    """Fresh process: load one side, segment once, report load time and peak RSS."""
    base = peak_rss_mb()
    lines = read_lines(test_path)
    if side == 'ours':
        sys.path.insert(0, REPO)
        t0 = time.time()
        from nlp_zero.tokenizer import Tokenizer
        tok = Tokenizer(dict_path)
        load = time.time() - t0
        loaded = peak_rss_mb()
        for line in lines:
            tok.lcut(line)
    else:
        import jieba
        import logging
        jieba.setLogLevel(logging.WARNING)
        # Cold start: no cache file in tmp_dir, jieba parses dict.txt and
        # writes its cache there; the warm run (next process) then reads it.
        if side == 'jieba-cold':
            for name in os.listdir(tmp_dir):
                os.remove(os.path.join(tmp_dir, name))
        t0 = time.time()
        tok = jieba.Tokenizer(dict_path)
        tok.tmp_dir = tmp_dir
        tok.initialize()
        load = time.time() - t0
        loaded = peak_rss_mb()
        for line in lines:
            tok.lcut(line, HMM=False)
    print(json.dumps({'load_s': load, 'rss_base_mb': base, 'rss_loaded_mb': loaded,
                      'rss_peak_mb': peak_rss_mb()}))


def run_child(side, args, tmp_dir):
    out = subprocess.check_output([sys.executable, os.path.abspath(__file__), '--child', side,
                                   '--dict', args.dict, '--test', args.test, '--tmp', tmp_dir])
    return json.loads(out.decode('utf-8').strip().splitlines()[-1])


def spans(tokens):
    result = set()
    start = 0
    for tok in tokens:
        result.add((start, start + len(tok)))
        start += len(tok)
    return result


def score(args, segmented_lines):
    """F1 from the official scorer (gold with \\r removed)."""
    tmp = tempfile.mkdtemp()
    gold = os.path.join(tmp, 'gold.utf8')
    with io.open(args.gold, encoding='utf-8') as src, io.open(gold, 'w', encoding='utf-8') as dst:
        dst.write(src.read().replace('\r', ''))
    seg = os.path.join(tmp, 'seg.utf8')
    with io.open(seg, 'w', encoding='utf-8') as dst:
        for words in segmented_lines:
            dst.write(' '.join(w for w in words if not w.isspace()) + '\n')
    out = subprocess.check_output(['perl', args.score, args.words, gold, seg]).decode('utf-8', 'replace')
    match = re.search(r'=== F MEASURE:\s*([0-9.]+)', out)
    return float(match.group(1)) if match else None


def agree(ours, jieba, label):
    """Print the token agreement of two segmentations of the same lines."""
    common = n_ours = n_jieba = same_lines = 0
    for a, b in zip(ours, jieba):
        sa, sb = spans(a), spans(b)
        common += len(sa & sb)
        n_ours += len(sa)
        n_jieba += len(sb)
        same_lines += a == b
    print('token agreement, %s (2|common| / (|ours|+|jieba|)): %.4f; identical lines: %.4f'
          % (label, 2.0 * common / (n_ours + n_jieba), same_lines / len(ours)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--test', default=os.path.join(SIGHAN, 'pku_test.utf8'))
    parser.add_argument('--gold', default=os.path.join(SIGHAN, 'pku_test_gold.utf8'))
    parser.add_argument('--score', default=os.path.join(SIGHAN, 'score'))
    parser.add_argument('--words', default=os.path.join(SIGHAN, 'pku_training_words.utf8'))
    parser.add_argument('--dict', default=None, help="jieba's dict.txt (default: the installed jieba's)")
    parser.add_argument('--repeat', type=int, default=5)
    parser.add_argument('--child', default=None, help=argparse.SUPPRESS)
    parser.add_argument('--tmp', default=None, help=argparse.SUPPRESS)
    parser.add_argument('--no-jieba', action='store_true', help='only our side (e.g. on PyPy without jieba)')
    parser.add_argument('--hmm', action='store_true', help='also time and score both sides with HMM=True')
    args = parser.parse_args()
    if args.dict is None:
        args.dict = jieba_dict_path()
    if args.child:
        child(args.child, args.dict, args.test, args.tmp)
        return

    lines = read_lines(args.test)
    n_chars = sum(len(line) for line in lines)
    sys.path.insert(0, REPO)
    from nlp_zero.tokenizer import Tokenizer
    ours = Tokenizer(args.dict)
    plain = Tokenizer(ours.trie)
    plain.cache_size = 0
    sides = [('ours', lambda line: ours.lcut(line)), ('ours-nocache', lambda line: plain.lcut(line))]
    if args.hmm:
        t0 = time.time()
        ours.hmm
        hmm_build = time.time() - t0
        plain.hmm
        sides.append(('ours-hmm', lambda line: ours.lcut(line, HMM=True)))
        sides.append(('ours-hmm-nocache', lambda line: plain.lcut(line, HMM=True)))
    if not args.no_jieba:
        import jieba
        import logging
        jieba.setLogLevel(logging.WARNING)
        jtok = jieba.Tokenizer(args.dict)
        jtok.initialize()
        sides.append(('jieba', lambda line: jtok.lcut(line, HMM=False)))
        if args.hmm:
            sides.append(('jieba-hmm', lambda line: jtok.lcut(line, HMM=True)))

    best = dict((name, float('inf')) for name, _ in sides)
    outputs = {}
    for _ in range(args.repeat):
        for name, fn in sides:
            t0 = time.perf_counter() if hasattr(time, 'perf_counter') else time.time()
            result = [fn(line) for line in lines]
            elapsed = (time.perf_counter() if hasattr(time, 'perf_counter') else time.time()) - t0
            best[name] = min(best[name], elapsed)
            outputs[name] = result
    impl = '%s %s' % (getattr(sys, 'implementation', sys).name if hasattr(sys, 'implementation') else 'python',
                      sys.version.split()[0])
    print('interpreter: %s; %d lines, %d chars; best of %d runs' % (impl, len(lines), n_chars, args.repeat))
    for name, _ in sides:
        print('%-12s %8.0f chars/s  (%.3f s)' % (name, n_chars / best[name], best[name]))
    for name, _ in sides:
        assert all(''.join(toks) == line for toks, line in zip(outputs[name], lines)), name + ' not lossless'
    f1 = dict((name, score(args, outputs[name])) for name, _ in sides)
    if not args.no_jieba:
        print('speed ratio ours/jieba: %.2fx (without the unit cache: %.2fx)'
              % (best['jieba'] / best['ours'], best['jieba'] / best['ours-nocache']))
        agree(outputs['ours'], outputs['jieba'], 'HMM off')
    if args.hmm:
        print('HMM on / off speed: ours %.2fx (without the unit cache: %.2fx)%s; our HMM built in %.2f s'
              % (best['ours'] / best['ours-hmm'], best['ours-nocache'] / best['ours-hmm-nocache'],
                 '' if args.no_jieba else ', jieba %.2fx; ratio ours/jieba with HMM on: %.2fx' % (
                     best['jieba'] / best['jieba-hmm'], best['jieba-hmm'] / best['ours-hmm']), hmm_build))
        if not args.no_jieba:
            agree(outputs['ours-hmm'], outputs['jieba-hmm'], 'HMM on')
    for name, _ in sides:
        print('F1 %-12s %.4f' % (name, f1[name]))
    bundled = Tokenizer()
    print('F1 bundled default lexicon (nlp_zero/data): %.4f'
          % score(args, [bundled.lcut(line) for line in lines]))
    children = ['ours'] if args.no_jieba else ['ours', 'jieba-cold', 'jieba-warm']
    tmp_dir = tempfile.mkdtemp()
    for side in children:
        info = run_child(side, args, tmp_dir)
        print('%-10s load %.2f s; peak RSS: bare %.0f MB, dict loaded %.0f MB, after segmenting %.0f MB'
              % (side, info['load_s'], info['rss_base_mb'], info['rss_loaded_mb'], info['rss_peak_mb']))


if __name__ == '__main__':
    main()
