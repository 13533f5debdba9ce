# -*- coding: utf-8 -*-
"""Run the examples of README.md as written.

Every fenced block tagged ``sh``, ``bash`` or ``python`` is run, in the
order of the README, in one scratch directory (so the tour's later steps see
the files the earlier ones wrote).  Conventions, kept deliberately few:

* A block directly preceded by ``<!-- skip-test: reason -->`` is not run.
  Only for commands that cannot run inside the test suite -- the test
  command itself (it would run the tests recursively).  The reason is shown
  as the skip reason.
* A block directly preceded by ``<!-- needs: MODULE ... -->`` is skipped when
  a ``MODULE`` cannot be imported (jieba, a test-only dependency on Python 3);
  ``java`` stands for a Java runtime (``$JAVA_HOME`` or ``java`` on PATH),
  which the Spark examples need besides pyspark.
* ``python -m pip install ... && REST`` runs ``REST`` only: the package under
  test is already installed (the test command installs it), and reinstalling
  it from inside the tests would replace the installation being tested.
* ``python`` and ``nlp-zero`` in shell blocks are this interpreter and its
  console script (or ``python -m nlp_zero`` when the script is not installed),
  with this checkout first on ``PYTHONPATH`` so its code is what runs;
  ``spark-submit`` is the one beside this interpreter, running it.
* ``corpora/`` in the scratch directory holds the bundled corpora, except
  that ``xiyouji.txt.gz`` is cut to its first lines (about 150 KB) so the
  whole README runs in seconds; the commands are exactly the README's.  Set
  ``NLP_ZERO_README_FULL=1`` to run them on the full novel (the README's
  "words within a minute" claim is measured in ``bench/``).
* Shell blocks run with ``bash -e`` (a failing command fails the test; a
  ``| head`` that closes a pipe early is fine).  Python blocks run in a fresh
  interpreter; on Python 2 they get ``from __future__ import print_function,
  unicode_literals`` so the same text works there.
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import gzip
import io
import os
import re
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, 'README.md')
PY2 = sys.version_info[0] == 2
SMALL_CORPUS_BYTES = 150 * 1024

_FENCE = re.compile(r'^```(\w*)[^\n]*\n(.*?)^```[ \t]*$', re.MULTILINE | re.DOTALL)
_SKIP = re.compile(r'<!--\s*skip-test(?::\s*(.*?))?\s*-->\s*$')
_NEEDS = re.compile(r'<!--\s*needs:\s*([\w. ]+?)\s*-->\s*$')
_PIP_PREFIX = re.compile(r'^\s*python -m pip install [^&\n]*&&\s*', re.MULTILINE)


def readme_blocks():
    """[(index, language, code, skip_reason or None, line number)] of README.md."""
    if not os.path.exists(README):
        return []
    text = io.open(README, encoding='utf-8').read()
    blocks = []
    for index, match in enumerate(_FENCE.finditer(text)):
        language = match.group(1).lower()
        if language not in ('sh', 'bash', 'python'):
            continue
        before = text[:match.start()].rstrip('\n').split('\n')
        previous = before[-1].strip() if before else ''
        skip = _SKIP.match(previous)
        reason = (skip.group(1) or 'marked skip-test') if skip else None
        needs = _NEEDS.match(previous)
        missing = [name for name in (needs.group(1).split() if needs else []) if not _available(name)]
        if missing:
            reason = 'needs %s' % ' and '.join(missing)
        line = text.count('\n', 0, match.start()) + 1
        blocks.append((index, language, match.group(2), reason, line))
    return blocks


def _available(name):
    """True when ``name`` -- a module, or ``java`` -- is there."""
    if name != 'java':
        return _importable(name)
    home = os.environ.get('JAVA_HOME')
    if home:
        return os.path.isfile(os.path.join(home, 'bin', 'java'))
    return any(os.path.isfile(os.path.join(folder, 'java'))
               for folder in os.environ.get('PATH', '').split(os.pathsep) if folder)


def _importable(module):
    """True when ``module`` can be imported (found without importing it here)."""
    try:
        from importlib.util import find_spec  # Python 3
    except ImportError:  # Python 2
        import imp
        try:
            imp.find_module(module)
            return True
        except ImportError:
            return False
    return find_spec(module) is not None


BLOCKS = readme_blocks()


def _make_shims(bin_dir):
    """``python`` and ``nlp-zero`` commands for the shell blocks."""
    os.makedirs(bin_dir)
    python = os.path.join(bin_dir, 'python')
    with open(python, 'w') as f:
        f.write('#!/bin/sh\nexec "%s" "$@"\n' % sys.executable)
    script = os.path.join(os.path.dirname(sys.executable), 'nlp-zero')
    shim = os.path.join(bin_dir, 'nlp-zero')
    with open(shim, 'w') as f:
        if os.path.isfile(script):
            f.write('#!/bin/sh\nexec "%s" "$@"\n' % script)
        else:
            f.write('#!/bin/sh\nexec "%s" -m nlp_zero "$@"\n' % sys.executable)
    paths = [python, shim]
    submit = os.path.join(os.path.dirname(sys.executable), 'spark-submit')
    if os.path.isfile(submit):   # pyspark installed: its driver and workers run this interpreter
        paths.append(os.path.join(bin_dir, 'spark-submit'))
        with open(paths[-1], 'w') as f:
            f.write('#!/bin/sh\nPYSPARK_PYTHON="%s" exec "%s" "$@"\n' % (sys.executable, submit))
    for path in paths:
        os.chmod(path, 0o755)


def _make_corpora(target):
    """corpora/ for the scratch directory: links, with the novel shortened."""
    os.makedirs(target)
    source = os.path.join(ROOT, 'corpora')
    full = os.environ.get('NLP_ZERO_README_FULL') == '1'
    for name in (os.listdir(source) if os.path.isdir(source) else []):
        path = os.path.join(source, name)
        if name.endswith('.txt.gz') and not full:
            # The first lines of the book, cut at a line end.
            with gzip.open(path, 'rb') as f:
                head = f.read(SMALL_CORPUS_BYTES)
            head = head[:head.rfind(b'\n') + 1]
            with gzip.open(os.path.join(target, name), 'wb') as f:
                f.write(head)
        else:
            os.symlink(path, os.path.join(target, name))


@pytest.fixture(scope='module')
def scratch(tmpdir_factory):
    """One directory for the whole README, with shims on PATH."""
    base = str(tmpdir_factory.mktemp('readme'))
    _make_shims(os.path.join(base, 'bin'))
    work = os.path.join(base, 'work')
    os.makedirs(work)
    _make_corpora(os.path.join(work, 'corpora'))
    env = dict(os.environ)
    env['PATH'] = os.path.join(base, 'bin') + os.pathsep + env.get('PATH', '')
    env['PYTHONWARNINGS'] = 'ignore'
    env['PYTHONIOENCODING'] = 'utf-8'  # Python 2 printing Chinese into a pipe
    # Before site-packages: the examples run this checkout's code.
    env['PYTHONPATH'] = ROOT + os.pathsep + env.get('PYTHONPATH', '')
    env.pop('NLP_ZERO_TRACEBACK', None)
    state = {'failed': None}
    yield work, env, state
    shutil.rmtree(base, ignore_errors=True)


def test_readme_has_runnable_examples():
    assert os.path.exists(README)
    languages = set(b[1] for b in BLOCKS if b[3] is None)
    assert 'python' in languages and ({'sh', 'bash'} & languages)
    # The first two shell blocks are the set-up commands; the first one runs.
    shell = [b for b in BLOCKS if b[1] in ('sh', 'bash')]
    assert shell[0][3] is None and 'nlp-zero discover corpora/' in shell[0][2]
    assert 'python -m pytest tests' in shell[1][2]


def _ids():
    return ['line%d-%s' % (b[4], b[1]) for b in BLOCKS]


@pytest.mark.parametrize('block', BLOCKS, ids=_ids())
def test_readme_block(block, scratch):
    index, language, code, reason, line = block
    if reason is not None:
        pytest.skip(reason)
    work, env, state = scratch
    if state['failed'] is not None:
        pytest.skip('an earlier README block failed (line %d)' % state['failed'])
    state['failed'] = line  # until proven otherwise: later blocks build on this one
    if language == 'python':
        source = '# -*- coding: utf-8 -*-\n'
        if PY2:
            source += 'from __future__ import print_function, unicode_literals\n'
        source += code
        path = os.path.join(work, '_readme_block_%d.py' % index)
        with io.open(path, 'w', encoding='utf-8') as f:
            f.write(source)
        command = [sys.executable, path]
    else:
        command = ['bash', '-e', '-c', _PIP_PREFIX.sub('', code)]
    proc = subprocess.Popen(command, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    out, err = out.decode('utf-8', 'replace'), err.decode('utf-8', 'replace')
    assert proc.returncode == 0, 'README line %d failed (%d):\n%s\n--- stdout\n%s\n--- stderr\n%s' % (
        line, proc.returncode, code, out[-3000:], err[-3000:])
    assert 'Traceback' not in err
    state['failed'] = None
