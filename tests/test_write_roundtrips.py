"""Round trips through the wheel against the fake Harvest's writes, written against Harvest's
documented behaviour (harvest-api.md §7, §8, §14)."""

from __future__ import annotations

import asyncio

import pytest

from airbyte_agent_sdk.errors import AirbyteError, ConnectorValidationError, NotFoundError


@pytest.fixture
async def writer(sandbox):
    async with sandbox.connector(allow_writes=True, max_attempts=3) as conn:
        yield conn


async def _a_project_and_task(writer):
    assignments = await writer.user_project_assignments.list_mine()
    project = assignments.data[0]
    return project["project"]["id"], project["task_assignments"][0]["task"]["id"]


async def test_client_create_get_update_delete(writer):
    created = await writer.clients.create(name="Round Trip Ltd", currency="eur")
    assert created["name"] == "Round Trip Ltd" and created["currency"] == "EUR"
    assert (await writer.clients.get(id=created["id"]))["id"] == created["id"]
    updated = await writer.clients.update(id=created["id"], is_active=False)
    assert updated["is_active"] is False
    assert await writer.clients.delete(id=created["id"]) == {"deleted": True, "entity": "clients", "id": created["id"]}
    with pytest.raises(NotFoundError):
        await writer.clients.get(id=created["id"])


async def test_time_entry_round_trip_and_timers(writer):
    project_id, task_id = await _a_project_and_task(writer)
    entry = await writer.time_entries.create(project_id=project_id, task_id=task_id, spent_date="2024-05-06", hours=1.5)
    assert entry["hours"] == 1.5 and entry["is_running"] is False
    changed = await writer.time_entries.update(id=entry["id"], notes="changed")
    assert changed["notes"] == "changed"
    timer = await writer.time_entries.create(project_id=project_id, task_id=task_id, spent_date="2024-05-06")
    assert timer["is_running"] is True
    second = await writer.time_entries.create(project_id=project_id, task_id=task_id, spent_date="2024-05-06")
    assert (await writer.time_entries.get(id=timer["id"]))["is_running"] is False, "one running timer per user"
    stopped = await writer.time_entries.stop(id=second["id"])
    assert stopped["is_running"] is False
    with pytest.raises(ConnectorValidationError):
        await writer.time_entries.stop(id=second["id"])
    assert (await writer.time_entries.restart(id=second["id"]))["is_running"] is True
    with pytest.raises(ConnectorValidationError):
        await writer.time_entries.restart(id=second["id"])
    for record in (entry, timer, second):
        await writer.time_entries.delete(id=record["id"])


async def test_invoice_line_items_and_state_changes(writer):
    clients = await writer.clients.list(per_page=1)
    invoice = await writer.invoices.create(
        client_id=clients.data[0]["id"], line_items=[{"kind": "Service", "unit_price": 100, "quantity": 2}]
    )
    item = invoice["line_items"][0]
    updated = await writer.invoices.update(
        id=invoice["id"], line_items=[{"id": item["id"], "_destroy": True}, {"kind": "Product", "unit_price": 5}]
    )
    assert [i["kind"] for i in updated["line_items"]] == ["Product"]
    sent = await writer.invoices.mark_sent(id=invoice["id"])
    assert sent["event_type"] == "send"
    assert (await writer.invoices.get(id=invoice["id"]))["state"] == "open"
    await writer.invoices.close(id=invoice["id"])
    await writer.invoices.reopen(id=invoice["id"])
    await writer.invoices.delete(id=invoice["id"])


async def test_fifty_concurrent_creates_with_faults_give_fifty_records(sandbox, writer):
    project_id, task_id = await _a_project_and_task(writer)
    before = (await writer.time_entries.list(project_id=project_id, limit=100_000)).meta["total_entries"]
    # The account's time form is read once, before the faults, so they all land on the writes.
    await writer.time_entries.create(project_id=project_id, task_id=task_id, spent_date="2024-05-06", hours=0.25)
    # Throttled answers (Harvest did nothing) are re-sent; answers lost after Harvest applied
    # the write (a 500, a dropped connection) are not, and say so.
    sandbox.push_status(429, retry_after="0", times=10)
    sandbox.push_status(500, '{"message": "boom"}', times=3, after_apply=True)
    sandbox.push_close_connection(after_apply=True)
    outcomes = await asyncio.gather(
        *(
            writer.time_entries.create(
                project_id=project_id, task_id=task_id, spent_date="2024-05-06", hours=0.25, notes=f"n{i}"
            )
            for i in range(50)
        ),
        return_exceptions=True,
    )
    created = [o for o in outcomes if isinstance(o, dict)]
    failed = [o for o in outcomes if not isinstance(o, dict)]
    assert len(failed) == 4, failed
    for error in failed:
        assert isinstance(error, AirbyteError) and error.may_have_been_applied, error
        assert error.how_to_check and "time_entries" in error.how_to_check
    assert len({c["id"] for c in created}) == 46
    after = (await writer.time_entries.list(project_id=project_id, limit=100_000)).meta["total_entries"]
    assert after - before == 51, "every write applied exactly once: none lost, none sent twice"
    posts = [r for r in sandbox.requests() if r["method"] == "POST" and r["path"] == "/v2/time_entries"]
    assert len(posts) == 51 + 10  # the ten throttled ones were sent again, nothing else was
