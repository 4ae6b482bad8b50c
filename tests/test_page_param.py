"""Issue 14, item 4 and the "also" list: Harvest's ``page`` on the page-numbered lists (with
per_page and filters, never with cursor), a period whose from is after its to refused on every
list, integers too large for any Harvest value worded for people, and the typed methods'
docstrings naming their Python keywords."""

from __future__ import annotations

import inspect

import pytest

from airbyte_agent_sdk.connectors.harvest.sandbox import HarvestSandbox
from airbyte_agent_sdk.errors import InvalidParameterError

from .test_pagination import api, query


@pytest.fixture
def fake():
    with HarvestSandbox(time_entries=45, records_per_entity=14) as sandbox:
        yield sandbox


@pytest.fixture
async def conn(fake):
    async with fake.connector(max_attempts=1) as connector:
        yield connector


async def test_page_reads_that_page_with_per_page_and_filters(fake, conn):
    whole = (await conn.time_entries.list(is_running=False)).data
    fake.clear_requests()
    second = await conn.execute("time_entries", "list", {"page": 2, "per_page": 5, "is_running": False})
    assert second.data == whole[5:10]
    assert second.meta["page"] == 2 and second.meta["has_more"] is True
    (sent,) = api(fake)
    assert query(sent) == {"page": "2", "per_page": "5", "is_running": "false"}
    typed = await conn.time_entries.list(page=3, per_page=5, is_running=False)
    assert typed.data == whole[10:15]
    # next_cursor from a numbered page goes on from there.
    after = await conn.time_entries.list(cursor=typed.meta["next_cursor"])
    assert after.data[:5] == whole[15:20]
    # With limit, the walk starts at the page given.
    walked = await conn.time_entries.list(page=2, per_page=5, limit=12, is_running=False)
    assert walked.data == whole[5:17]


async def test_page_past_the_end_is_an_empty_page(conn):
    empty = await conn.time_entries.list(page=50, per_page=5)
    assert empty.data == [] and empty.meta["has_more"] is False


@pytest.mark.parametrize("bad", [0, -1, "two", 1.5, True, 10**9])
async def test_bad_pages_are_refused_before_sending(fake, conn, bad):
    fake.clear_requests()
    with pytest.raises(InvalidParameterError) as caught:
        await conn.execute("time_entries", "list", {"page": bad})
    assert caught.value.param == "page" and api(fake) == []


async def test_page_and_cursor_together_are_refused_saying_why(fake, conn):
    first = await conn.time_entries.list(per_page=5)
    fake.clear_requests()
    with pytest.raises(InvalidParameterError) as caught:
        await conn.execute("time_entries", "list", {"page": 3, "cursor": first.meta["next_cursor"]})
    assert caught.value.param == "page"
    assert "cannot be combined with cursor" in str(caught.value) and "recommended" in str(caught.value)
    assert api(fake) == []


def test_page_is_declared_where_harvest_numbers_pages_and_recommends_next_cursor(conn):
    numbered, other = [], []
    for entity in conn.list_entities():
        schema = conn.entity_schema(entity["entity_name"])
        for name, action in schema["actions"].items():
            if action["pagination"] == "pages":
                numbered.append(f"{entity['entity_name']}.{name}")
                page = action["params"]["properties"]["page"]
                assert page["type"] == "integer" and page["minimum"] == 1
                assert "next_cursor" in page["description"] and "cursor" in page["description"]
            else:
                other.append(action["params"]["properties"].get("page"))
    assert {"time_entries.list", "invoices.list", "estimates.list", "expenses.list", "time_projects.list"} <= set(
        numbered
    )
    assert set(other) == {None}
    assert "page" in inspect.signature(conn.time_entries.list).parameters
    assert "page=N" in conn.tool_description()


@pytest.mark.parametrize(
    "entity,period",
    [
        ("time_entries", {"from": "2024-05-02", "to": "2024-05-01"}),
        ("expenses", {"from_": "2024-05-02", "to": "2024-05-01"}),
        ("invoices", {"from": "2024-12-31", "to": "2024-01-01"}),
    ],
)
async def test_a_list_period_ending_before_it_starts_is_refused_naming_both(fake, conn, entity, period):
    fake.clear_requests()
    with pytest.raises(InvalidParameterError) as caught:
        await conn.execute(entity, "list", period)
    text = str(caught.value)
    assert period["to"] in text and (period.get("from") or period["from_"]) in text and "before" in text
    assert api(fake) == []
    same_day = await conn.execute(entity, "list", {"from": period["to"], "to": period["to"]})
    assert same_day.data is not None


@pytest.mark.parametrize("huge", [10**30, -(10**30), 10**40, 2**63])
async def test_integers_too_large_are_worded_for_people(fake, conn, huge):
    fake.clear_requests()
    with pytest.raises(InvalidParameterError) as caught:
        await conn.execute("users", "get", {"id": huge})
    text = str(caught.value)
    assert "u128" not in text and "i128" not in text and "OverflowError" not in text
    assert "positive integer up to" in text or "positive integer id" in text
    assert "'id'" in text  # the parameter is named
    assert api(fake) == []


def test_typed_method_docstrings_name_the_python_keywords(conn):
    doc = conn.time_entries.list.__doc__
    assert "  from_: " in doc and "  from: " not in doc
    assert "  from_: " in conn.time_projects.list.__doc__
