"""Every documented filter reaches the wire in Harvest's format and is honoured: the filtered
listing is exactly the matching subset of the whole listing (both fetched from the fake Harvest
with ``limit``, so every page counts)."""

from __future__ import annotations

import datetime
from typing import Any, Callable

import pytest

from airbyte_agent_sdk.connectors.harvest.sandbox import HarvestSandbox

Record = dict[str, Any]


@pytest.fixture(scope="module")
def fake():
    # Enough time entries that every approval status and both billing states occur.
    with HarvestSandbox(time_entries=600) as sandbox:
        yield sandbox


@pytest.fixture
async def conn(fake):
    fake.clear_requests()
    async with fake.connector(max_attempts=1) as connector:
        yield connector


async def everything(conn, entity: str, params: dict[str, Any]) -> list[Record]:
    return (await conn.execute(entity, "list", {**params, "limit": 100_000})).data


async def check(
    fake,
    conn,
    entity: str,
    parent: dict[str, Any],
    given: dict[str, Any],
    wire: list[tuple[str, str]],
    keep: Callable[[Record], bool],
    *,
    must_filter: bool = True,
) -> list[Record]:
    """The listing with `given` is the subset of the whole listing that `keep` accepts, and
    every request of it carried the `wire` pairs."""
    whole = await everything(conn, entity, parent)
    fake.clear_requests()
    filtered = await everything(conn, entity, {**parent, **given})
    sent = [r for r in fake.requests() if r["path"].startswith("/v2")]
    assert sent, "a request was made"
    for request in sent:
        for pair in wire:
            assert pair in request["query_pairs"], (pair, request["query"])
    assert filtered == [r for r in whole if keep(r)]
    if must_filter:
        assert 0 < len(filtered) < len(whole), f"{given} should select some but not all of {len(whole)}"
    return filtered


def nested_id(field: str) -> Callable[[Record], Any]:
    return lambda record: (record.get(field) or {}).get("id")


# (entity, filter) -> how a record shows the filtered value.
ID_FILTERS = [
    ("time_entries", "user_id", nested_id("user")),
    ("time_entries", "client_id", nested_id("client")),
    ("time_entries", "project_id", nested_id("project")),
    ("time_entries", "task_id", nested_id("task")),
    ("expenses", "user_id", nested_id("user")),
    ("expenses", "client_id", nested_id("client")),
    ("expenses", "project_id", nested_id("project")),
    ("invoices", "client_id", nested_id("client")),
    ("estimates", "client_id", nested_id("client")),
    ("contacts", "client_id", nested_id("client")),
    ("projects", "client_id", nested_id("client")),
    ("user_assignments", "user_id", nested_id("user")),
]


@pytest.mark.parametrize("entity,name,field", ID_FILTERS, ids=[f"{e}-{n}" for e, n, _ in ID_FILTERS])
async def test_id_filters(fake, conn, entity, name, field):
    whole = await everything(conn, entity, {})
    value = field(whole[-1])
    assert isinstance(value, int)
    await check(fake, conn, entity, {}, {name: value}, [(name, str(value))], lambda r: field(r) == value)


async def test_invoice_project_filter(fake, conn):
    def projects(invoice: Record) -> set[int]:
        return {item["project"]["id"] for item in invoice["line_items"] if item.get("project")}

    whole = await everything(conn, "invoices", {})
    value = sorted(projects(whole[0]))[0]
    await check(
        fake,
        conn,
        "invoices",
        {},
        {"project_id": str(value)},
        [("project_id", str(value))],
        lambda r: value in projects(r),
    )


async def test_external_reference_filter(fake, conn):
    whole = await everything(conn, "time_entries", {})
    reference = next(r["external_reference"]["id"] for r in whole if r["external_reference"])
    await check(
        fake,
        conn,
        "time_entries",
        {},
        {"external_reference_id": reference},
        [("external_reference_id", reference)],
        lambda r: (r["external_reference"] or {}).get("id") == reference,
    )


