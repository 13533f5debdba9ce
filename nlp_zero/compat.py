# -*- coding: utf-8 -*-
"""Every Python 2 / Python 3 difference nlp-zero cares about, in one place.

Other modules import from here instead of testing ``sys.version_info``
themselves, so the rest of the code base reads as plain Python 3.
"""
from __future__ import absolute_import, division, unicode_literals

import errno
import os
import sys

PY2 = sys.version_info[0] == 2

if PY2:  # pragma: no cover - exercised by the Python 2.7 CI job
    text_type = unicode  # noqa: F821
    binary_type = str
    string_types = (str, unicode)  # noqa: F821
    integer_types = (int, long)  # noqa: F821
    unichr = unichr  # noqa: F821
    range = xrange  # noqa: F821
    from itertools import izip as zip  # noqa: F401
    from collections import Iterable, Mapping, MutableMapping  # noqa: F401
    import cPickle as pickle  # noqa: F401
    from time import time as perf_counter  # noqa: F401

    def iteritems(d):
        return d.iteritems()

    def itervalues(d):
        return d.itervalues()

    def iterkeys(d):
        return d.iterkeys()

    def replace_file(src, dst):
        """Rename ``src`` over ``dst`` (atomic on POSIX, like os.replace)."""
        if os.name == 'nt' and os.path.exists(dst):
            os.remove(dst)
        os.rename(src, dst)

    def to_native_str(s):
        """Text to the ``str`` type of this Python (bytes on 2, text on 3)."""
        return s.encode('utf-8') if isinstance(s, unicode) else s  # noqa: F821

    def stdin_bytes():
        return sys.stdin

    def stdout_bytes():
        return sys.stdout

    def stderr_bytes():
        return sys.stderr

    class FileNotFoundError(IOError):  # noqa: A001 - mirror the Python 3 name
        pass

else:
    text_type = str
    binary_type = bytes
    string_types = (str,)
    integer_types = (int,)
    unichr = chr
    range = range
    zip = zip
    from collections.abc import Iterable, Mapping, MutableMapping  # noqa: F401
    import pickle  # noqa: F401
    from time import perf_counter  # noqa: F401
    FileNotFoundError = FileNotFoundError  # noqa: A001

    def iteritems(d):
        return iter(d.items())

    def itervalues(d):
        return iter(d.values())

    def iterkeys(d):
        return iter(d.keys())

    replace_file = os.replace

    def to_native_str(s):
        """Text to the ``str`` type of this Python (bytes on 2, text on 3)."""
        return s.decode('utf-8') if isinstance(s, bytes) else s

    def stdin_bytes():
        return sys.stdin.buffer

    def stdout_bytes():
        return sys.stdout.buffer

    def stderr_bytes():
        return sys.stderr.buffer


try:  # the C loop behind Counter.update (CPython 3)
    from _collections import _count_elements as count_elements  # noqa: F401
except ImportError:  # pragma: no cover - Python 2, PyPy (where a plain loop is JIT-compiled)
    try:
        from collections import _count_elements as count_elements  # noqa: F401
    except ImportError:
        def count_elements(mapping, iterable):
            """``mapping[item] += 1`` for each item (what Counter.update does)."""
            get = mapping.get
            for item in iterable:
                mapping[item] = get(item, 0) + 1


def is_missing_file_error(exc):
    """True when ``exc`` says a path does not exist (on Python 2 and 3)."""
    return isinstance(exc, (IOError, OSError)) and getattr(exc, 'errno', None) == errno.ENOENT


def isatty(stream):
    """True when ``stream`` is an interactive terminal (False for anything odd)."""
    try:
        return bool(stream.isatty())
    except Exception:  # closed, replaced by a test double, ...
        return False
