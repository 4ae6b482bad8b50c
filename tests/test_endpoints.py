"""Every read the catalogue adds beyond the reference, end to end against the fake Harvest: the
request that reaches the wire and the shape of what comes back."""

from __future__ import annotations

import pytest

from airbyte_agent_sdk.connectors.harvest import HarvestConnector, HarvestExecuteResultWithMeta
from airbyte_agent_sdk.errors import ConfigurationError, NotFoundError

REPORT_PERIOD = {"from": "2024-01-01", "to": "2024-12-31"}
# Report entity -> (path on the wire, fields every row has).
REPORTS = {
    "time_clients": ("/v2/reports/time/clients", {"client_id", "client_name", "total_hours", "billable_amount"}),
    "time_projects": ("/v2/reports/time/projects", {"project_id", "client_id", "total_hours", "billable_hours"}),
    "time_tasks": ("/v2/reports/time/tasks", {"task_id", "task_name", "total_hours", "currency"}),
    "time_team": ("/v2/reports/time/team", {"user_id", "user_name", "weekly_capacity", "total_hours"}),
    "expenses_clients": ("/v2/reports/expenses/clients", {"client_id", "total_amount", "billable_amount"}),
    "expenses_projects": ("/v2/reports/expenses/projects", {"project_id", "client_id", "total_amount"}),
    "expenses_categories": (
        "/v2/reports/expenses/categories",
        {"expense_category_id", "expense_category_name", "total_amount"},
    ),
    "expenses_team": ("/v2/reports/expenses/team", {"user_id", "user_name", "total_amount"}),
    "uninvoiced": ("/v2/reports/uninvoiced", {"project_id", "uninvoiced_hours", "uninvoiced_amount"}),
}


def is_list(result) -> bool:
    return isinstance(result, HarvestExecuteResultWithMeta) and isinstance(result.data, list)


def _reads(connector: HarvestConnector, entity: str) -> list[str]:
    schema = connector.entity_schema(entity)
    assert schema is not None
    return [name for name, action in schema["actions"].items() if not action["write"]]


async def test_every_harvest_read_is_in_the_catalogue(connector: HarvestConnector):
    entities = {e["entity_name"]: _reads(connector, e["entity_name"]) for e in connector.list_entities()}
    # 55 GET operations of Harvest API v2, plus account discovery on Harvest ID.
    assert sum(len(actions) for actions in entities.values()) == 56
    assert entities["invoice_messages"] == ["list", "template"]
    assert entities["user_project_assignments"] == ["list", "list_mine"]
    for name in ("user_billable_rates", "user_cost_rates", "project_user_assignments", "project_task_assignments"):
        assert entities[name] == ["list", "get"]
    for name in ("invoice_payments", "estimate_messages", "user_teammates", "accounts", *REPORTS, "project_budget"):
        assert entities[name] == ["list"]
    described = {e["entity_name"]: e["description"] for e in connector.list_entities()}
    assert "report" in described["expenses_categories"] and "expense_categories" in described["expenses_categories"]
    assert "definitions" in described["expense_categories"]


async def test_the_current_user(connector, api_requests):
    me = await connector.users.me()
    assert isinstance(me, dict) and isinstance(me["id"], int)
    assert await connector.execute("users", "get", {"id": me["id"]}) == me
    assert [r["path"] for r in api_requests()] == ["/v2/users/me", f"/v2/users/{me['id']}"]


async def test_project_assignments_by_user_and_mine(connector, api_requests):
    me = await connector.users.me()
    mine = await connector.user_project_assignments.list_mine()
    by_id = await connector.execute("user_project_assignments", "list", {"user_id": me["id"]})
    assert is_list(mine) and mine.data == by_id.data and mine.data
    assignment = mine.data[0]
    assert {"project", "client", "task_assignments", "is_project_manager"} <= set(assignment)
    assert all("task" in ta for ta in assignment["task_assignments"])
    paths = [r["path"] for r in api_requests()]
    assert paths[1:] == ["/v2/users/me/project_assignments", f"/v2/users/{me['id']}/project_assignments"]


async def test_teammates_and_rates(connector, api_requests):
    me = await connector.users.me()
    teammates = await connector.user_teammates.list(user_id=me["id"])
    assert teammates.data and {"id", "first_name", "last_name", "email"} <= set(teammates.data[0])
    for entity, path in (("user_billable_rates", "billable_rates"), ("user_cost_rates", "cost_rates")):
        rates = await connector.execute(entity, "list", {"user_id": me["id"], "per_page": 3})
        assert len(rates.data) == 3 and {"amount", "start_date", "end_date"} <= set(rates.data[0])
        rate = await connector.execute(entity, "get", {"user_id": me["id"], "id": rates.data[1]["id"]})
        assert rate == rates.data[1]
        sent = api_requests()[-2:]
        assert sent[0]["path"] == f"/v2/users/{me['id']}/{path}"
        assert sent[1]["path"] == f"/v2/users/{me['id']}/{path}/{rate['id']}"


