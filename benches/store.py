"""The local store (``store=``): a full sync under Harvest's rate limit, and searches and SQL on
a big store. Run by hand with the package installed (e.g. the test virtualenv):

    python benches/store.py [--sync-entries 50000] [--rate 20/1] [--store-entries 1000000]

Both parts run against the fake Harvest in a process of its own (this process's CPU is the
client's alone), on 127.0.0.1, and stop by themselves.

1. Full sync of ``--sync-entries`` time entries with the fake refusing past ``--rate``
   requests per window: wall time against the floor ``ceil(pages / rate)`` windows, and CPU
   per record against building the same records as Python objects (``execute`` with a
   ``limit`` over the same pages). Target: at most 1.1x the floor.
2. A store of ``--store-entries`` time entries (filled by one unthrottled full sync), then
   ``--queries`` rounds of: an ``eq`` search on ``id`` (p50 under 5 ms), "hours per user per
   project for a month" by SQL (under 100 ms), a ``fuzzy`` search of the notes (under 50 ms);
   and the store's size on disk against the JSON of the records it holds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from airbyte_agent_sdk.connectors.harvest import HarvestConnector, HarvestPersonalAccessTokenAuthConfig

TOKEN, ACCOUNT = "bench-token", "1234567"
PAGE = 2000


class Fake:
    """The fake Harvest as a child process (``python -m ...sandbox``)."""

    def __init__(self, entries: int, rate: str | None) -> None:
        command = [sys.executable, "-m", "airbyte_agent_sdk.connectors.harvest.sandbox"]
        command += ["--time-entries", str(entries), "--token", TOKEN, "--account-id", ACCOUNT]
        if rate:
            command += ["--rate-limit", rate]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline().split()
        if not line:
            raise RuntimeError("the fake Harvest did not start")
        self.base_url = line[0]

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def connector(fake: Fake, **options: Any) -> HarvestConnector:
    auth = HarvestPersonalAccessTokenAuthConfig(token=TOKEN, account_id=ACCOUNT)
    return HarvestConnector(auth, base_url=fake.base_url, **options)


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def full_sync(args: argparse.Namespace) -> None:
    limit, window = (float(x) for x in args.rate.split("/"))
    pages = math.ceil(args.sync_entries / PAGE)
    floor = math.ceil(pages / limit) * window
    for round_ in range(args.repeats):
        fake = Fake(args.sync_entries, args.rate)
        try:
            time.sleep(window)  # a full window to start with
            with tempfile.TemporaryDirectory() as scratch:
                conn = connector(fake, store=os.path.join(scratch, "h.db"), rate_limit=(int(limit), window))
                started, cpu0 = time.monotonic(), cpu()
                counts = await conn.sync(entities=["time_entries"], full=True)
                wall, used = time.monotonic() - started, cpu() - cpu0
                await conn.close()
            got = counts["time_entries"]
            time.sleep(window)
            objects = connector(fake, rate_limit=(int(limit), window))
            cpu1 = cpu()
            result = await objects.execute("time_entries", "list", {"limit": args.sync_entries})
            built = cpu() - cpu1
            assert len(result.data) == args.sync_entries
            del result
            await objects.close()
        finally:
            fake.close()
        print(
            f"sync {args.sync_entries:,} entries ({pages} pages at {args.rate}): {wall:.2f} s for a floor of "
            f"{floor:.0f} s ({wall / floor:.3f}x), {got.get('requests')} requests, "
            f"CPU {used / args.sync_entries * 1e6:.1f} us/record into SQLite against "
            f"{built / args.sync_entries * 1e6:.1f} us/record as Python objects (round {round_ + 1})"
        )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def big_store(args: argparse.Namespace) -> None:
    fake = Fake(args.store_entries, None)
    try:
        with tempfile.TemporaryDirectory() as scratch:
            path = os.path.join(scratch, "h.db")
            conn = connector(fake, store=path, rate_limit=None, store_max_age=None)
            started = time.monotonic()
            await conn.sync(entities=["time_entries"], full=True)
            print(f"filled a store of {args.store_entries:,} time entries in {time.monotonic() - started:.1f} s")
            some = await conn.time_entries.context_store_sql_query(
                "SELECT id, spent_date FROM time_entries ORDER BY id LIMIT 1 OFFSET 12345"
            )
            row = some.data[0]
            row = row if isinstance(row, dict) else row.model_dump()
            month = str(row["spent_date"])[:7]
            timings: dict[str, list[float]] = {"eq id": [], "sql month": [], "fuzzy notes": []}
            for _ in range(args.queries):
                t = time.perf_counter()
                found = await conn.time_entries.context_store_search({"filter": {"eq": {"id": row["id"]}}})
                timings["eq id"].append(time.perf_counter() - t)
                assert len(found.data) == 1
                t = time.perf_counter()
                await conn.time_entries.context_store_sql_query(
                    "SELECT user_id, project_id, SUM(hours) AS hours FROM time_entries "
                    f"WHERE spent_date >= '{month}-01' AND spent_date <= '{month}-31' GROUP BY user_id, project_id",
                    limit=1000,
                )
                timings["sql month"].append(time.perf_counter() - t)
                t = time.perf_counter()
                await conn.time_entries.context_store_search({"filter": {"fuzzy": {"notes": "desing"}}}, limit=20)
                timings["fuzzy notes"].append(time.perf_counter() - t)
            for name, values in timings.items():
                print(
                    f"{name}: p50 {statistics.median(values) * 1e3:.1f} ms, p90 {percentile(values, 0.9) * 1e3:.1f} ms "
                    f"({len(values)} runs)"
                )
            await conn.close()
            size = sum(os.path.getsize(p) for p in Path(scratch).glob("h.db*"))
        # The JSON the store holds: the same records as Harvest sends them, compact.
        reader = connector(fake, rate_limit=None)
        json_bytes, request = 0, {"limit": 100_000}
        while True:
            page = await reader.execute("time_entries", "list", request)
            json_bytes += sum(len(json.dumps(r, separators=(",", ":"), ensure_ascii=False).encode()) for r in page.data)
            if not page.meta["has_more"]:
                break
            request = {"limit": 100_000, "cursor": page.meta["next_cursor"]}
        await reader.close()
        print(f"store on disk {size / 1e6:.0f} MB for {json_bytes / 1e6:.0f} MB of JSON ({size / json_bytes:.2f}x)")
    finally:
        fake.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sync-entries", type=int, default=50_000)
    parser.add_argument("--rate", default="20/1", help="the fake's limit for the sync, N/SECONDS")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--store-entries", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--skip", choices=["sync", "store"], action="append", default=[])
    args = parser.parse_args()
    if "sync" not in args.skip:
        asyncio.run(full_sync(args))
    if "store" not in args.skip:
        asyncio.run(big_store(args))


if __name__ == "__main__":
    main()
