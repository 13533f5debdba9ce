# -*- coding: utf-8 -*-
"""Discovery on Spark (local mode) against local discovery: same lexicon? time, peak memory.

Each corpus (several files joined by ``+``) is discovered twice, each time by
a fresh command-line process:

    python -m nlp_zero discover CORPUS -q -f tsv -p 2 -o LOCAL
    python -m nlp_zero discover --spark --master 'local[2]' CORPUS -q -f tsv -o SPARK

and the two TSV files (words, counts and every score) are compared byte for
byte.  Memory is sampled from /proc every 0.2 s (see bench_scale.tree_pids):
the whole process tree, and for Spark its parts -- the Python driver (what
nlp-zero holds: counts, then the model), the JVM (driver and, in local mode,
the executors and the shuffle) and the Python workers (summed).  Needs
pyspark (pip install ".[spark]") and Java 17.

    python bench/bench_spark.py corpora/xiyouji.txt.gz \\
        ../shared/corpora/peoples_daily_1998/pd199801_raw.utf8+../shared/corpora/sighan2005/pku_test.utf8
    python3 ../shared/corpora/scale/build.py 100 /tmp/scale/s100.txt
    python bench/bench_spark.py /tmp/scale/s100.txt --append
    python bench/bench_spark.py /tmp/scale/s300.txt --spark-only --append   # the driver's peak only

``--append`` adds the table, with the exact command and the load average, to
bench/RESULTS.md.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import argparse
import io
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from bench_scale import load, publish, rss_kb, run_sampled, tree_pids   # noqa: E402


def _parts(pid):
    """kB of RSS: (whole tree, the root process, the JVMs, the other processes)."""
    pids = tree_pids(pid)
    sizes = dict((p, rss_kb(p)) for p in pids)
    java = sum(size for p, size in sizes.items() if p != pid and _is_java(p))
    return sum(sizes.values()), sizes[pid], java, sum(sizes.values()) - sizes[pid] - java


def _is_java(pid):
    try:
        with open('/proc/%d/comm' % pid) as f:
            return f.read().strip() == 'java'
    except (IOError, OSError):
        return False


def run(argv):
    """Run ``python -m nlp_zero ARGV``: [wall seconds] + the peaks (MB) of :func:`_parts`."""
    wall, peaks = run_sampled(argv, _parts, {'PYSPARK_PYTHON': sys.executable})
    return [wall] + (peaks + [0.0] * 4)[:4]


def compare(corpus, spark_only):
    """One row of the table for ``corpus`` (paths joined by '+')."""
    paths = corpus.split('+')
    size = sum(os.path.getsize(p) for p in paths) / 1e6
    folder = tempfile.mkdtemp(prefix='bench-spark-')
    local_out, spark_out = os.path.join(folder, 'local.tsv'), os.path.join(folder, 'spark.tsv')
    spark = run(['discover', '--spark', '--master', 'local[2]'] + paths + ['-q', '-f', 'tsv', '-o', spark_out])
    print('spark local[2]: %.1f s, tree %.0f MB (driver %.0f, JVM %.0f, workers %.0f), load %s'
          % (tuple(spark) + (load(),)))
    if spark_only:
        local, same = [float('nan')] * 5, 'not run'
    else:
        local = run(['discover'] + paths + ['-q', '-p', '2', '-f', 'tsv', '-o', local_out])
        print('local -p 2: %.1f s, tree %.0f MB, load %s' % (local[0], local[1], load()))
        with open(local_out, 'rb') as a, open(spark_out, 'rb') as b:
            same = 'yes' if a.read() == b.read() else 'NO'
    with io.open(spark_out, encoding='utf-8') as f:
        words = sum(1 for _ in f) - 1
    for path in (local_out, spark_out):
        if os.path.exists(path):
            os.remove(path)
    os.rmdir(folder)
    name = ' + '.join(os.path.basename(p) for p in paths)
    return ('| %s | %.1f | %d | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |'
            % (name, size, words, same, local[0], spark[0], local[1], spark[1], spark[2], spark[3], spark[4]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('corpora', nargs='+', help='corpus files; several files of one corpus joined by +')
    ap.add_argument('--spark-only', action='store_true', help='only the Spark run (its memory)')
    ap.add_argument('--append', action='store_true')
    args = ap.parse_args()
    before = load()
    rows = ['| corpus | MB | words | same TSV | local -p 2 s | Spark s | local peak MB (tree) | '
            'Spark peak MB (tree) | Spark driver (Python) MB | Spark JVM MB | Spark workers MB |',
            '|---|---|---|---|---|---|---|---|---|---|---|']
    for corpus in args.corpora:
        rows.append(compare(corpus, args.spark_only))
        print(rows[-1])
    text = '\n'.join(['', '## Spark (local[2]) against local discovery (issue 13)',
                      '`python bench/bench_spark.py %s` (%s), load average before %s, after %s'
                      % (' '.join(sys.argv[1:]), sys.version.split()[0], before, load()), ''] + rows) + '\n'
    publish(text, args.append)


if __name__ == '__main__':
    main()
