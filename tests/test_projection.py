"""execute(..., select_fields=, exclude_fields=, skip_truncation=): applied by the core in local
mode (dotted paths into nested objects, unknown names refused before anything is sent),
forwarded as the reference sends them in hosted mode."""

from __future__ import annotations

import pytest

from airbyte_agent_sdk import _native
from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.errors import InvalidParameterError
from airbyte_agent_sdk.types import AirbyteAuthConfig

pytestmark = pytest.mark.timeout(60)

FIELDS = {e["name"]: {f["path"] for f in e["fields"]} for e in _native.catalog()}


async def test_select_fields_keep_only_the_named_fields_nested_included(connector):
    whole = await connector.execute("time_entries", "list", {"per_page": 5})
    picked = await connector.execute("time_entries", "list", {"per_page": 5}, select_fields=["id", "project.name"])
    assert picked.data == [{"id": r["id"], "project": {"name": r["project"]["name"]}} for r in whole.data]
    assert picked.meta == whole.meta, "paging facts are not projected"


async def test_exclude_fields_drop_fields_and_nested_members(connector):
    whole = await connector.execute("time_entries", "list", {"per_page": 3})
    dropped = await connector.execute(
        "time_entries", "list", {"per_page": 3}, exclude_fields=["notes", "user", "project.code", "project.id"]
    )
    for full, kept in zip(whole.data, dropped.data):
        expected = {k: v for k, v in full.items() if k not in ("notes", "user")}
        expected["project"] = {k: v for k, v in full["project"].items() if k not in ("code", "id")}
        assert kept == expected


async def test_both_lists_and_a_get_and_a_walk_across_pages(connector):
    page = await connector.execute(
        "projects", "list", {"limit": 7, "per_page": 3}, select_fields=["id", "client"], exclude_fields=["client.id"]
    )
    assert len(page.data) == 7
    assert all(set(r) == {"id", "client"} and "id" not in r["client"] and r["client"] for r in page.data)
    one = await connector.execute(
        "users", "get", {"id": (await connector.users.list(per_page=1)).data[0]["id"]}, select_fields=["id", "email"]
    )
    assert set(one) == {"id", "email"}


async def test_a_list_of_objects_is_projected_item_by_item(connector):
    invoices = await connector.execute("invoices", "list", {"per_page": 5}, select_fields=["id", "line_items.amount"])
    with_items = [r for r in invoices.data if r["line_items"]]
    assert with_items, "the fake has invoices with line items"
    assert all(set(item) == {"amount"} for r in with_items for item in r["line_items"])


@pytest.mark.parametrize(
    "kwargs,text",
    [
        ({"select_fields": ["id", "projet.name"]}, 'Unknown field "projet.name" in select_fields for time_entries'),
        ({"exclude_fields": ["nope"]}, 'Unknown field "nope" in exclude_fields'),
        ({"select_fields": []}, "select_fields for time_entries must name at least one field"),
        ({"select_fields": "id"}, "select_fields must be a list of field names, dotted for nested fields"),
        ({"exclude_fields": ["id", 3]}, "exclude_fields must be a list of field names"),
        ({"skip_truncation": "no"}, "skip_truncation must be True or False, got str"),
    ],
)
async def test_bad_field_lists_are_refused_before_anything_is_sent(connector, sandbox, kwargs, text):
    with pytest.raises(InvalidParameterError) as caught:
        await connector.execute("time_entries", "list", {}, **kwargs)
    assert text in str(caught.value)
    if "Unknown field" in text:
        assert "project.name" in str(caught.value), "the known fields are listed"
        assert caught.value.details["accepted"] == sorted(FIELDS["time_entries"])
    assert sandbox.requests() == []


async def test_the_field_lists_cover_what_the_fake_harvest_returns(connector):
    """The catalogue's record fields (taken from Harvest's documented samples) name every
    top-level field the fake serves, so selecting any field a record shows works."""
    for entity in (
        "users",
        "clients",
        "contacts",
        "projects",
        "tasks",
        "time_entries",
        "invoices",
        "estimates",
        "expenses",
        "roles",
        "user_assignments",
        "task_assignments",
    ):
        page = await connector.execute(entity, "list", {"per_page": 5})
        for record in page.data:
            assert set(record) <= FIELDS[entity], (entity, set(record) - FIELDS[entity])


async def test_skip_truncation_is_accepted_in_local_mode(connector):
    page = await connector.execute("users", "list", {"per_page": 2}, skip_truncation=False)
    assert len(page.data) == 2


async def test_hosted_mode_forwards_the_options_as_the_reference_does(airbyte):
    airbyte.add_connector("acme")
    config = AirbyteAuthConfig(
        workspace_name="acme", airbyte_client_id=airbyte.client_id, airbyte_client_secret=airbyte.client_secret
    )
    async with HarvestConnector(auth_config=config) as conn:
        await conn.execute(
            "users", "list", {"per_page": 5}, select_fields=["id", "email"], exclude_fields=["x"], skip_truncation=False
        )
        await conn.execute("users", "list", {"per_page": 5})
    first, second = (r["json"] for r in airbyte.requests("execute"))
    assert first == {
        "entity": "users",
        "action": "list",
        "params": {"per_page": 5},
        "skip_truncation": False,
        "select_fields": ["id", "email"],
        "exclude_fields": ["x"],
    }
    assert second == {"entity": "users", "action": "list", "params": {"per_page": 5}, "skip_truncation": True}
