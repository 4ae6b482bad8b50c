"""The fake Harvest's write routes, driven with plain ``http.client`` (not the connector): what a
write answers, that reads see it, the timestamp-timer option, and the faults that fire after a
write was applied."""

from __future__ import annotations

import http.client
import json
import urllib.parse
from typing import Any, Optional

import pytest

from airbyte_agent_sdk.connectors.harvest.sandbox import HarvestSandbox


class Api:
    """One keep-alive connection to the fake, with the headers Harvest requires."""

    def __init__(self, sandbox: HarvestSandbox) -> None:
        self.sandbox = sandbox
        url = urllib.parse.urlsplit(sandbox.base_url)
        self.host, self.port = url.hostname or "127.0.0.1", url.port or 80

    def call(
        self, method: str, path: str, body: Optional[Any] = None, *, raw: Optional[bytes] = None, ctype: str = ""
    ) -> tuple[int, Any]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=5)
        headers = {
            "User-Agent": "SandboxWrites (tests@example.com)",
            "Authorization": f"Bearer {self.sandbox.token}",
            "Harvest-Account-Id": self.sandbox.account_id,
        }
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            ctype = "application/json"
        if ctype:
            headers["Content-Type"] = ctype
        try:
            conn.request(method, "/v2" + path, body=data, headers=headers)
            response = conn.getresponse()
            payload = response.read()
        finally:
            conn.close()
        return response.status, (json.loads(payload) if payload else None)

    def ok(self, path: str) -> Any:
        status, body = self.call("GET", path)
        assert status == 200, (path, body)
        return body


@pytest.fixture
def fake():
    with HarvestSandbox(time_entries=30) as sandbox:
        yield sandbox


@pytest.fixture
def api(fake):
    return Api(fake)


def assigned(api: Api) -> tuple[int, int]:
    first = api.ok("/users/me/project_assignments")["project_assignments"][0]
    return first["project"]["id"], first["task_assignments"][0]["task"]["id"]


def test_create_read_update_delete_a_client(api):
    status, client = api.call("POST", "/clients", {"name": "Written from Python", "currency": "EUR"})
    assert status == 201
    assert client["name"] == "Written from Python" and client["currency"] == "EUR" and client["is_active"]
    assert api.ok(f"/clients/{client['id']}") == client
    generated = api.ok("/clients")["clients"][-1]
    assert list(client) == list(generated), "Harvest's field order, id first"
    assert api.ok("/clients")["clients"][0] == client
    status, renamed = api.call("PATCH", f"/clients/{client['id']}", {"name": "Renamed"})
    assert (status, renamed["name"]) == (200, "Renamed")
    assert renamed["updated_at"] >= client["updated_at"]
    assert api.call("DELETE", f"/clients/{client['id']}") == (200, None)
    assert api.call("GET", f"/clients/{client['id']}")[0] == 404


def test_validation_and_business_rules_answer_like_harvest(api):
    status, body = api.call("POST", "/time_entries", {})
    assert status == 422
    assert body == {"message": "Project can't be blank, Task can't be blank, Spent date can't be blank"}
    project = api.ok("/projects")["projects"][0]
    status, body = api.call("DELETE", f"/clients/{project['client']['id']}")
    assert (status, body) == (422, {"message": "This client is not removable. It still has projects and/or invoices."})
    assert api.call("PATCH", "/time_entries/1", {"hours": 1})[0] == 404


def test_timers_one_running_per_user(api):
    project, task = assigned(api)
    start = {"project_id": project, "task_id": task, "spent_date": "2024-06-28"}
    first = api.call("POST", "/time_entries", start)[1]
    second = api.call("POST", "/time_entries", start)[1]
    assert first["is_running"] and second["is_running"]
    assert api.ok(f"/time_entries/{first['id']}")["is_running"] is False
    status, body = api.call("PATCH", f"/time_entries/{first['id']}/stop")
    assert (status, body) == (422, {"message": "This time entry is not running"})
    status, body = api.call("PATCH", f"/time_entries/{second['id']}/restart")
    assert (status, body) == (422, {"message": "This time entry is already running"})
    status, stopped = api.call("PATCH", f"/time_entries/{second['id']}/stop")
    assert status == 200 and stopped["is_running"] is False
    assert api.ok(f"/time_entries?is_running=true&user_id={second['user']['id']}")["time_entries"] == []


