"""Every write row of the catalogue, sent through the wheel to the fake Harvest: create, read
back, update, read back, delete, and the state changes, per entity. ``SENT`` collects what ran;
the last test fails when a write row has no case here, so a new row cannot land untested."""

from __future__ import annotations

import datetime

import pytest

from airbyte_agent_sdk import _native
from airbyte_agent_sdk.errors import NotFoundError

SENT: set[tuple[str, str]] = set()


def _writes() -> set[tuple[str, str]]:
    return {(e["name"], a["name"]) for e in _native.catalog() for a in e["actions"] if a["write"]}


@pytest.fixture
async def w(sandbox):
    async with sandbox.connector(allow_writes=True) as conn:

        async def call(entity: str, action: str, **params):
            result = await conn.execute(entity, action, params)
            SENT.add((entity, action))
            return result

        call.conn = conn  # type: ignore[attr-defined]
        yield call


async def _first(w, entity: str, **params) -> dict:
    return (await w.conn.execute(entity, "list", {"per_page": 1, **params})).data[0]


async def _round_trip(w, entity: str, create: dict, update: dict, **parent) -> dict:
    """create → get → update → get → delete → get (404); returns the updated record."""
    created = await w(entity, "create", **parent, **create)
    assert isinstance(created["id"], int)
    got = await w.conn.execute(entity, "get", {**parent, "id": created["id"]})
    assert got["id"] == created["id"]
    updated = await w(entity, "update", **parent, id=created["id"], **update)
    for key, value in update.items():
        assert updated[key] == value, (entity, key)
    again = await w.conn.execute(entity, "get", {**parent, "id": created["id"]})
    assert {k: again[k] for k in update} == update
    assert updated["updated_at"] >= created["updated_at"]
    deleted = await w(entity, "delete", **parent, id=created["id"])
    # A sub-resource's answer also names its parent (the id alone does not find it again).
    assert deleted == {"deleted": True, "entity": entity, "id": created["id"], **parent}
    with pytest.raises(NotFoundError):
        await w.conn.execute(entity, "get", {**parent, "id": created["id"]})
    return updated


async def test_top_level_records(w):
    await _round_trip(
        w,
        "users",
        {"first_name": "Kim", "last_name": "Lee", "email": "kim.lee@example.com"},
        {"weekly_capacity": 90000, "is_contractor": True},
    )
    await _round_trip(w, "clients", {"name": "Row Test Ltd", "currency": "EUR"}, {"name": "Row Test GmbH"})
    client = await _first(w, "clients")
    await _round_trip(
        w, "contacts", {"client_id": client["id"], "first_name": "Ana"}, {"title": "CFO", "email": "ana@example.com"}
    )
    await _round_trip(
        w,
        "projects",
        {"client_id": client["id"], "name": "Rows", "is_billable": True, "bill_by": "Project", "budget_by": "project"},
        {"code": "ROWS-1", "budget": 120.5},
    )
    await _round_trip(w, "tasks", {"name": "Row task"}, {"billable_by_default": False})
    for entity in ("invoice_item_categories", "estimate_item_categories"):
        await _round_trip(w, entity, {"name": f"{entity} row"}, {"name": f"{entity} renamed"})
    await _round_trip(
        w, "expense_categories", {"name": "Mileage", "unit_name": "km", "unit_price": 0.3}, {"is_active": False}
    )
    user = await _first(w, "users")
    await _round_trip(w, "roles", {"name": "Row role"}, {"user_ids": [user["id"]]})


async def test_company_settings(w):
    before = await w.conn.execute("company", "get", {})
    changed = await w("company", "update", weekly_capacity=before["weekly_capacity"] + 3600)
    assert changed["weekly_capacity"] == before["weekly_capacity"] + 3600
    assert (await w.conn.execute("company", "get", {}))["weekly_capacity"] == changed["weekly_capacity"]


async def test_time_entries_and_their_actions(w):
    assignment = (await w.conn.execute("user_project_assignments", "list_mine", {})).data[0]
    project, task = assignment["project"]["id"], assignment["task_assignments"][0]["task"]["id"]
    await _round_trip(
        w,
        "time_entries",
        {"project_id": project, "task_id": task, "spent_date": datetime.date(2024, 5, 6), "hours": 2},
        {"notes": "reviewed", "hours": 2.5},
    )
    linked = await w(
        "time_entries",
        "create",
        project_id=project,
        task_id=task,
        spent_date="2024-05-07",
        external_reference={"id": "ISSUE-1", "permalink": "https://tracker.example.com/ISSUE-1"},
    )
    assert linked["is_running"] is True and linked["external_reference"]["id"] == "ISSUE-1"
    assert (await w("time_entries", "stop", id=linked["id"]))["is_running"] is False
    assert (await w("time_entries", "restart", id=linked["id"]))["is_running"] is True
    await w("time_entries", "delete_external_reference", id=linked["id"])
    assert (await w.conn.execute("time_entries", "get", {"id": linked["id"]}))["external_reference"] is None
    await w("time_entries", "delete", id=linked["id"])


