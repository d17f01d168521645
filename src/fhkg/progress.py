"""Progress of long work (the steps and resource pages of a build, the shapes of a validation): a
bar on standard error when it is a terminal, nothing at all otherwise.

The library is quiet: :func:`bar` draws only once :func:`to_terminal` has been called with a
terminal, which the ``fhkg`` command does for its standard error. A log file, a pipe, CI or a
script calling :func:`fhkg.build` gets no bar and no carriage returns. A bar is drawn only for
work that has lasted :data:`DELAY` seconds, at most every :data:`EVERY` seconds, and its line is
cleared when the work ends (however it ends), so the messages after it start on a clean line.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

#: Seconds of work before a bar appears (short work shows none).
DELAY = 0.5
#: Seconds between two drawings of a bar.
EVERY = 0.1

_terminal: TextIO | None = None
_shown: list[Bar] = []  # the bars of the work under way (a message clears them first)


def to_terminal(stream: TextIO) -> bool:
    """Draw bars on ``stream`` from now on, if it is a terminal (and ``TERM`` is not ``dumb``);
    returns whether it is."""
    global _terminal
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):  # closed, or not a file
        tty = False
    _terminal = stream if tty and os.environ.get("TERM") != "dumb" else None
    return _terminal is not None


def quiet() -> None:
    """No bars from now on (the library's default)."""
    global _terminal
    _terminal = None


class Bar:
    """Counts work done out of ``total``; any thread may advance or clear it."""

    def __init__(self, label: str, total: int, stream: TextIO | None, *, clock=time.monotonic):
        self.label, self.total, self.done = label, max(total, 0), 0
        self._stream, self._clock = stream, clock
        self._start = self._last = clock()
        self._drawn = self._closed = False
        self._lock = threading.Lock()

    def advance(self, n: int = 1) -> None:
        with self._lock:
            self.done = min(self.total, self.done + n)
            if self._stream is None or self._closed:  # (a thread's last word after the work ended draws nothing)
                return
            now = self._clock()
            if now - self._start >= DELAY and (not self._drawn or now - self._last >= EVERY or self.done == self.total):
                self._last = now
                self._draw()

    def step(self, label: str) -> None:
        """Name the step under way (the bar's label), drawn at once where the bar is due."""
        with self._lock:
            self.label = label
        self.advance(0)

    def line(self, width: int) -> str:
        """The bar as one line of at most ``width`` characters: label, bar, count, percent."""
        share = self.done / self.total if self.total else 1.0
        tail = f" {self.done}/{self.total} {share:4.0%}"
        room = width - len(self.label) - len(tail) - 3
        if room < 10:  # a narrow terminal: no bar, the count only
            return (self.label + tail)[: max(width, 0)]
        full = int(room * share)
        return f"{self.label} [{'#' * full}{'.' * (room - full)}]{tail}"

    def _draw(self) -> None:
        assert self._stream is not None
        self._stream.write("\r" + self.line(self._width()))
        self._stream.flush()
        self._drawn = True

    def _width(self) -> int:
        """The terminal's columns less one (the last would wrap on some terminals): ``COLUMNS``
        where set, as shutil reads it (shutil itself would cost ``fhkg --help`` its imports)."""
        try:
            columns = int(os.environ.get("COLUMNS", ""))
        except ValueError:
            try:
                columns = os.get_terminal_size(self._stream.fileno()).columns if self._stream is not None else 80
            except (OSError, ValueError, AttributeError):
                columns = 80
        return max(columns, 1) - 1

    def clear(self) -> None:
        """Clear the bar's line for a message (the next step draws the bar again)."""
        with self._lock:
            self._clear()

    def close(self) -> None:
        """Clear the bar's line; nothing is drawn after this."""
        with self._lock:
            self._closed = True
            self._clear()

    def _clear(self) -> None:
        if self._drawn and self._stream is not None:
            self._stream.write("\r" + " " * self._width() + "\r")
            self._stream.flush()
            self._drawn = False


@contextmanager
def bar(label: str, total: int) -> Iterator[Bar]:
    """A :class:`Bar` for the work inside; drawn on the terminal given to :func:`to_terminal`,
    if any, and cleared when the work ends."""
    b = Bar(label, total, _terminal)
    _shown.append(b)
    try:
        yield b
    finally:
        _shown.remove(b)
        b.close()
        if _shown:  # the work this was part of (a build's step) is drawn again on the line
            _shown[-1].advance(0)


def clear() -> None:
    """Clear the line of any bar drawn, before a message is written to the terminal (the
    warnings of the ``fhkg`` command); the bars go on below the message."""
    for b in list(_shown):
        b.clear()
