# -*- coding: utf-8 -*-
"""Word discovery on Apache Spark: the lexicon of :func:`~nlp_zero.discovery.discover_words`, on a cluster.

An optional extra, for Python 3.9 and later: ``pip install "nlp-zero[spark]"``
installs pyspark (which needs Java 17).  ``import nlp_zero`` never imports
this module or pyspark.

Method: the two passes of :mod:`nlp_zero.discovery`, each a Spark job over
the lines of the corpus (text files on any Hadoop path -- local, ``hdfs://``,
``s3a://``, globs -- or an RDD or DataFrame of lines):

1. **count** (:func:`count_ngrams_spark`) -- every partition counts its
   lines with the package's own :class:`~nlp_zero.ngrams.NgramCounter`
   (map-side combine), tagging each n-gram with where it was first seen;
   ``reduceByKey`` adds the counts up, and the strings of two or more
   symbols seen fewer than ``min_count`` times are dropped on the cluster.
   The counts stay there (:class:`SparkCounts`) until
   :meth:`SparkCounts.to_counter` brings at most ``max_ngrams`` of them --
   the rarest pruned on the cluster first -- to the driver as an
   :class:`~nlp_zero.ngrams.NgramCounter`, in the order of first
   occurrence in the text, which is the order the local counter holds them
   in.  The model's floating-point sums then add the same numbers in the
   same order, so the lexicon is the local one, bit for bit.
2. **fit**, on the driver -- :func:`~nlp_zero.discovery.fit_phase`, as locally.
3. **segment** (:func:`segment_spark`) -- the model is broadcast; every
   partition cuts its lines with :func:`~nlp_zero.discovery.segment_blocks`
   and ``reduceByKey`` adds the word counts up (integers: exact).
4. **lexicon**, on the driver -- :func:`~nlp_zero.discovery.lexicon_phase`.

Same results: with the same options, :func:`discover_words_spark` returns
the lexicon :func:`~nlp_zero.discovery.discover_words` returns on the same
text (same words, counts and scores) as long as the local run did not prune
its counts while counting (``lexicon.max_error`` 1 there; a local run prunes
when its distinct n-grams exceed ``memory / BYTES_PER_NGRAM``, 6.7 M with
1 GiB).  The cluster counts exactly; when the counts are more than the model
fits in ``memory`` (``memory / BYTES_PER_FITTED`` strings, 2.7 M with 1 GiB)
both prune them with the same threshold, so they agree then too
(``lexicon.max_error`` included: both add that threshold).
Differences from the local reader: Hadoop reads text as UTF-8 (bad bytes
become U+FFFD; the local reader refuses them, or detects GB18030 / UTF-16),
decompresses by file name (``.gz``, ``.bz2``; not ``.xz``), and a path may
not contain a comma (Spark's separator of paths).

Cost.  Executors: each Python worker holds the counts of its partition's
lines up to ``memory / BYTES_PER_NGRAM`` n-grams, then hands them to the
shuffle and starts again (exact counts in bounded memory); in pass 2, the
model (about 150 bytes per candidate) and the partition's word counts.
Driver: at most ``memory / BYTES_PER_FITTED`` n-grams (2.7 M with the
default 1 GiB: about 1 GiB while the model is fitted), whatever the size of
the corpus, plus the word counts (one per distinct word).  Counts larger
than that stay on the cluster, pruned to the budget before they reach the
driver.  Time: as the local passes, spread over the executors, plus the
shuffle of the (n-gram, count) pairs.

Command line: ``nlp-zero discover --spark [--master URL] PATHS -o lexicon.txt``;
with ``spark-submit``, run this file (it takes the arguments of ``nlp-zero
discover``)::

    spark-submit --master 'local[2]' "$(python -c 'import nlp_zero.spark as m; print(m.__file__)')" \\
        corpora/xiyouji.txt.gz -o lexicon.txt

Python (``spark`` is a SparkSession)::

    >>> from nlp_zero.spark import discover_words_spark        # doctest: +SKIP
    >>> lex = discover_words_spark(spark, 'hdfs:///corpora/*.txt')   # doctest: +SKIP
    >>> lex.save('lexicon.txt')                                 # doctest: +SKIP
"""
# Absolute imports: spark-submit runs this file as a script (see the end).
from __future__ import absolute_import, division, unicode_literals

