"""The subcommands but ``mcp``: ``check``, ``entities``, ``schema``, ``execute``, ``sandbox``.

Each takes the parsed arguments and the environment (process variables overlaid with
``--env-file``) and returns an exit code; bad input raises ``UsageError``, Harvest's refusals
raise the connector's own errors (``main`` prints both as one line). Only the public
``HarvestConnector`` API is used.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, Mapping, Optional

from . import connection, output, params, writes
from .progress import Progress, Steps
from .usage import EXIT_FAILED, EXIT_OK, UsageError

# Records asked for per call of a long pull: four of Harvest's largest pages, which the
# connector fetches concurrently; between two calls the progress bar moves and jsonl flushes.
PULL_CHUNK = 8_000


def _catalogue() -> Any:
    """A connector used only to read the catalogue (no credentials needed, no I/O)."""
    from ..connectors.harvest import HarvestConnector
    from ..connectors.harvest.models import HarvestPersonalAccessTokenAuthConfig

    return HarvestConnector(HarvestPersonalAccessTokenAuthConfig(token="catalogue-only", account_id="0"))


def _entity_names(connector: Any) -> list[str]:
    return [entity["entity_name"] for entity in connector.list_entities()]


def _schema(connector: Any, entity: str) -> dict[str, Any]:
    names = _entity_names(connector)
    if entity not in names:
        raise UsageError(f"unknown entity {entity!r}; entities: {', '.join(names)}")
    return connector.entity_schema(entity)  # type: ignore[no-any-return]


# ---- check ----


async def _check_report(connector: Any, environ: Mapping[str, str]) -> dict[str, Any]:
    import asyncio

    from ..errors import AirbyteError

    result = await connector.check()
    report: dict[str, Any] = {
        "status": result.status,
        "account_id": environ.get("HARVEST_ACCOUNT_ID", "").strip(),
        "base_url": connector.base_url,
    }
    if result.status != "healthy":
        report["error"] = result.error
        return report
    try:
        me, company = await asyncio.gather(
            connector.execute("users", "me", {}), connector.execute("company", "get", {})
        )
    except AirbyteError as exc:
        return {**report, "status": "unhealthy", "error": f"{type(exc).__name__}: {exc}"}
    report["company"] = company.get("name")
    report["user"] = {
        "id": me.get("id"),
        "name": " ".join(part for part in (me.get("first_name"), me.get("last_name")) if part),
        "email": me.get("email"),
    }
    return report


def check(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    """Credentials and account: one cheap request, then who and where; exit 0 healthy, 1 not."""
    import asyncio

    async def run() -> dict[str, Any]:
        async with connection.connector(environ) as connector:
            return await _check_report(connector, environ)

    report = asyncio.run(run())
    if args.json:
        output.write_json(sys.stdout, report, pretty=sys.stdout.isatty())
    elif report["status"] == "healthy":
        user = report["user"]
        print(
            f"healthy: Harvest account {report['account_id']} ({report['company']}) "
            f"as {user['name']} <{user['email']}>, user {user['id']}, at {report['base_url']}"
        )
    else:
        print(f"unhealthy: {report['error']}")
    return EXIT_OK if report["status"] == "healthy" else EXIT_FAILED


# ---- entities, schema ----


def entities(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    listing = _catalogue().list_entities()
    if args.json:
        output.write_json(sys.stdout, listing, pretty=sys.stdout.isatty())
        return EXIT_OK
    width = max(len(entity["entity_name"]) for entity in listing)
    for entity in listing:
        actions = ", ".join(entity["available_actions"])
        print(f"{entity['entity_name'].ljust(width)}  {actions}  - {entity['description']}")
    return EXIT_OK


def schema(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    found = _schema(_catalogue(), args.entity)
    if args.json:
        output.write_json(sys.stdout, found, pretty=sys.stdout.isatty())
        return EXIT_OK
    print(f"{args.entity}: {found['description']}")
    for name, action in found["actions"].items():
        host = "" if action["host"] == "api" else f"{{{action['host']}_url}}"
        print(f"\n  {name}: {action['method']} {host}{action['path']} - {action['description']}")
        required = set(action["params"]["required"])
        for param, spec in action["params"]["properties"].items():
            flag = " (required)" if param in required else ""
            print(f"    {param}{flag}: {spec['description']}")
    return EXIT_OK


# ---- execute ----


def _response_shape(connector: Any, entity: str, action: str) -> str:
    if entity not in _entity_names(connector):
        return "object"  # execute refuses it, naming the entities
    spec = connector.entity_schema(entity)["actions"].get(action)
    return "object" if spec is None else str(spec["response"])


def _hint_more(meta: dict[str, Any]) -> None:
    if meta.get("has_more") and meta.get("next_cursor"):
        print(
            f"harvest-agent: more records: add -p cursor={meta['next_cursor']} (or a larger --limit)",
            file=sys.stderr,
        )


async def _pull(connector: Any, args: argparse.Namespace, request: dict[str, Any], call: Any) -> int:
    """A list: one page, or up to ``--limit`` records in chunks; jsonl is written as they come."""
    wanted = request.get("limit")
    streaming = args.output == "jsonl"
    collected: list[Any] = []
    progress = Progress(sys.stderr, wanted or 0)
    try:
        if isinstance(wanted, int) and wanted > PULL_CHUNK:
            request = {**request, "limit": PULL_CHUNK}
        fetched = 0
        while True:
            page = await call(request)
            fetched += len(page.data)
            if streaming:
                output.write_jsonl(sys.stdout, page.data)
            else:
                collected.extend(page.data)
            meta = page.meta
            remaining = (wanted - fetched) if isinstance(wanted, int) else 0
            if remaining <= 0 or not page.data or not meta.get("has_more") or not meta.get("next_cursor"):
                break
            progress.update(fetched, meta.get("total_entries"))
            request = {"cursor": meta["next_cursor"], "limit": min(remaining, PULL_CHUNK)}
    finally:
        progress.close()
    if args.output == "json":
        output.write_json(sys.stdout, {"data": collected, "meta": meta}, pretty=sys.stdout.isatty())
        return EXIT_OK
    if args.output == "table":
        output.write_table(sys.stdout, collected)
    elif args.output == "csv":
        output.write_csv(sys.stdout, collected)
    _hint_more(meta)
    return EXIT_OK


async def _execute(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    catalogue = _catalogue()
    request = params.build(catalogue, args.entity, args.action, args.param or (), args.params, args.limit)
    writing = writes.is_write(catalogue, args.entity, args.action)
    if writing and not (args.allow_writes or args.dry_run):
        raise UsageError(
            f"{args.entity} {args.action} changes data in Harvest: add --allow-writes to run it "
            "(or --dry-run to see what would be sent)"
        )
    options = writes.constructor_option({(args.entity, args.action)}) if writing and args.allow_writes else {}
    discovery = args.entity == connection.DISCOVERY_ENTITY
    async with connection.connector(environ, discovery=discovery, **options) as connector:
        extra = {"dry_run": True} if args.dry_run else {}

        async def call(request: dict[str, Any]) -> Any:
            return await connector.execute(args.entity, args.action, request, **extra)

        if _response_shape(connector, args.entity, args.action) == "list" and not args.dry_run:
            return await _pull(connector, args, request, call)
        result = await call(request)
    output.write_object(sys.stdout, result, args.output, pretty=sys.stdout.isatty())
    return EXIT_OK


def execute(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    import asyncio

    return asyncio.run(_execute(args, environ))


# ---- sync ----


def _stored_entities(connector: Any) -> list[str]:
    """The entities the local store holds, in the catalogue's order."""
    names = _entity_names(connector)
    return [name for name in names if (connector.entity_schema(name) or {}).get("store")]


