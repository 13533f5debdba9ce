# -*- coding: utf-8 -*-
"""Opening compressed files and writing output files atomically.

* :func:`open_binary` opens a file for reading and undoes gzip / bzip2 / xz
  compression, recognised by the file's first bytes (not by its name);
  :func:`bytes_consumed` tells how far into the file on disk it has read.
* :func:`atomic_write` writes text to a temporary file beside the target and
  renames it over the target only when the ``with`` block succeeds, so a crash,
  Ctrl-C or a full disk never leaves a half-written file and the previous
  file stays intact.  Compression follows the target's suffix.  An error
  writing names the target, never the temporary file.

Temporary files are named ``.NAME.nlp-zero-tmp.PID.XXXXXX`` (NAME the
target's name, PID the writing process) and are locked (``flock``) by their
writer while it runs.  An error or Ctrl-C removes the file at once; a process
killed outright (``kill -9``, a power cut) cannot, so the next write of the
same target removes the stale temporary files of earlier writes: those whose
process no longer runs on this machine, and those older than an hour that no
process holds locked (the PID was reused).  A live writer's file is never
touched.  Other systems than POSIX have no such clean-up.

>>> with atomic_write('words.txt.gz') as out:   # doctest: +SKIP
...     out.write(u'词语 3\\n')
"""
from __future__ import absolute_import, division, unicode_literals

import bz2
import codecs
import contextlib
import errno
import gzip
import os
import tempfile
import time
import zlib

from .compat import lzma, replace_file

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

_MAGIC = (
    (b'\x1f\x8b', 'gzip'),
    (b'BZh', 'bzip2'),
    (b'\xfd7zXZ\x00', 'xz'),
)
_SUFFIX = {'.gz': 'gzip', '.bz2': 'bzip2', '.xz': 'xz'}

#: Marks the temporary files of :func:`atomic_write`: ``.NAME`` + TEMP_TAG + ``PID.XXXXXX``.
TEMP_TAG = '.nlp-zero-tmp.'
#: Age in seconds after which an unlocked temporary file of ours is stale
#: even though a process with its PID runs (the PID was reused).
STALE_AFTER = 3600


class InputError(ValueError):
    """Input nlp-zero cannot read: the message is one line meant for a person."""


# What a truncated or corrupt compressed file raises while it is read.
_CORRUPT = (EOFError, zlib.error, IOError, OSError) + ((lzma.LZMAError,) if lzma is not None else ())


@contextlib.contextmanager
def reading(label):
    """Context manager: a truncated or corrupt compressed file, bytes that are
    not utf-8, or a failing disk, met while reading ``label``, raise an
    :class:`InputError` naming it instead of a low-level exception."""
    try:
        yield
    except UnicodeDecodeError:
        raise InputError('%s: not utf-8 text (truncated or corrupt file?)' % label)
    except _CORRUPT as exc:
        raise InputError('%s: cannot read: %s (truncated or corrupt file?)'
                         % (label, getattr(exc, 'strerror', None) or exc))


def checked_read(stream, size, label):
    """``stream.read(size)`` under :func:`reading`."""
    with reading(label):
        return stream.read(size)


def _xz_module(path):
    if lzma is None:
        raise InputError('%s: xz files need Python 3 (or the backports.lzma package)' % path)
    return lzma


def _is_stream(path):
    """True when ``path`` names a stream, not a file: a device or FIFO, or an
    alias of an open descriptor (/dev/stdout, /dev/fd/N, /proc/self/fd/N)."""
    if os.path.exists(path) and not os.path.isfile(path):
        return True
    return path.startswith(('/dev/', '/proc/')) or os.path.realpath(path).startswith('/proc/')


