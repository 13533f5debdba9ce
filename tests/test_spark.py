# -*- coding: utf-8 -*-
"""nlp_zero.spark: discovery on Apache Spark gives the local lexicon.

Real pyspark in local mode, one SparkSession for the module (starting one
costs seconds).  Skipped, with the reason, on Python < 3.9, without pyspark
or without Java 17; the tests of what happens without pyspark run wherever
Python is 3.9+.
"""
from __future__ import absolute_import, division, unicode_literals

import io
import os
import subprocess
import sys

import pytest

if sys.version_info < (3, 9):
    pytest.skip('nlp_zero.spark needs Python 3.9 or later', allow_module_level=True)

from nlp_zero.cli import main as cli_main   # noqa: E402
from nlp_zero.discovery import discover_words   # noqa: E402
from nlp_zero.files import InputError   # noqa: E402
from nlp_zero.lexicon import Lexicon   # noqa: E402
from nlp_zero.ngrams import count_ngrams   # noqa: E402

from synthetic import make_lexicon, zipf_corpus   # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOVEL = os.path.join(ROOT, 'corpora', 'xiyouji.txt.gz')
NO_PYSPARK = "import sys; sys.modules['pyspark'] = None; "   # as if pyspark were not installed


def _python(code):
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get('PYTHONPATH', ''))
    proc = subprocess.run([sys.executable, '-c', code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    return proc.returncode, proc.stdout.decode('utf-8'), proc.stderr.decode('utf-8')


# -- without pyspark --------------------------------------------------------

def test_import_nlp_zero_never_imports_pyspark():
    code, out, _ = _python('import sys, nlp_zero, nlp_zero.cli, nlp_zero.discovery; '
                           'print(sorted(m for m in sys.modules if m.split(".")[0] in ("pyspark", "py4j")))')
    assert code == 0 and out.strip() == '[]'


def test_import_without_pyspark_names_the_extra():
    code, _, err = _python(NO_PYSPARK + 'import nlp_zero.spark')
    assert code == 1
    assert err.strip().splitlines()[-1] == (
        'ImportError: nlp_zero.spark needs pyspark: pip install "nlp-zero[spark]"')
    assert 'During handling' not in err   # one error, not a chain


def test_cli_without_pyspark_is_one_line(tmp_path):
    out = tmp_path / 'lex.txt'
    code, _, err = _python(NO_PYSPARK + 'from nlp_zero.cli import main; sys.exit(main(%r))'
                           % (['discover', '--spark', NOVEL, '-o', str(out)],))
    assert code == 1 and not out.exists()
    assert err == 'nlp-zero: error: nlp_zero.spark needs pyspark: pip install "nlp-zero[spark]"\n'


# -- with pyspark and Java --------------------------------------------------

def _spark_or_skip():
    pytest.importorskip('pyspark', reason='pyspark is not installed (pip install "nlp-zero[spark]")')
    from nlp_zero import spark
    try:
        spark.check_java()
    except InputError as exc:
        pytest.skip(str(exc))
    return spark


@pytest.fixture(scope='module')
def spark():
    """One local[2] SparkSession for the module (logging quiet)."""
    module = _spark_or_skip()
    session = module.spark_session('local[2]', app_name='nlp-zero-tests')
    session.sparkContext.setLogLevel('ERROR')
    yield session
    session.stop()


@pytest.fixture(scope='module')
def corpus_files(tmp_path_factory):
    """Two files of synthetic text with Latin/digit symbols, a BOM and CRLF line ends."""
    folder = tmp_path_factory.mktemp('spark-corpus')
    lines = zipf_corpus(make_lexicon(300, seed=3), 60000, seed=4)
    lines = ['%s iPhone%d手机，A股%s' % (line, i % 7, line[:5]) if i % 5 == 0 else line
             for i, line in enumerate(lines)]
    half = len(lines) // 2
    paths = []
    for name, part, start in (('a.txt', lines[:half], '\ufeff'), ('b.txt', lines[half:], '')):
        path = folder / name
        with io.open(str(path), 'w', encoding='utf-8', newline='') as f:
            f.write(start + '\r\n'.join(part) + '\r\n')
        paths.append(str(path))
    return paths


def _same_lexicon(got, want):
    assert len(want) > 100
    assert dict(got) == dict(want)
    assert got.scores == want.scores
    assert got.max_error == want.max_error


def test_lexicon_equals_the_local_one(spark, corpus_files):
    from nlp_zero.spark import discover_words_spark
    lines = spark.sparkContext.textFile(','.join(corpus_files), minPartitions=4)
    assert lines.getNumPartitions() >= 4   # the merge of several partitions is what is tested
    _same_lexicon(discover_words_spark(spark, lines), discover_words(corpus_files))


def test_paths_glob_and_options_as_locally(spark, corpus_files):
    from nlp_zero.spark import discover_words_spark
    folder = os.path.dirname(corpus_files[0])
    got = discover_words_spark(spark, os.path.join(folder, '*.txt'), max_len=3)
    _same_lexicon(got, discover_words(corpus_files, max_len=3))


def test_counts_equal_the_local_counts_in_the_same_order(spark, corpus_files):
    from nlp_zero.spark import count_ngrams_spark, read_lines
    lines = read_lines(spark, corpus_files)
    on_cluster = count_ngrams_spark(lines, order=4, min_count=2, memory=1 << 20)   # flushes within partitions
    local = count_ngrams(corpus_files, order=4, min_count=2)
    counter = on_cluster.to_counter()
    assert len(on_cluster) == len(local)
    for n in range(1, 5):
        assert list(counter.encoded(n).items()) == list(local.encoded(n).items())   # order of first occurrence
        assert counter.total(n) == local.total(n)
    assert counter.max_error == local.max_error == 1
    on_cluster.unpersist()


def test_counts_pruned_on_the_cluster_as_the_local_prune(spark, corpus_files):
    from nlp_zero.spark import count_ngrams_spark, read_lines
    on_cluster = count_ngrams_spark(read_lines(spark, corpus_files), order=3, min_count=2)
    local = count_ngrams(corpus_files, order=3, min_count=2)
    limit = len(local) // 3
    threshold = local.prune(max_ngrams=limit)
    counter = on_cluster.to_counter(max_ngrams=limit)
    assert threshold > 1 and 0 < len(counter) <= limit
    for n in range(1, 4):
        assert list(counter.encoded(n).items()) == list(local.encoded(n).items())
        assert counter.total(n) == local.total(n)
    assert counter.max_error == local.max_error
    on_cluster.unpersist()


def test_small_memory_budget_prunes_like_the_local_run(spark, corpus_files):
    from nlp_zero.discovery import BYTES_PER_FITTED
    from nlp_zero.spark import discover_words_spark
    # The cluster counts exactly (a local run in this budget prunes while
    # counting too): the local run gets exact counts, pruned before fitting.
    exact = count_ngrams(corpus_files, order=5, min_count=2)
    memory = len(exact) // 2 * BYTES_PER_FITTED   # room for half the strings: both prune before fitting
    got = discover_words_spark(spark, corpus_files, memory=memory)
    want = discover_words(corpus_files, memory=memory, counts=exact)
    # Words, counts, scores and max_error (with this prune's threshold) agree.
    assert got.max_error == want.max_error > 1
    _same_lexicon(got, want)


def test_dataframe_and_counts_file_inputs(spark, corpus_files, tmp_path):
    from nlp_zero.ngrams import count_ngrams
    from nlp_zero.spark import discover_words_spark
    want = discover_words(corpus_files)
    lines = [line for path in corpus_files for line in io.open(path, encoding='utf-8-sig')]
    frame = spark.createDataFrame([(line,) for line in lines], ['text'])   # partitions in text order
    _same_lexicon(discover_words_spark(spark, frame), want)
    counts = str(tmp_path / 'counts.txt')
    count_ngrams(corpus_files, order=5, min_count=2).save(counts)
    _same_lexicon(discover_words_spark(spark, corpus_files, counts=counts), discover_words(corpus_files, counts=counts))


def test_empty_input_gives_an_empty_lexicon(spark, tmp_path):
    from nlp_zero.spark import discover_words_spark
    empty = tmp_path / 'empty.txt'
    empty.write_bytes(b'')
    assert discover_words_spark(spark, str(empty)) == Lexicon()
    assert discover_words_spark(spark, spark.sparkContext.parallelize([], 2)) == Lexicon()


@pytest.mark.parametrize('path, message', [
    ('/no/such/dir/x.txt', '/no/such/dir/x.txt: no such file'),
    ('/no/such/dir/*.txt', '/no/such/dir/*.txt: no file matches'),
    ('file:///no/such/x.txt', 'file:///no/such/x.txt: no such file'),
    ('a,b.txt', 'a,b.txt: Spark cannot read a path with a comma in it (it separates paths)'),
])
def test_bad_paths_are_one_line(spark, path, message):
    from nlp_zero.spark import discover_words_spark
    with pytest.raises(InputError) as caught:
        discover_words_spark(spark, [NOVEL, path])
    assert str(caught.value) == message


def test_bad_dataframe_and_options(spark):
    from nlp_zero.spark import discover_words_spark
    frame = spark.createDataFrame([('一', '二')], ['a', 'b'])
    with pytest.raises(InputError, match='exactly one column, got 2: a, b'):
        discover_words_spark(spark, frame)
    with pytest.raises(InputError, match='max_len must be'):
        discover_words_spark(spark, [NOVEL], max_len=0)


def test_a_failed_job_is_one_line_and_writes_nothing(spark, tmp_path, capsys):
    broken = tmp_path / 'broken.txt.gz'
    broken.write_bytes(b'this is not gzip data\n' * 10)
    out = tmp_path / 'lex.txt'
    out.write_text('old\n')
    code = cli_main(['discover', '--spark', str(broken), '-o', str(out)])   # the module's session
    err = capsys.readouterr().err
    assert code == 1 and out.read_text() == 'old\n'
    assert err.startswith('nlp-zero: error: counting failed on Spark: ') and err.count('\n') == 1
    assert 'Traceback' not in err and 'py4j' not in err.lower()


def test_cli_in_process_equals_the_local_cli(spark, corpus_files, tmp_path):
    on_spark, local = str(tmp_path / 'spark.tsv'), str(tmp_path / 'local.tsv')
    assert cli_main(['discover', '--spark', '-f', 'tsv', '-q'] + corpus_files + ['-o', on_spark]) == 0
    assert cli_main(['discover', '-f', 'tsv', '-q'] + corpus_files + ['-o', local]) == 0
    with open(on_spark, 'rb') as a, open(local, 'rb') as b:
        assert a.read() == b.read()


def test_cli_bad_input_before_spark_starts(tmp_path, capsys):
    pytest.importorskip('pyspark', reason='pyspark is not installed (pip install "nlp-zero[spark]")')
    out = tmp_path / 'lex.txt'
    for argv, message in (
            (['/no/such.txt'], 'nlp-zero: error: /no/such.txt: no such file\n'),
            (['-'], 'nlp-zero: error: Spark reads files, not standard input (-); save the text to a file first\n'),
            ([str(tmp_path / '*.txt')], 'nlp-zero: error: %s: no file matches\n' % (tmp_path / '*.txt')),
            (['-p', '2', NOVEL], 'nlp-zero: error: -p/--processes does not apply with --spark '
                                 '(Spark decides the parallelism)\n')):
        assert cli_main(['discover', '--spark'] + argv + ['-o', str(out)]) == 1
        assert capsys.readouterr().err == message
    assert not out.exists()
    assert cli_main(['discover', '--master', 'local[2]', NOVEL]) == 2
    assert capsys.readouterr().err.endswith('error: --master needs --spark\n')


def test_no_java_is_one_line(tmp_path, monkeypatch, capsys):
    _spark_or_skip()
    monkeypatch.setenv('JAVA_HOME', str(tmp_path / 'no-java'))
    from nlp_zero.spark import spark_session
    with pytest.raises(InputError) as caught:
        spark_session('local[1]')
    assert str(caught.value) == ('Spark needs Java 17: no $JAVA_HOME/bin/java; '
                                 'install Java 17 and set JAVA_HOME')
    old_java = tmp_path / 'old' / 'bin' / 'java'
    old_java.parent.mkdir(parents=True)
    old_java.write_text('#!/bin/sh\necho \'openjdk version "1.8.0_392"\' >&2\n')
    old_java.chmod(0o755)
    monkeypatch.setenv('JAVA_HOME', str(tmp_path / 'old'))
    with pytest.raises(InputError, match=r'^Spark needs Java 17: .*/old/bin/java is Java 8$'):
        spark_session('local[1]')
