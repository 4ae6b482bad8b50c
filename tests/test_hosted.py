"""Hosted mode, end to end: HarvestConnector(auth_config=AirbyteAuthConfig(...)) against the fake
Airbyte API (tests/fake_airbyte.py), which forwards to the fake Harvest. Token, lookup,
execute, envelopes, validation before any request, caching and single flight, retries and
every failure path."""

from __future__ import annotations

import asyncio
import builtins
import socket
import time

import pytest

from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.connectors.harvest.models import HarvestExecuteResultWithMeta
from airbyte_agent_sdk.errors import (
    ActionNotSupportedError,
    AirbyteError,
    AuthenticationError,
    ConfigurationError,
    ConnectorAmbiguityError,
    ConnectorClosedError,
    ConnectorNotFoundError,
    EntityNotFoundError,
    HTTPStatusError,
    InvalidParameterError,
    InvalidResponseError,
    MissingParameterError,
    NetworkError,
    NotFoundError,
    RateLimitError,
    TimeoutError,
)
from airbyte_agent_sdk.types import AirbyteAuthConfig

from .fake_airbyte import HARVEST_DEFINITION_ID

pytestmark = pytest.mark.timeout(60)

WORKSPACE = "acme"


def hosted(airbyte, *, max_attempts=None, timeout=None, **fields) -> HarvestConnector:
    values = {
        "workspace_name": WORKSPACE,
        "airbyte_client_id": airbyte.client_id,
        "airbyte_client_secret": airbyte.client_secret,
    }
    values.update(fields)
    return HarvestConnector(auth_config=AirbyteAuthConfig(**values), max_attempts=max_attempts, timeout=timeout)


def routes(airbyte) -> list[str]:
    return [r["route"] for r in airbyte.requests()]


async def wait_until(condition, within: float = 10.0) -> None:
    """Let the loop run until ``condition()`` holds (a state to reach, not a duration to assert)."""
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        await asyncio.sleep(0.01)


async def test_first_call_gets_a_token_finds_the_connector_and_executes(airbyte):
    connector_id = airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte, organization_id="org-42")
    assert conn.connector_id is None, "nothing is resolved before the first call"
    assert airbyte.requests() == [], "construction does no I/O"

    page = await conn.users.list(per_page=2)

    assert len(page.data) == 2
    assert routes(airbyte) == ["token", "lookup", "execute"]
    token, lookup, execute = airbyte.requests()
    assert (token["method"], token["path"]) == ("POST", "/api/v1/account/applications/token")
    assert token["json"] == {"client_id": airbyte.client_id, "client_secret": airbyte.client_secret}
    assert "authorization" not in token["headers"]
    assert (lookup["method"], lookup["path"]) == ("GET", "/api/v1/integrations/connectors")
    assert lookup["query"] == {"workspace_name": [WORKSPACE], "definition_id": [HARVEST_DEFINITION_ID]}
    assert (execute["method"], execute["path"]) == ("POST", f"/api/v1/integrations/connectors/{connector_id}/execute")
    assert execute["json"] == {"entity": "users", "action": "list", "params": {"per_page": 2}, "skip_truncation": True}
    bearer = f"Bearer {airbyte.issued_tokens[0]}"
    assert lookup["headers"]["authorization"] == execute["headers"]["authorization"] == bearer
    for request in airbyte.requests():
        assert request["headers"]["user-agent"].startswith("harvest-agent-connector/")
        assert request["headers"]["x-organization-id"] == "org-42"
        assert request["headers"]["accept"] == "application/json"
    assert token["headers"]["content-type"] == execute["headers"]["content-type"] == "application/json"
    assert conn.connector_id == connector_id
    assert connector_id in repr(conn)


async def test_date_objects_are_accepted_as_in_local_mode(airbyte):
    import datetime

    airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte)
    await conn.time_projects.list(from_=datetime.date(2024, 1, 1), to=datetime.date(2024, 3, 31))
    execute = airbyte.requests()[-1]
    assert execute["json"]["params"] == {"from": "20240101", "to": "20240331"}


