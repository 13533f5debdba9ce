# -*- coding: utf-8 -*-
"""Scale benchmarks of the command line: peak memory, parallel speed-up, count -o against its floor.

Every run is a fresh ``python -m nlp_zero ...`` process under ``/usr/bin/time -v``
(peak RSS = its "Maximum resident set size", which covers the largest process of
the tree only for -p 1; with a pool, the sum over the processes is measured by
sampling /proc: see ``tree_peak``).  Build the corpora first, outside the repo:

    python3 ../shared/corpora/scale/build.py 100 /tmp/s100.txt

    python bench/bench_scale.py memory /tmp/s10.txt /tmp/s100.txt /tmp/s1000.txt [--args "-p 1"]
    python bench/bench_scale.py parallel discover /tmp/s100.txt [--repeat 2]
    python bench/bench_scale.py parallel count /tmp/s100.txt
    python bench/bench_scale.py floor /tmp/s100.txt        # count -o vs C-level counting

``--append`` adds the table, with the exact command and the load average, to
bench/RESULTS.md.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import io
import os
import shlex
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def tree_rss_kb(pid):
    """Resident memory of ``pid`` and all its descendants, in kB (Linux /proc)."""
    return sum(map(rss_kb, tree_pids(pid)))


def tree_pids(pid):
    """``pid`` and all its descendants (Linux /proc), parents first."""
    children = {}
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            try:
                with open('/proc/%s/stat' % entry) as f:
                    fields = f.read().rsplit(')', 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
            except (IOError, OSError, IndexError):
                pass
    pids = [pid]
    for p in pids:
        pids.extend(children.get(p, []))
    return pids


def rss_kb(pid):
    """Resident memory of one process in kB (0 when it has ended)."""
    try:
        with open('/proc/%d/status' % pid) as f:
            for line in f:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1])
    except (IOError, OSError):
        pass
    return 0


def run(argv):
    """Run ``python -m nlp_zero ARGV``: (wall seconds, peak RSS of the process tree in MB)."""
    wall, peaks = run_sampled(argv, lambda pid: [tree_rss_kb(pid)])
    return wall, peaks[0]


def run_sampled(argv, measure, env=None):
    """Run ``python -m nlp_zero ARGV`` (environment: ours plus ``env``) with
    ``measure(pid)``, a list of kB figures, sampled every 0.2 s: (wall
    seconds, the peak of each figure in MB)."""
    env = dict(os.environ, PYTHONPATH=ROOT, **(env or {}))
    start = time.time()
    proc = subprocess.Popen([sys.executable, '-m', 'nlp_zero'] + argv, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks = []

    def sample():
        while proc.poll() is None:
            figures = measure(proc.pid)
            peaks[:] = list(map(max, peaks, figures)) if peaks else figures
            time.sleep(0.2)
    watcher = threading.Thread(target=sample)
    watcher.start()
    _, err = proc.communicate()
    watcher.join()
    wall = time.time() - start
    if proc.returncode:
        raise SystemExit('nlp-zero %s failed: %s' % (' '.join(argv), err.decode('utf-8', 'replace')[-3000:]))
    return wall, [kb / 1024.0 for kb in peaks or [0]]


def load():
    return ' '.join(open('/proc/loadavg').read().split()[:3])


def memory(args):
    rows = ['| corpus | MB | wall s | peak RSS MB (process tree) |', '|---|---|---|---|']
    extra = shlex.split(args.args)
    for path in args.corpora:
        out = tempfile.mktemp(suffix='.dict.txt')
        wall, peak = run(['discover', path, '-q', '-o', out] + extra)
        os.remove(out)
        rows.append('| %s | %.0f | %.0f | %.0f |' % (os.path.basename(path), os.path.getsize(path) / 1e6,
                                                   wall, peak))
        print(rows[-1])
    return rows


def parallel(args):
    extra = shlex.split(args.args)
    times = {1: [], 2: []}
    peaks = {1: 0, 2: 0}
    for _ in range(args.repeat):
        for p in (1, 2):
            out = tempfile.mktemp(suffix='.out')
            wall, peak = run([args.command, args.corpus, '-q', '-p', str(p), '-o', out] + extra)
            os.remove(out)
            times[p].append(wall)
            peaks[p] = max(peaks[p], peak)
            print('-p %d: %.1f s, %.0f MB (load %s)' % (p, wall, peak, load()))
    rows = ['| %s | wall s (best of %d) | peak RSS MB (tree) |' % (args.command, args.repeat), '|---|---|---|']
    for p in (1, 2):
        rows.append('| -p %d | %.1f | %.0f |' % (p, min(times[p]), peaks[p]))
    rows.append('')
    rows.append('speed-up -p 2 / -p 1: %.2fx' % (min(times[1]) / min(times[2])))
    return rows


def floor(args):
    """count -o end to end against C-level counting of the same n-grams in one process."""
    sys.path.insert(0, ROOT)
    from nlp_zero.units import iter_units  # noqa: F401  (imports, like the CLI, before timing)
    code = r'''
import io, re, sys, time
from itertools import compress
from collections import Counter
sys.path.insert(0, %(root)r)
from nlp_zero.units import SymbolEncoder
start = time.time()
counts = [Counter() for _ in range(6)]
units = SymbolEncoder().units
with io.open(%(path)r, encoding='utf-8') as f:
    for block in iter(lambda: f.read(1 << 20), ''):
        for u in units(block):
            for n in range(1, 6):
                counts[n].update([u[i:i + n] for i in range(len(u) - n + 1)])
print(time.time() - start)
'''
    best_floor = best_cli = float('inf')
    for _ in range(args.repeat):
        out = subprocess.check_output([sys.executable, '-c', code % {'root': ROOT, 'path': args.corpus}])
        best_floor = min(best_floor, float(out.decode().strip()))
        target = tempfile.mktemp(suffix='.counts.txt')
        wall, _ = run(['count', args.corpus, '-q', '-p', '1', '-o', target])
        size = os.path.getsize(target)
        os.remove(target)
        best_cli = min(best_cli, wall)
        print('floor %.1f s, count -o %.1f s (%.0f MB written), load %s' % (best_floor, wall, size / 1e6, load()))
    return ['| what | s (best of %d) |' % args.repeat, '|---|---|',
            '| C-level counting, orders 1-5, one process (the floor) | %.1f |' % best_floor,
            '| `nlp-zero count CORPUS -p 1 -o FILE`, end to end | %.1f |' % best_cli,
            '', 'ratio count -o / floor: %.2fx' % (best_cli / best_floor)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = ap.add_subparsers(dest='mode')
    p = sub.add_parser('memory')
    p.add_argument('corpora', nargs='+')
    p = sub.add_parser('parallel')
    p.add_argument('command', choices=['discover', 'count'])
    p.add_argument('corpus')
    p = sub.add_parser('floor')
    p.add_argument('corpus')
    for p in sub.choices.values():
        p.add_argument('--args', default='', help='extra nlp-zero options, e.g. "--memory 2G"')
        p.add_argument('--repeat', type=int, default=1)
        p.add_argument('--append', action='store_true')
    args = ap.parse_args()
    before = load()
    rows = {'memory': memory, 'parallel': parallel, 'floor': floor}[args.mode](args)
    text = '\n'.join(['', '## Scale: %s' % args.mode,
                      '`python bench/bench_scale.py %s` (%s), load average before %s, after %s'
                      % (' '.join(sys.argv[1:]), sys.version.split()[0], before, load()), ''] + rows) + '\n'
    publish(text, args.append)


def publish(text, append):
    """Print ``text``; with ``append``, add it to bench/RESULTS.md too."""
    print(text)
    if append:
        with io.open(os.path.join(HERE, 'RESULTS.md'), 'a', encoding='utf-8') as f:
            f.write(text)


if __name__ == '__main__':
    main()
