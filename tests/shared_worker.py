"""One worker process of the shared-state tests: a connector with ``shared_state``, driven
over stdin/stdout one JSON line at a time, so that the test starts every worker's calls at
once however long each took to start.

    python tests/shared_worker.py '{"auth": {...}, "oauth": false, "options": {...}}'

It prints ``{"ready": true}``, then for each line ``{"calls": N, "concurrency": C}`` runs N
``users.list`` calls, C at a time, and prints what happened; it ends at end of input."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.connectors.harvest.models import (
    HarvestOauth20AuthConfig,
    HarvestPersonalAccessTokenAuthConfig,
)
from airbyte_agent_sdk.errors import AirbyteError, RateLimitError


async def main(setup: dict[str, Any]) -> None:
    auth_class = HarvestOauth20AuthConfig if setup["oauth"] else HarvestPersonalAccessTokenAuthConfig
    refreshes: list[dict[str, Any]] = []
    options = dict(setup["options"])
    if "rate_limit" in options and options["rate_limit"] is not None:
        options["rate_limit"] = tuple(options["rate_limit"])
    connector = HarvestConnector(auth_class(**setup["auth"]), refreshes.append, **options)
    print(json.dumps({"ready": True}), flush=True)
    loop = asyncio.get_running_loop()
    while line := await loop.run_in_executor(None, sys.stdin.readline):
        command = json.loads(line)
        outcome = await run(connector, command["calls"], command["concurrency"])
        outcome["token_events"] = len(refreshes)
        print(json.dumps(outcome), flush=True)


async def run(connector: HarvestConnector, calls: int, concurrency: int) -> dict[str, Any]:
    gate = asyncio.Semaphore(concurrency)
    outcome: dict[str, Any] = {"ok": 0, "rate_limited": 0, "errors": []}

    async def one() -> None:
        async with gate:
            try:
                await connector.users.list(per_page=1)
                outcome["ok"] += 1
            except RateLimitError:
                outcome["rate_limited"] += 1
            except AirbyteError as exc:
                outcome["errors"].append(f"{type(exc).__name__}: {exc}")

    await asyncio.gather(*(one() for _ in range(calls)))
    return outcome


if __name__ == "__main__":
    asyncio.run(main(json.loads(sys.argv[1])))