async def partition(fake, conn, entity, parent, name, values, field=None):
    """Each value selects exactly its records; together they cover the whole listing."""
    whole = await everything(conn, entity, parent)
    seen = 0
    for value in values:
        wire = str(value).lower() if isinstance(value, bool) else value
        selected = await check(
            fake,
            conn,
            entity,
            parent,
            {name: value},
            [(name, wire)],
            lambda r, v=value: r[field or name] == v,
            must_filter=False,
        )
        seen += len(selected)
    assert seen == len(whole)
    groups = [v for v in values if any(r[field or name] == v for r in whole)]
    assert len(groups) >= 2, f"{entity}.{name}: the fake should hold more than one kind"


BOOL_FILTERS = [
    ("time_entries", "is_billed"),
    ("time_entries", "is_running"),
    ("expenses", "is_billed"),
    ("users", "is_active"),
    ("clients", "is_active"),
    ("projects", "is_active"),
    ("tasks", "is_active"),
    ("expense_categories", "is_active"),
    ("user_assignments", "is_active"),
    ("task_assignments", "is_active"),
    ("project_budget", "is_active"),
]


@pytest.mark.parametrize("entity,name", BOOL_FILTERS, ids=[f"{e}-{n}" for e, n in BOOL_FILTERS])
async def test_boolean_filters(fake, conn, entity, name):
    await partition(fake, conn, entity, {}, name, [True, False])


@pytest.mark.parametrize(
    "entity,name,values",
    [
        ("time_entries", "approval_status", ["unsubmitted", "submitted", "approved"]),
        ("expenses", "approval_status", ["unsubmitted", "submitted", "approved"]),
        ("invoices", "state", ["draft", "open", "paid", "closed"]),
        ("estimates", "state", ["draft", "sent", "accepted", "declined"]),
    ],
)
async def test_enum_filters(fake, conn, entity, name, values):
    await partition(fake, conn, entity, {}, name, values)


async def test_enum_values_are_matched_ignoring_case_and_sent_as_harvest_spells_them(fake, conn):
    await check(
        fake,
        conn,
        "time_entries",
        {},
        {"approval_status": "APPROVED"},
        [("approval_status", "approved")],
        lambda r: r["approval_status"] == "approved",
    )


