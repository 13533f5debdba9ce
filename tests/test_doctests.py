# -*- coding: utf-8 -*-
"""The examples in the modules' docstrings run and print what they show.

On Python 2 the reprs of text carry a ``u`` prefix and escape non-ASCII
characters (``[u'\\u4f60']``); the examples are written for Python 3, so
there the checker turns Python 2 reprs into Python 3 ones before comparing.
"""
from __future__ import absolute_import, unicode_literals

import doctest
import importlib
import os
import re
import sys

import pytest

from nlp_zero.compat import PY2, unichr

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.join(HERE, '..', 'nlp_zero')
MODULES = sorted(name[:-3] for name in os.listdir(PACKAGE)
                 if name.endswith('.py') and not name.startswith('__'))

_U_PREFIX = re.compile(r"\bu(?=['\"])")
_ESCAPE = re.compile(r'\\u([0-9a-f]{4})|\\U([0-9a-f]{8})')


def _py3_repr(text):
    text = _U_PREFIX.sub('', text)
    return _ESCAPE.sub(lambda m: unichr(int(m.group(1) or m.group(2), 16)), text)


class _Py3ReprChecker(doctest.OutputChecker):
    def check_output(self, want, got, optionflags):
        if PY2:
            got = _py3_repr(got)
        return doctest.OutputChecker.check_output(self, want, got, optionflags)


@pytest.mark.parametrize('name', MODULES)
def test_docstring_examples(name):
    if name == 'spark':   # the optional extra: Python 3.9+ with pyspark
        if sys.version_info < (3, 9):
            pytest.skip('nlp_zero.spark needs Python 3.9 or later')
        pytest.importorskip('pyspark', reason='nlp_zero.spark needs pyspark (pip install "nlp-zero[spark]")')
    module = importlib.import_module('nlp_zero.' + name)
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(checker=_Py3ReprChecker(), optionflags=doctest.ELLIPSIS)
    for test in finder.find(module, module.__name__):
        runner.run(test)
    failed, attempted = runner.summarize(verbose=False)
    assert failed == 0, '%d of %d docstring examples failed in nlp_zero.%s' % (failed, attempted, name)


@pytest.mark.parametrize('name', MODULES + ['__init__', '__main__'])
def test_every_module_compiles_on_this_interpreter(name):
    # pip byte-compiles every module when it installs the package, on every
    # interpreter: a module that runs only on newer Pythons (nlp_zero.spark)
    # must still be valid syntax for Python 2.7.
    path = os.path.join(PACKAGE, name + '.py')
    with open(path, 'rb') as source:
        compile(source.read(), path, 'exec')
