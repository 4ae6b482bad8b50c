"""OAuth2: first token, expiry, 401-refresh-retry, refresh failure, rotation, the callback."""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import parse_qs

import pytest

from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.connectors.harvest.sandbox import HarvestSandbox
from airbyte_agent_sdk.errors import AuthenticationError

from .conftest import SECRET_CLIENT, SECRET_REFRESH


def token_posts(sandbox):
    return [r for r in sandbox.requests() if r["path"] == "/api/v2/oauth2/token"]


def form(request):
    return {k: v[0] for k, v in parse_qs(request["body"].decode()).items()}


async def test_first_call_obtains_a_token_once_and_reports_it(sandbox):
    events = []
    conn = HarvestConnector(sandbox.oauth_config(), events.append, base_url=sandbox.base_url, id_url=sandbox.id_url)
    await asyncio.gather(*(conn.users.list(per_page=1) for _ in range(20)))
    posts = token_posts(sandbox)
    assert len(posts) == 1, "concurrent first calls share one token request"
    sent = form(posts[0])
    assert sent == {
        "grant_type": "refresh_token",
        "refresh_token": SECRET_REFRESH,
        "client_id": sandbox.client_id,
        "client_secret": SECRET_CLIENT,
    }
    assert posts[0]["headers"]["content-type"] == "application/x-www-form-urlencoded"
    assert len(events) == 1
    event = events[0]
    assert set(event) == {"access_token", "token_type", "refresh_token", "expires_in"}
    assert event["token_type"].lower() == "bearer" and event["expires_in"] > 0
    used = {r["headers"]["authorization"] for r in sandbox.requests() if r["path"].startswith("/v2")}
    assert used == {f"Bearer {event['access_token']}"}


async def test_401_refreshes_once_and_retries_with_the_rotated_token(sandbox):
    events = []

    async def on_refresh(payload):
        events.append(payload)

    conn = HarvestConnector(sandbox.oauth_config(), on_refresh, base_url=sandbox.base_url, id_url=sandbox.id_url)
    await conn.users.list(per_page=1)
    sandbox.revoke_access_tokens()
    results = await asyncio.gather(*(conn.users.list(per_page=1) for _ in range(10)))
    assert all(r.data for r in results)
    posts = token_posts(sandbox)
    assert len(posts) == 2, "ten concurrent 401s cause exactly one refresh"
    # The second refresh used the refresh token the first one rotated in.
    assert form(posts[1])["refresh_token"] == events[0]["refresh_token"] != SECRET_REFRESH
    assert len(events) == 2 and events[1]["access_token"] != events[0]["access_token"]


async def test_refresh_ahead_of_expiry_without_a_401():
    with HarvestSandbox(access_token_ttl=1) as sandbox:
        conn = HarvestConnector(sandbox.oauth_config(), base_url=sandbox.base_url, id_url=sandbox.id_url)
        await conn.users.list(per_page=1)
        await asyncio.sleep(1.0)  # past refresh time (ttl minus a tenth)
        await conn.users.list(per_page=1)
        statuses = [r["path"] for r in sandbox.requests()]
    assert statuses.count("/api/v2/oauth2/token") == 2
    assert statuses.count("/v2/users") == 2, "no request was refused for an expired token"


async def test_401_after_refresh_fails_cleanly(sandbox):
    conn = HarvestConnector(sandbox.oauth_config(), base_url=sandbox.base_url, id_url=sandbox.id_url)
    await conn.users.list(per_page=1)
    sandbox.push_status(
        401, '{"error":"invalid_token","error_description":"The access token provided is expired."}', times=5
    )
    with pytest.raises(AuthenticationError) as caught:
        await asyncio.wait_for(conn.users.list(per_page=1), timeout=10)
    assert caught.value.status_code == 401
    assert "invalid_token: The access token provided is expired" in str(caught.value)
    assert len(token_posts(sandbox)) == 2, "one refresh, then give up (no loop, no hang)"


async def test_refresh_failure_is_an_authentication_error(sandbox):
    conn = HarvestConnector(
        sandbox.oauth_config(refresh_token="rt-revoked-long-ago"), base_url=sandbox.base_url, id_url=sandbox.id_url
    )
    with pytest.raises(AuthenticationError) as caught:
        await conn.users.list()
    text = str(caught.value)
    assert text.startswith("Failed to obtain a Harvest access token via token refresh (HTTP 400): invalid_grant")
    assert caught.value.status_code == 400
    assert not [r for r in sandbox.requests() if r["path"].startswith("/v2")], "no API call without a token"


async def test_a_burned_refresh_token_is_never_reused(sandbox):
    a = HarvestConnector(sandbox.oauth_config(), base_url=sandbox.base_url, id_url=sandbox.id_url)
    await a.users.list(per_page=1)
    # A second connector holding the original (now rotated away) refresh token fails cleanly.
    b = HarvestConnector(sandbox.oauth_config(), base_url=sandbox.base_url, id_url=sandbox.id_url)
    with pytest.raises(AuthenticationError, match="invalid_grant"):
        await b.users.list(per_page=1)
    await a.users.list(per_page=1)  # the first keeps working


async def test_callback_exception_is_logged_not_swallowed(sandbox, captured_logs):
    def broken(payload):
        raise RuntimeError(f"cannot store {payload['refresh_token']}")

    conn = HarvestConnector(sandbox.oauth_config(), broken, base_url=sandbox.base_url, id_url=sandbox.id_url)
    page = await conn.users.list(per_page=1)
    assert page.data
    errors = [r for r in captured_logs.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    message = errors[0].getMessage()
    assert "on_token_refresh callback raised RuntimeError: cannot store ***" == message


async def test_pat_never_calls_the_callback(sandbox):
    events = []
    conn = HarvestConnector(sandbox.pat_config(), events.append, base_url=sandbox.base_url, id_url=sandbox.id_url)
    await conn.users.list(per_page=1)
    assert events == [] and not token_posts(sandbox)
