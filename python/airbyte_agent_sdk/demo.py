"""A short tour: ``python -m airbyte_agent_sdk.demo``.

With ``HARVEST_ACCESS_TOKEN`` and ``HARVEST_ACCOUNT_ID`` set it reads your Harvest account
(read-only calls); otherwise it starts the built-in fake Harvest and reads that.
"""

from __future__ import annotations

import asyncio
import os
import sys

from .connectors.harvest import HarvestConnector, HarvestPersonalAccessTokenAuthConfig
from .connectors.harvest.sandbox import HarvestSandbox
from .errors import AirbyteError


async def tour(connector: HarvestConnector, where: str) -> None:
    print(f"harvest-agent-connector: reading {where}")
    check = await connector.check()
    print(f"  check: {check.status}{'' if check.error is None else ' - ' + check.error}")
    if check.status != "healthy":
        return
    company = await connector.company.get()
    mode = "start/end times" if company.get("wants_timestamp_timers") else "duration"
    print(f"  company: {company.get('name')!r}, time tracked by {mode}")
    users = await connector.users.list(per_page=5)
    print(f"  users: {users.meta['total_entries']} in all; first {len(users.data)}:")
    for user in users.data:
        print(f"    {user['id']}: {user.get('first_name')} {user.get('last_name')}")
    entries = await connector.time_entries.list(per_page=3)
    print(f"  latest time entries ({entries.meta['total_entries']} in all):")
    for entry in entries.data:
        print(f"    {entry['spent_date']} {entry['hours']:>5} h  {entry['project']['name']} / {entry['task']['name']}")
    try:
        await connector.execute("users", "get", {"id": "../me"})
    except AirbyteError as err:
        print(f"  bad input is refused before sending, e.g.: {type(err).__name__}: {err}")


async def main() -> int:
    token, account = os.environ.get("HARVEST_ACCESS_TOKEN"), os.environ.get("HARVEST_ACCOUNT_ID")
    if token and account:
        async with HarvestConnector(HarvestPersonalAccessTokenAuthConfig(token=token, account_id=account)) as conn:
            await tour(conn, "your Harvest account")
        return 0
    with HarvestSandbox() as sandbox:
        async with sandbox.connector() as conn:
            where = f"the built-in fake Harvest at {sandbox.base_url}"
            await tour(conn, where + " (set HARVEST_ACCESS_TOKEN and HARVEST_ACCOUNT_ID to read yours)")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
