"""connect(): the reference's signature and precedence (explicit arguments, then auth_config,
then the environment), a HarvestConnector in hosted mode, and no I/O at all until the first
call, so it is safe inside a running event loop."""

from __future__ import annotations

import asyncio
import time

import pytest

from airbyte_agent_sdk import connect
from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.errors import AirbyteError, ConfigurationError, UnknownConnectorError
from airbyte_agent_sdk.types import AirbyteAuthConfig

pytestmark = pytest.mark.timeout(60)


def sent(airbyte) -> dict:
    """What the first call sent: credentials, organization, workspace, connector."""
    token = airbyte.requests("token")[0]
    execute = airbyte.requests("execute")[0]
    lookups = airbyte.requests("lookup")
    return {
        "client_id": token["json"]["client_id"],
        "client_secret": token["json"]["client_secret"],
        "organization_id": execute["headers"].get("x-organization-id"),
        "workspace_name": lookups[0]["query"]["workspace_name"][0] if lookups else None,
        "connector_id": execute["path"].split("/")[-2],
    }


async def test_connect_reads_the_environment_and_does_nothing_until_the_first_call(airbyte, monkeypatch):
    connector_id = airbyte.add_connector("acme")
    monkeypatch.setenv("AIRBYTE_CLIENT_ID", airbyte.client_id)
    monkeypatch.setenv("AIRBYTE_CLIENT_SECRET", airbyte.client_secret)
    monkeypatch.setenv("AIRBYTE_ORGANIZATION_ID", "org-env")
    started = time.monotonic()
    conn = connect("harvest", workspace_name="acme")
    assert time.monotonic() - started < 1.0
    assert isinstance(conn, HarvestConnector)
    assert conn.connector_id is None
    assert airbyte.requests() == [], "connect() itself sends nothing"
    assert (await conn.users.list(per_page=1)).data
    assert sent(airbyte) == {
        "client_id": airbyte.client_id,
        "client_secret": airbyte.client_secret,
        "organization_id": "org-env",
        "workspace_name": "acme",
        "connector_id": connector_id,
    }
    assert conn.connector_id == connector_id


async def test_connect_inside_a_running_loop_sends_nothing(airbyte, monkeypatch):
    airbyte.add_connector("acme")
    monkeypatch.setenv("AIRBYTE_CLIENT_ID", airbyte.client_id)
    monkeypatch.setenv("AIRBYTE_CLIENT_SECRET", airbyte.client_secret)
    asyncio.get_running_loop()  # inside a running loop, as in an agent server
    conn = connect("harvest", workspace_name="acme")
    assert airbyte.requests() == [], "no token request, no lookup: nothing to block on"
    # The first call resolves both, asynchronously, while the loop runs other work.
    airbyte.push_fault("token", delay=0.3)
    first_call = asyncio.create_task(conn.users.list(per_page=1))
    other = asyncio.create_task(asyncio.sleep(0, result="ran"))
    assert await other == "ran"
    assert not first_call.done()
    assert (await first_call).data
    assert [r["route"] for r in airbyte.requests()] == ["token", "lookup", "execute"]


async def test_explicit_arguments_win_over_auth_config_which_wins_over_the_environment(airbyte, monkeypatch):
    given = airbyte.add_connector("from-args")
    monkeypatch.setenv("AIRBYTE_CLIENT_ID", "env-id")
    monkeypatch.setenv("AIRBYTE_CLIENT_SECRET", "env-secret")
    monkeypatch.setenv("AIRBYTE_ORGANIZATION_ID", "org-env")
    config = AirbyteAuthConfig(
        workspace_name="from-config",
        organization_id="org-config",
        airbyte_client_id=airbyte.client_id,
        airbyte_client_secret="config-secret",
    )
    conn = connect(
        "harvest",
        client_secret=airbyte.client_secret,
        workspace_name="from-args",
        organization_id="org-args",
        auth_config=config,
    )
    await conn.users.list(per_page=1)
    assert sent(airbyte) == {
        "client_id": airbyte.client_id,  # auth_config over the environment
        "client_secret": airbyte.client_secret,  # the argument over auth_config
        "organization_id": "org-args",
        "workspace_name": "from-args",
        "connector_id": given,
    }
    # A connector id, from auth_config: no lookup.
    airbyte.clear_requests()
    pinned = connect(
        "harvest",
        auth_config=AirbyteAuthConfig(connector_id=given),
        client_id=airbyte.client_id,
        client_secret=airbyte.client_secret,
    )
    assert pinned.connector_id == given
    assert (await pinned.users.list(per_page=1)).data
    assert [r["route"] for r in airbyte.requests()] == ["token", "execute"]


def test_workspace_defaults_to_default(airbyte):
    conn = connect("harvest", client_id="i", client_secret="s")
    assert conn._native.workspace_name == "default"


def test_missing_credentials_fail_in_connect_with_the_ways_to_give_them(airbyte):
    with pytest.raises(ConfigurationError) as caught:
        connect("harvest", workspace_name="acme")
    text = str(caught.value)
    assert "airbyte_client_id and airbyte_client_secret are missing" in text
    assert "client_id=/client_secret=" in text and "AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET" in text
    assert isinstance(caught.value, ValueError)
    assert airbyte.requests() == []


def test_unknown_connector_names_are_refused_case_sensitively(airbyte, monkeypatch):
    monkeypatch.setenv("AIRBYTE_CLIENT_ID", "i")
    monkeypatch.setenv("AIRBYTE_CLIENT_SECRET", "s")
    with pytest.raises(UnknownConnectorError) as caught:
        connect("Harvest")
    assert str(caught.value) == 'Unknown connector: "Harvest". Available connectors: harvest.'
    assert caught.value.accepted == ["harvest"]
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, AirbyteError)
    with pytest.raises(TypeError):
        connect(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="auth_config must be an AirbyteAuthConfig"):
        connect("harvest", auth_config={"airbyte_client_id": "i"})  # type: ignore[arg-type]
    assert airbyte.requests() == []


def test_connector_options_pass_through(airbyte):
    conn = connect("harvest", client_id="i", client_secret="s", timeout=12.5, user_agent="MyAgent (me@example.com)")
    assert conn._native.timeout == 12.5
    assert conn._native.user_agent == "MyAgent (me@example.com)"