import glob
import logging
import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from functools import partial
from itertools import count as _count_from
from operator import add

if sys.version_info < (3, 9):
    raise ImportError('nlp_zero.spark needs Python 3.9 or later (the rest of nlp-zero does not)')
# No "raise ... from None" here (see _alone): Python 2.7 byte-compiles every
# module of the package when it installs it, this one included.
try:
    from pyspark import RDD, StorageLevel
    from pyspark.sql import DataFrame, SparkSession
    from py4j.protocol import Py4JError, Py4JJavaError
except ImportError:
    RDD = None
if RDD is None:   # raised outside the except block: one line, no chained traceback
    raise ImportError('nlp_zero.spark needs pyspark: pip install "nlp-zero[spark]"')

from nlp_zero.corpus import Corpus
from nlp_zero.discovery import (_MIN_COUNT, BYTES_PER_FITTED, DEFAULT_MEMORY, _check_options, count_phase,
                                counted_order, fit_phase, lexicon_phase, segment_blocks)
from nlp_zero.files import InputError
from nlp_zero.lexicon import Lexicon
from nlp_zero.model import Model
from nlp_zero.ngrams import NgramCounter, max_ngrams_for, prune_threshold

__all__ = ['discover_words_spark', 'count_ngrams_spark', 'segment_spark', 'SparkCounts', 'read_lines',
           'spark_session', 'check_java', 'check_paths', 'main']

logger = logging.getLogger(__name__)

_RANK_BITS = 40      # first-seen tag: partition index << _RANK_BITS | rank within the partition
_JAVA = 17           # the Java release pyspark 4 needs
_SCHEME_RE = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:')
_ERROR_LINE_RE = re.compile(r'^\s*(?:[\w.]+\.)?(\w*(?:Error|Exception)): (.+)$', re.MULTILINE)


