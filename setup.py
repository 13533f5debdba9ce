# -*- coding: utf-8 -*-
"""Packaging for nlp-zero: zero runtime dependencies, Python 2.7 and 3.6+ (CPython, PyPy).

Install with tests:  python -m pip install -e ".[test]"   then   python -m pytest tests
"""
import io
import os
import re

from setuptools import setup

HERE = os.path.abspath(os.path.dirname(__file__))
# One version number: the package's own (not imported: setup.py must run before install).
with io.open(os.path.join(HERE, 'nlp_zero', '__init__.py'), encoding='utf-8') as _f:
    VERSION = re.search(r"^__version__ = '([^']+)'", _f.read(), re.M).group(1)


def long_description():
    path = os.path.join(HERE, 'README.md')
    if not os.path.exists(path):
        return ''
    with io.open(path, encoding='utf-8') as f:
        return f.read()


# Test tools.  Old interpreters need old releases: pip 18 (Python 3.6) and pip 19
# (Python 2.7) do not skip releases whose Requires-Python excludes them, and pip 18
# takes the first requirement it sees for a name without merging later ones, so
# each interpreter range gets its own, mutually exclusive list, with the last
# compatible versions of pytest's own dependencies pinned for 3.6.  jieba: the
# compatibility tests compare with it; regex: an independent UAX #29 (grapheme
# cluster) implementation the tests check the Unicode tables against (CPython
# 3.7+ only: elsewhere only source releases exist, which need a compiler and the
# interpreter's headers; the tests that use it skip without it).
PY2 = 'python_version < "3"'
PY36 = 'python_version >= "3" and python_version < "3.7"'
PY37UP = 'python_version >= "3.7"'
CPYTHON37UP = PY37UP + ' and platform_python_implementation == "CPython"'
TEST_REQUIRES = (
    ['%s; %s' % (req, PY2) for req in ('pytest>=4.6,<5', 'hypothesis<5', 'jieba')] +
    ['%s; %s' % (req, PY36) for req in (
        'pytest<7.1', 'hypothesis<6.32', 'jieba', 'iniconfig<2', 'importlib-metadata<4.9',
        'zipp<3.7', 'typing-extensions<4.2', 'attrs<22.3', 'packaging<22', 'pyparsing<3.1',
        'tomli<2.1', 'pluggy<1.1', 'py<1.12', 'sortedcontainers<3')] +
    ['%s; %s' % (req, PY37UP) for req in ('pytest', 'hypothesis', 'jieba')] +
    ['regex; ' + CPYTHON37UP])

# The Spark extra (nlp_zero.spark, Python 3.9+ only; pyspark 4 needs Java 17).
SPARK_REQUIRES = ['pyspark>=3.5; python_version >= "3.9"']

setup(
    name='nlp-zero',
    version=VERSION,
    description='Learn Chinese words, n-grams and templates from raw text, in pure Python',
    long_description=long_description(),
    long_description_content_type='text/markdown',
    author='nlp-zero authors',
    license='MIT',
    packages=['nlp_zero'],
    package_data={'nlp_zero': ['data/*']},
    include_package_data=True,
    zip_safe=False,
    python_requires='>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*, !=3.5.*',
    install_requires=[],
    extras_require={'test': TEST_REQUIRES, 'spark': SPARK_REQUIRES},
    entry_points={'console_scripts': ['nlp-zero = nlp_zero.cli:main']},
    classifiers=[
        'License :: OSI Approved :: MIT License',
        'Natural Language :: Chinese (Simplified)',
        'Natural Language :: Chinese (Traditional)',
        'Programming Language :: Python :: 2',
        'Programming Language :: Python :: 2.7',
        'Programming Language :: Python :: 3',
        'Programming Language :: Python :: Implementation :: CPython',
        'Programming Language :: Python :: Implementation :: PyPy',
        'Topic :: Text Processing :: Linguistic',
    ],
)
