"""Every entity and action of the reference surface, end to end against the fake Harvest."""

from __future__ import annotations

import pytest

from airbyte_agent_sdk.connectors.harvest import HarvestConnector, HarvestExecuteResultWithMeta
from airbyte_agent_sdk.errors import NotFoundError

LIST_GET = [
    "users",
    "clients",
    "contacts",
    "projects",
    "tasks",
    "time_entries",
    "invoices",
    "invoice_item_categories",
    "estimates",
    "estimate_item_categories",
    "expenses",
    "expense_categories",
    "roles",
]
LIST_ONLY = ["user_assignments", "task_assignments"]
REPORTS = ["time_projects", "time_tasks"]


def test_catalogue_keeps_the_reference_surface(connector: HarvestConnector):
    entities = {e["entity_name"]: e["available_actions"] for e in connector.list_entities()}
    for name in LIST_GET:
        assert entities[name][:2] == ["list", "get"]
    for name in LIST_ONLY + REPORTS:
        assert entities[name] == ["list"]
    assert entities["company"] == ["get", "update"]
    assert entities["users"] == ["list", "get", "me", "create", "update", "delete"]


@pytest.mark.parametrize("entity", LIST_GET)
async def test_list_then_get(connector, api_requests, entity):
    page = await connector.execute(entity, "list", {"per_page": 3})
    assert isinstance(page, HarvestExecuteResultWithMeta)
    assert isinstance(page.data, list) and 1 <= len(page.data) <= 3
    assert all(isinstance(r, dict) and isinstance(r["id"], int) for r in page.data)
    meta = page.meta
    assert meta["per_page"] == 3
    assert meta["total_entries"] >= len(page.data)
    assert (meta["next_link"] is not None) == meta["has_more"]
    if meta["next_link"]:
        assert meta["next_link"].startswith("http://127.0.0.1:")
    dumped = page.model_dump(mode="json")
    assert set(dumped) == {"data", "meta"} and dumped["data"] == page.data

    first = page.data[0]
    record = await connector.execute(entity, "get", {"id": first["id"]})
    assert record == first
    # The typed query object sends the same request and returns the same record.
    assert await getattr(connector, entity).get(id=str(first["id"])) == first

    sent = api_requests()
    assert sent[0]["path"] == f"/v2/{entity}" and sent[0]["query"] == "per_page=3"
    assert sent[1]["path"] == f"/v2/{entity}/{first['id']}"


@pytest.mark.parametrize("entity", LIST_ONLY)
async def test_list_only_entities(connector, entity):
    page = await getattr(connector, entity).list(per_page=2)
    assert len(page.data) == 2
    assert {"project", "id"} <= set(page.data[0])


@pytest.mark.parametrize("entity", REPORTS)
async def test_reports(connector, api_requests, entity):
    page = await connector.execute(entity, "list", {"from_": "2024-01-01", "to": "2024-12-31"})
    assert page.data, "the fake's time entries fall in 2024"
    assert all("total_hours" in row for row in page.data)
    typed = await getattr(connector, entity).list(from_="20240101", to="20241231")
    assert typed.data == page.data
    sent = api_requests()
    assert sent[0]["path"] == f"/v2/reports/time/{entity.split('_')[1]}"
    assert ("from", "20240101") in sent[0]["query_pairs"] and ("to", "20241231") in sent[0]["query_pairs"]


async def test_company(connector):
    company = await connector.execute("company", "get")
    assert isinstance(company, dict) and "wants_timestamp_timers" in company
    assert await connector.company.get() == company


async def test_ids_above_2_31_round_trip(connector):
    page = await connector.time_entries.list(per_page=5)
    big = [r["id"] for r in page.data if r["id"] > 2**31]
    assert big, "the fake issues time entry ids above 2^31"
    record = await connector.time_entries.get(id=big[0])
    assert record["id"] == big[0]


async def test_missing_record_is_not_found(connector):
    with pytest.raises(NotFoundError) as caught:
        await connector.users.get(id=987654321)
    err = caught.value
    assert err.status_code == 404
    assert str(err).startswith("Not found (HTTP 404) for GET /v2/users/987654321: Not Found.")


async def test_wire_headers(sandbox, connector, api_requests):
    await connector.users.list(per_page=1)
    headers = api_requests()[0]["headers"]
    assert headers["authorization"] == f"Bearer {sandbox.token}"
    assert headers["harvest-account-id"] == sandbox.account_id
    assert headers["accept"] == "application/json"
    assert headers["user-agent"].startswith("harvest-agent-connector/")
    assert "(" in headers["user-agent"], "Harvest asks for a contact in the User-Agent"
    assert "gzip" in headers["accept-encoding"]


async def test_custom_user_agent_and_env_base_url(sandbox, monkeypatch, api_requests):
    monkeypatch.setenv("HARVEST_API_URL", sandbox.base_url)
    async with HarvestConnector(sandbox.pat_config(), user_agent="MyAgent (me@example.com)") as conn:
        assert conn.base_url == sandbox.base_url
        await conn.users.list(per_page=1)
    assert api_requests()[0]["headers"]["user-agent"] == "MyAgent (me@example.com)"


async def test_check(sandbox):
    async with sandbox.connector() as conn:
        healthy = await conn.check()
    assert healthy.model_dump() == {
        "status": "healthy",
        "error": None,
        "checked_entity": "users",
        "checked_action": "list",
    }
    bad = HarvestConnector(
        type(sandbox.pat_config())(token="wrong-token", account_id=sandbox.account_id),
        base_url=sandbox.base_url,
    )
    result = await bad.check()
    assert result.status == "unhealthy"
    assert "HTTP 401" in result.error and result.checked_entity == "users"
    assert sandbox.requests()[-1]["query"] == "per_page=1"


def test_entity_schema(connector):
    schema = connector.entity_schema("time_projects")
    params = schema["actions"]["list"]["params"]
    assert params["required"] == ["from", "to"]
    assert params["properties"]["per_page"]["maximum"] == 2000
    assert connector.entity_schema("widgets") is None
