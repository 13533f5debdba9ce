# -*- coding: utf-8 -*-
"""A small progress display for the command line (pure Python, stderr only).

:class:`Progress` shows bytes (or lines) done, the rate and, when the total
size is known, a percentage and the time left.  It draws on one terminal line
(``\\r`` redraws) and only when its stream is a terminal, so output piped into
a file or another program never contains progress noise.  With ``summary=True``
(the CLI's ``-v``) it writes one summary line when it closes, terminal or not.

Cost: redraws are throttled to at most ``1 / interval`` per second (5/s by
default) and the clock is read only every few calls, so calling
:meth:`Progress.advance` once per line of a hot loop costs about one
attribute update.  For loops it does not own (a library call iterating a
corpus), :meth:`Progress.poll` starts a background thread that reads a counter
five times a second instead; the loop itself is not touched.

>>> import io
>>> p = Progress('demo', total=100, stream=io.StringIO(), enabled=False)
>>> p.advance(60, lines=3)
>>> p.done, p.lines
(60, 3)
>>> p.close()
"""
from __future__ import absolute_import, division, print_function, unicode_literals

import os
import sys
import threading

from .compat import isatty, perf_counter

__all__ = ['Progress', 'format_bytes', 'format_duration']


def format_bytes(n):
    """Human-readable byte count: ``format_bytes(1536) -> '1.5 KB'`` (powers of 1024).

    >>> print(format_bytes(0), format_bytes(1536), format_bytes(3 * 1024 ** 2))
    0 B 1.5 KB 3.0 MB
    """
    n = float(n)
    for unit in ('B', 'KB', 'MB', 'GB'):
        if abs(n) < 1024 or unit == 'GB':
            return ('%d %s' % (n, unit)) if unit == 'B' else ('%.1f %s' % (n, unit))
        n /= 1024
    return '%.1f TB' % n  # pragma: no cover - unreachable (GB is the last unit)


def format_duration(seconds):
    """``h:mm:ss`` or ``m:ss`` for a number of seconds (``'?'`` when unknown).

    >>> print(format_duration(75), format_duration(3725), format_duration(None))
    1:15 1:02:05 ?
    """
    if seconds is None or seconds != seconds or seconds < 0 or seconds > 1e7:
        return '?'
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return '%d:%02d:%02d' % (hours, minutes, secs)
    return '%d:%02d' % (minutes, secs)


def _format_count(n):
    return '{:,}'.format(n)


def _terminal_width(stream):
    """Columns of the terminal behind ``stream`` (80 when unknown)."""
    try:
        import fcntl
        import struct
        import termios
        packed = fcntl.ioctl(stream.fileno(), termios.TIOCGWINSZ, b'\0' * 8)
        columns = struct.unpack(str('hhhh'), packed)[1]
        if columns > 0:
            return columns
    except Exception:  # not a terminal, no termios (Windows), a test double...
        pass
    try:
        return int(os.environ.get('COLUMNS', 80))
    except ValueError:
        return 80