async def test_results_come_back_in_the_envelopes_of_local_mode(airbyte, sandbox):
    airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte)
    local = sandbox.connector()
    first_user = (await local.users.list(per_page=1)).data[0]["id"]
    calls = [
        ("users", "list", {"per_page": 3}),
        ("users", "get", {"id": str(first_user)}),
        ("company", "get", None),
        ("time_projects", "list", {"from_": "2024-01-01", "to": "2024-12-31"}),
        ("time_entries", "list", {"per_page": 5}),
    ]
    for entity, action, params in calls:
        expected = await local.execute(entity, action, params)
        got = await conn.execute(entity, action, params)
        assert type(got) is type(expected), (entity, action)
        if isinstance(expected, HarvestExecuteResultWithMeta):
            assert got.model_dump(mode="json") == expected.model_dump(mode="json")
        else:
            assert got == expected
    sent = [r["json"]["params"] for r in airbyte.requests("execute")]
    assert sent[1] == {"id": first_user}, "ids are sent as validated integers"
    assert sent[3] == {"from": "20240101", "to": "20241231"}, "from_ becomes from; dates are normalised"
    assert (await conn.users.get(id=first_user))["id"] == first_user
    assert (await conn.check()).status == "healthy"


async def test_a_list_without_connector_metadata_still_has_the_paging_keys(airbyte):
    airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte)
    airbyte.push_fault("execute", 200, {"result": [{"id": 1}]})
    page = await conn.users.list()
    assert isinstance(page, HarvestExecuteResultWithMeta)
    assert page.model_dump() == {"data": [{"id": 1}], "meta": {"next_link": None, "has_more": False}}


@pytest.mark.parametrize(
    "entity,action,params,error,text",
    [
        ("widgets", "list", None, EntityNotFoundError, 'Unknown entity "widgets". Valid entities: users, clients'),
        (
            "users",
            "archive",
            None,
            ActionNotSupportedError,
            "Supported actions: list, get, me, create, update, delete, context_store_search, context_store_sql_query.",
        ),
        ("users", "list", {"per_page": 5000}, InvalidParameterError, "'per_page' of users.list: 5000 is out of range"),
        ("users", "list", {"page": 2}, InvalidParameterError, 'Unknown parameter "page" for users.list'),
        (
            "users",
            "list",
            {"limit": 10},
            InvalidParameterError,
            "'limit' of users.list: is not available in hosted mode",
        ),
        ("users", "list", {"cursor": "abc"}, InvalidParameterError, "'cursor' of users.list"),
        ("users", "get", {}, MissingParameterError, "Missing required parameter 'id' for users.get"),
        ("users", "get", {"id": "../me"}, InvalidParameterError, "Expected positive integer id"),
        ("time_tasks", "list", {"from": "2024-02-01", "to": "2024-01-01"}, InvalidParameterError, "is before from"),
        ("users", "list", [1], InvalidParameterError, "params must be a mapping"),
        (42, "list", None, EntityNotFoundError, "<int> (must be a string)"),
    ],
)
async def test_bad_input_fails_before_anything_is_sent(airbyte, entity, action, params, error, text):
    airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte)
    with pytest.raises(error) as caught:
        await conn.execute(entity, action, params)
    assert text in str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert airbyte.requests() == [], "not even a token request"


@pytest.mark.parametrize(
    "fields,missing",
    [
        ({"airbyte_client_id": None, "airbyte_client_secret": None}, ["airbyte_client_id", "airbyte_client_secret"]),
        ({"airbyte_client_secret": None}, ["airbyte_client_secret"]),
        ({"airbyte_client_id": "  "}, ["airbyte_client_id"]),
    ],
)
def test_missing_client_credentials_fail_at_construction(airbyte, fields, missing):
    with pytest.raises(ConfigurationError) as caught:
        hosted(airbyte, **fields)
    assert caught.value.details["missing"] == missing
    assert caught.value.field == missing[0]
    assert f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing" in str(caught.value)
    assert "AIRBYTE_CLIENT_ID" in str(caught.value)
    assert airbyte.requests() == []