@pytest.mark.parametrize(
    "entity,field",
    [
        ("time_entries", "spent_date"),
        ("expenses", "spent_date"),
        ("invoices", "issue_date"),
        ("estimates", "issue_date"),
    ],
)
async def test_date_range_filters(fake, conn, entity, field):
    dates = sorted(r[field] for r in await everything(conn, entity, {}))
    low, high = dates[len(dates) // 4], dates[3 * len(dates) // 4]
    start, end = datetime.date.fromisoformat(low), datetime.date.fromisoformat(high)
    # A datetime.date, and a string: both reach Harvest as YYYY-MM-DD.
    await check(
        fake,
        conn,
        entity,
        {},
        {"from_": start, "to": high},
        [("from", low), ("to", high)],
        lambda r: low <= r[field] <= high,
    )
    await check(fake, conn, entity, {}, {"from": start}, [("from", low)], lambda r: r[field] >= low)
    await check(fake, conn, entity, {}, {"to": end}, [("to", high)], lambda r: r[field] <= high)


UPDATED_SINCE = [
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
    "user_assignments",
    "task_assignments",
]


@pytest.mark.parametrize("entity", UPDATED_SINCE)
async def test_updated_since(fake, conn, entity):
    stamps = sorted(r["updated_at"] for r in await everything(conn, entity, {}))
    middle = stamps[len(stamps) // 2]
    # An aware datetime in another zone goes out in UTC.
    utc = datetime.datetime.strptime(middle, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    local = utc.astimezone(datetime.timezone(datetime.timedelta(hours=-5)))
    await check(
        fake,
        conn,
        entity,
        {},
        {"updated_since": local},
        [("updated_since", middle)],
        lambda r: r["updated_at"] > middle,
    )


async def test_updated_since_as_text_and_as_naive_datetime(fake, conn):
    stamps = sorted(r["updated_at"] for r in await everything(conn, "users", {}))
    middle = stamps[len(stamps) // 2]
    naive = datetime.datetime.strptime(middle, "%Y-%m-%dT%H:%M:%SZ")
    for given in (naive, naive.replace(microsecond=999_999), middle.replace("Z", "+00:00"), middle):
        await check(
            fake,
            conn,
            "users",
            {},
            {"updated_since": given},
            [("updated_since", middle)],
            lambda r: r["updated_at"] > middle,
        )


async def test_sub_resource_filters(fake, conn):
    me = await conn.users.me()
    project = (await conn.projects.list(per_page=1)).data[0]["id"]
    invoice = (await conn.invoices.list(per_page=1)).data[0]["id"]
    estimate = (await conn.estimates.list(per_page=1)).data[0]["id"]
    for entity, parent in [
        ("project_user_assignments", {"project_id": project}),
        ("project_task_assignments", {"project_id": project}),
        ("invoice_messages", {"invoice_id": invoice}),
        ("invoice_payments", {"invoice_id": invoice}),
        ("estimate_messages", {"estimate_id": estimate}),
        ("user_project_assignments", {"user_id": me["id"]}),
    ]:
        stamps = sorted(r["updated_at"] for r in await everything(conn, entity, parent))
        middle = stamps[len(stamps) // 2]
        await check(
            fake,
            conn,
            entity,
            parent,
            {"updated_since": middle},
            [("updated_since", middle)],
            lambda r, since=middle: r["updated_at"] > since,
        )
    whole = await everything(conn, "project_user_assignments", {"project_id": project})
    user = whole[-1]["user"]["id"]
    await check(
        fake,
        conn,
        "project_user_assignments",
        {"project_id": project},
        {"user_id": user},
        [("user_id", str(user))],
        lambda r: r["user"]["id"] == user,
    )
    for entity in ("project_user_assignments", "project_task_assignments"):
        selected = await check(
            fake,
            conn,
            entity,
            {"project_id": project},
            {"is_active": True},
            [("is_active", "true")],
            lambda r: r["is_active"],
            must_filter=False,
        )
        assert selected


async def test_time_report_fixed_fee_amounts(fake, conn):
    period = {"from": "2024-01-01", "to": "2024-06-30"}
    fixed_fee = {p["id"] for p in await everything(conn, "projects", {}) if p["is_fixed_fee"]}
    assert fixed_fee
    default = await everything(conn, "time_projects", period)
    fake.clear_requests()
    included = await everything(conn, "time_projects", {**period, "include_fixed_fee": True})
    assert ("include_fixed_fee", "true") in fake.requests()[-1]["query_pairs"]
    assert [r["project_id"] for r in default] == [r["project_id"] for r in included]
    for without, with_fee in zip(default, included):
        if without["project_id"] in fixed_fee and with_fee["billable_hours"]:
            assert without["billable_amount"] == 0 < with_fee["billable_amount"]
        else:
            assert without["billable_amount"] == with_fee["billable_amount"]


async def test_uninvoiced_can_leave_fixed_fee_projects_out(fake, conn):
    period = {"from": "2024-01-01", "to": "2024-06-30"}
    fixed_fee = {p["id"] for p in await everything(conn, "projects", {}) if p["is_fixed_fee"]}
    await check(
        fake,
        conn,
        "uninvoiced",
        period,
        {"include_fixed_fee": False},
        [("include_fixed_fee", "false")],
        lambda r: r["project_id"] not in fixed_fee,
    )


async def test_invoice_message_template_variants(fake, conn):
    invoice = (await conn.invoices.list(per_page=1)).data[0]["id"]
    fake.clear_requests()
    thanks = await conn.invoice_messages.template(invoice_id=invoice, thank_you=True)
    plain = await conn.invoice_messages.template(invoice_id=invoice, thank_you=False)
    assert thanks["thank_you"] is True and plain["thank_you"] is False and thanks["subject"] != plain["subject"]
    assert [r["query"] for r in fake.requests()] == ["thank_you=true", "thank_you=false"]


async def test_ids_above_2_63_never_reach_the_wire(fake, conn):
    from airbyte_agent_sdk.errors import InvalidParameterError

    fake.clear_requests()
    page = await conn.time_entries.list(task_id=2**40)
    assert page.data == [] and ("task_id", str(2**40)) in fake.requests()[-1]["query_pairs"]
    with pytest.raises(InvalidParameterError, match="'task_id'"):
        await conn.time_entries.list(task_id=2**63)
    assert len(fake.requests()) == 1