def test_billed_entries_exist_and_are_locked(api):
    billed = api.ok("/time_entries?is_billed=true")["time_entries"]
    assert billed, "a small account has billed time too"
    assert all(e["is_billed"] and e["invoice"]["id"] for e in billed)
    status, body = api.call("PATCH", f"/time_entries/{billed[0]['id']}", {"notes": "edit"})
    assert status == 422 and "locked" in body["message"]


def test_timestamp_accounts_take_start_and_end_times():
    with HarvestSandbox(wants_timestamp_timers=True, time_entries=5) as sandbox:
        api = Api(sandbox)
        assert api.ok("/company")["wants_timestamp_timers"] is True
        project, task = assigned(api)
        entry = {"project_id": project, "task_id": task, "spent_date": "2024-06-28"}
        status, body = api.call("POST", "/time_entries", {**entry, "hours": 2})
        assert status == 422 and "wants_timestamp_timers is true" in body["message"]
        status, logged = api.call("POST", "/time_entries", {**entry, "started_time": "9:00am", "ended_time": "11:15am"})
        assert status == 201 and logged["hours"] == 2.25 and not logged["is_running"]


def test_multipart_receipt(api):
    project, _ = assigned(api)
    category = next(c for c in api.ok("/expense_categories")["expense_categories"] if c["unit_price"] is None)
    boundary = "py-boundary"
    parts = [
        ("project_id", str(project)),
        ("expense_category_id", str(category["id"])),
        ("spent_date", "2024-06-28"),
        ("total_cost", "9.99"),
    ]
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in parts
    )
    body += (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="receipt"; filename="lunch.png"\r\n'
            "Content-Type: image/png\r\n\r\n"
        ).encode()
        + b"\x89PNG\r\n"
        + f"\r\n--{boundary}--\r\n".encode()
    )
    status, expense = api.call("POST", "/expenses", raw=body, ctype=f"multipart/form-data; boundary={boundary}")
    assert status == 201, expense
    assert expense["receipt"]["file_name"] == "lunch.png"
    assert expense["receipt"]["content_type"] == "image/png"
    assert expense["total_cost"] == 9.99


def test_status_after_apply_keeps_the_write(fake, api):
    fake.push_status(500, '{"message":"Internal error"}', after_apply=True)
    assert api.ok("/company")["name"], "reads do not consume it"
    status, body = api.call("POST", "/tasks", {"name": "Applied then 500"})
    assert (status, body) == (500, {"message": "Internal error"})
    names = [t["name"] for t in api.ok("/tasks")["tasks"]]
    assert names.count("Applied then 500") == 1
    writes = [r for r in fake.requests() if r["method"] == "POST"]
    assert [(r["path"], json.loads(r["body"])) for r in writes] == [("/v2/tasks", {"name": "Applied then 500"})]
    assert api.call("POST", "/tasks", {"name": "Next one is normal"})[0] == 201


def test_close_connection_after_apply_keeps_the_write(fake, api):
    fake.push_close_connection(after_apply=True)
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        api.call("POST", "/clients", {"name": "Applied then dropped"})
    assert api.ok("/clients")["clients"][0]["name"] == "Applied then dropped"


def test_plain_faults_still_fire_before_handling(fake, api):
    fake.push_status(503)
    assert api.call("POST", "/clients", {"name": "Never applied"})[0] == 503
    assert all(c["name"] != "Never applied" for c in api.ok("/clients")["clients"])
    fake.push_status(500, after_apply=True)
    fake.clear_faults()
    assert api.call("POST", "/clients", {"name": "Cleared"})[0] == 201
