"""Completes native calls on the asyncio event loop that awaits them.

Rust workers never touch the interpreter: they queue their results and write one byte to a
pipe that this module watches with ``loop.add_reader``. The loop thread then drains the queue,
which builds the Python objects and resolves the futures (see ``crates/harvest-python/src/completion.rs``).
One bridge per event loop, so a connector can be used from several loops in turn.
"""

from __future__ import annotations

import os
import weakref

# asyncio is imported by the functions that run calls, not here: it costs ~25 ms of import time
# that importing and constructing a connector does not need (and whoever awaits a call has
# imported it already).
from typing import Any, Callable, Optional

from . import _log, _native

TYPE_CHECKING = False  # asyncio: for type checkers here, imported by the first call (see above)
if TYPE_CHECKING:
    import asyncio

_bridges: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopBridge] = weakref.WeakKeyDictionary()


class _LoopBridge:
    __slots__ = ("queue", "pending", "_read_fd", "__weakref__")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        read_fd, write_fd = os.pipe()
        try:
            os.set_blocking(read_fd, False)
            os.set_blocking(write_fd, False)
            self.queue = _native.CompletionQueue(write_fd)
        finally:
            os.close(write_fd)  # the queue holds its own duplicate
        self._read_fd = read_fd
        self.pending: dict[int, asyncio.Future[Any]] = {}
        try:
            loop.add_reader(read_fd, self._on_wake)
        except NotImplementedError:
            os.close(read_fd)
            raise RuntimeError(
                "this event loop cannot watch file descriptors (add_reader); "
                "use the default selector event loop or uvloop"
            ) from None
        weakref.finalize(loop, _close_quietly, read_fd)

    def _on_wake(self) -> None:
        try:
            os.read(self._read_fd, 4096)
        except (BlockingIOError, InterruptedError):
            pass
        for call_id, ok, value in self.queue.drain():
            future = self.pending.pop(call_id, None)
            if future is None or future.done():
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        emit_native_logs()


def emit_native_logs() -> None:
    """Hand the core's buffered log records to ``logging`` (on this, the loop's, thread)."""
    records, dropped = _native.take_log_records()
    if not records and not dropped:
        return
    logger = _log.logger()
    for level, message in records:
        logger.log(level, message)
    if dropped:
        logger.warning("%d log records of the native core were dropped (buffer full)", dropped)


def _close_quietly(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass


def _bridge(loop: asyncio.AbstractEventLoop) -> _LoopBridge:
    bridge = _bridges.get(loop)
    if bridge is None:
        bridge = _bridges[loop] = _LoopBridge(loop)
    return bridge


async def call(
    native: Any, entity: Any, action: Any, params: Any, *, max_attempts: Optional[int] = None, **options: Any
) -> Any:
    """Run one native call and return its value (raising its error). ``max_attempts``
    overrides the connector's retry attempts for this call; ``options`` (``select_fields``, ...)
    go to ``submit`` as they are."""
    return await run(
        native, lambda queue: native.submit(queue, entity, action, params, max_attempts=max_attempts, **options)
    )


async def run(native: Any, start: Callable[[Any], int]) -> Any:
    """Run the native call that ``start(queue)`` submits (it returns the call id) and return its
    value (raising its error). ``native`` is what ``cancel(call_id)`` goes to."""
    import asyncio

    loop = asyncio.get_running_loop()
    bridge = _bridge(loop)
    # Validation errors raise here, synchronously, before anything is sent.
    call_id = start(bridge.queue)
    future = loop.create_future()
    bridge.pending[call_id] = future
    try:
        return await future
    except asyncio.CancelledError:
        # Abort the Rust task: its connection and any wait are released with it.
        native.cancel(call_id)
        bridge.pending.pop(call_id, None)
        raise
    finally:
        emit_native_logs()
