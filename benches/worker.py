"""One benchmark scenario, run in a fresh process of either virtualenv; prints one JSON line.

The same code measures this package and the reference ``airbyte-agent-sdk``: both install the
import name ``airbyte_agent_sdk`` and take the same calls. Only building a connector pointed at
the fake differs (``connect``). Client CPU is this process's user + sys time (every thread of
it, the Rust core's included); the fake Harvest runs in a process of its own.

    python worker.py SCENARIO --base-url URL --token T --account-id A [options]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import inspect
import json
import math
import resource
import statistics
import sys
import time
import urllib.request
from typing import Any, Callable

IMPL = "ours" if importlib.util.find_spec("airbyte_agent_sdk._native") else "reference"
PAGE = 2000  # Harvest's largest page


def connect(args: argparse.Namespace, client_budget: bool = False) -> Any:
    """A PAT connector talking to the fake. The reference has no base-URL option: its
    generated model is pointed at the fake before the connector is built (its executor copies
    the URL at construction).

    Ours waits for a client-side budget (Harvest's 100 requests per 15 s) by default; the
    throughput scenarios turn it off (``client_budget=False``), as the reference has none and
    the fake enforces no limit there, so that they measure the client and not the budget."""
    from airbyte_agent_sdk.connectors.harvest import HarvestConnector
    from airbyte_agent_sdk.connectors.harvest.models import HarvestPersonalAccessTokenAuthConfig

    auth = HarvestPersonalAccessTokenAuthConfig(token=args.token, account_id=args.account_id)
    if IMPL == "ours":
        options: dict[str, Any] = {"base_url": args.base_url}
        if not client_budget and "rate_limit" in inspect.signature(HarvestConnector).parameters:
            options["rate_limit"] = None
        return HarvestConnector(auth_config=auth, **options)
    from airbyte_agent_sdk.connectors.harvest import connector_model

    connector_model.HarvestConnectorModel.base_url = args.base_url
    return HarvestConnector(auth_config=auth)


def rss_now_kib() -> int:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() // 1024


def peak_rss_kib() -> int:
    """This process's own peak RSS (``VmHWM``). Not ``ru_maxrss``: that survives ``exec`` and
    so starts at the RSS of whatever forked or vforked this process (the benchmark runner)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


class Meter:
    """Wall and client CPU (user + sys of this whole process) of one block, and the part of
    that CPU spent on the calling (event-loop) thread; the rest ran on other threads, such as
    the Rust core's runtime."""

    def __enter__(self) -> Meter:
        self.wall0, self.cpu0, self.thread0 = time.perf_counter(), time.process_time(), time.thread_time()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.wall = time.perf_counter() - self.wall0
        self.cpu = time.process_time() - self.cpu0
        self.loop_cpu = time.thread_time() - self.thread0


async def list_page(conn: Any) -> int:
    result = await conn.execute("time_entries", "list", {"per_page": PAGE})
    return len(result.data)


async def some_ids(conn: Any, count: int = 100) -> list[str]:
    result = await conn.execute("time_entries", "list", {"per_page": count})
    return [str(record["id"]) for record in result.data]


async def gets(conn: Any, ids: list[str], calls: int, in_flight: int) -> None:
    """``calls`` get calls, ``in_flight`` at a time, each checked to be the record asked for."""
    counter = iter(range(calls))

    async def lane() -> None:
        for n in counter:
            wanted = ids[n % len(ids)]
            record = await conn.execute("time_entries", "get", {"id": wanted})
            if str(record["id"]) != wanted:
                raise AssertionError(f"asked for {wanted}, got {record['id']}")

    await asyncio.gather(*(lane() for _ in range(in_flight)))


async def big_pages(args: argparse.Namespace) -> dict[str, Any]:
    conn = connect(args)
    await list_page(conn)  # warm-up: connection, first-call setup
    with Meter() as meter:
        records = 0
        for _ in range(args.calls):
            records += await list_page(conn)
    if records != args.calls * PAGE:
        raise AssertionError(f"expected {args.calls * PAGE} records, got {records}")
    await conn.close()
    return {
        "calls": args.calls,
        "records": records,
        "wall_s": meter.wall,
        "cpu_s": meter.cpu,
        "cpu_per_call_ms": meter.cpu / args.calls * 1e3,
        "loop_thread_cpu_per_call_ms": meter.loop_cpu / args.calls * 1e3,
        "records_per_s": records / meter.wall,
        "peak_rss_kib": peak_rss_kib(),
    }


async def small_calls(args: argparse.Namespace) -> dict[str, Any]:
    conn = connect(args)
    ids = await some_ids(conn)
    await gets(conn, ids, args.in_flight, args.in_flight)  # warm-up: open the connections
    with Meter() as meter:
        await gets(conn, ids, args.calls, args.in_flight)
    await conn.close()
    return {
        "calls": args.calls,
        "in_flight": args.in_flight,
        "wall_s": meter.wall,
        "cpu_s": meter.cpu,
        "calls_per_s": args.calls / meter.wall,
        "cpu_per_call_us": meter.cpu / args.calls * 1e6,
        "loop_thread_cpu_per_call_us": meter.loop_cpu / args.calls * 1e6,
    }


async def soak(args: argparse.Namespace) -> dict[str, Any]:
    """Many small calls in rounds, bounded by ``--seconds``: is memory flat?"""
    conn = connect(args)
    ids = await some_ids(conn)
    await gets(conn, ids, 1000, args.in_flight)
    rss_before, done, deadline = rss_now_kib(), 0, time.monotonic() + args.seconds
    with Meter() as meter:
        while done < args.calls and time.monotonic() < deadline:
            batch = min(5000, args.calls - done)
            await gets(conn, ids, batch, args.in_flight)
            done += batch
    rss_after = rss_now_kib()
    await conn.close()
    return {
        "calls": done,
        "complete": done == args.calls,
        "wall_s": meter.wall,
        "calls_per_s": done / meter.wall,
        "rss_before_kib": rss_before,
        "rss_after_kib": rss_after,
        "rss_growth_kib": rss_after - rss_before,
    }


def is_unknown_limit(exc: Exception) -> bool:
    """Our InvalidParameterError naming ``limit``: paging is not implemented in this build."""
    return type(exc).__name__ == "InvalidParameterError" and "limit" in str(exc)


async def full_pull(args: argparse.Namespace) -> dict[str, Any]:
    """Every time entry with ``limit`` (and ``meta["next_cursor"]`` if one call stops short),
    with the connector as users get it: the fake's limit is the only one tuned (scaled)."""
    conn = connect(args, client_budget=True)
    records, calls, surfaced_429 = 0, 0, 0
    params: dict[str, Any] = {"limit": args.total}
    status = "ok"
    with Meter() as meter:
        while records < args.total:
            try:
                result = await conn.execute("time_entries", "list", params)
            except Exception as exc:
                if is_unknown_limit(exc):
                    status = "pending"
                elif getattr(exc, "status_code", None) == 429 or type(exc).__name__ == "RateLimitError":
                    surfaced_429 += 1
                    status = "failed"
                else:
                    status = f"failed: {type(exc).__name__}: {exc}"[:300]
                break
            calls += 1
            records += len(result.data)
            cursor = (result.meta or {}).get("next_cursor")
            if records < args.total and not cursor:
                # The reference drops `limit`, returns one page and has no way to ask for the next.
                status = "cannot"
                break
            params = {"cursor": cursor, "limit": args.total - records}
    await conn.close()
    pages = math.ceil(args.total / PAGE)
    return {
        "status": status,
        "records": records,
        "calls": calls,
        "wall_s": meter.wall,
        "cpu_s": meter.cpu,
        "pages": pages,
        # Harvest's default page for time entries is the largest; the fake counts every request
        # it got, so the difference is what was throttled (and retried inside the client).
        "pages_fetched": math.ceil(records / PAGE),
        "surfaced_429": surfaced_429,
    }


async def json_floor(args: argparse.Namespace) -> dict[str, Any]:
    """The cost of turning the same page's bytes into Python objects with the stdlib, with
    orjson (the floor for a whole list call) and with this package's builder alone."""
    request = urllib.request.Request(
        f"{args.base_url}/time_entries?per_page={PAGE}",
        headers={"Authorization": f"Bearer {args.token}", "Harvest-Account-Id": args.account_id},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback only)
        body = response.read()
    out: dict[str, Any] = {"bytes": len(body)}
    parsers: dict[str, Callable[[bytes], Any]] = {"json_loads": json.loads}
    with contextlib.suppress(ImportError):
        import orjson

        parsers["orjson_loads"] = orjson.loads
    with contextlib.suppress(ImportError, AttributeError):
        # This package's JSON-to-Python builder on its own (what a list call runs on the loop).
        from airbyte_agent_sdk._native import parse_json

        parsers["builder"] = parse_json
    expected = json.loads(body)
    for name, parse in parsers.items():
        if parse(body) != expected:
            raise AssertionError(f"{name} does not give what json.loads gives")
        samples = []
        for _ in range(args.calls):
            with Meter() as meter:
                parse(body)
            samples.append(meter.cpu)
        out[f"{name}_ms"] = statistics.median(samples) * 1e3
    return out


async def tool_call(args: argparse.Namespace) -> dict[str, Any]:
    """Scenario 2 through an agent tool: a ``tool_utils`` function that returns ``execute``'s
    result unchanged, on a 2,000-record page. With the default ``max_output_chars`` (100,000)
    the page is too large for the model, so the call fails with the size and a preview: the
    text the model reads. Client CPU per call, the tool's wrapper included."""
    conn = connect(args)
    from airbyte_agent_sdk.connectors.harvest import HarvestConnector

    @HarvestConnector.tool_utils(framework="none")
    async def harvest(entity: str, action: str, params: dict) -> Any:
        return await conn.execute(entity, action, params)

    async def one() -> str:
        try:
            await harvest("time_entries", "list", {"per_page": PAGE})
        except Exception as exc:  # AirbyteToolError: output too large
            return str(exc)
        raise AssertionError("a 2,000-record page fit in max_output_chars")

    text = await one()  # warm-up
    with Meter() as meter:
        for _ in range(args.calls):
            if await one() != text:
                raise AssertionError("the tool's text changed between calls")
    await conn.close()
    return {"calls": args.calls, "cpu_per_call_ms": meter.cpu / args.calls * 1e3, "text": text[:120]}


async def page_memory(args: argparse.Namespace) -> dict[str, Any]:
    """The memory floor of scenario 2: the same process set-up (package imported, connector
    built), the same page's bytes fetched once, then turned into Python objects ``calls``
    times by the builder alone, each result dropped as in ``big_pages``. Its peak RSS is the
    interpreter, the package and one parsed page (with the bytes it came from)."""
    conn = connect(args)
    from airbyte_agent_sdk._native import parse_json

    request = urllib.request.Request(
        f"{args.base_url}/time_entries?per_page={PAGE}",
        headers={"Authorization": f"Bearer {args.token}", "Harvest-Account-Id": args.account_id},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback only)
        body = response.read()
    for _ in range(args.calls):
        records = len(parse_json(body)["time_entries"])
    if records != PAGE:
        raise AssertionError(f"expected {PAGE} records, got {records}")
    del body
    await conn.close()
    return {"calls": args.calls, "peak_rss_kib": peak_rss_kib()}


SCENARIOS = {
    "big_pages": big_pages,
    "page_memory": page_memory,
    "tool_call": tool_call,
    "small_calls": small_calls,
    "soak": soak,
    "full_pull": full_pull,
    "json_floor": json_floor,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scenario", choices=SCENARIOS)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--account-id", required=True)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--in-flight", type=int, default=64)
    parser.add_argument("--total", type=int, default=50_000, help="full_pull: records to collect")
    parser.add_argument("--seconds", type=float, default=120.0, help="soak: time bound")
    args = parser.parse_args()
    result = asyncio.run(SCENARIOS[args.scenario](args))
    result["impl"] = IMPL
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
