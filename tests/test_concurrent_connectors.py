"""Several connectors on one event loop, used at once. They share the loop's completion queue
and its table of pending futures, so call ids must be unique across connectors: with ids
counted per connector, the second connector's call 1 took the first one's future and a call
never completed (a hang, found by the hosted-mode fake, which runs a local connector per
hosted connector on one loop)."""

from __future__ import annotations

import asyncio

import pytest

from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.types import AirbyteAuthConfig

pytestmark = pytest.mark.timeout(60)


async def test_local_connectors_used_concurrently_on_one_loop_all_complete(sandbox):
    connectors = [sandbox.connector(max_attempts=1) for _ in range(5)]
    calls = [c.users.list(per_page=1) for c in connectors for _ in range(4)]
    pages = await asyncio.wait_for(asyncio.gather(*calls), timeout=20)
    assert len(pages) == 20 and all(len(p.data) == 1 for p in pages)


async def test_local_and_hosted_connectors_share_a_loop(sandbox, airbyte):
    airbyte.add_connector("acme")
    hosted = HarvestConnector(
        auth_config=AirbyteAuthConfig(
            workspace_name="acme", airbyte_client_id=airbyte.client_id, airbyte_client_secret=airbyte.client_secret
        )
    )
    local = sandbox.connector()
    calls = [conn.users.list(per_page=2) for conn in (hosted, local) for _ in range(5)]
    pages = await asyncio.wait_for(asyncio.gather(*calls), timeout=20)
    assert [len(p.data) for p in pages] == [2] * 10
    assert pages[0].data == pages[-1].data
