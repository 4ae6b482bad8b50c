"""The core's log records reach Python logging (logger "airbyte_agent_sdk"), secrets excluded."""

from __future__ import annotations

import logging

from airbyte_agent_sdk.connectors.harvest import HarvestConnector

from .conftest import SECRETS


async def test_retries_and_refreshes_are_logged(sandbox, captured_logs):
    conn = HarvestConnector(sandbox.oauth_config(), base_url=sandbox.base_url, id_url=sandbox.id_url, max_attempts=2)
    sandbox.push_status(503, "")
    await conn.users.list(per_page=1)
    records = [(r.levelno, r.getMessage()) for r in captured_logs.records if r.name == "airbyte_agent_sdk"]
    assert (logging.INFO, "obtained a new Harvest OAuth access token") in records
    assert (logging.DEBUG, "refreshing the Harvest OAuth access token") in records
    retries = [m for level, m in records if level == logging.DEBUG and m.startswith("retrying GET /v2/users in ")]
    assert len(retries) == 1 and "Harvest server error (HTTP 503)" in retries[0] and "(attempt 1 of 2)" in retries[0]
    text = "\n".join(m for _, m in records)
    for secret in SECRETS:
        assert secret not in text
