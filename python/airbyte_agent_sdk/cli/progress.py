"""A one-line progress bar on stderr for pulls of several pages, shown only when stderr is a
terminal (a pipe or a log file gets nothing, so output stays clean for scripts)."""

from __future__ import annotations

from typing import Optional, TextIO

_WIDTH = 28


class Progress:
    def __init__(self, stream: TextIO, wanted: int) -> None:
        self._stream = stream
        self._wanted = wanted
        self._shown = False
        self._enabled = stream.isatty()

    def update(self, fetched: int, total: Optional[int]) -> None:
        """``fetched`` records so far, of ``total`` (Harvest's count, when it gives one)."""
        if not self._enabled:
            return
        goal = min(self._wanted, total) if total else self._wanted
        share = min(1.0, fetched / goal) if goal else 1.0
        filled = int(share * _WIDTH)
        bar = "#" * filled + "-" * (_WIDTH - filled)
        self._stream.write(f"\r[{bar}] {fetched:,}/{goal:,} records")
        self._stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self._stream.write("\r\x1b[K")  # erase the bar: what remains on screen is the result
            self._stream.flush()
            self._shown = False


class Steps:
    """A bar of steps (entities synced so far, of all), on a terminal only, like ``Progress``."""

    def __init__(self, stream: TextIO, total: int, unit: str) -> None:
        self._stream = stream
        self._total = total
        self._unit = unit
        self._shown = False
        self._enabled = stream.isatty()

    def update(self, done: int, current: str) -> None:
        if not self._enabled:
            return
        share = min(1.0, done / self._total) if self._total else 1.0
        filled = int(share * _WIDTH)
        bar = "#" * filled + "-" * (_WIDTH - filled)
        self._stream.write(f"\r\x1b[K[{bar}] {done}/{self._total} {self._unit} {current}")
        self._stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._shown = False
