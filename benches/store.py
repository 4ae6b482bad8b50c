"""The local store (``store=``): a full sync under Harvest's rate limit, and searches and SQL on
a big store. Run by hand with the package installed (e.g. the test virtualenv):

    python benches/store.py [--sync-entries 50000] [--rate 20/1] [--store-entries 1000000]

Both parts run against the fake Harvest in a process of its own (this process's CPU is the
client's alone), on 127.0.0.1, and stop by themselves.

1. Full sync of ``--sync-entries`` time entries with the fake refusing past ``--rate``
   requests per window: wall time against the floor ``ceil(pages / rate)`` windows (target:
   at most 1.1x), and CPU per record, into a file store and into the default in-memory one
   (and for a full resync of the unchanged file store, which finds deletions),
   against building the same records as Python objects (``execute`` with a ``limit`` over
   the same pages) and against building them and storing them from Python (``sqlite3``, the
   store's own tables and indexes).
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
import sqlite3
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


def schema_of(path: str) -> list[str]:
    """The DDL of the time entries' table, its indexes and its word index in the store at
    `path` (for Python's SQLite, which may predate FTS5's `contentless_delete`)."""
    db = sqlite3.connect(path)
    try:
        (data,) = db.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE '%time_entries' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%'"
        ).fetchone()
        ddl = [sql for (sql,) in db.execute("SELECT sql FROM sqlite_schema WHERE name = ?", (data,))]
        ddl += [
            sql
            for (sql,) in db.execute(
                "SELECT sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (data,)
            )
        ]
        ddl += [
            sql.replace(", contentless_delete=1", "")
            for (sql,) in db.execute(
                "SELECT sql FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL TABLE%' AND name LIKE '%time_entries'"
            )
        ]
    finally:
        db.close()
    return ddl


def python_store(records: list[dict[str, Any]], ddl: list[str]) -> float:
    """CPU seconds to put already-built Python records into SQLite from Python (`sqlite3`,
    the same tables, indexes and word index as the store, in memory, one transaction): what a
    store built from Python objects would add to building them. Its hash column is a constant
    and its words are the text fields joined (no per-word tokens): a lower bound."""
    started = cpu()
    db = sqlite3.connect(":memory:")
    for statement in ddl:
        db.execute(statement)
    table = next(name for (name,) in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'"))
    words = next(
        (name for (name,) in db.execute("SELECT name FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL%'")),
        None,
    )
    columns = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]

    def value(record: dict[str, Any], column: str, at: int) -> Any:
        if column == "_pos":
            return float(at)
        if column == "_hash":
            return 0
        if column in ("_extra", "_absent"):
            return None
        if column.endswith("_id") and column not in record:
            nested = record.get(column[:-3])
            return nested.get("id") if isinstance(nested, dict) else None
        v = record.get(column)
        if isinstance(v, (dict, list)):
            return json.dumps(v, separators=(",", ":"), ensure_ascii=False)
        return int(v) if isinstance(v, bool) else v

    insert = f'INSERT INTO "{table}" ({", ".join(f"{chr(34)}{c}{chr(34)}" for c in columns)}) '
    insert += f"VALUES ({', '.join('?' * len(columns))})"
    with db:
        db.executemany(insert, ([value(r, c, at) for c in columns] for at, r in enumerate(records)))
        if words:
            texts = (
                (
                    r["id"],
                    " ".join(
                        str(t)
                        for t in (
                            r.get("notes"),
                            *((r.get(o) or {}).get("name") for o in ("client", "project", "task", "user")),
                        )
                        if t
                    ),
                )
                for r in records
            )
            db.executemany(f'INSERT INTO "{words}" (rowid, w) VALUES (?, ?)', texts)
    used = cpu() - started
    db.close()
    return used


async def full_sync(args: argparse.Namespace) -> None:
    limit, window = (float(x) for x in args.rate.split("/"))
    pages = math.ceil(args.sync_entries / PAGE)
    floor = math.ceil(pages / limit) * window
    per = 1e6 / args.sync_entries
    for round_ in range(args.repeats):
        fake = Fake(args.sync_entries, args.rate)
        try:
            time.sleep(window)  # a full window to start with
            with tempfile.TemporaryDirectory() as scratch:
                path = os.path.join(scratch, "h.db")
                conn = connector(fake, store=path, rate_limit=(int(limit), window))
                started, cpu0 = time.monotonic(), cpu()
                counts = await conn.sync(entities=["time_entries"], full=True)
                wall, used = time.monotonic() - started, cpu() - cpu0
                # A full resync of what the store holds (deletions are found this way):
                # every record read and compared, none written.
                time.sleep(window)
                cpu0 = cpu()
                again = await conn.sync(entities=["time_entries"], full=True)
                resync = cpu() - cpu0
                assert again["time_entries"]["added"] == again["time_entries"]["updated"] == 0
                await conn.close()
                ddl = schema_of(path)
            got = counts["time_entries"]
            # The default store: in memory.
            time.sleep(window)
            conn = connector(fake, rate_limit=(int(limit), window))
            cpu0 = cpu()
            await conn.sync(entities=["time_entries"], full=True)
            in_memory = cpu() - cpu0
            await conn.close()
            time.sleep(window)
            objects = connector(fake, rate_limit=(int(limit), window))
            cpu1 = cpu()
            result = await objects.execute("time_entries", "list", {"limit": args.sync_entries})
            built = cpu() - cpu1
            assert len(result.data) == args.sync_entries
            stored = python_store(result.data, ddl)
            del result
            await objects.close()
        finally:
            fake.close()
        print(
            f"sync {args.sync_entries:,} entries ({pages} pages at {args.rate}): {wall:.2f} s for a floor of "
            f"{floor:.0f} s ({wall / floor:.3f}x), {got.get('requests')} requests; CPU per record: "
            f"{used * per:.1f} us into a file store, {in_memory * per:.1f} us into the default (memory) one, "
            f"{resync * per:.1f} us for a full resync of the unchanged file store, against "
            f"{built * per:.1f} us building Python objects and {(built + stored) * per:.1f} us building them and "
            f"storing them from Python (round {round_ + 1})"
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
