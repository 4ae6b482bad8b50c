"""HarvestConnector.create() and the "bring your own OAuth flow" steps (get_consent_url(), then the
callback's connector_id), against the fake Airbyte API."""

from __future__ import annotations

import logging
import traceback
from urllib.parse import parse_qs, urlsplit

import pytest

from airbyte_agent_sdk.connectors.harvest import HarvestConnector, HarvestReplicationConfig
from airbyte_agent_sdk.connectors.harvest.models import HarvestOauth20AuthConfig
from airbyte_agent_sdk.errors import ConfigurationError, ConnectorValidationError, HTTPStatusError
from airbyte_agent_sdk.types import AirbyteAuthConfig

from .conftest import SECRET_TOKEN
from .fake_airbyte import HARVEST_DEFINITION_ID

pytestmark = pytest.mark.timeout(60)


def airbyte_config(airbyte, **overrides) -> AirbyteAuthConfig:
    values = {
        "workspace_name": "acme",
        "airbyte_client_id": airbyte.client_id,
        "airbyte_client_secret": airbyte.client_secret,
    }
    values.update(overrides)
    return AirbyteAuthConfig(**values)


async def test_create_posts_the_connector_and_returns_it_ready(airbyte, sandbox):
    conn = await HarvestConnector.create(
        airbyte_config=airbyte_config(airbyte),
        auth_config=sandbox.pat_config(),
        replication_config=HarvestReplicationConfig(account_id=sandbox.account_id),
    )
    (create,) = airbyte.requests("create")
    assert create["json"] == {
        "name": "harvest - acme",
        "definition_id": HARVEST_DEFINITION_ID,
        "workspace_name": "acme",
        "credentials": {"token": SECRET_TOKEN, "account_id": sandbox.account_id},
        "replication_config": {"account_id": sandbox.account_id},
    }
    assert create["headers"]["authorization"].startswith("Bearer ")
    assert isinstance(conn, HarvestConnector)
    assert conn.connector_id == create["answer"]["id"]
    assert airbyte.connectors[conn.connector_id]["workspace_name"] == "acme"
    # The new connector answers at once: no lookup, and the same application token.
    page = await conn.users.list(per_page=2)
    assert len(page.data) == 2
    assert [r["route"] for r in airbyte.requests()] == ["token", "create", "execute"]


async def test_create_with_oauth_credentials_a_name_or_a_server_side_secret(airbyte, sandbox):
    oauth = HarvestOauth20AuthConfig(
        client_id=sandbox.client_id,
        client_secret=sandbox.client_secret,
        refresh_token=sandbox.refresh_token,
        account_id=sandbox.account_id,
    )
    conn = await HarvestConnector.create(
        airbyte_config=airbyte_config(airbyte), auth_config=oauth, name="My Harvest Connector"
    )
    body = airbyte.requests("create")[-1]["json"]
    assert body["name"] == "My Harvest Connector"
    assert body["credentials"] == oauth.model_dump()
    assert (await conn.company.get())["name"]
    server_side = await HarvestConnector.create(
        airbyte_config=airbyte_config(airbyte),
        server_side_oauth_secret_id="secret-ref-1",
        source_template_id="template-9",
        replication_config={"account_id": "555"},
    )
    body = airbyte.requests("create")[-1]["json"]
    assert "credentials" not in body
    assert (body["server_side_oauth_secret_id"], body["source_template_id"]) == ("secret-ref-1", "template-9")
    assert server_side.connector_id and server_side.connector_id != conn.connector_id


@pytest.mark.parametrize(
    "kwargs,error,text",
    [
        ({"config": {"workspace_name": None}}, ConfigurationError, "'workspace_name': is required for create()"),
        ({"auth": None}, ConfigurationError, "create() needs auth_config (Harvest credentials) or server_side"),
        ({"secret_id": "ref"}, ConfigurationError, "either auth_config or server_side_oauth_secret_id, not both"),
        ({"config": {"connector_id": "abc"}}, ConfigurationError, "leave connector_id out"),
        ({"config": {"airbyte_client_secret": None}}, ConfigurationError, "airbyte_client_secret is missing"),
        ({"auth": {"token": "t", "account_id": "1"}}, TypeError, "Unsupported auth_config type: dict"),
        ({"replication": ["account_id"]}, TypeError, "replication_config must be HarvestReplicationConfig"),
        ({"name": " "}, ConfigurationError, "'name': must not be empty"),
    ],
)
async def test_create_refuses_bad_input_before_any_request(airbyte, sandbox, kwargs, error, text):
    auth = kwargs.get("auth", sandbox.pat_config())
    with pytest.raises(error) as caught:
        await HarvestConnector.create(
            airbyte_config=airbyte_config(airbyte, **kwargs.get("config", {})),
            auth_config=auth,
            server_side_oauth_secret_id=kwargs.get("secret_id"),
            replication_config=kwargs.get("replication"),
            name=kwargs.get("name"),
        )
    assert text in str(caught.value)
    assert airbyte.requests() == []
    with pytest.raises(TypeError, match="needs airbyte_config=AirbyteAuthConfig"):
        await HarvestConnector.create(airbyte_config={"workspace_name": "acme"}, auth_config=sandbox.pat_config())


