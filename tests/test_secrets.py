"""No credential ever appears in repr, str, exception text, logs or tracebacks."""

from __future__ import annotations

import asyncio
import copy
import logging
import pickle
import traceback

import pytest

from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.connectors.harvest.models import (
    HarvestOauth20AuthConfig,
    HarvestPersonalAccessTokenAuthConfig,
)
from airbyte_agent_sdk.types import AirbyteAuthConfig

from .conftest import SECRETS


def assert_clean(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"secret leaked: {text!r}"


def test_configs_mask_secrets_but_dump_values():
    pat = HarvestPersonalAccessTokenAuthConfig(token=SECRETS[0], account_id="123")
    oauth = HarvestOauth20AuthConfig(
        client_id="cid", client_secret=SECRETS[1], refresh_token=SECRETS[2], account_id="1"
    )
    hosted = AirbyteAuthConfig(workspace_name="ws", airbyte_client_id="id", airbyte_client_secret=SECRETS[1])
    assert repr(pat) == "HarvestPersonalAccessTokenAuthConfig(token='***', account_id='123')"
    assert str(pat) == "token='***' account_id='123'"
    for config in (pat, oauth, hosted):
        assert_clean(repr(config) + str(config) + f"{config}" + repr([config]))
    assert pat.model_dump() == {"token": SECRETS[0], "account_id": "123"}
    assert oauth.model_dump()["refresh_token"] == SECRETS[2]
    assert pickle.loads(pickle.dumps(oauth)) == oauth == copy.deepcopy(oauth)
    assert pat == HarvestPersonalAccessTokenAuthConfig(token=SECRETS[0], account_id="123")
    assert pat != HarvestPersonalAccessTokenAuthConfig(token=SECRETS[0], account_id="124")


@pytest.mark.parametrize(
    "kwargs,error,text",
    [
        ({"account_id": "1"}, TypeError, "token"),
        ({"token": "t", "account_id": "1", "extra": 1}, TypeError, "extra"),
        (
            {"token": 123, "account_id": "1"},
            TypeError,
            "HarvestPersonalAccessTokenAuthConfig.token must be a str, got int",
        ),
        ({"token": "", "account_id": "1"}, ValueError, "token must not be empty"),
    ],
)
def test_config_validation_names_the_field(kwargs, error, text):
    with pytest.raises(error, match=text):
        HarvestPersonalAccessTokenAuthConfig(**kwargs)


def test_configs_are_keyword_only():
    with pytest.raises(TypeError):
        HarvestPersonalAccessTokenAuthConfig("tok", "1")  # type: ignore[misc]


def test_connector_constructor_errors():
    with pytest.raises(
        TypeError, match="Unsupported auth_config type: dict. Expected one of: HarvestOauth20AuthConfig"
    ):
        HarvestConnector({"token": "x", "account_id": "1"})
    with pytest.raises(ValueError, match="Either provide AirbyteAuthConfig"):
        HarvestConnector(None)


async def test_error_paths_leak_nothing(sandbox, caplog):
    caplog.set_level(logging.DEBUG)
    texts = []

    async def run(conn, call):
        try:
            await call(conn)
        except Exception as exc:  # noqa: BLE001 - collecting every failure's text
            texts.append(str(exc) + repr(exc) + "".join(traceback.format_exception(exc)))

    pat = sandbox.connector(max_attempts=1)
    oauth = HarvestConnector(sandbox.oauth_config(), base_url=sandbox.base_url, id_url=sandbox.id_url, max_attempts=1)
    bad_oauth = HarvestConnector(
        HarvestOauth20AuthConfig(
            client_id="cid", client_secret=SECRETS[1], refresh_token=SECRETS[2] + "x", account_id="1"
        ),
        base_url=sandbox.base_url,
        id_url=sandbox.id_url,
    )
    # Harvest echoing the credential back must not reach the message either.
    sandbox.push_status(401, f'{{"error":"invalid_token","error_description":"token {SECRETS[0]} is bad"}}')
    await run(pat, lambda c: c.users.list())
    sandbox.push_status(500, f"<html><title>{SECRETS[0]}</title></html>", content_type="text/html")
    await run(pat, lambda c: c.users.list())
    await run(pat, lambda c: c.execute("users", "get", {"id": SECRETS[0]}))
    await run(bad_oauth, lambda c: c.users.list())
    sandbox.revoke_access_tokens()
    await run(oauth, lambda c: c.users.list())
    sandbox.push_status(401, "{}", times=3)
    await run(oauth, lambda c: c.users.list())
    # Transport-level failures, a throttled burst and a cancelled call, with the same sentinels.
    sandbox.clear_faults()
    sandbox.push_status(429, "", retry_after="0")
    await run(pat, lambda c: c.users.list())
    fast = sandbox.connector(max_attempts=1, timeout=0.3)
    sandbox.push_hang()
    await run(fast, lambda c: c.users.list())
    sandbox.push_body(b"<html><title>ok</title></html>", content_type="text/html")
    await run(pat, lambda c: c.users.list())
    throttled = HarvestConnector(sandbox.pat_config(), base_url=sandbox.base_url, rate_limit=(2, 0.2))
    await asyncio.gather(*(run(throttled, lambda c: c.users.list(per_page=1)) for _ in range(5)))
    task = asyncio.ensure_future(pat.users.list())
    await asyncio.sleep(0)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert len(texts) >= 8
    for text in texts:
        assert_clean(text)
    assert_clean("\n".join(r.getMessage() for r in caplog.records))
    for conn in (pat, oauth, bad_oauth):
        assert_clean(repr(conn) + repr(vars(conn)))