async def test_expenses(w, tmp_path):
    project = await _first(w, "projects")
    category = await _first(w, "expense_categories", is_active=True)
    receipt = tmp_path / "taxi.png"
    receipt.write_bytes(b"\x89PNG\r\n\x1a\n fake")
    updated = await _round_trip(
        w,
        "expenses",
        {
            "project_id": project["id"],
            "expense_category_id": category["id"],
            "spent_date": "2024-05-06",
            "total_cost": 12.5,
            "receipt": receipt,
        },
        {"notes": "airport taxi"},
    )
    assert updated["receipt"]["file_name"] == "taxi.png"


async def test_invoices_payments_messages_and_states(w):
    client = await _first(w, "clients")
    invoice = await _round_trip(
        w,
        "invoices",
        {"client_id": client["id"], "line_items": [{"kind": "Service", "unit_price": 100, "quantity": 2}]},
        {"purchase_order": "PO-7"},
    )
    assert invoice["amount"] == 200
    live = await w("invoices", "create", client_id=client["id"], line_items=[{"kind": "Service", "unit_price": 50}])
    states = []
    for action in ("mark_sent", "close", "reopen", "mark_draft"):
        await w("invoices", action, id=live["id"])
        states.append((await w.conn.execute("invoices", "get", {"id": live["id"]}))["state"])
    assert states == ["open", "closed", "open", "draft"]
    await w("invoices", "mark_sent", id=live["id"])
    message = await w(
        "invoice_messages", "create", invoice_id=live["id"], recipients=[{"email": "billing@example.com"}], subject="Hi"
    )
    assert message["recipients"][0]["email"] == "billing@example.com"
    await w("invoice_messages", "delete", invoice_id=live["id"], id=message["id"])
    payment = await w("invoice_payments", "create", invoice_id=live["id"], amount=20, paid_date="2024-05-08")
    assert payment["amount"] == 20
    assert (await w.conn.execute("invoices", "get", {"id": live["id"]}))["due_amount"] == 30
    await w("invoice_payments", "delete", invoice_id=live["id"], id=payment["id"])
    assert (await w.conn.execute("invoices", "get", {"id": live["id"]}))["due_amount"] == 50


async def test_estimates_messages_and_states(w):
    client = await _first(w, "clients")
    await _round_trip(
        w,
        "estimates",
        {"client_id": client["id"], "line_items": [{"kind": "Service", "unit_price": 10, "quantity": 3}]},
        {"subject": "Phase 2"},
    )
    live = await w("estimates", "create", client_id=client["id"], line_items=[{"kind": "Service", "unit_price": 5}])
    states = []
    for action in ("mark_sent", "decline", "reopen", "accept"):
        await w("estimates", action, id=live["id"])
        states.append((await w.conn.execute("estimates", "get", {"id": live["id"]}))["state"])
    assert states == ["sent", "declined", "sent", "accepted"]
    message = await w("estimate_messages", "create", estimate_id=live["id"], recipients=[{"email": "a@example.com"}])
    await w("estimate_messages", "delete", estimate_id=live["id"], id=message["id"])


async def test_assignments_teammates_and_rates(w):
    client = await _first(w, "clients")
    project = await w(
        "projects",
        "create",
        client_id=client["id"],
        name="Assignments",
        is_billable=True,
        bill_by="Tasks",
        budget_by="none",
    )
    # The project's creator is assigned to it already (as in Harvest): assign someone else.
    me = await w.conn.execute("users", "me", {})
    active = (await w.conn.execute("users", "list", {"is_active": True, "per_page": 5})).data
    user = next(u for u in active if u["id"] != me["id"])
    task = await w("tasks", "create", name="Assigned task")
    await _round_trip(
        w, "project_user_assignments", {"user_id": user["id"]}, {"is_project_manager": True}, project_id=project["id"]
    )
    await _round_trip(
        w, "project_task_assignments", {"task_id": task["id"]}, {"billable": False}, project_id=project["id"]
    )
    others = [u["id"] for u in (await w.conn.execute("users", "list", {"per_page": 3})).data if u["id"] != user["id"]]
    teammates = await w("user_teammates", "update", user_id=user["id"], teammate_ids=others[:1])
    assert [t["id"] for t in teammates["teammates"]] == others[:1]
    for entity in ("user_billable_rates", "user_cost_rates"):
        rate = await w(
            entity,
            "create",
            user_id=user["id"],
            amount=95.5,
            start_date=datetime.date.today() - datetime.timedelta(days=1),
        )
        assert rate["amount"] == 95.5
        listed = (await w.conn.execute(entity, "list", {"user_id": user["id"]})).data
        assert rate["id"] in {r["id"] for r in listed}


def test_every_write_row_was_sent():
    """Runs last in this file (pytest keeps file order): a write row without a case fails here."""
    if not SENT:
        pytest.skip("run with the rest of this file")
    missing = sorted(f"{e}.{a}" for e, a in _writes() - SENT)
    assert missing == [], f"write rows no test here sends: {missing}"