class Progress(object):
    """Bytes or lines done, rate and ETA on one line of stderr.

    Parameters:
        label: short text shown first (e.g. the subcommand name).
        total: expected total (bytes, or lines when ``unit='lines'``), or None
            when unknown (stdin, generators): then no percentage or ETA.
        unit: ``'bytes'`` (``done`` counts bytes, lines are shown beside) or
            ``'lines'``.
        stream: where to draw (default ``sys.stderr`` at creation time).
        enabled: draw the live line; None = only when ``stream`` is a terminal.
        summary: write a one-line summary on :meth:`close` (even when not a
            terminal) -- the CLI's ``-v``.
        interval: minimum seconds between two redraws (0.2 = at most 5/s).
        items: the word for what ``lines`` counts (``'sentences'`` for
            ``parse``).

    ``done`` going backwards in :meth:`update` means the caller started a new
    pass over the same input (discovery reads its corpus several times); the
    display then shows ``pass 2`` and restarts the rate and ETA.

    Memory O(1); time per :meth:`advance` call O(1) and tiny (see module doc).
    Use it as a context manager or call :meth:`close`.

    >>> import io
    >>> out = io.StringIO()
    >>> with Progress('cut', total=10, stream=out, enabled=False, summary=True) as p:
    ...     p.advance(10, lines=2)
    >>> 'cut: 10 B, 2 lines' in out.getvalue()
    True
    """

    def __init__(self, label='', total=None, unit='bytes', stream=None, enabled=None,
                 summary=False, interval=0.2, items='lines'):
        self.label = label
        self.items = items
        self.total = total if total else None
        self.unit = unit
        self.stream = sys.stderr if stream is None else stream
        self.enabled = isatty(self.stream) if enabled is None else bool(enabled)
        self.summary = summary
        self.interval = interval
        self.done = 0
        self.lines = 0
        self.passes = 1
        self._clock = perf_counter
        self._start = self._pass_start = self._last_draw = self._clock()
        # Calls to advance() left before the clock is read again; adapted so
        # the clock is read about 4 times per interval whatever the call rate.
        self._countdown = 1
        self._calls_per_check = 1
        self._calls = 0
        self._drawn_width = 0
        self._thread = None
        self._stop = None
        self._lock = threading.Lock()
        self._closed = False
        self._full_since = None

    # -- feeding ----------------------------------------------------------
    def advance(self, n=0, lines=0):
        """Add ``n`` units (bytes) and ``lines`` lines; redraw if it is time."""
        self.done += n
        self.lines += lines
        if not self.enabled:
            return
        self._countdown -= 1
        if self._countdown <= 0:
            self._tick()

    def update(self, done, lines=None):
        """Set the absolute amount done (and lines); redraw if it is time.

        A value smaller than the previous one starts a new pass (see class doc).
        """
        if done < self.done and done >= 0:
            self.passes += 1
            self._pass_start = self._clock()
            self._full_since = None
        self.done = done
        if lines is not None:
            self.lines = lines
        if self.enabled:
            self._tick()

    def _tick(self):
        now = self._clock()
        elapsed = now - self._last_draw
        self._calls += self._calls_per_check
        if elapsed >= self.interval:
            self._draw(now)
            # Aim at ~4 clock reads per interval, whatever the call rate.
            per_second = self._calls / max(elapsed, 1e-6)
            self._calls_per_check = max(1, min(100000, int(per_second * self.interval / 4)))
            self._calls = 0
            self._last_draw = now
        self._countdown = self._calls_per_check

    # -- polling -----------------------------------------------------------
    def poll(self, read):
        """Redraw in a background thread from ``read()``, 1/interval times a second.

        ``read`` returns ``done`` or ``(done, lines)`` (None = no news); it is
        called from the thread, so it must only read numbers.  Use this when a
        library function owns the loop (e.g. ``lambda: corpus.bytes_read``).
        Stopped by :meth:`close`.  Does nothing when the display is disabled.
        """
        if not self.enabled or self._thread is not None:
            return
        self._stop = threading.Event()

        def run():
            while not self._stop.wait(self.interval):
                try:
                    value = read()
                except Exception:  # the watched object is being torn down
                    continue
                if value is None:
                    continue
                with self._lock:
                    if self._closed:
                        return
                    if isinstance(value, tuple):
                        self.update(value[0], value[1])
                    else:
                        self.update(value)

        self._thread = threading.Thread(target=run, name='nlp-zero-progress')
        self._thread.daemon = True  # never keeps the process alive
        self._thread.start()

    # -- drawing -------------------------------------------------------------
    def _rate(self, now):
        seconds = now - self._pass_start
        if seconds <= 0:
            return None
        return self.done / seconds

    def line(self, now=None):
        """The progress text (without ``\\r``), e.g. ``'discover 31% 12.0 MB/40.0 MB ...'``."""
        now = self._clock() if now is None else now
        if self.unit == 'bytes' and not self.done and self.lines and not self.total:
            # Bytes unknown (stdin): count lines instead.
            seconds = now - self._pass_start
            parts = [self.label] if self.label else []
            parts.append('%s %s' % (_format_count(self.lines), self.items))
            if seconds > 0:
                parts.append('%s %s/s' % (_format_count(int(self.lines / seconds)), self.items))
            return '  '.join(parts)
        rate = self._rate(now)
        parts = [self.label] if self.label else []
        if self.passes > 1:
            parts.append('pass %d' % self.passes)
        if self.unit == 'bytes':
            amount = format_bytes(self.done)
            if self.total:
                amount += ' / ' + format_bytes(self.total)
        else:
            amount = _format_count(self.done) + ' lines'
            if self.total:
                amount += ' / ' + _format_count(self.total)
        if self.total:
            parts.append('%3d%%' % min(100, int(100 * self.done / self.total)))
        parts.append(amount)
        if self.total and self.done >= self.total:
            # All input read; the caller is still computing (e.g. discovery
            # scoring its counts): a falling rate and 'ETA 0:00' would mislead.
            if self._full_since is None:
                self._full_since = now
            parts.append('input read, working %s' % format_duration(now - self._full_since))
        elif rate is not None and self.done:
            if self.unit == 'bytes':
                parts.append(format_bytes(rate) + '/s')
            else:
                parts.append(_format_count(int(rate)) + ' lines/s')
            if self.total:
                left = max(0, self.total - self.done)
                parts.append('ETA ' + format_duration(left / rate if rate > 0 else None))
        if self.unit == 'bytes' and self.lines:
            parts.append('%s %s' % (_format_count(self.lines), self.items))
        return '  '.join(parts)

    def _write(self, text):
        try:
            try:
                self.stream.write(text)
            except (TypeError, UnicodeError):
                # A Python 2 byte stream that refuses non-ASCII text.
                self.stream.write(text.encode('utf-8'))
            self.stream.flush()
        except (IOError, OSError, ValueError):
            # stderr closed or gone: progress is a nicety, never an error.
            self.enabled = False

    def _draw(self, now):
        text = self.line(now)
        width = _terminal_width(self.stream) - 1
        if len(text) > width:
            text = text[:max(0, width)]
        pad = max(0, self._drawn_width - len(text))
        self._drawn_width = len(text)
        self._write('\r' + text + ' ' * pad)

    def clear(self):
        """Erase the live line (e.g. before printing an error message)."""
        if self.enabled and self._drawn_width:
            self._write('\r' + ' ' * self._drawn_width + '\r')
            self._drawn_width = 0

    def message(self, text):
        """Write the line ``text`` (no line break) above the live line.

        The live line is erased first, so the two never run together, and
        redrawn at the next update.  Serialised with the polling thread's
        redraws.  This is how log records reach the terminal while the
        display runs (the CLI's ``-v``).
        """
        with self._lock:
            self.clear()
            enabled = self.enabled
            self.enabled = True  # messages are written even when not a terminal
            self._write(text + '\n')
            self.enabled = enabled

    def summary_line(self):
        """One line for the end: amount, lines, time and rate (no percentage)."""
        now = self._clock()
        seconds = now - self._start
        lines_only = self.unit == 'bytes' and not self.done and self.lines
        if lines_only:  # bytes unknown (stdin)
            amount = '%s %s' % (_format_count(self.lines), self.items)
        elif self.unit == 'bytes':
            amount = format_bytes(self.done)
            if self.lines:
                amount += ', %s %s' % (_format_count(self.lines), self.items)
        else:
            amount = _format_count(self.done) + ' lines'
        text = '%s: %s in %.1f s' % (self.label or 'done', amount, seconds)
        if self.passes > 1:
            text += ' (%d passes)' % self.passes
        elif lines_only and seconds > 0:
            text += ' (%s %s/s)' % (_format_count(int(self.lines / seconds)), self.items)
        elif seconds > 0 and self.done:
            rate = self.done / seconds
            text += ' (%s/s)' % (format_bytes(rate) if self.unit == 'bytes'
                                 else _format_count(int(rate)) + ' lines')
        return text

    def close(self, ok=True):
        """Stop polling, erase the live line, and write the summary if asked.

        ``ok=False`` (an error or Ctrl-C) skips the summary.  Safe to call twice.
        """
        if self._stop is not None:
            self._stop.set()
            self._thread.join(1.0)
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self.clear()
        if ok and self.summary:
            enabled = self.enabled
            self.enabled = True  # the summary is written even when not a terminal
            self._write(self.summary_line() + '\n')
            self.enabled = enabled

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close(ok=exc_type is None)
        return False
