# -*- coding: utf-8 -*-
"""Reading raw text corpora: files, compressed files, stdin, open files, lists.

:class:`Corpus` turns any of these into a re-iterable stream of text lines:

* a path (``str``; ``'-'`` means standard input), a list of paths,
* an open file (text or binary mode),
* any iterable of text strings (a list is re-iterable; a generator can be
  read only once and a second pass raises :class:`InputError`).

Files are decompressed by content (gzip, bzip2, xz magic bytes, whatever their
name), decoded as UTF-8, UTF-8 with BOM, UTF-16 with BOM or GB18030
(auto-detected from the first megabyte unless ``encoding=`` is given), and
split into lines on ``\\n``, ``\\r\\n`` and ``\\r``.  Nothing is held in
memory: each iteration re-opens and re-reads the files, one megabyte at a time,
so a 50 MB line without a newline costs about two copies of that line and no
more.  Undecodable bytes raise :class:`~nlp_zero.files.InputError` naming the
file, line and byte offset (pass ``errors='replace'`` to get U+FFFD instead);
a file with NUL bytes is refused as binary, and a lone surrogate (not valid
Unicode, from a text string or, on Python 2, CESU-8 bytes) with an error
naming the file or text and line.

A single string is a path.  A string that cannot be one -- no such file, and
it holds a line break, or CJK characters and no ``/`` -- raises InputError
at once, saying to pass texts as a list: ``Corpus([text])``.

Progress: ``corpus.size_bytes()`` is the total on-disk size (None when a
source has no size, e.g. stdin), and ``corpus.bytes_read`` grows from 0 to
that size while an iteration runs (compressed files count compressed bytes).

>>> corpus = Corpus([u'今天天气很好\\r\\n', u'iPhone手机'])
>>> list(corpus)
['今天天气很好', 'iPhone手机']
"""
from __future__ import absolute_import, division, unicode_literals

import bz2
import codecs
import io
import os
import re

from .compat import binary_type, find_lone_surrogate, stdin_bytes, string_types, text_type
from .files import (InputError, _xz_module, bytes_consumed, checked_read, open_binary,
                    sniff_compression)

__all__ = ['Corpus', 'read_corpus', 'detect_encoding', 'InputError']

#: Bytes read from a file at a time (the unit of memory use and progress).
CHUNK_BYTES = 1 << 20
#: Lines of an in-memory iterable joined into one block by iter_blocks().
_BLOCK_LINES = 2000

_BOMS = (
    (codecs.BOM_UTF8, 'utf-8-sig'),
    (codecs.BOM_UTF16_LE, 'utf-16'),
    (codecs.BOM_UTF16_BE, 'utf-16'),
)