async def _sync(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    path = args.store or environ.get("HARVEST_STORE")
    if not path:
        raise UsageError(
            "sync fills a store file: give --store PATH or set HARVEST_STORE (a store kept in memory "
            "would be gone when the command ends)"
        )
    catalogue = _catalogue()
    stored = _stored_entities(catalogue)
    for name in args.entities:
        if name not in stored:
            raise UsageError(f"{name}: not an entity the store holds; accepted: {', '.join(stored)}")
    wanted = list(dict.fromkeys(args.entities)) or stored
    counts: dict[str, Any] = {}
    bar = Steps(sys.stderr, len(wanted), "entities")
    try:
        async with connection.connector(environ, store=path) as connector:
            for done, name in enumerate(wanted):
                bar.update(done, name)

                def show(entity: str, received: int, total: Optional[int], done: int = done) -> None:
                    bar.update(done, f"{entity} {received:,}/{total:,}" if total else f"{entity} {received:,}")

                counts.update(await connector.sync(entities=[name], full=args.full, progress=show))
            bar.update(len(wanted), "")
    finally:
        bar.close()
    if args.json:
        output.write_json(sys.stdout, counts, pretty=sys.stdout.isatty())
        return EXIT_OK
    for name, c in counts.items():
        kind = "full" if c.get("full") else "changes"
        print(
            f"{name}: {c.get('added', 0):,} added, {c.get('updated', 0):,} updated, {c.get('removed', 0):,} removed "
            f"({kind}; {c.get('requests', 0)} requests, {c.get('seconds', 0):.1f} s)"
        )
    return EXIT_OK


def sync(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    import asyncio

    return asyncio.run(_sync(args, environ))


# ---- sandbox ----

LOOPBACK = ("127.0.0.1", "localhost")


def sandbox(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    """The built-in fake Harvest, with the variables that point a client at it on stdout (in
    ``--env-file`` form), until stdin closes or Ctrl-C."""
    from ..connectors.harvest import sandbox as fake

    if args.host not in LOOPBACK:
        raise UsageError(
            f"--host {args.host}: the fake Harvest listens on 127.0.0.1 only "
            "(it accepts published test credentials); accepted: 127.0.0.1, localhost"
        )
    if args.seed is not None:
        raise UsageError(
            "--seed: the fake Harvest serves one fixed, deterministic data set (the same on every run); "
            "--time-entries and --records-per-entity change its size"
        )

    def announce(running: Any) -> None:
        print(f"HARVEST_API_URL={running.base_url}")
        print(f"HARVEST_ID_URL={running.id_url}")
        print(f"HARVEST_ACCESS_TOKEN={running.token}")
        print(f"HARVEST_ACCOUNT_ID={running.account_id}", flush=True)
        print(
            f"harvest-agent: fake Harvest on {running.base_url}; the lines above are the environment for any "
            "client (or an --env-file). Stop with Ctrl-C or by closing stdin.",
            file=sys.stderr,
            flush=True,
        )

    def summary(count: int) -> None:
        print(f"harvest-agent: fake Harvest stopped after {count} requests", file=sys.stderr, flush=True)

    try:
        return fake.serve(args, announce, summary)
    except OSError as exc:  # the port is taken, most likely
        raise UsageError(f"--port {args.port}: cannot listen on 127.0.0.1:{args.port} ({exc})") from None
