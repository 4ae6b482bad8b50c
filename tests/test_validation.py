"""Bad input raises a typed error naming the field and the accepted values, and nothing is sent."""

from __future__ import annotations

import datetime
import math

import pytest

from airbyte_agent_sdk.errors import (
    ActionNotSupportedError,
    AirbyteError,
    EntityNotFoundError,
    InvalidParameterError,
    MissingParameterError,
)

CASES = [
    # (entity, action, params, error class, text the message must contain)
    ("widgets", "list", None, EntityNotFoundError, "Valid entities: users, clients, contacts, company"),
    (42, "list", None, EntityNotFoundError, "must be a string"),
    ("users", "archive", None, ActionNotSupportedError, "Supported actions: list, get, me, create, update, delete."),
    ("users", None, None, ActionNotSupportedError, "Supported actions: list, get, me, create, update, delete."),
    ("company", "list", None, ActionNotSupportedError, "Supported actions: get, update."),
    ("users", "list", [("per_page", 1)], InvalidParameterError, "must be a mapping"),
    ("users", "list", "per_page=1", InvalidParameterError, "must be a mapping"),
    (
        "users",
        "list",
        {"page": 2},
        InvalidParameterError,
        "Accepted parameters: is_active, updated_since, per_page, cursor, limit.",
    ),
    ("users", "list", {"foo": "bar"}, InvalidParameterError, 'Unknown parameter "foo"'),
    ("users", "get", {}, MissingParameterError, "Missing required parameter 'id' for users.get"),
    ("users", "get", {"id": None}, MissingParameterError, "'id'"),
    ("users", "get", {"id": ""}, InvalidParameterError, "positive integer id"),
    ("users", "get", {"id": "../users/me"}, InvalidParameterError, "'id'"),
    ("users", "get", {"id": "1?x=y"}, InvalidParameterError, "'id'"),
    ("users", "get", {"id": "東京"}, InvalidParameterError, "'id'"),
    ("users", "get", {"id": True}, InvalidParameterError, "got a boolean"),
    ("users", "get", {"id": -3}, InvalidParameterError, "'id'"),
    ("users", "get", {"id": 2**63}, InvalidParameterError, "'id'"),
    ("users", "get", {"id": 1.0}, InvalidParameterError, "'id'"),
    ("users", "list", {"per_page": 0}, InvalidParameterError, "integer 1..2000"),
    ("users", "list", {"per_page": 5000}, InvalidParameterError, "5000 is out of range"),
    ("users", "list", {"per_page": "abc"}, InvalidParameterError, "'per_page'"),
    ("users", "list", {"per_page": True}, InvalidParameterError, "'per_page'"),
    ("users", "list", {"per_page": [1, 2]}, InvalidParameterError, "'per_page'"),
    ("users", "list", {"per_page": math.nan}, InvalidParameterError, "'per_page': NaN is not a finite number"),
    ("time_projects", "list", {"to": "2024-01-31"}, MissingParameterError, "'from'"),
    ("time_projects", "list", {"from": "", "to": "2024-01-31"}, InvalidParameterError, "'from'"),
    (
        "time_projects",
        "list",
        {"from": "2024-13-01", "to": "2024-12-31"},
        InvalidParameterError,
        "YYYY-MM-DD or YYYYMMDD",
    ),
    ("time_projects", "list", {"from": "2023-02-29", "to": "2023-12-31"}, InvalidParameterError, "'from'"),
    ("time_tasks", "list", {"from": "2024/01/01", "to": "2024-12-31"}, InvalidParameterError, "'from'"),
    ("time_tasks", "list", {"from": "２０２４-01-01", "to": "2024-12-31"}, InvalidParameterError, "'from'"),
    ("time_tasks", "list", {"from": 20240101, "to": "2024-12-31"}, InvalidParameterError, "got a number"),
    ("time_tasks", "list", {"from": "2024-02-01", "to": "2024-01-01"}, InvalidParameterError, "is before from"),
    (
        "time_tasks",
        "list",
        {"from": "2024-01-01", "from_": "2024-01-01", "to": "2024-01-02"},
        InvalidParameterError,
        "more than once",
    ),
    ("time_entries", "list", {"is_billed": "true"}, InvalidParameterError, "Expected boolean true or false."),
    ("time_entries", "list", {"is_running": 1}, InvalidParameterError, "'is_running'"),
    (
        "time_entries",
        "list",
        {"approval_status": "pending"},
        InvalidParameterError,
        'got "pending". Expected one of unsubmitted, submitted, approved.',
    ),
    ("invoices", "list", {"state": "overdue"}, InvalidParameterError, "one of draft, open, paid, closed"),
    ("time_entries", "list", {"user_id": "ana"}, InvalidParameterError, "'user_id'"),
    ("time_entries", "list", {"project_id": 2**63}, InvalidParameterError, "'project_id'"),
    ("time_entries", "list", {"from": "20240101"}, InvalidParameterError, "Expected date YYYY-MM-DD."),
    (
        "time_entries",
        "list",
        {"to": datetime.datetime(2024, 1, 1)},
        InvalidParameterError,
        'got "2024-01-01T00:00:00+00:00". Expected date YYYY-MM-DD.',
    ),
    ("users", "list", {"updated_since": "2024-01-01"}, InvalidParameterError, "add a time and zone"),
    ("users", "list", {"updated_since": datetime.date(2024, 1, 1)}, InvalidParameterError, "add a time and zone"),
    ("users", "list", {"updated_since": "2024-01-01 10:00"}, InvalidParameterError, "no zone: add Z for UTC"),
    ("users", "list", {"updated_since": "yesterday"}, InvalidParameterError, "e.g. 2024-01-31T09:00:00Z"),
    ("time_entries", "list", {"external_reference_id": "x" * 256}, InvalidParameterError, "text of 1..255"),
    ("users", "list", {"limit": 0}, InvalidParameterError, "Expected integer 1..100000."),
    ("users", "list", {"limit": "all"}, InvalidParameterError, "'limit'"),
    ("users", "list", {"cursor": "abc"}, InvalidParameterError, "'cursor'"),
    ("users", "get", {"id": 1, "limit": 5}, InvalidParameterError, "Accepted parameters: id."),
    ("users", "me", {"id": 1}, InvalidParameterError, "Accepted parameters: none."),
    ("invoice_payments", "list", {}, MissingParameterError, "Missing required parameter 'invoice_id'"),
    ("user_cost_rates", "get", {"user_id": 1}, MissingParameterError, "'id'"),
    ("project_budget", "list", {"from": "2024-01-01"}, InvalidParameterError, 'Unknown parameter "from"'),
    (
        "time_projects",
        "list",
        {"from": "2023-01-01", "to": "2024-06-30"},
        InvalidParameterError,
        "spans 546 days, and Harvest reports cover at most 365 days",
    ),
    ("users", "list", {"per_page": "\ud800"}, InvalidParameterError, "params"),
    ("users", "list", {1: 2}, InvalidParameterError, "params"),
]


