"""Writes through the installed wheel against the fake Harvest: what is refused before anything
is sent (validation, allow_writes, confirm_write, hosted mode), the dry-run preview, the
account's time tracking form, and the no-duplicate retry policy (the fake's queued faults
answer a POST before routing, so these run without the fake's write routes)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.errors import (
    ConfigurationError,
    HostedWritesUnsupportedError,
    HTTPStatusError,
    InvalidParameterError,
    MissingParameterError,
    NetworkError,
    WriteCancelledError,
    WritesDisabledError,
)
from airbyte_agent_sdk.types import AirbyteAuthConfig

from .conftest import SECRETS

ENTRY = {"project_id": 1, "task_id": 2, "spent_date": "2024-05-06", "hours": 1.5}


@pytest.fixture
async def writer(sandbox):
    async with sandbox.connector(allow_writes=True, max_attempts=3) as conn:
        yield conn


def v2(sandbox):
    return [r for r in sandbox.requests() if r["path"].startswith("/v2")]


async def test_writes_are_off_by_default_and_nothing_is_sent(sandbox, connector):
    sandbox.clear_requests()
    with pytest.raises(WritesDisabledError) as caught:
        await connector.time_entries.create(**ENTRY)
    assert "allow_writes" in str(caught.value) and "dry_run=True" in str(caught.value)
    assert caught.value.details["entity"] == "time_entries" and caught.value.enabled == []
    with pytest.raises(WritesDisabledError):
        await connector.execute("clients", "delete", {"id": 1})
    assert v2(sandbox) == []


async def test_allow_writes_subsets_are_checked_against_the_catalogue(sandbox):
    conn = sandbox.connector(allow_writes={"time_entries", "clients.create"})
    assert sorted(conn.allowed_writes) == ["clients.create", "time_entries"]
    with pytest.raises(WritesDisabledError) as caught:
        await conn.clients.delete(id=1)
    assert "clients.create" in str(caught.value)
    for bad in ({"nope"}, {"clients.list"}, ["time_projects"], 42, [1]):
        with pytest.raises(ConfigurationError) as refused:
            sandbox.connector(allow_writes=bad)
        assert refused.value.field == "allow_writes"
    with pytest.raises(ConfigurationError, match="clients.create"):
        sandbox.connector(allow_writes={"clients.list"})


async def test_dry_run_returns_the_exact_request_and_sends_nothing(sandbox, connector):
    sandbox.clear_requests()
    preview = await connector.time_entries.create(
        project_id=1,
        task_id="2",
        spent_date=date(2024, 5, 6),
        hours=Decimal("1.50"),
        notes="Line 1\nLine 2",
        dry_run=True,
    )
    assert preview["method"] == "POST"
    assert preview["url"] == f"{sandbox.base_url}/time_entries"
    assert preview["body"] == {
        "project_id": 1,
        "task_id": 2,
        "spent_date": "2024-05-06",
        "hours": 1.5,
        "notes": "Line 1\nLine 2",
    }
    assert preview["headers"]["Authorization"] == "Bearer ***"
    assert preview["headers"]["Content-Type"] == "application/json"
    assert not any(secret in json.dumps(preview) for secret in SECRETS)
    # Through execute, for a read, and from params (what a tool's model controls).
    read = await connector.execute("time_entries", "list", {"user_id": 5, "dry_run": True})
    assert read["method"] == "GET" and read["query"] == {"user_id": "5"} and read["body"] is None
    state = await connector.execute("invoices", "mark_sent", {"id": 7}, dry_run=True)
    assert state["path"] == "/v2/invoices/7/messages" and state["body"] == {"event_type": "send"}
    stop = await connector.time_entries.stop(id=9, dry_run=True)
    assert stop["method"] == "PATCH" and stop["path"] == "/v2/time_entries/9/stop" and stop["body"] is None
    assert v2(sandbox) == []


@pytest.mark.parametrize(
    ("entity", "action", "params", "error", "words"),
    [
        ("time_entries", "create", {"task_id": 2, "spent_date": "2024-05-06"}, MissingParameterError, "project_id"),
        ("time_entries", "create", {**ENTRY, "hours": "lots"}, InvalidParameterError, "'hours'"),
        ("time_entries", "create", {**ENTRY, "hours": -1}, InvalidParameterError, "negative"),
        ("time_entries", "create", {**ENTRY, "spent_date": "06/05/2024"}, InvalidParameterError, "date YYYY-MM-DD"),
        ("time_entries", "create", {**ENTRY, "bogus": 1}, InvalidParameterError, "Accepted parameters: user_id"),
        (
            "time_entries",
            "create",
            {**ENTRY, "started_time": "9:00am"},
            InvalidParameterError,
            "cannot be combined with hours",
        ),
        ("time_entries", "update", {"id": 1, "started_time": "25:00"}, InvalidParameterError, "time of day"),
        ("time_entries", "update", {"id": 1}, MissingParameterError, "nothing to change"),
        (
            "projects",
            "create",
            {"client_id": 1, "name": "P", "is_billable": True, "bill_by": "Hourly", "budget_by": "none"},
            InvalidParameterError,
            "one of Project, Tasks, People, none",
        ),
        (
            "users",
            "create",
            {"first_name": "A", "last_name": "B", "email": "not-an-email"},
            InvalidParameterError,
            "email",
        ),
        ("users", "update", {"id": 1, "access_roles": ["root"]}, InvalidParameterError, "access_roles[0]"),
        ("clients", "create", {"name": "A", "currency": "dollars"}, InvalidParameterError, "ISO 4217"),
        ("roles", "create", {"name": "R", "user_ids": [1, "x"]}, InvalidParameterError, "user_ids[1]"),
        (
            "invoices",
            "create",
            {"client_id": 1, "line_items": [{"kind": "Service"}]},
            InvalidParameterError,
            "line_items[0]: unit_price is missing",
        ),
        (
            "invoices",
            "create",
            {"client_id": 1, "line_items": [{"kind": "S", "unit_price": 1, "price": 2}]},
            InvalidParameterError,
            'unknown field "price"',
        ),
        ("invoices", "update", {"id": 1, "line_items": [{"_destroy": True}]}, InvalidParameterError, "needs the id"),
        ("invoices", "update", {"id": 1, "line_items": [{"id": 5}]}, InvalidParameterError, "an id alone"),
        (
            "invoices",
            "create",
            {"client_id": 1, "line_items": [], "line_items_import": {"project_ids": [1]}},
            InvalidParameterError,
            "not both",
        ),
        (
            "invoices",
            "create",
            {"client_id": 1, "line_items_import": {"project_ids": [1], "time": {"summary_type": "week"}}},
            InvalidParameterError,
            "line_items_import.time.summary_type",
        ),
        ("invoice_messages", "create", {"invoice_id": 1, "send_me_a_copy": False}, MissingParameterError, "recipients"),
        (
            "invoice_messages",
            "create",
            {"invoice_id": 1, "recipients": [{"name": "A"}]},
            InvalidParameterError,
            "email is missing",
        ),
        (
            "invoice_payments",
            "create",
            {"invoice_id": 1, "amount": 5, "paid_at": "2024-01-01T00:00:00Z", "paid_date": "2024-01-01"},
            InvalidParameterError,
            "paid_date",
        ),
        (
            "estimates",
            "update",
            {"id": 1, "line_items": [{"kind": "S", "unit_price": 1, "quantity": 1.5}]},
            InvalidParameterError,
            "integer",
        ),
        ("user_teammates", "update", {"user_id": 1}, MissingParameterError, "teammate_ids"),
        (
            "expenses",
            "create",
            {
                "project_id": 1,
                "expense_category_id": 2,
                "spent_date": "2024-05-06",
                "receipt": "/nonexistent/receipt.pdf",
            },
            InvalidParameterError,
            "cannot read",
        ),
    ],
)
async def test_bad_bodies_are_refused_before_anything_is_sent(sandbox, writer, entity, action, params, error, words):
    sandbox.clear_requests()
    with pytest.raises(error) as caught:
        await writer.execute(entity, action, params)
    assert words in str(caught.value)
    # The same checks run for a dry run.
    with pytest.raises(error):
        await writer.execute(entity, action, params, dry_run=True)
    assert v2(sandbox) == []


async def test_line_items_and_uploads_are_built_from_the_rows(sandbox, writer, tmp_path):
    preview = await writer.invoices.update(
        id=3,
        line_items=[{"id": 10, "_destroy": True}, {"id": 11, "quantity": "2.5"}, {"kind": "Service", "unit_price": 90}],
        dry_run=True,
    )
    assert preview["body"] == {
        "line_items": [
            {"id": 10, "_destroy": True},
            {"id": 11, "quantity": 2.5},
            {"kind": "Service", "unit_price": 90.0},
        ]
    }
    receipt = tmp_path / "taxi.pdf"
    receipt.write_bytes(b"%PDF-1.4 receipt")
    for given in (receipt, str(receipt), ("taxi.pdf", b"%PDF-1.4 receipt")):
        preview = await writer.expenses.create(
            project_id=1, expense_category_id=2, spent_date="2024-05-06", total_cost=12, receipt=given, dry_run=True
        )
        assert preview["headers"]["Content-Type"] == "multipart/form-data"
        assert preview["body"]["receipt"] == {"filename": "taxi.pdf", "content_type": "application/pdf", "size": 16}
    time = await writer.time_entries.update(id=1, started_time="17:30", ended_time="8:05 AM", dry_run=True)
    assert time["body"] == {"started_time": "5:30pm", "ended_time": "8:05am"}


async def test_confirm_write_sees_the_preview_and_can_cancel(sandbox):
    seen = []

    def refuse(preview):
        seen.append(preview)
        return False

    async def refuse_async(preview):
        seen.append(preview)
        return 0

    for callback in (refuse, refuse_async):
        conn = sandbox.connector(allow_writes=True, confirm_write=callback)
        sandbox.clear_requests()
        with pytest.raises(WriteCancelledError) as caught:
            await conn.clients.delete(id=4)
        assert caught.value.preview == seen[-1]
        assert seen[-1]["method"] == "DELETE" and seen[-1]["path"] == "/v2/clients/4"
        assert v2(sandbox) == []
    # Reads never ask; a disabled write is refused before the callback is called.
    conn = sandbox.connector(allow_writes={"clients"}, confirm_write=refuse)
    await conn.users.list(per_page=1)
    with pytest.raises(WritesDisabledError):
        await conn.tasks.delete(id=1)
    assert len(seen) == 2
    with pytest.raises(TypeError):
        sandbox.connector(confirm_write="yes")


async def test_confirmed_delete_is_sent_and_reported(sandbox):
    async def approve(preview):
        return True

    conn = sandbox.connector(allow_writes=True, confirm_write=approve)
    sandbox.push_status(200, body="", content_type="application/json")
    assert await conn.clients.delete(id=4) == {"deleted": True, "entity": "clients", "id": 4}
    (sent,) = v2(sandbox)
    assert sent["method"] == "DELETE" and sent["path"] == "/v2/clients/4"


async def test_the_account_decides_between_hours_and_start_end_times(sandbox, writer):
    # The fake's company tracks durations: a start time is refused, after one GET /company.
    sandbox.clear_requests()
    with pytest.raises(InvalidParameterError) as caught:
        await writer.time_entries.create(project_id=1, task_id=2, spent_date="2024-05-06", started_time="9:00am")
    assert "durations" in str(caught.value) and "hours" in str(caught.value)
    assert [r["path"] for r in v2(sandbox)] == ["/v2/company"]
    with pytest.raises(InvalidParameterError):
        await writer.time_entries.create(project_id=1, task_id=2, spent_date="2024-05-06", ended_time="9:00am")
    assert len(v2(sandbox)) == 1, "company is read once per connector"
    # An account with timestamp timers refuses hours.
    other = sandbox.connector(allow_writes=True)
    sandbox.push_body(json.dumps({"wants_timestamp_timers": True}).encode(), content_type="application/json")
    with pytest.raises(InvalidParameterError) as caught:
        await other.time_entries.create(**ENTRY)
    assert "start and end times" in str(caught.value) and "started_time" in str(caught.value)
    # ... and dry runs of that connector now know it too.
    with pytest.raises(InvalidParameterError):
        await other.time_entries.create(**ENTRY, dry_run=True)


async def test_a_post_that_got_a_500_is_sent_once_and_says_it_may_have_been_applied(sandbox, writer):
    sandbox.clear_requests()
    sandbox.push_status(500, body='{"message": "boom"}', content_type="application/json", times=3)
    with pytest.raises(HTTPStatusError) as caught:
        await writer.clients.create(name="Acme")
    error = caught.value
    assert error.status_code == 500 and error.may_have_been_applied
    assert "may have been applied" in str(error) and "clients.list" in error.how_to_check
    assert len(v2(sandbox)) == 1
    sandbox.clear_faults()


@pytest.mark.parametrize("fault", ["close", "hang"])
async def test_a_write_lost_after_sending_is_not_resent(sandbox, fault):
    conn = sandbox.connector(allow_writes=True, max_attempts=3, read_timeout=0.5, timeout=5)
    sandbox.clear_requests()
    sandbox.push_close_connection() if fault == "close" else sandbox.push_hang()
    with pytest.raises((NetworkError, TimeoutError)) as caught:
        await conn.time_entries.update(id=1, notes="x")
    assert caught.value.may_have_been_applied and "time_entries.get with id=1" in caught.value.how_to_check
    assert len(v2(sandbox)) == 1
    sandbox.clear_faults()


async def test_a_throttled_post_is_resent_and_a_delete_keeps_its_retries(sandbox, writer):
    sandbox.clear_requests()
    sandbox.push_status(429, retry_after="0")
    sandbox.push_status(201, body='{"id": 99, "name": "Acme"}', content_type="application/json")
    assert await writer.clients.create(name="Acme") == {"id": 99, "name": "Acme"}
    assert [r["method"] for r in v2(sandbox)] == ["POST", "POST"]
    sandbox.clear_requests()
    sandbox.push_status(503)
    sandbox.push_status(200, body="", content_type="application/json")
    assert await writer.clients.delete(id=99) == {"deleted": True, "entity": "clients", "id": 99}
    assert len(v2(sandbox)) == 2


async def test_hosted_mode_refuses_writes_before_any_request():
    conn = HarvestConnector(
        auth_config=AirbyteAuthConfig(
            workspace_name="ws", airbyte_client_id="cid", airbyte_client_secret="csecret-123456"
        ),
        allow_writes=True,
    )
    for dry_run in (False, True):
        with pytest.raises(HostedWritesUnsupportedError) as caught:
            await conn.execute("time_entries", "create", ENTRY, dry_run=dry_run)
        assert "read-only" in str(caught.value)
    assert isinstance(caught.value, WritesDisabledError)
    assert conn.allowed_writes == []


def test_the_tool_description_lists_only_enabled_writes():
    reads = HarvestConnector.tool_description(hosted=False, writes=False)
    assert "create(" not in reads and "dry_run" not in reads
    some = HarvestConnector.tool_description(hosted=False, writes={"time_entries"})
    line = next(x for x in some.splitlines() if x.startswith("time_entries:"))
    assert "create(" in line and "stop(id*:id)" in line and "dry_run" in some
    assert "clients: list(" in some and "delete(" not in some.split("\nclients:")[1].split("\n")[0]
    every = HarvestConnector.tool_description(hosted=False, writes=True)
    assert "mark_sent(id*:id)" in every and "_destroy" in every