async def test_the_token_is_kept_for_its_expires_in(airbyte):
    airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte)
    for _ in range(5):
        await conn.users.list(per_page=1)
    assert routes(airbyte).count("token") == 1
    # A token that expires at once is never reused (each request gets its own); the connector id
    # still is.
    airbyte.token_ttl = 0
    fresh = hosted(airbyte)
    airbyte.clear_requests()
    for _ in range(3):
        await fresh.users.list(per_page=1)
    assert routes(airbyte) == ["token", "lookup"] + ["token", "execute"] * 3
    # No expires_in at all: kept (for the reference's assumed lifetime).
    airbyte.token_ttl = None
    quiet = hosted(airbyte)
    airbyte.clear_requests()
    for _ in range(3):
        await quiet.users.list(per_page=1)
    assert routes(airbyte).count("token") == 1


async def test_twenty_concurrent_first_calls_make_one_token_request_and_one_lookup(airbyte):
    airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte)
    # A slow token endpoint makes every call wait for the same token.
    airbyte.push_fault("token", delay=0.3)
    pages = await asyncio.gather(*(conn.users.list(per_page=1) for _ in range(20)))
    assert all(len(p.data) == 1 for p in pages)
    assert routes(airbyte).count("token") == 1
    assert routes(airbyte).count("lookup") == 1
    assert routes(airbyte).count("execute") == 20


async def test_a_401_renews_the_token_once_for_all_concurrent_callers(airbyte):
    airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte)
    await conn.users.list(per_page=1)
    airbyte.revoke_tokens()
    pages = await asyncio.gather(*(conn.users.list(per_page=1) for _ in range(10)))
    assert all(p.data for p in pages)
    assert routes(airbyte).count("token") == 2, "ten 401s, one renewal"
    last = airbyte.requests("execute")[-1]
    assert last["headers"]["authorization"] == f"Bearer {airbyte.issued_tokens[1]}"


async def test_a_401_with_a_renewed_token_is_raised_not_looped(airbyte):
    airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte)
    airbyte.push_fault("execute", 401, {"detail": "connector access revoked"}, times=5)
    with pytest.raises(AuthenticationError) as caught:
        await conn.users.list()
    assert str(caught.value).startswith("Airbyte authentication failed (HTTP 401) for POST /api/v1/integrations")
    assert "connector access revoked" in str(caught.value)
    assert caught.value.status_code == 401
    assert routes(airbyte).count("token") == 2
    assert routes(airbyte).count("execute") == 2


async def test_wrong_application_credentials_are_an_authentication_error(airbyte):
    airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte, airbyte_client_secret="not-the-secret")
    with pytest.raises(AuthenticationError) as caught:
        await conn.users.list()
    assert str(caught.value) == (
        "Airbyte refused the application credentials (HTTP 401) for POST /api/v1/account/applications/token: "
        "Invalid client credentials. Check airbyte_client_id and airbyte_client_secret "
        "(AIRBYTE_CLIENT_ID / AIRBYTE_CLIENT_SECRET)."
    )
    assert routes(airbyte) == ["token"], "a refusal is not retried"


async def test_transient_failures_are_retried(airbyte):
    connector_id = airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte)
    airbyte.push_fault("token", 500, {"detail": "token service hiccup"})
    airbyte.push_fault("lookup", 502, "<html><title>Bad Gateway</title></html>", headers={"Content-Type": "text/html"})
    airbyte.push_fault("execute", 503, {"detail": "busy"}, times=1)
    airbyte.push_fault("execute", 429, {"detail": "slow down"}, headers={"Retry-After": "0"})
    page = await conn.users.list(per_page=1)
    assert page.data
    assert routes(airbyte) == ["token", "token", "lookup", "lookup", "execute", "execute", "execute"]
    assert conn.connector_id == connector_id