@pytest.mark.parametrize("entity,action,params,error,text", CASES)
async def test_rejected_before_sending(sandbox, connector, entity, action, params, error, text):
    with pytest.raises(error) as caught:
        await connector.execute(entity, action, params)
    assert text in str(caught.value)
    assert isinstance(caught.value, AirbyteError) and isinstance(caught.value, ValueError)
    assert sandbox.request_count() == 0, "nothing may be sent for invalid input"


async def test_details_name_the_field_and_the_accepted_values(connector):
    with pytest.raises(InvalidParameterError) as caught:
        await connector.execute("users", "list", {"colour": "red"})
    err = caught.value
    assert (err.entity, err.action, err.param, err.accepted) == (
        "users",
        "list",
        "colour",
        ["is_active", "updated_since", "per_page", "cursor", "limit"],
    )
    with pytest.raises(EntityNotFoundError) as caught:
        await connector.execute("widgets", "list")
    assert "time_entries" in caught.value.accepted


async def test_typed_queries_validate_too(sandbox, connector):
    with pytest.raises(InvalidParameterError):
        await connector.users.list(per_page=0)
    with pytest.raises(InvalidParameterError, match="Accepted parameters: is_active, updated_since, per_page"):
        await connector.users.list(page=2)
    with pytest.raises(MissingParameterError, match="'from'"):
        await connector.time_projects.list(to="2024-01-01")
    assert sandbox.request_count() == 0


async def test_valid_edge_values_are_sent_normalised(connector, api_requests):
    user_id = (await connector.users.list(per_page=1)).data[0]["id"]
    await connector.execute("users", "get", {"id": f"000{user_id}"})
    await connector.execute("users", "list", {"per_page": 2000})
    await connector.execute("time_tasks", "list", {"from": "2024-02-29", "to": "2024-02-29"})
    sent = api_requests()[1:]
    assert sent[0]["path"] == f"/v2/users/{user_id}"
    assert sent[1]["query"] == "per_page=2000"
    assert sent[2]["query"] == "from=20240229&to=20240229"