@pytest.mark.parametrize(
    "entity,path,record_fields",
    [
        ("project_user_assignments", "user_assignments", {"user", "is_project_manager", "hourly_rate"}),
        ("project_task_assignments", "task_assignments", {"task", "billable", "hourly_rate"}),
    ],
)
async def test_project_scoped_assignments(connector, api_requests, entity, path, record_fields):
    project = (await connector.projects.list(per_page=1)).data[0]
    listed = await connector.execute(entity, "list", {"project_id": project["id"]})
    assert listed.data and all(record_fields <= set(r) for r in listed.data)
    one = await connector.execute(entity, "get", {"project_id": project["id"], "id": listed.data[-1]["id"]})
    assert one == listed.data[-1]
    sent = [r["path"] for r in api_requests()[1:]]
    assert sent == [f"/v2/projects/{project['id']}/{path}", f"/v2/projects/{project['id']}/{path}/{one['id']}"]
    # An assignment of another project is not found through this one.
    other = (await connector.projects.list(per_page=2)).data[1]
    with pytest.raises(NotFoundError):
        await connector.execute(entity, "get", {"project_id": other["id"], "id": one["id"]})


async def test_invoice_messages_payments_and_template(connector, api_requests):
    invoice = (await connector.invoices.list(per_page=1)).data[0]
    messages = await connector.invoice_messages.list(invoice_id=invoice["id"])
    assert messages.data and {"subject", "recipients", "event_type", "sent_by"} <= set(messages.data[0])
    payments = await connector.execute("invoice_payments", "list", {"invoice_id": invoice["id"]})
    assert payments.data and {"amount", "paid_at", "paid_date", "payment_gateway"} <= set(payments.data[0])
    template = await connector.invoice_messages.template(invoice_id=invoice["id"], reminder=True)
    assert template["invoice_id"] == invoice["id"] and template["reminder"] is True and template["subject"]
    sent = api_requests()[1:]
    assert [r["path"] for r in sent] == [
        f"/v2/invoices/{invoice['id']}/messages",
        f"/v2/invoices/{invoice['id']}/payments",
        f"/v2/invoices/{invoice['id']}/messages/new",
    ]
    assert sent[2]["query"] == "reminder=true"


async def test_estimate_messages(connector, api_requests):
    estimate = (await connector.estimates.list(per_page=1)).data[0]
    messages = await connector.estimate_messages.list(estimate_id=estimate["id"], per_page=2)
    assert len(messages.data) == 2 and messages.meta["has_more"]
    assert {"subject", "event_type", "recipients"} <= set(messages.data[0])
    assert api_requests()[1]["path"] == f"/v2/estimates/{estimate['id']}/messages"


@pytest.mark.parametrize("entity", sorted(REPORTS))
async def test_reports(connector, api_requests, entity):
    path, fields = REPORTS[entity]
    page = await connector.execute(entity, "list", REPORT_PERIOD)
    assert page.data and all(fields <= set(row) for row in page.data)
    assert page.meta["total_entries"] == len(page.data)
    typed = await getattr(connector, entity).list(from_="20240101", to="20241231")
    assert typed.data == page.data
    sent = api_requests()
    assert sent[0]["path"] == path
    assert sent[0]["query_pairs"] == [("from", "20240101"), ("to", "20241231")]


async def test_project_budget_report(connector, api_requests):
    page = await connector.project_budget.list()
    assert page.data and {"budget", "budget_spent", "budget_remaining", "is_active"} <= set(page.data[0])
    assert api_requests()[0]["path"] == "/v2/reports/project_budget"


async def test_account_discovery_goes_to_the_id_host(sandbox):
    # Only the token is needed: Harvest ID takes no account id, so any placeholder will do.
    config = type(sandbox.pat_config())(token=sandbox.token, account_id="unknown")
    async with HarvestConnector(config, base_url=sandbox.base_url, id_url=sandbox.id_url) as conn:
        accounts = await conn.accounts.list()
    assert {a["product"] for a in accounts.data} == {"harvest", "forecast"}
    harvest = [a["id"] for a in accounts.data if a["product"] == "harvest"]
    assert harvest == [int(sandbox.account_id)]
    assert accounts.meta["has_more"] is False and accounts.meta["next_cursor"] is None
    request = sandbox.requests()[-1]
    assert request["path"] == "/api/v2/accounts" and request["query"] == ""
    assert "harvest-account-id" not in request["headers"]
    assert request["headers"]["authorization"] == f"Bearer {sandbox.token}"


async def test_api_requests_carry_the_account_header(connector, sandbox, api_requests):
    await connector.company.get()
    assert api_requests()[0]["headers"]["harvest-account-id"] == sandbox.account_id


async def test_account_discovery_uses_id_url_not_base_url(sandbox):
    # base_url points nowhere: discovery still works, since it only talks to id_url.
    async with HarvestConnector(sandbox.pat_config(), base_url="http://127.0.0.1:9/v2", id_url=sandbox.id_url) as conn:
        assert len((await conn.accounts.list()).data) == 2
    with pytest.raises(ConfigurationError):
        HarvestConnector(sandbox.pat_config(), id_url="not a url")