def sniff_compression(head):
    """Name of the compression whose magic number starts ``head`` (bytes), or None."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return None


def open_binary(path):
    """Open ``path`` for reading bytes, decompressing gzip/bzip2/xz by content.

    Raises :class:`InputError` with a one-line message for a missing path, a
    directory or an unreadable file.
    """
    if os.path.isdir(path):
        raise InputError('%s: is a directory, not a file' % path)
    try:
        raw = open(path, 'rb')
    except (IOError, OSError) as exc:
        raise InputError('%s: %s' % (path, exc.strerror or exc))
    head = raw.read(6)
    raw.seek(0)
    kind = sniff_compression(head)
    if kind is None:
        return raw
    raw.close()
    if kind == 'gzip':
        return gzip.open(path, 'rb')
    if kind == 'bzip2':
        return bz2.BZ2File(path, 'rb')
    return _xz_module(path).open(path, 'rb')


def bytes_consumed(stream):
    """On-disk bytes read so far from the file under ``stream`` (a stream of
    :func:`open_binary`; compressed bytes for a compressed file, so it is
    comparable with the file's size), or None when the stream cannot tell.

    Asks the operating system for the descriptor's offset, which every
    decompressor shares with its file: no private attribute of gzip / bz2 /
    lzma is needed.  It runs ahead of the decoded data by at most one read
    buffer, which is fine for progress.  Cost: one system call.
    """
    try:
        return os.lseek(stream.fileno(), 0, os.SEEK_CUR)
    except (AttributeError, IOError, OSError, ValueError):  # Python 2's BZ2File has no fileno()
        return None


def _open_compressed_for_write(fileobj, kind, path):
    if kind == 'gzip':
        # mtime=0 and no file name: the same content gives the same bytes.
        return gzip.GzipFile(filename='', mode='wb', fileobj=fileobj, mtime=0)
    if kind == 'bzip2':
        return _BZ2Writer(fileobj)
    if kind == 'xz':
        return _XZWriter(fileobj, _xz_module(path))
    return fileobj


class _StreamCompressorWriter(object):
    """Write-only file object compressing into another file object."""

    def __init__(self, fileobj, compressor):
        self._fileobj = fileobj
        self._compressor = compressor

    def write(self, data):
        self._fileobj.write(self._compressor.compress(data))

    def close(self):
        self._fileobj.write(self._compressor.flush())


class _BZ2Writer(_StreamCompressorWriter):
    def __init__(self, fileobj):
        _StreamCompressorWriter.__init__(self, fileobj, bz2.BZ2Compressor())


class _XZWriter(_StreamCompressorWriter):
    def __init__(self, fileobj, module):
        _StreamCompressorWriter.__init__(self, fileobj, module.LZMACompressor())


def named_error(exc, path):
    """``exc`` (an IOError/OSError met while writing ``path``) as an IOError
    whose ``filename`` is ``path`` (same errno): the person knows the target,
    not our temporary file.  ``path`` may be a name such as 'standard output'."""
    code = getattr(exc, 'errno', None)
    reason = getattr(exc, 'strerror', None) or str(exc)
    if code is None:
        return IOError(path + ': ' + reason)
    return IOError(code, reason, path)


class _NamingWriter(object):
    """A binary file whose I/O errors name ``path`` (what :func:`atomic_write` writes to)."""

    def __init__(self, raw, path):
        self._raw = raw
        self._path = path

    def write(self, data):
        try:
            return self._raw.write(data)
        except (IOError, OSError) as exc:
            raise named_error(exc, self._path)

    def flush(self):
        try:
            self._raw.flush()
        except (IOError, OSError) as exc:
            raise named_error(exc, self._path)

    def close(self):
        try:
            self._raw.close()
        except (IOError, OSError) as exc:
            raise named_error(exc, self._path)

    def __getattr__(self, name):  # tell(), fileno(), closed... for gzip
        return getattr(self._raw, name)


def _process_exists(pid):
    """True when a process ``pid`` runs on this machine (POSIX; True when unsure)."""
    try:
        os.kill(pid, 0)
    except OSError as exc:
        return exc.errno != errno.ESRCH
    return True


def _is_locked(path):
    """True when another open file holds an ``flock`` on ``path`` (False when unsure)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (IOError, OSError):
        return True
    finally:
        os.close(fd)  # also releases our lock
    return False


def _is_stale(path, pid, now):
    """True when the temporary file ``path`` of process ``pid`` is debris (see module doc)."""
    if not _process_exists(pid):
        return True
    try:
        age = now - os.path.getmtime(path)
    except OSError:
        return False
    return age > STALE_AFTER and not _is_locked(path)


def remove_stale_temporaries(path):
    """Remove the temporary files earlier, killed writes of ``path`` left
    beside it (see the module doc for what is stale); return their names.

    Cost: one directory listing.  Errors (a file already gone, no permission)
    are ignored: the clean-up is a courtesy, never a reason to fail.
    """
    if os.name != 'posix' or fcntl is None:
        return []
    directory, name = os.path.split(path)
    prefix = '.' + name + TEMP_TAG
    try:
        names = [n for n in os.listdir(directory or '.') if n.startswith(prefix)]
    except OSError:
        return []
    removed = []
    now = time.time()
    for candidate in names:
        pid = candidate[len(prefix):].split('.', 1)[0]
        full = os.path.join(directory, candidate)
        if pid.isdigit() and _is_stale(full, int(pid), now):
            try:
                os.remove(full)
                removed.append(candidate)
            except OSError:
                pass
    return removed


def _make_temporary(path):
    """Create, lock and open the temporary file for ``path``: ``(file, name)``.

    Errors name ``path`` (a missing directory is said so)."""
    directory, name = os.path.split(path)
    if not os.path.isdir(directory):
        raise IOError(errno.ENOENT, 'cannot write: directory %s does not exist' % directory, path)
    remove_stale_temporaries(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix='.%s%s%d.' % (name, TEMP_TAG, os.getpid()), suffix='',
                                   dir=directory)
    except (IOError, OSError) as exc:
        raise named_error(exc, path)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except (IOError, OSError):  # a file system without locks: the PID rule still holds
                pass
        return os.fdopen(fd, 'wb'), tmp
    except BaseException:  # Ctrl-C or SIGTERM right after the creation
        os.close(fd)
        os.remove(tmp)
        raise


@contextlib.contextmanager
def atomic_write(path, encoding='utf-8', binary=False):
    """Context manager: a writer whose content replaces ``path`` only on success.

    Yields an object with ``write(text)`` (or ``write(bytes)`` when
    ``binary``).  The file is compressed when ``path`` ends in ``.gz``,
    ``.bz2`` or ``.xz``.  On any exception (including KeyboardInterrupt) the
    temporary file is removed and ``path`` is left as it was.  A symlink is
    followed (its target is replaced, the link kept); a stream such as
    ``/dev/stdout`` or a FIFO is appended to in place, since it cannot be
    replaced.  An I/O error (no space left, permission denied, a missing
    directory) is raised as an IOError/OSError whose ``filename`` is
    ``path``.  The temporary file and the clean-up of those a killed write
    left are described in the module doc.  Memory: the compressor's buffer.
    """
    kind = _SUFFIX.get(os.path.splitext(path)[1].lower())
    path = os.path.abspath(path)
    if os.path.isdir(path):
        raise InputError('%s: is a directory, not a file' % path)
    if _is_stream(path):
        # Renaming over /dev/stdout or a FIFO would replace the device node
        # (or the file a shell opened with >>); append mode writes after what
        # the stream already holds, as the shell's own redirection would.
        # os.open: Python 3.6's open(..., 'ab') seeks, which a pipe refuses.
        try:
            raw = os.fdopen(os.open(path, os.O_WRONLY | os.O_APPEND), 'wb')
        except (IOError, OSError) as exc:
            raise named_error(exc, path)
        named = _NamingWriter(raw, path)
        try:
            stream = _open_compressed_for_write(named, kind, path)
            yield stream if binary else codecs.getwriter(encoding)(stream)
            if stream is not named:
                stream.close()
            named.close()
        except BaseException:
            _close_quietly(raw)
            raise
        return
    # Through a symlink, replace its target and keep the link.
    path = os.path.realpath(path)
    raw, tmp = _make_temporary(path)
    try:
        named = _NamingWriter(raw, path)
        stream = _open_compressed_for_write(named, kind, path)
        writer = stream if binary else codecs.getwriter(encoding)(stream)
        yield writer
        if stream is not named:
            stream.close()
        named.flush()
        try:
            os.fsync(raw.fileno())
            named.close()
            _set_mode(tmp, path)
            replace_file(tmp, path)
        except (IOError, OSError) as exc:
            raise named_error(exc, path)
    except BaseException:
        _close_quietly(raw)
        try:
            os.remove(tmp)
        except OSError:
            pass
        raise


def _close_quietly(raw):
    """Close ``raw`` after an error: the disk that failed a write may fail
    the final flush too, and the first error is the one to report."""
    try:
        raw.close()
    except (IOError, OSError):
        pass


def _set_mode(tmp, path):
    """Give ``tmp`` the mode of the file it replaces, or the umask's default."""
    if os.path.exists(path):
        os.chmod(tmp, os.stat(path).st_mode & 0o7777)
    else:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