async def test_create_is_not_retried_and_reports_the_api_s_reason(airbyte, sandbox):
    airbyte.push_fault("create", 503, {"detail": "maintenance"})
    with pytest.raises(HTTPStatusError, match="maintenance"):
        await HarvestConnector.create(airbyte_config=airbyte_config(airbyte), auth_config=sandbox.pat_config())
    assert len(airbyte.requests("create")) == 1, "a retry could create a second connector"
    airbyte.push_fault("create", 422, {"detail": [{"loc": ["body", "credentials", "token"], "msg": "invalid"}]})
    with pytest.raises(ConnectorValidationError) as caught:
        await HarvestConnector.create(airbyte_config=airbyte_config(airbyte), auth_config=sandbox.pat_config())
    assert "body.credentials.token: invalid" in str(caught.value)


async def test_credentials_posted_by_create_never_reach_messages_or_logs(airbyte, sandbox, caplog):
    caplog.set_level(logging.DEBUG)
    airbyte.push_fault("create", 400, {"detail": f"token {SECRET_TOKEN} rejected by Harvest"})
    config = airbyte_config(airbyte)
    with pytest.raises(ConnectorValidationError) as caught:
        await HarvestConnector.create(airbyte_config=config, auth_config=sandbox.pat_config())
    text = str(caught.value) + repr(caught.value) + "".join(traceback.format_exception(caught.value))
    assert "token *** rejected by Harvest" in str(caught.value)
    for secret in (SECRET_TOKEN, airbyte.client_secret, *airbyte.issued_tokens):
        assert secret not in text
        assert secret not in "\n".join(r.getMessage() for r in caplog.records)
        assert secret not in repr(config) + str(config)


async def test_bring_your_own_oauth_flow(airbyte):
    config = airbyte_config(airbyte)
    # Step 1: a consent URL for the user.
    consent_url = await HarvestConnector.get_consent_url(
        airbyte_config=config,
        redirect_url="https://yourapp.com/oauth/callback",
        name="Harvest for Acme",
        replication_config=HarvestReplicationConfig(account_id="123"),
    )
    assert consent_url.startswith("https://consent.fake.example/harvest?state=")
    (initiate,) = airbyte.requests("initiate")
    assert initiate["path"] == "/api/v1/integrations/connectors/oauth/initiate"
    assert initiate["json"] == {
        "workspace_name": "acme",
        "definition_id": HARVEST_DEFINITION_ID,
        "redirect_url": "https://yourapp.com/oauth/callback",
        "name": "Harvest for Acme",
        "replication_config": {"account_id": "123"},
    }
    # Step 2: the user consents; Airbyte creates the connector and calls back with its id.
    callback = airbyte.complete_consent(consent_url)
    assert callback.startswith("https://yourapp.com/oauth/callback?connector_id=")
    connector_id = parse_qs(urlsplit(callback).query)["connector_id"][0]
    airbyte.clear_requests()
    conn = HarvestConnector(
        auth_config=AirbyteAuthConfig(
            workspace_name="acme",
            airbyte_client_id=airbyte.client_id,
            airbyte_client_secret=airbyte.client_secret,
            connector_id=connector_id,
        )
    )
    assert conn.connector_id == connector_id
    assert (await conn.users.list(per_page=1)).data
    assert [r["route"] for r in airbyte.requests()] == ["token", "execute"]


@pytest.mark.parametrize(
    "config,redirect_url,text",
    [
        ({"workspace_name": None}, "https://yourapp.com/cb", "'workspace_name': is required for get_consent_url()"),
        ({}, "yourapp.com/cb", "'redirect_url': must be an absolute http(s) URL"),
        ({}, "ftp://yourapp.com/cb", "'redirect_url': must be an absolute http(s) URL"),
        ({"airbyte_client_id": None}, "https://yourapp.com/cb", "airbyte_client_id is missing"),
    ],
)
async def test_consent_url_refuses_bad_input_before_any_request(airbyte, config, redirect_url, text):
    with pytest.raises(ConfigurationError) as caught:
        await HarvestConnector.get_consent_url(
            airbyte_config=airbyte_config(airbyte, **config), redirect_url=redirect_url
        )
    assert text in str(caught.value)
    assert airbyte.requests() == []


async def test_a_consent_answer_without_a_url_is_a_typed_error(airbyte):
    from airbyte_agent_sdk.errors import InvalidResponseError

    airbyte.push_fault("initiate", 200, {"url": "https://elsewhere"})
    with pytest.raises(InvalidResponseError, match="no 'consent_url' member"):
        await HarvestConnector.get_consent_url(airbyte_config=airbyte_config(airbyte), redirect_url="https://a.b/c")