def detect_encoding(head):
    """Guess the encoding of a file from its first bytes ``head``.

    Returns ``'utf-8-sig'`` / ``'utf-16'`` when a byte-order mark is present,
    else ``'utf-8'`` when ``head`` decodes as UTF-8 (a multi-byte character cut
    at the end of ``head`` is fine), else ``'gb18030'`` when it decodes as
    GB18030, else ``'utf-8'`` (so the error message points at the bad bytes).
    Cost: one decode of ``head``.

    >>> detect_encoding(u'中文'.encode('gb18030'))
    'gb18030'
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    for name in ('utf-8', 'gb18030'):
        try:
            codecs.getincrementaldecoder(name)('strict').decode(head, False)
            return name
        except UnicodeDecodeError:
            continue
    return 'utf-8'


def _is_path(source):
    if isinstance(source, string_types):
        return True
    fspath = getattr(os, 'fspath', None)
    return fspath is not None and hasattr(source, '__fspath__')


# CJK ideographs, kana, hangul, CJK and full-width punctuation: characters
# of a text, which a path argument is unlikely to be.
_CJK_RE = re.compile('[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]')


def _check_not_text(source):
    """Refuse a string passed as a path that is text: ``discover_words('一段中文')``.

    A string is taken for text when no such file exists and it holds a line
    break, or CJK characters and no path separator.  The message covers
    both readings (a mistyped file name, or text)."""
    if not isinstance(source, string_types) or source == '-' or _exists(source):
        return
    if '\n' in source or '\r' in source or (_CJK_RE.search(source) and '/' not in source
                                            and os.sep not in source):
        shown = source if len(source) <= 30 else source[:30] + '...'
        raise InputError("'%s': no such file; to read a text string, pass a list of texts: [text]"
                         % (shown,))


def _surrogate_error(label, text, bad, line_before):
    """InputError for the lone surrogate at ``text[bad]``; ``line_before`` lines precede ``text``."""
    return InputError('%s: line %d: lone surrogate U+%04X: not valid Unicode text'
                      % (label, line_before + _count_line_ends(text[:bad]) + 1, ord(text[bad])))


def _exists(path):
    """os.path.exists, False for a string no file system can name (a lone
    surrogate or a NUL, which Python 3.6 and 2.7 raise on)."""
    try:
        return os.path.exists(path)
    except (UnicodeError, ValueError, TypeError):
        return False


def _native_path(source):
    fspath = getattr(os, 'fspath', None)
    if fspath is not None and hasattr(source, '__fspath__'):
        return fspath(source)
    return source


class _Progress(object):
    """Mutable counters one iteration shares with the Corpus (no globals).

    For a byte range of a file (a parallel worker's), ``path`` and ``start``
    let an error message give the line number in the whole file: the lines
    before the range are counted only then.
    """

    def __init__(self, path=None, start=0):
        self.lines = 0        # line endings seen so far in the current source
        self._path = path
        self._start = start

    def lines_so_far(self):
        """Line endings before the current position, from the start of the file."""
        if not self._start:
            return self.lines
        return self.lines + _line_ends_before(self._path, self._start)


def _line_ends_before(path, end):
    """Line endings ('\\n', '\\r\\n' or '\\r') in the first ``end`` bytes of ``path``.  O(end), in C."""
    ends = 0
    last = b''
    with io.open(path, 'rb') as stream:
        left = end
        while left > 0:
            data = stream.read(min(CHUNK_BYTES, left))
            if not data:
                break
            left -= len(data)
            ends += data.count(b'\n') + data.count(b'\r') - data.count(b'\r\n')
            if last == b'\r' and data[:1] == b'\n':
                ends -= 1   # a '\r\n' cut between two reads
            last = data[-1:]
    return ends


class _LimitedReader(object):
    """Read at most ``limit`` bytes of ``stream`` (for byte-range workers)."""

    def __init__(self, stream, limit):
        self._stream = stream
        self._left = limit

    def read(self, size):
        if self._left <= 0:
            return b''
        data = self._stream.read(min(size, self._left))
        self._left -= len(data)
        return data


def _decode_error(label, exc, chunk, chunk_offset, line_before, encoding):
    """InputError for ``exc`` raised while decoding ``chunk`` (bytes at ``chunk_offset``)."""
    before = chunk[:exc.start]
    text = before.decode(encoding, 'replace').replace('\r\n', '\n').replace('\r', '\n')
    line = line_before + text.count('\n') + 1
    offset = chunk_offset + exc.start
    return InputError('%s: line %d, byte offset %d: cannot decode %r as %s '
                      '(pass encoding=... or errors=\'replace\')'
                      % (label, line, offset, bytes(chunk[exc.start:exc.start + 4]), encoding))


def _iter_text_chunks(stream, label, encoding, errors, progress, start_offset=0):
    """Decode a byte stream into text chunks (BOM removed, NUL bytes refused)."""
    head = checked_read(stream, CHUNK_BYTES, label)
    if not head:
        return
    if encoding is None:
        encoding = detect_encoding(head)
    else:
        try:
            canonical = codecs.lookup(encoding).name
        except LookupError:
            raise InputError('%s: unknown encoding %r' % (label, encoding))
        if canonical == 'utf-8' and head.startswith(codecs.BOM_UTF8):
            encoding = 'utf-8-sig'
    wide = codecs.lookup(encoding).name.startswith(('utf-16', 'utf-32'))
    if not wide and b'\x00' in head:
        raise InputError('%s: looks like a binary file (NUL byte at byte offset %d), not text'
                         % (label, start_offset + head.index(b'\x00')))
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    offset = start_offset
    data = head
    first = True
    while True:
        final = not data
        # Bytes the decoder kept from the previous chunk (an incomplete character).
        try:
            kept = decoder.getstate()[0]
        except (AttributeError, TypeError):
            kept = b''
        try:
            text = decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            raise _decode_error(label, exc, kept + data, offset - len(kept), progress.lines_so_far(), encoding)
        except UnicodeError as exc:   # e.g. 'UTF-16 stream does not start with BOM'
            raise InputError('%s: cannot decode as %s: %s (is that the encoding of this file?)'
                             % (label, encoding, exc))
        if first and text:
            if text[0] == '\ufeff':
                text = text[1:]
            first = False
        if '\ufeff' in text:
            # Byte-order marks inside the text come from files concatenated
            # with `cat`; as zero-width no-break spaces they are obsolete.
            text = text.replace('\ufeff', '')
        if '\x00' in text and not wide:
            raise InputError('%s: line %d: NUL byte: looks like a binary file, not text'
                             % (label, progress.lines_so_far() + 1 + text[:text.index('\x00')].count('\n')))
        bad = find_lone_surrogate(text)
        if bad >= 0:   # Python 2 decodes CESU-8 surrogates
            raise _surrogate_error(label, text, bad, progress.lines_so_far())
        offset += len(data)
        if text:
            yield text
        if final:
            return
        data = checked_read(stream, CHUNK_BYTES, label)


def _iter_blocks_of_chunks(chunks, progress, keep_ends=False):
    """Cut text chunks into blocks of whole lines joined by '\\n' (line ends normalised).

    With ``keep_ends``, each line of a block keeps its own ending ('\\n',
    '\\r\\n' or '\\r'; none for a last line without one) and the blocks
    concatenate to the text.  A line longer than a chunk is collected as a
    list of pieces and joined once, so its cost stays linear in its length.
    """
    carry = []
    pending_cr = False
    for text in chunks:
        if pending_cr:
            text = '\r' + text
            pending_cr = False
        if '\r' in text:
            if text[-1] == '\r':   # may be the first half of '\r\n'
                text = text[:-1]
                pending_cr = True
            if not keep_ends:
                text = text.replace('\r\n', '\n').replace('\r', '\n')
        cut = text.rfind('\n')
        if keep_ends:
            cut = max(cut, text.rfind('\r'))
        if cut < 0:
            if text:
                carry.append(text)
            continue
        block = text[:cut + 1] if keep_ends else text[:cut]
        if carry:
            carry.append(block)
            block = ''.join(carry)
            carry = []
        progress.lines += _count_line_ends(block) if keep_ends else block.count('\n') + 1
        yield block
        if cut + 1 < len(text):
            carry.append(text[cut + 1:])
    if carry or pending_cr:
        progress.lines += 1
        if keep_ends and pending_cr:
            carry.append('\r')
        yield ''.join(carry)


def _count_line_ends(text):
    return text.count('\n') + text.count('\r') - text.count('\r\n')


# A line with its ending, or a last line without one.
_LINE_WITH_END_RE = re.compile('[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+')


def _split_text_item(item):
    if '\r' in item:
        item = item.replace('\r\n', '\n').replace('\r', '\n')
    if item.endswith('\n'):
        item = item[:-1]
    return item


class Corpus(object):
    """A re-iterable stream of text lines from files, stdin, open files or strings.

    ``Corpus(sources, encoding=None, errors='strict')``

    ``sources`` is a path, ``'-'`` (stdin), a list of paths, an open file
    (text or binary; re-readable when seekable), or any iterable of text
    strings.  A list of strings is taken as paths when at least one of them
    exists on disk (then a missing one is an error), else as texts; use
    :meth:`from_paths` / :meth:`from_texts` to say which explicitly.

    Iterating yields text lines without line endings; each iteration reads
    the sources again (memory: one 1 MB chunk plus the longest line).
    :meth:`iter_blocks` yields bigger pieces (many lines joined by ``'\\n'``)
    for fast consumers such as the n-gram counter.

    Attributes: ``paths`` (list of the path sources, '-' for stdin),
    ``encoding`` / ``errors`` as given; progress of the running iteration
    (reset by each ``iter()``, updated once per ~1 MB block, safe to poll from
    another thread): ``bytes_read`` (on-disk bytes, compressed ones for
    compressed files, comparable with :meth:`size_bytes`; stays 0 for stdin and
    texts) and ``lines_read`` (lines of the blocks handed out so far).

    >>> [len(line) for line in Corpus([u'一二三', u'四五'])]
    [3, 2]
    """

    def __init__(self, sources, encoding=None, errors='strict', _kind=None):
        self.encoding = encoding
        self.errors = errors
        self.bytes_read = 0
        self.lines_read = 0
        self._used = False
        self._file_start = None
        if isinstance(sources, Corpus):
            self._kind, self._sources = sources._kind, sources._sources
            self._file_start = sources._file_start
        elif _kind is not None:
            self._kind = _kind
            self._sources = [_native_path(s) for s in sources] if _kind == 'paths' else sources
        elif _is_path(sources):
            _check_not_text(sources)
            self._kind, self._sources = 'paths', [_native_path(sources)]
        elif hasattr(sources, 'read'):
            self._kind, self._sources = 'file', sources
            try:
                self._file_start = sources.tell() if sources.seekable() else None
            except (AttributeError, IOError, OSError, ValueError):
                self._file_start = None
        elif isinstance(sources, binary_type):
            raise InputError('Corpus: got bytes; pass a path as text or decode the data first')
        elif isinstance(sources, (list, tuple)) and sources and all(_is_path(s) for s in sources) \
                and any(_exists(_native_path(s)) for s in sources):
            self._kind, self._sources = 'paths', [_native_path(s) for s in sources]
        else:
            try:
                iter(sources)
            except TypeError:
                raise InputError('Corpus: cannot read %r (want a path, a file or texts)'
                                 % type(sources).__name__)
            self._kind, self._sources = 'texts', sources

    @classmethod
    def from_paths(cls, paths, encoding=None, errors='strict'):
        """A corpus of the files ``paths`` (a path or a list; '-' is stdin)."""
        if _is_path(paths):
            paths = [paths]
        return cls(list(paths), encoding, errors, _kind='paths')

    @classmethod
    def from_texts(cls, texts, encoding=None, errors='strict'):
        """A corpus of the text strings ``texts`` (any iterable)."""
        return cls(texts, encoding, errors, _kind='texts')

    @property
    def paths(self):
        """The path sources (a list; empty for texts and open files)."""
        return list(self._sources) if self._kind == 'paths' else []

    def rereadable(self):
        """True when a second iteration reads the same text again (not stdin, a
        generator or an unseekable file)."""
        if self._kind == 'paths':
            return '-' not in self._sources
        if self._kind == 'file':
            return self._file_start is not None
        return iter(self._sources) is not self._sources

    def size_bytes(self):
        """Total on-disk size of the sources in bytes, or None when unknown (stdin, texts)."""
        if self._kind != 'paths':
            return None
        total = 0
        for path in self._sources:
            if path == '-':
                return None
            try:
                total += os.path.getsize(path)
            except (IOError, OSError):
                return None
        return total

    def __repr__(self):
        return 'Corpus(%r)' % (self._sources if self._kind == 'paths' else self._kind)

    def __iter__(self):
        return self.iter_lines()

    def iter_lines(self, keep_ends=False):
        """Yield the lines, without their endings (as iterating the corpus does),
        or with ``keep_ends`` each with its own: '\\n', '\\r\\n', '\\r', or ''
        for a last line without one (so a CRLF file can be written back as
        CRLF).  Cost: as :meth:`iter_blocks`, plus one split per block.
        """
        for block in self.iter_blocks(keep_ends):
            if keep_ends:
                for line in _LINE_WITH_END_RE.findall(block) or ['']:   # '': an empty text item
                    yield line
            elif '\n' in block:
                for line in block.split('\n'):
                    yield line
            else:
                yield block

    def iter_blocks(self, keep_ends=False):
        """Yield text blocks: one or more whole lines joined by '\\n' (no final newline).

        Same content as iterating the corpus, in fewer, larger strings (about
        1 MB each for files), which lets consumers run regular expressions
        over many lines in one C call.  ``block.split('\\n')`` gives the lines.
        With ``keep_ends``, every line keeps its own ending instead (see
        :meth:`iter_lines`) and the blocks add up to the text.
        """
        self.bytes_read = 0
        self.lines_read = 0
        if self._kind == 'texts':
            return self._iter_text_blocks(keep_ends)
        if self._kind == 'file':
            return self._iter_file_object_blocks(keep_ends)
        return self._iter_path_blocks(keep_ends)

    def _once(self, what):
        if self._used:
            raise InputError('%s can only be read once; pass a list or a file path to read it again'
                             % what)
        self._used = True

    def _iter_text_blocks(self, keep_ends):
        texts = self._sources
        if iter(texts) is texts:
            self._once('this corpus (a one-shot iterator)')
        batch = []
        size = 0
        for item in texts:
            if not isinstance(item, text_type):
                if isinstance(item, binary_type):
                    item = item.decode(self.encoding or 'utf-8', self.errors)
                else:
                    raise InputError('Corpus: expected text strings, got %s' % type(item).__name__)
            if keep_ends:   # one block per item: an item without an ending is one line
                bad = find_lone_surrogate(item)
                if bad >= 0:
                    raise _surrogate_error('Corpus: text', item, bad, self.lines_read)
                self.lines_read += 1
                yield item
                continue
            item = _split_text_item(item)
            bad = find_lone_surrogate(item)
            if bad >= 0:
                raise _surrogate_error('Corpus: text', item, bad, self.lines_read + len(batch))
            batch.append(item)
            size += len(item)
            if len(batch) >= _BLOCK_LINES or size >= CHUNK_BYTES:
                self.lines_read += len(batch)
                yield '\n'.join(batch)
                batch = []
                size = 0
        if batch:
            self.lines_read += len(batch)
            yield '\n'.join(batch)

    def _iter_file_object_blocks(self, keep_ends):
        stream = self._sources
        label = getattr(stream, 'name', '<file>')
        if not isinstance(label, string_types):
            label = '<file>'
        if self._file_start is None:
            self._once('%s (not seekable)' % label)
        else:
            stream.seek(self._file_start)
        progress = _Progress()
        sample = stream.read(0)
        if isinstance(sample, text_type):
            chunks = self._read_text_chunks(stream, label, progress)
        else:
            chunks = _iter_text_chunks(stream, label, self.encoding, self.errors, progress)
        for block in _iter_blocks_of_chunks(chunks, progress, keep_ends):
            self.lines_read = progress.lines
            yield block

    @staticmethod
    def _read_text_chunks(stream, label, progress):
        while True:
            text = stream.read(CHUNK_BYTES)
            if not text:
                return
            bad = find_lone_surrogate(text)
            if bad >= 0:
                raise _surrogate_error(label, text, bad, progress.lines)
            yield text

    def _iter_path_blocks(self, keep_ends):
        done = 0
        lines_done = 0
        for path in self._sources:
            if path == '-':
                self._once('standard input')
                stream, label = _stdin_stream(), '<stdin>'
            else:
                stream, label = open_binary(path), path
            try:
                progress = _Progress()
                chunks = _iter_text_chunks(stream, label, self.encoding, self.errors, progress)
                for block in _iter_blocks_of_chunks(chunks, progress, keep_ends):
                    self.lines_read = lines_done + progress.lines
                    consumed = bytes_consumed(stream)
                    if consumed is not None:
                        self.bytes_read = done + consumed
                    yield block
            finally:
                if path != '-':
                    stream.close()
            lines_done += progress.lines
            if path != '-':
                try:
                    done += os.path.getsize(path)
                except (IOError, OSError):
                    pass
                self.bytes_read = done

    def _iter_range_blocks(self, path, start, end, encoding):
        """Blocks of the bytes [start, end) of an uncompressed file (for parallel workers)."""
        raw = io.open(path, 'rb')
        try:
            raw.seek(start)
            progress = _Progress(path, start)
            chunks = _iter_text_chunks(_LimitedReader(raw, end - start), path, encoding,
                                       self.errors, progress, start_offset=start)
            for block in _iter_blocks_of_chunks(chunks, progress):
                yield block
        finally:
            raw.close()


class _StdinStream(object):
    """Standard input as bytes, decompressed when it starts with gzip/bzip2/xz magic."""

    def __init__(self, stream):
        self._stream = stream
        self._head = b''
        peek = getattr(stream, 'peek', None)
        if peek is not None:
            head = peek(6)[:6]
        else:
            # A stream without peek (Python 2's file): read what is there
            # now, to sniff and then hand out first (a pipe or a terminal
            # line, so an interactive reader is not kept waiting).
            head = self._head = self._read_available(1 << 16)
        kind = sniff_compression(head)
        self._decompressor = None
        if kind == 'gzip':
            import zlib
            self._decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif kind == 'bzip2':
            self._decompressor = bz2.BZ2Decompressor()
        elif kind == 'xz':
            self._decompressor = _xz_module('<stdin>').LZMADecompressor()

    def _read_available(self, size):
        """Up to ``size`` bytes, returning as soon as some are available (b'' at
        the end): ``nlp-zero cut`` answers each typed or ``tail -f`` line at
        once instead of waiting for a full chunk."""
        read1 = getattr(self._stream, 'read1', None)
        if read1 is not None:
            return read1(size)
        try:
            fd = self._stream.fileno()
        except (AttributeError, IOError, OSError, ValueError):
            return self._stream.read(size)
        return os.read(fd, size)

    def read(self, size):
        if self._head:
            data, self._head = self._head, b''
        else:
            data = self._read_available(size)
        if self._decompressor is None or not data:
            return data
        out = self._decompressor.decompress(data)
        while not out and data:
            data = self._read_available(size)
            out = self._decompressor.decompress(data) if data else b''
        return out

    def close(self):
        pass


def _stdin_stream():
    return _StdinStream(stdin_bytes())


def read_corpus(sources, encoding=None, errors='strict'):
    """Shorthand for ``Corpus(sources, encoding, errors)``; returns the Corpus."""
    return Corpus(sources, encoding, errors)
