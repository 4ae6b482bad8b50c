"""Several connectors on one event loop, used at once. They share the loop's completion queue
and its table of pending futures, so call ids must be unique across connectors: with ids
counted per connector, the second connector's call 1 took the first one's future and a call
never completed (a hang, found by the hosted-mode test fake, which runs a local connector per
hosted connector on one loop)."""

from __future__ import annotations

import asyncio

import pytest

pytestmark = pytest.mark.timeout(60)


async def test_local_connectors_used_concurrently_on_one_loop_all_complete(sandbox):
    connectors = [sandbox.connector(max_attempts=1) for _ in range(5)]
    calls = [c.users.list(per_page=1) for c in connectors for _ in range(4)]
    pages = await asyncio.wait_for(asyncio.gather(*calls), timeout=20)
    assert len(pages) == 20 and all(len(p.data) == 1 for p in pages)
