"""Connector lifetime: event loops, cancellation, close, and a clean interpreter exit."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap

import pytest

from airbyte_agent_sdk.errors import ConnectorClosedError


def test_one_connector_across_two_event_loops(sandbox):
    conn = sandbox.connector()
    first = asyncio.run(conn.users.list(per_page=2))
    second = asyncio.run(conn.users.list(per_page=2))
    assert first.data == second.data and len(first.data) == 2


async def test_several_connectors_on_one_event_loop(sandbox):
    """Every connector on a loop reports into the loop's one queue: their calls must not mix."""
    connectors = [sandbox.connector() for _ in range(3)]
    pages = await asyncio.gather(*(c.users.list(per_page=n + 1) for c in connectors for n in range(3)))
    assert [len(p.data) for p in pages] == [1, 2, 3] * 3


async def test_cancelling_the_awaiting_task_aborts_the_call(sandbox, connector):
    sandbox.set_latency(5.0)
    task = asyncio.create_task(connector.users.list())
    await asyncio.sleep(0.2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert connector._native.in_flight() == 0
    sandbox.set_latency(0.0)
    assert (await connector.users.list(per_page=1)).data, "still usable after a cancellation"


async def test_wait_for_timeout_cancels_cleanly(sandbox, connector):
    sandbox.set_latency(5.0)
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(connector.users.list(), timeout=0.2)
    assert connector._native.in_flight() == 0


async def test_close_ends_calls_in_flight_and_reopens(sandbox):
    conn = sandbox.connector()
    sandbox.set_latency(5.0)
    calls = [asyncio.create_task(conn.users.list()) for _ in range(3)]
    await asyncio.sleep(0.2)
    await conn.close()
    results = await asyncio.gather(*calls, return_exceptions=True)
    assert all(isinstance(r, ConnectorClosedError) for r in results), results
    assert "closed while the call was in flight" in str(results[0])
    sandbox.set_latency(0.0)
    await conn.close()  # idempotent
    assert (await conn.users.list(per_page=1)).data, "a later call opens a new pool"


async def test_async_with_returns_the_connector(sandbox):
    conn = sandbox.connector()
    async with conn as entered:
        assert entered is conn


EXIT_SCRIPT = textwrap.dedent(
    """
    import asyncio, sys
    from airbyte_agent_sdk.connectors.harvest.sandbox import HarvestSandbox

    sandbox = HarvestSandbox()
    conn = sandbox.connector()
    mode = sys.argv[1]

    async def main():
        calls = [asyncio.ensure_future(conn.users.list(per_page=5)) for _ in range(20)]
        if mode == "finish":
            await asyncio.gather(*calls)
        else:
            # leave the calls in flight and end the loop and the process without closing
            sandbox.set_latency(0.05 if mode == "inflight" else 0.0)
            await asyncio.sleep(0.01)

    loop = asyncio.new_event_loop()
    loop.run_until_complete(main())
    print("ok")
    """
)


@pytest.mark.parametrize("mode", ["finish", "inflight", "racing"])
def test_interpreter_exits_cleanly_with_calls_in_flight(tmp_path, mode):
    """The naive pyo3-async-runtimes design crashes here in ~1 of 6 runs: Rust workers attach to
    the interpreter while it finalises. Ours never attach, so every run must exit 0."""
    runs = int(os.environ.get("HARVEST_EXIT_RUNS", "100"))
    script = tmp_path / "exit_script.py"
    script.write_text(EXIT_SCRIPT)
    failures = []
    batch = 8
    for start in range(0, runs, batch):
        procs = [
            subprocess.Popen([sys.executable, str(script), mode], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(min(batch, runs - start))
        ]
        for proc in procs:
            try:
                out, err = proc.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                out, err = proc.communicate()
                failures.append(("hang", err[-500:]))
                continue
            if proc.returncode != 0 or out.strip() != b"ok":
                failures.append((proc.returncode, err[-500:]))
    assert not failures, f"{len(failures)} of {runs} runs failed: {failures[:3]}"
