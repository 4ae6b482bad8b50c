"""A short tour: ``python -m airbyte_agent_sdk.demo``.

With ``HARVEST_ACCESS_TOKEN`` and ``HARVEST_ACCOUNT_ID`` set it reads your Harvest account
(read-only calls); otherwise it starts the built-in fake Harvest and reads that. Each step
prints the code that makes it, ready to copy, then what it returned. Exits 1 when the health
check fails (bad credentials, Harvest unreachable), 0 otherwise.
"""

from __future__ import annotations

import asyncio
import os
import sys

from .connectors.harvest import HarvestConnector, HarvestPersonalAccessTokenAuthConfig
from .connectors.harvest.sandbox import HarvestSandbox
from .errors import AirbyteError

SETUP = """\
import asyncio
from airbyte_agent_sdk.connectors.harvest import HarvestConnector, HarvestPersonalAccessTokenAuthConfig

async def main():
    auth = HarvestPersonalAccessTokenAuthConfig(token="...", account_id="...")
    async with HarvestConnector(auth_config=auth) as connector:
        ...  # the lines below

asyncio.run(main())"""


def _code(line: str) -> None:
    print(f"\n>>> {line}")


async def tour(connector: HarvestConnector, where: str) -> bool:
    """Run the tour; False when the health check fails (nothing else is tried then)."""
    print(f"harvest-agent-connector: reading {where}")
    print("\nEvery step below runs inside this (or `python -m asyncio`, which allows a top-level await):")
    print(SETUP)
    _code("check = await connector.check()")
    check = await connector.check()
    print(f"check.status = {check.status!r}{'' if check.error is None else ', check.error = ' + repr(check.error)}")
    if check.status != "healthy":
        return False
    _code("company = await connector.company.get()")
    company = await connector.company.get()
    mode = "start/end times" if company.get("wants_timestamp_timers") else "duration"
    print(f"company['name'] = {company.get('name')!r} (time tracked by {mode})")
    _code("users = await connector.users.list(per_page=5)")
    users = await connector.users.list(per_page=5)
    print(f"users.meta['total_entries'] = {users.meta['total_entries']}; users.data:")
    for user in users.data:
        print(f"  {user['id']}: {user.get('first_name')} {user.get('last_name')}")
    _code("entries = await connector.time_entries.list(per_page=3)")
    entries = await connector.time_entries.list(per_page=3)
    print(f"entries.meta['total_entries'] = {entries.meta['total_entries']}; entries.data:")
    for entry in entries.data:
        print(f"  {entry['spent_date']} {entry['hours']:>5} h  {entry['project']['name']} / {entry['task']['name']}")
    if entries.meta.get("next_cursor"):
        _code('more = await connector.time_entries.list(per_page=3, cursor=entries.meta["next_cursor"])')
        more = await connector.time_entries.list(per_page=3, cursor=entries.meta["next_cursor"])
        print(f"more.data: {len(more.data)} records, the next ones")
    _code('await connector.execute("users", "get", {"id": "../me"})')
    try:
        await connector.execute("users", "get", {"id": "../me"})
    except AirbyteError as err:
        print(f"refused before sending: {type(err).__name__}: {err}")
    return True


async def main() -> int:
    token, account = os.environ.get("HARVEST_ACCESS_TOKEN"), os.environ.get("HARVEST_ACCOUNT_ID")
    if token and account:
        async with HarvestConnector(HarvestPersonalAccessTokenAuthConfig(token=token, account_id=account)) as conn:
            healthy = await tour(conn, "your Harvest account")
    else:
        with HarvestSandbox() as sandbox:
            async with sandbox.connector() as conn:
                where = f"the built-in fake Harvest at {sandbox.base_url}"
                healthy = await tour(conn, where + " (set HARVEST_ACCESS_TOKEN and HARVEST_ACCOUNT_ID to read yours)")
    if not healthy:
        print("\nThe health check failed: check the token and account id (or the network).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