async def test_retries_end_at_max_attempts_with_the_real_cause(airbyte):
    connector_id = airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte, max_attempts=2)
    airbyte.push_fault("execute", 503, {"detail": "busy"}, times=2)
    with pytest.raises(HTTPStatusError) as caught:
        await conn.users.list()
    assert str(caught.value) == (
        f"Airbyte API server error (HTTP 503) for POST /api/v1/integrations/connectors/{connector_id}/execute: busy. "
        "This is usually temporary; retrying later may succeed."
    )
    assert caught.value.details["airbyte_message"] == caught.value.airbyte_message == "busy"
    assert routes(airbyte).count("execute") == 2
    airbyte.push_fault("execute", 429, {"detail": "quota"}, headers={"Retry-After": "0"}, times=2)
    with pytest.raises(RateLimitError) as limited:
        await conn.users.list()
    assert limited.value.retry_after == 0


async def test_a_call_can_override_its_attempts(airbyte):
    """As on the local connector: an outer retry loop (a tool's) can own retrying."""
    from airbyte_agent_sdk import _bridge

    airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte)
    await conn.users.list(per_page=1)
    airbyte.clear_requests()
    airbyte.push_fault("execute", 503, {"detail": "busy"})
    native = conn._native
    with pytest.raises(HTTPStatusError):
        await _bridge.run(native, lambda queue: native.submit(queue, "users", "list", None, max_attempts=1))
    assert routes(airbyte) == ["execute"]


async def test_an_answer_without_result_is_a_typed_error(airbyte):
    airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte)
    airbyte.push_fault("execute", missing_result=True)
    with pytest.raises(InvalidResponseError) as caught:
        await conn.users.list()
    assert "answered without a 'result' member (members: data)" in str(caught.value)
    airbyte.push_fault("execute", 200, {"result": {"id": 1}})
    with pytest.raises(InvalidResponseError, match="expected a list of records as 'result', got an object"):
        await conn.users.list()
    airbyte.push_fault("execute", 200, "not json", headers={"Content-Type": "application/json"})
    with pytest.raises(InvalidResponseError, match="invalid JSON"):
        await conn.users.list()
    airbyte.push_fault("lookup", 200, {"connectors": []})
    other = hosted(airbyte)
    with pytest.raises(InvalidResponseError, match="expected a 'data' list of connectors"):
        await other.users.list()


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_transport_failures_are_network_errors(airbyte, monkeypatch):
    airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte, max_attempts=2)
    airbyte.push_fault("execute", drop=True, times=5)
    with pytest.raises(NetworkError) as dropped:
        await conn.users.list()
    assert isinstance(dropped.value, AirbyteError)
    assert "/execute" in str(dropped.value)
    assert routes(airbyte).count("execute") == 2
    monkeypatch.setenv("AIRBYTE_API_URL", f"http://127.0.0.1:{unused_port()}")
    unreachable = hosted(airbyte, max_attempts=1)
    with pytest.raises(NetworkError, match="could not connect"):
        await unreachable.users.list()


async def test_a_call_over_its_budget_times_out(airbyte):
    airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte, timeout=0.5)
    airbyte.push_fault("execute", delay=3.0)
    with pytest.raises(TimeoutError) as caught:
        await conn.users.list()
    assert isinstance(caught.value, builtins.TimeoutError)
    assert caught.value.timeout_type == "total"
    assert "timeout of 0.5 s fired" in str(caught.value)


async def test_connector_lookup_errors(airbyte):
    conn = hosted(airbyte)
    with pytest.raises(ConnectorNotFoundError) as missing:
        await conn.users.list()
    assert isinstance(missing.value, ValueError) and isinstance(missing.value, AirbyteError)
    assert str(missing.value) == (
        f'No harvest connector found in Airbyte workspace "{WORKSPACE}" (connector definition '
        f"{HARVEST_DEFINITION_ID}). Create one with HarvestConnector.create(...), or pass connector_id."
    )
    assert conn.connector_id is None
    # A failed lookup is not cached: once the connector exists, the next call finds it.
    first = airbyte.add_connector(WORKSPACE)
    assert (await conn.users.list(per_page=1)).data
    assert conn.connector_id == first
    second = airbyte.add_connector(WORKSPACE)
    with pytest.raises(ConnectorAmbiguityError) as ambiguous:
        await hosted(airbyte).users.list()
    assert isinstance(ambiguous.value, ValueError)
    assert sorted(ambiguous.value.connector_ids) == sorted([first, second])
    assert "expected exactly 1, found 2. Pass connector_id to choose one of:" in str(ambiguous.value)