def discover_words_spark(spark, source, max_len=8, memory=DEFAULT_MEMORY, counts=None):
    """Learn the words of a corpus on Spark; return the :class:`~nlp_zero.lexicon.Lexicon`
    :func:`~nlp_zero.discovery.discover_words` returns on it.

    ``spark``: a SparkSession.  ``source``: a path or a list of paths (any
    Hadoop path or glob), or an RDD or one-column DataFrame of text lines
    whose partitions are in text order (the lexicon is the local one of the
    lines in that order; ``spark.read.text`` orders files by size, not as
    given: pass the paths here instead).
    ``max_len``, ``memory`` and ``counts`` (an NgramCounter or a counts
    file of this corpus on the driver: pass 1 is skipped) mean what they
    mean for ``discover_words``; there are no ``processes``: Spark decides.
    ``memory`` bounds the driver and each Python worker (module docstring).
    Raises :class:`~nlp_zero.files.InputError` (one line) for a missing
    path, an empty glob or a failed job.

    >>> lex = discover_words_spark(spark, ['a.txt', 'hdfs:///more/*.txt'])   # doctest: +SKIP
    >>> lex.most_common(3)                                                 # doctest: +SKIP
    """
    _check_options(max_len, memory, 1)
    lines = read_lines(spark, source)
    if counts is None:
        on_cluster = count_ngrams_spark(lines, counted_order(max_len), min_count=_MIN_COUNT,   # pass 1
                                        memory=memory)
        counter = on_cluster.to_counter(max_ngrams=memory // BYTES_PER_FITTED)
        on_cluster.unpersist()
    else:
        counter = count_phase(None, max_len, memory, 1, counts)
    n_chars = counter.total(1)
    if not n_chars:
        return Lexicon()
    max_error = counter.max_error
    model, reported = fit_phase(counter, max_len, memory, check=counts is not None)      # fit
    words = segment_spark(lines, model)                                                  # pass 2
    lexicon = lexicon_phase(words, reported, n_chars)
    lexicon.max_error = max_error
    return lexicon


# -- input -------------------------------------------------------------------

def read_lines(spark, source):
    """The RDD of text lines of ``source``: path(s), an RDD of lines, or a DataFrame of one column.

    Paths are checked first (:func:`check_paths`); files are read by
    ``SparkContext.textFile`` (UTF-8, one partition per block or per
    compressed file).  Lazy: nothing is read here.
    """
    if isinstance(source, RDD):
        return source
    if isinstance(source, DataFrame):
        if len(source.columns) != 1:
            raise InputError('a DataFrame of text needs exactly one column, got %d: %s'
                             % (len(source.columns), ', '.join(source.columns)))
        return source.rdd.map(_text_of_row)
    paths = [source] if isinstance(source, str) else list(source)
    check_paths(paths, spark)
    return spark.sparkContext.textFile(','.join(paths))


def _text_of_row(row):
    return row[0] or ''


def check_paths(paths, spark=None):
    """Raise :class:`~nlp_zero.files.InputError` (one line naming it) for a path
    that names no file or a glob that matches none.

    Local paths (no scheme, or ``file:``) are checked here, without Spark;
    the others, when ``spark`` is given, through Hadoop's file system of the
    session (``FileSystem.globStatus``).  Cost: one listing per path.
    """
    if not paths:
        raise InputError('no input path given')
    for path in paths:
        if not isinstance(path, str) or not path:
            raise InputError('an input path must be a non-empty string, got %r' % (path,))
        if path == '-':
            raise InputError('Spark reads files, not standard input (-); save the text to a file first')
        if ',' in path:
            raise InputError('%s: Spark cannot read a path with a comma in it (it separates paths)' % path)
        local = _local_path(path)
        if local is not None and '{' not in local:
            found = glob.glob(local) if glob.has_magic(local) else ([local] if os.path.exists(local) else [])
        elif spark is not None:
            found = _hadoop_glob(spark, path)
        else:
            continue
        if not found:
            raise InputError('%s: %s' % (path, 'no file matches' if glob.has_magic(path) else 'no such file'))


def _local_path(path):
    """The local file name of ``path``, or None when it names another file system."""
    if path.startswith('file:'):
        return re.sub('^file:(//)?', '', path)
    return None if _SCHEME_RE.match(path) else path


def _hadoop_glob(spark, path):
    """The files Hadoop finds for ``path`` (a list; empty when none)."""
    context = spark.sparkContext
    with _one_line_errors(path):
        hadoop_path = context._jvm.org.apache.hadoop.fs.Path(path)
        statuses = hadoop_path.getFileSystem(context._jsc.hadoopConfiguration()).globStatus(hadoop_path)
    return list(statuses or [])


# -- pass 1: counting ------------------------------------------------------

class SparkCounts(object):
    """N-gram counts on the cluster: what :func:`count_ngrams_spark` returns.

    ``rdd``: pairs ``(encoded n-gram, (count, first_seen))``, persisted;
    ``order``; ``total(n)``: the n-gram tokens of order ``n`` counted (all
    of them, those dropped by ``min_count`` too); ``max_error``: the error
    bound of the counts (``min_count - 1``).  ``len()`` counts the pairs
    (a Spark job).  :meth:`to_counter` brings them to the driver;
    :meth:`unpersist` frees the cluster's copy.
    """

    def __init__(self, rdd, order, totals, max_error):
        self.rdd, self.order, self.totals, self.max_error = rdd, order, totals, max_error

    def total(self, n):
        """N-gram tokens of order ``n`` counted."""
        return self.totals[n - 1]

    def __len__(self):
        return self.rdd.count()

    def to_counter(self, max_ngrams=None):
        """The counts as an :class:`~nlp_zero.ngrams.NgramCounter` on the driver.

        With ``max_ngrams``, when there are more, the rarest are dropped on
        the cluster first, with the threshold the local counter's own prune
        would choose (:func:`~nlp_zero.ngrams.prune_threshold`; it adds to
        ``max_error``).  The n-grams arrive sorted by where they were first
        seen, partition by partition (``toLocalIterator``): the driver holds
        the counter and one partition.  Cost: a histogram job when
        ``max_ngrams`` is given, a sort, then the transfer.
        """
        pairs = self.rdd
        threshold = 0
        if max_ngrams is not None and self.total(1):
            with _one_line_errors('counting'):
                threshold = prune_threshold(dict(pairs.map(_count_of).countByValue()), max_ngrams)
            if threshold:
                logger.info('memory budget: strings seen %d times or less dropped on the cluster', threshold)
                pairs = pairs.filter(partial(_seen_more_than, threshold))
        counts = dict((n, {}) for n in range(1, self.order + 1))
        with _one_line_errors('counting'):
            for key, (value, _) in pairs.sortBy(_first_seen).toLocalIterator():
                counts[len(key)][key] = value
        return NgramCounter.from_encoded(counts, self.totals, self.max_error + threshold)

    def unpersist(self):
        """Free the persisted counts on the cluster."""
        self.rdd.unpersist()


def count_ngrams_spark(lines, order=5, min_count=1, memory=DEFAULT_MEMORY):
    """Count the n-grams of orders 1..``order`` of an RDD of text lines; return :class:`SparkCounts`.

    Each partition counts with :class:`~nlp_zero.ngrams.NgramCounter`,
    handing its counts to the shuffle whenever they reach
    ``max_ngrams_for(memory)`` n-grams (so a Python worker stays within
    ``memory``; counts stay exact); ``reduceByKey`` adds them; n-grams of
    two or more symbols seen fewer than ``min_count`` times are dropped on
    the cluster.  Each n-gram keeps the smallest ``(partition, rank)`` tag
    it was emitted with: sorting by it gives the order of first occurrence.
    Runs one job (the totals); the counts stay persisted on the cluster.
    """
    flush_at = max_ngrams_for(memory)
    counted = lines.mapPartitionsWithIndex(partial(_count_partition, order=order, flush_at=flush_at))
    summed = counted.reduceByKey(_add_tagged).persist(StorageLevel.MEMORY_AND_DISK)
    with _one_line_errors('counting'):
        totals = summed.map(_order_and_count).reduceByKey(add).collectAsMap()
    kept = summed.filter(partial(_frequent, min_count)) if min_count > 1 else summed
    logger.info('pass 1 on Spark: %d characters counted', totals.get(1, 0))
    return SparkCounts(kept, order, [totals.get(n, 0) for n in range(1, order + 1)], min_count - 1)


def _count_partition(index, lines, order, flush_at):
    """Executor: the tagged counts of one partition, ``(encoded n-gram, (count, first_seen))``.

    ``first_seen`` is ``index << _RANK_BITS`` plus the rank of the n-gram
    among those the partition emitted so far (ranks keep growing after a
    flush: a later tag is never smaller)."""
    counter = NgramCounter(order)
    ranks = _count_from(index << _RANK_BITS)
    for block in Corpus.from_texts(lines).iter_blocks():
        counter.update(block)
        if len(counter) > flush_at:
            for pair in _tagged(counter.pop_counts(), ranks):
                yield pair
    for pair in _tagged(counter.pop_counts(), ranks):
        yield pair


def _tagged(counts, ranks):
    for grams in counts.values():
        for pair in zip(grams, zip(grams.values(), ranks)):
            yield pair


def _add_tagged(a, b):
    return a[0] + b[0], min(a[1], b[1])


def _order_and_count(pair):
    return len(pair[0]), pair[1][0]


def _frequent(min_count, pair):
    return pair[1][0] >= min_count or len(pair[0]) == 1


def _seen_more_than(threshold, pair):
    return pair[1][0] > threshold


def _count_of(pair):
    return pair[1][0]


def _first_seen(pair):
    return pair[1][1]


# -- pass 2: segmentation ------------------------------------------------

def segment_spark(lines, model):
    """Cut the RDD of text ``lines`` with ``model`` on the cluster; return {word text: count}.

    The model's tables are broadcast (pickled once, unpickled once per
    Python worker); each partition is cut by
    :func:`~nlp_zero.discovery.segment_blocks` and ``reduceByKey`` adds the
    word counts.  Memory: the model per Python worker, the word counts on
    the driver.
    """
    tables = lines.context.broadcast((model.score, model.pairs, model.ends, model.starts, model.single))
    try:
        with _one_line_errors('segmenting'):
            return lines.mapPartitions(partial(_segment_partition, tables)).reduceByKey(add).collectAsMap()
    finally:
        tables.destroy()


def _segment_partition(tables, lines):
    words = segment_blocks(Corpus.from_texts(lines).iter_blocks(), Model(*tables.value))
    return iter(words.items())


# -- sessions, errors, command line ---------------------------------------

def check_java():
    """Raise :class:`~nlp_zero.files.InputError` (one line) unless the Java that
    Spark would start (``$JAVA_HOME/bin/java``, else ``java`` on PATH) is
    release 17 or later.  Cost: one ``java -version``."""
    home = os.environ.get('JAVA_HOME')
    java = os.path.join(home, 'bin', 'java') if home else shutil.which('java')
    where = '$JAVA_HOME/bin/java' if home else 'java on PATH'
    if not java or not os.access(java, os.X_OK):
        raise InputError('Spark needs Java %d: no %s; install Java %d and set JAVA_HOME' % (_JAVA, where, _JAVA))
    try:
        report = subprocess.run([java, '-version'], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                timeout=120).stdout.decode('utf-8', 'replace')
    except (OSError, subprocess.SubprocessError) as exc:
        raise InputError('Spark needs Java %d: %s does not run (%s)' % (_JAVA, java, exc))
    found = re.search(r'version "(\d+)(?:\.(\d+))?', report)
    release = (int(found.group(2) if found.group(1) == '1' else found.group(1)) if found else 0)
    if release < _JAVA:
        raise InputError('Spark needs Java %d: %s is %s' % (
            _JAVA, java, 'Java %d' % release if release else 'not a Java runtime it recognises'))


def spark_session(master=None, app_name='nlp-zero'):
    """A SparkSession (the running one, or a new one on ``master``); Java checked first.

    Under ``spark-submit`` the master comes from it; ``master`` (e.g.
    ``'local[2]'``, ``'yarn'``) overrides it.  In local mode outside
    ``spark-submit``, the Python workers run this interpreter unless
    ``PYSPARK_PYTHON`` says otherwise.  Raises InputError (one line)
    when Java or Spark cannot start.
    """
    check_java()
    if (master or 'local').startswith('local') and 'PYSPARK_GATEWAY_PORT' not in os.environ:
        # Local mode, not under spark-submit: the workers run this interpreter
        # (pyspark's default, ``python3`` on PATH, may lack nlp-zero).
        os.environ.setdefault('PYSPARK_PYTHON', sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    try:
        return builder.getOrCreate()
    except Exception as exc:   # the JVM did not start (pyspark's own error types vary by release)
        raise _alone(InputError('Spark did not start (it needs Java %d): %s' % (_JAVA, _reason(exc))))


def _alone(error):
    """``error``, raised without the exception being handled in its traceback:
    ``raise _alone(e)`` is ``raise e from None`` in syntax Python 2.7 compiles."""
    error.__cause__ = None
    error.__suppress_context__ = True
    return error


@contextmanager
def _one_line_errors(what):
    """Turn a failed Spark job or JVM call into one InputError line (no Py4J trace)."""
    try:
        yield
    except InputError:
        raise
    except (Py4JJavaError, Py4JError) as exc:
        raise _alone(InputError('%s failed on Spark: %s' % (what, _reason(exc))))
    except Exception as exc:
        if type(exc).__module__.split('.')[0] not in ('pyspark', 'py4j'):
            raise
        raise _alone(InputError('%s failed on Spark: %s' % (what, _reason(exc))))


def _reason(exc):
    """The line of an exception from Spark that says what went wrong: an
    nlp-zero InputError raised by a worker first, else the first
    ``...Error: ...`` / ``...Exception: ...`` line, else its first line."""
    text = str(exc)
    found = _ERROR_LINE_RE.findall(text)
    for name, message in found:
        if name == 'InputError':
            return message.strip()
    if found:
        return '%s: %s' % (found[0][0], found[0][1].strip())
    return (text.strip().split('\n') or [type(exc).__name__])[0][:300]


def discover_on_spark(paths, master=None, **options):
    """What ``nlp-zero discover --spark`` runs: check the paths, start Spark (or
    use the running session), :func:`discover_words_spark`, stop the session
    if it started it.  Returns the Lexicon."""
    check_paths(paths)
    running = SparkSession.getActiveSession()
    spark = running or spark_session(master)
    if running is None:
        spark.sparkContext.setLogLevel('ERROR')
    try:
        return discover_words_spark(spark, paths, **options)
    finally:
        if running is None:
            spark.stop()


def main(argv=None):
    """``python -m nlp_zero.spark ARGS`` / ``spark-submit .../nlp_zero/spark.py ARGS``:
    ``nlp-zero discover --spark ARGS``; returns the exit code."""
    from nlp_zero.cli import main as cli_main
    return cli_main(['discover', '--spark'] + list(sys.argv[1:] if argv is None else argv))


if __name__ == '__main__':
    # Run as a file (spark-submit) or by ``python -m``: call the function of the
    # imported module, so that Spark ships its functions by name, not by value.
    from nlp_zero.spark import main as _main
    sys.exit(_main())
