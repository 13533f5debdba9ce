# -*- coding: utf-8 -*-
"""Every Python 2 / Python 3 difference nlp-zero cares about, in one place.

Other modules import from here instead of testing ``sys.version_info``
themselves, so the rest of the code base reads as plain Python 3.
"""
from __future__ import absolute_import, division, unicode_literals

import errno
import io
import os
import platform
import re
import sys

PY2 = sys.version_info[0] == 2
#: CPython frees an object when its last reference goes (PyPy, at its next
#: collection).
REFCOUNTED = platform.python_implementation() == 'CPython'
#: How much more memory the same objects take here than on CPython, for the
#: memory budgets (``ngrams.BYTES_PER_NGRAM``, ``discovery.BYTES_PER_FITTED``):
#: PyPy's objects are larger, and it keeps its garbage until a major
#: collection (bench/RESULTS.md).
MEMORY_FACTOR = 1.0 if REFCOUNTED else 2.0

if PY2:  # pragma: no cover - exercised by the Python 2.7 CI job
    text_type = unicode  # noqa: F821
    binary_type = str
    string_types = (str, unicode)  # noqa: F821
    integer_types = (int, long)  # noqa: F821
    unichr = unichr  # noqa: F821
    range = xrange  # noqa: F821
    from itertools import izip as zip, imap as map  # noqa: F401
    from collections import OrderedDict as ordered_dict  # noqa: F401
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

    def byte_stream(stream):
        """Where bytes go for the text stream ``stream`` (sys.stderr, ...):
        Python 2's standard streams take bytes themselves."""
        return stream

    def utf8_bytes(text):
        """``text`` as UTF-8 bytes (Python 2 has no surrogate escapes to undo)."""
        return text.encode('utf-8', 'replace')

    def arg_text(arg):
        """A command-line argument as text: Python 2 gives UTF-8 bytes."""
        return arg.decode('utf-8', 'replace') if isinstance(arg, bytes) else arg

    def argv_text(argv):
        """All command-line arguments as text, so argparse, paths and
        messages all see one string type."""
        return [arg_text(arg) for arg in argv]

    def utf8_lines(stream):
        """Lines (with their ending) of the binary file ``stream`` decoded as
        UTF-8.  A plain generator: Python 2's GzipFile and BZ2File cannot sit
        under io.TextIOWrapper.  Lines end at '\\n' only."""
        for line in stream:
            yield line.decode('utf-8')

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
    map = map
    ordered_dict = dict   # insertion-ordered on CPython 3.6+ and PyPy
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

    def byte_stream(stream):
        """Where bytes go for the text stream ``stream`` (sys.stderr, ...):
        its ``buffer``, or None for a text-only stream (a test double)."""
        return getattr(stream, 'buffer', None)

    def utf8_bytes(text):
        """``text`` as UTF-8 bytes; a file name's undecodable bytes, which
        Python 3 holds as surrogate escapes, come back as the original bytes.
        Any other unencodable character becomes '?'."""
        try:
            return text.encode('utf-8', 'surrogateescape')
        except UnicodeError:
            return text.encode('utf-8', 'replace')

    def arg_text(arg):
        """A command-line argument that is text (a sentence, a separator): on
        Python 3.6 under the C locale, undo the surrogate escapes of a UTF-8
        argument.  Not for paths, which must keep Python's own escapes to
        round-trip through the file system encoding."""
        if isinstance(arg, bytes):
            return arg.decode('utf-8', 'replace')
        if any('\udc80' <= ch <= '\udcff' for ch in arg):
            try:
                return arg.encode(sys.getfilesystemencoding(), 'surrogateescape').decode('utf-8')
            except (UnicodeError, LookupError):
                return arg
        return arg

    def argv_text(argv):
        """The command-line arguments, already text on Python 3 (paths keep
        their surrogate escapes; see :func:`arg_text`)."""
        return list(argv)

    def utf8_lines(stream):
        """Lines (with their ending) of the binary file ``stream`` decoded as
        UTF-8, through io.TextIOWrapper (its C decoder is the fast path)."""
        return io.TextIOWrapper(stream, encoding='utf-8')


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


try:
    import lzma  # noqa: F401
except ImportError:  # pragma: no cover - Python 2 without backports.lzma
    try:
        from backports import lzma  # type: ignore  # noqa: F401
    except ImportError:
        lzma = None  # xz files then raise a one-line InputError (files._xz_module)


if sys.maxunicode > 0xFFFF:
    # Every surrogate code point in a string is a lone one (a character
    # outside the BMP is one code point), and UTF-8 cannot encode it.
    _LONE_SURROGATE_RE = re.compile('[\ud800-\udfff]')
else:  # pragma: no cover - a narrow Python 2 build: pairs are characters
    _LONE_SURROGATE_RE = re.compile('[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]')


def find_lone_surrogate(text):
    """Index of the first lone surrogate in ``text`` (-1 when none).

    A lone surrogate (U+D800..U+DFFF not part of a pair) is not a character:
    it cannot be written as UTF-8.  Python 3 makes them from undecodable
    command-line bytes, Python 2 decodes them from CESU-8 bytes.  Cost: one C
    regular-expression scan.
    """
    match = _LONE_SURROGATE_RE.search(text)
    return match.start() if match else -1


def is_missing_file_error(exc):
    """True when ``exc`` says a path does not exist (on Python 2 and 3)."""
    return isinstance(exc, (IOError, OSError)) and getattr(exc, 'errno', None) == errno.ENOENT


def isatty(stream):
    """True when ``stream`` is an interactive terminal (False for anything odd)."""
    try:
        return bool(stream.isatty())
    except Exception:  # closed, replaced by a test double, ...
        return False