async def test_a_given_connector_id_skips_the_lookup(airbyte):
    connector_id = airbyte.add_connector(WORKSPACE)
    airbyte.add_connector(WORKSPACE)  # would make a lookup ambiguous
    conn = hosted(airbyte, connector_id=connector_id)
    assert conn.connector_id == connector_id
    assert (await conn.users.list(per_page=1)).data
    assert routes(airbyte) == ["token", "execute"]
    with pytest.raises(ConfigurationError, match="is not a connector id"):
        hosted(airbyte, connector_id="../../account")


async def test_organization_id_comes_from_the_environment_unless_given(airbyte, monkeypatch):
    airbyte.add_connector(WORKSPACE)
    monkeypatch.setenv("AIRBYTE_ORGANIZATION_ID", "org-env")
    await hosted(airbyte).users.list(per_page=1)
    await hosted(airbyte, organization_id="org-given").users.list(per_page=1)
    monkeypatch.delenv("AIRBYTE_ORGANIZATION_ID")
    await hosted(airbyte).users.list(per_page=1)
    sent = [r["headers"].get("x-organization-id") for r in airbyte.requests("execute")]
    assert sent == ["org-env", "org-given", None]


async def test_harvest_errors_relayed_by_airbyte_keep_their_class(airbyte):
    airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte)
    with pytest.raises(NotFoundError) as caught:
        await conn.users.get(id=987654321)
    assert caught.value.status_code == 404
    assert "Not found in Airbyte (HTTP 404)" in str(caught.value)
    assert "GET /v2/users/987654321" in caught.value.airbyte_message


async def test_close_ends_calls_in_flight_and_the_connector_stays_usable(airbyte):
    airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte)
    await conn.users.list(per_page=1)
    airbyte.push_fault("execute", delay=2.0, times=3)
    calls = [asyncio.create_task(conn.users.list(per_page=1)) for _ in range(3)]
    await wait_until(lambda: conn._native.in_flight() == 3 and len(airbyte.requests("execute")) == 4)
    await conn.close()
    results = await asyncio.gather(*calls, return_exceptions=True)
    assert all(isinstance(r, ConnectorClosedError) for r in results), results
    assert conn._native.in_flight() == 0
    await conn.close()  # idempotent
    assert (await conn.users.list(per_page=1)).data
    assert routes(airbyte).count("token") == 1, "the token survives close()"


async def test_cancelling_the_awaiting_task_aborts_the_call(airbyte):
    airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte)
    airbyte.push_fault("token", delay=2.0)
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(conn.users.list(), timeout=0.2)
    assert conn._native.in_flight() == 0
    assert (await conn.users.list(per_page=1)).data


def test_one_hosted_connector_across_event_loops(airbyte):
    airbyte.add_connector(WORKSPACE)
    conn = hosted(airbyte)
    first = asyncio.run(conn.users.list(per_page=2))
    second = asyncio.run(conn.users.list(per_page=2))
    assert first.data == second.data
    assert routes(airbyte).count("token") == 1


def test_hosted_constructor_rejects_local_only_options(airbyte):
    with pytest.raises(ConfigurationError, match="AIRBYTE_API_URL") as caught:
        HarvestConnector(
            auth_config=AirbyteAuthConfig(airbyte_client_id="i", airbyte_client_secret="s"),
            base_url="http://127.0.0.1:1/v2",
        )
    assert caught.value.field == "base_url"


def test_an_airbyte_config_from_another_sdk_copy_is_accepted(airbyte):
    class AirbyteAuthConfig:  # the reference converts any class of this name via model_dump()
        def model_dump(self):
            return {"workspace_name": "w", "airbyte_client_id": "i", "airbyte_client_secret": "s"}

    conn = HarvestConnector(auth_config=AirbyteAuthConfig())
    assert conn._native.workspace_name == "w"
