"""Hosted mode keeps its secrets: the Airbyte client secret and the application tokens never
appear in repr, str, exception text, tracebacks or logs, even when the API echoes them."""

from __future__ import annotations

import logging
import traceback

import pytest

from airbyte_agent_sdk import connect
from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.types import AirbyteAuthConfig

pytestmark = pytest.mark.timeout(60)


async def test_secrets_stay_out_of_everything_printable(airbyte, caplog):
    caplog.set_level(logging.DEBUG)
    airbyte.add_connector("acme")
    config = AirbyteAuthConfig(
        workspace_name="acme", airbyte_client_id=airbyte.client_id, airbyte_client_secret=airbyte.client_secret
    )
    conn = HarvestConnector(auth_config=config, max_attempts=1)
    texts = [repr(config), str(config), repr(conn), repr(conn._native)]

    async def failure(call):
        try:
            await call
        except Exception as exc:  # noqa: BLE001 - collecting every failure's text
            texts.append(str(exc) + repr(exc) + repr(exc.details) + "".join(traceback.format_exception(exc)))
        else:
            raise AssertionError("expected a failure")

    await conn.users.list(per_page=1)
    token = airbyte.issued_tokens[0]
    # The API echoing the token or the client secret back must not reach a message.
    airbyte.push_fault("execute", 500, {"detail": f"bad bearer {token}"})
    await failure(conn.users.list())
    airbyte.revoke_tokens()
    airbyte.push_fault("token", 401, {"detail": f"secret {airbyte.client_secret} is revoked"})
    await failure(conn.users.list())
    await failure(conn.execute("users", "get", {"id": airbyte.client_secret}))
    await failure(conn.users.context_store_search({"filter": {"eq": {token: 1}}, "sort": [{"x": token}]}))
    env_conn = connect("harvest", client_id=airbyte.client_id, client_secret=airbyte.client_secret)
    texts.append(repr(env_conn))
    texts.append("\n".join(r.getMessage() for r in caplog.records))
    assert len(texts) > 6
    for text in texts:
        for secret in (airbyte.client_secret, *airbyte.issued_tokens):
            assert secret not in text, text
    assert any("bad bearer ***" in t for t in texts)
    assert any("secret *** is revoked" in t for t in texts)
