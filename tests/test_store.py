"""The local store: context_store_search / context_store_sql_query in local mode, answered from
a SQLite copy of the fake Harvest's records, with hosted mode's semantics (checked against the
fake Airbyte API over the same records), incremental and full syncs, read-your-writes, and a
read-only SQL surface."""

from __future__ import annotations

import asyncio
import json
import os
import re
import stat
import subprocess
import sys
import textwrap

import pytest

from airbyte_agent_sdk.connectors.harvest import (
    AirbyteSearchMeta,
    AirbyteSearchResult,
    HarvestConnector,
    ProjectsSearchData,
    UsersSearchData,
)
from airbyte_agent_sdk.connectors.harvest.sandbox import HarvestSandbox
from airbyte_agent_sdk.errors import (
    ActionNotSupportedError,
    ConfigurationError,
    EntityNotFoundError,
    HTTPStatusError,
    InvalidParameterError,
    InvalidResponseError,
    SqlNotAllowedError,
    StoreError,
)
from airbyte_agent_sdk.types import AirbyteAuthConfig

from .conftest import SECRETS
from .test_hosted_search import OPERATOR_CASES

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
async def local(sandbox):
    async with sandbox.connector(max_attempts=1) as conn:
        yield conn


@pytest.fixture
async def hosted(airbyte):
    airbyte.add_connector("acme")
    config = AirbyteAuthConfig(
        workspace_name="acme", airbyte_client_id=airbyte.client_id, airbyte_client_secret=airbyte.client_secret
    )
    async with HarvestConnector(auth_config=config) as conn:
        yield conn


@pytest.fixture
async def all_users(sandbox):
    return (await sandbox.connector().users.list(limit=2000)).data


def ids(result) -> list[int]:
    return [r.id for r in result.data]


def list_requests(sandbox, path):
    return [r for r in sandbox.requests() if r["path"] == f"/v2/{path}"]


# ---- The same query on the same data: the same records in the same order as hosted mode ----


@pytest.mark.parametrize("condition,expected", OPERATOR_CASES, ids=[next(iter(c)) for c, _ in OPERATOR_CASES])
async def test_every_operator_matches_hosted_mode(local, hosted, all_users, condition, expected):
    query = {"filter": condition, "sort": [{"id": "asc"}]}
    mine = await local.users.context_store_search(query)
    theirs = await hosted.users.context_store_search(query)
    assert ids(mine) == ids(theirs)
    if expected is not None:
        assert ids(mine) == [u["id"] for u in all_users if expected(u)] != []
    else:
        assert mine.data == []
    assert mine.data == theirs.data, "whole records, typed the same"


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"sort": [{"last_name": "desc"}]},
        {"sort": [{"is_contractor": "asc"}, {"first_name": "desc"}]},
        {"filter": {"neq": {"telephone": ""}}, "sort": [{"telephone": "asc"}]},
        {"filter": {"in": {"id": [4955601, 4955606, "4955607"]}}},
        {"filter": {"eq": {"telephone": None}}},
        {"filter": {"not": {"like": {"email": "%a%"}}}, "sort": [{"weekly_capacity": "desc"}]},
    ],
    ids=["default-order", "sort-desc", "two-sorts", "neq-sort", "in-mixed", "eq-null", "not-like"],
)
async def test_sorts_and_default_order_match_hosted_mode(local, hosted, query):
    mine = await local.users.context_store_search(query)
    theirs = await hosted.users.context_store_search(query)
    assert ids(mine) == ids(theirs)


async def test_nested_fields_and_projection_match_hosted_mode(local, hosted):
    query = {"filter": {"eq": {"client.name": "ACME Corporation"}}, "sort": [{"name": "asc"}]}
    fields = [["id"], ["client", "name"]]
    mine = await local.projects.context_store_search(query, fields=fields)
    theirs = await hosted.projects.context_store_search(query, fields=fields)
    assert mine.data == theirs.data != []
    assert isinstance(mine.data[0], ProjectsSearchData)
    assert mine.data[0].client == {"name": "ACME Corporation"} and mine.data[0].name is None


async def test_paging_with_limit_and_cursor_matches_hosted_mode(local, hosted, all_users):
    query = {"filter": {"eq": {"is_active": True}}, "sort": [{"last_name": "desc"}]}

    async def walk(conn):
        seen, cursor = [], None
        for _ in range(50):
            page = await conn.users.context_store_search(query, limit=4, cursor=cursor, fields=[["id"], ["last_name"]])
            seen.extend(page.data)
            if not page.meta.has_more:
                return seen
            cursor = page.meta.cursor
        raise AssertionError("paging did not end")

    mine, theirs = await walk(local), await walk(hosted)
    assert [r.id for r in mine] == [r.id for r in theirs]
    active = sorted((u for u in all_users if u["is_active"]), key=lambda u: u["last_name"], reverse=True)
    assert [r.last_name for r in mine] == [u["last_name"] for u in active]


WORDY_NAMES = [
    "Café Réunion — Zoë's kick_off",
    "design REVIEW, design-review",
    "ÜBER straße 42",
    "Kick off: the review",
    "42nd Street Studio",
]


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"\w+", text)]


def _fuzzy(text: str, query: str) -> bool:
    have, at = _words(text), 0
    for word in _words(query):
        if word not in have[at:]:
            return False
        at = have.index(word, at) + 1
    return True


@pytest.mark.parametrize(
    "operator,text",
    [
        ("fuzzy", "kick off"),
        ("fuzzy", "off kick"),
        ("fuzzy", "zoë kick_off"),
        ("fuzzy", "CAFÉ"),
        ("fuzzy", "straße 42"),
        ("fuzzy", "design design"),
        ("fuzzy", "42"),
        ("keyword", "review über"),
        ("keyword", "kick_off nothing"),
        ("keyword", "s"),
        ("keyword", "... !"),
        ("fuzzy", "— !"),
    ],
)
async def test_word_searches_use_the_word_index_and_match_hosted_mode(local, hosted, sandbox, operator, text):
    """`fuzzy` and `keyword` on an indexed text field: the word index narrows the rows, and the
    answer is still exactly the rule's (every word in order / any word), as in hosted mode."""
    other = sandbox.connector(allow_writes=True)
    for name in WORDY_NAMES:
        await other.execute("clients", "create", {"name": name})
    everyone = (await sandbox.connector().clients.list(limit=2000)).data
    query = {"filter": {operator: {"name": text}}, "sort": [{"id": "asc"}]}
    mine = await local.clients.context_store_search(query)
    theirs = await hosted.clients.context_store_search(query)
    if operator == "fuzzy":
        expected = [c["id"] for c in everyone if _fuzzy(c["name"] or "", text)]
    else:
        wanted = set(_words(text))
        expected = [c["id"] for c in everyone if wanted & set(_words(c["name"] or ""))]
    assert ids(mine) == sorted(expected) == ids(theirs)
    assert mine.data == theirs.data
    # Under `not`, the narrowing must not narrow: the complement, exactly.
    others = await local.clients.context_store_search({"filter": {"not": query["filter"]}, "sort": query["sort"]})
    assert sorted(ids(others) + ids(mine)) == sorted(c["id"] for c in everyone)


async def test_results_are_typed_and_say_how_fresh_they_are(local, sandbox):
    result = await local.users.context_store_search({"filter": {"eq": {"is_active": True}}}, limit=2)
    assert isinstance(result, AirbyteSearchResult) and isinstance(result.meta, AirbyteSearchMeta)
    assert isinstance(result.data[0], UsersSearchData)
    assert result.meta.source == "local_store" and result.meta.synced_at.endswith("Z")
    assert result.meta.has_more and result.meta.cursor
    assert result.meta.model_dump()["synced_at"] == result.meta.synced_at
    via_execute = await local.execute("users", "context_store_search", {"query": {}, "limit": 1})
    assert set(via_execute) == {"data", "meta"} and via_execute["meta"]["synced_at"]
    json.dumps(via_execute)
    assert local.store_path == ":memory:"


async def test_the_first_search_fills_later_ones_reuse_within_max_age(local, sandbox):
    await local.users.context_store_search({})
    assert len(list_requests(sandbox, "users")) == 1
    sandbox.clear_requests()
    await local.users.context_store_search({"filter": {"eq": {"id": 1}}})
    await local.users.context_store_sql_query("SELECT COUNT(*) AS n FROM users")
    assert sandbox.requests() == [], "fresh data: nothing sent"


async def test_stale_data_is_refreshed_incrementally_first(sandbox):
    async with sandbox.connector(store_max_age=0) as conn:
        await conn.clients.context_store_search({})
        sandbox.clear_requests()
        await conn.clients.context_store_search({})
        (request,) = list_requests(sandbox, "clients")
        assert "updated_since" in dict(request["query_pairs"])


# ---- Bad input: typed errors naming the field, before anything is sent ----


@pytest.mark.parametrize(
    "entity,params,error,text",
    [
        ("users", {"query": {"filter": {"between": {"id": [1, 2]}}}}, InvalidParameterError, "unknown operator"),
        ("users", {"query": {}, "limit": 0}, InvalidParameterError, "limit"),
        ("users", {"query": {}, "cursor": "not-a-cursor"}, InvalidParameterError, "cursor"),
        ("widgets", {"query": {}}, EntityNotFoundError, "widgets"),
        ("time_projects", {"query": {}}, ActionNotSupportedError, "reports"),
        ("invoice_messages", {"query": {}}, ActionNotSupportedError, "invoice_id"),
    ],
)
async def test_bad_searches_are_typed_errors(local, sandbox, entity, params, error, text):
    with pytest.raises(error) as caught:
        await local.execute(entity, "context_store_search", params)
    assert text in str(caught.value)
    assert sandbox.requests() == [], "nothing is sent"


# ---- SQL ----


async def test_sql_aggregates_match_totals_computed_in_python(local, sandbox):
    entries = (await sandbox.connector().time_entries.list(limit=2000)).data
    result = await local.time_entries.context_store_sql_query(
        "SELECT project_id, COUNT(*) AS n, SUM(hours) AS hours, SUM(billable) AS billable "
        "FROM time_entries GROUP BY project_id ORDER BY project_id"
    )
    expected: dict[int, list] = {}
    for e in entries:
        row = expected.setdefault(e["project"]["id"], [0, 0.0, 0])
        row[0] += 1
        row[1] += e["hours"]
        row[2] += int(e["billable"])
    assert {r["project_id"]: [r["n"], pytest.approx(r["hours"]), r["billable"]] for r in result.data} == expected
    sandbox.clear_requests()
    users = await local.time_entries.context_store_sql_query(
        "SELECT u.last_name, SUM(t.hours) AS hours FROM time_entries t JOIN users u ON u.id = t.user_id "
        "GROUP BY u.id ORDER BY u.id"
    )
    assert round(sum(r["hours"] for r in users.data), 6) == round(sum(e["hours"] for e in entries), 6)
    assert [r["path"] for r in sandbox.requests()] == ["/v2/users"], "a join fills the other tables it reads"
    nested = await local.time_entries.context_store_sql_query(
        "SELECT json_extract(project, '$.name') AS name FROM time_entries LIMIT 1"
    )
    assert nested.data[0]["name"] == entries[0]["project"]["name"] or nested.data[0]["name"]
    limited = await local.time_entries.context_store_sql_query("SELECT id FROM time_entries", limit=3)
    assert len(limited.data) == 3 and limited.meta.has_more


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO users (id) VALUES (1)",
        "UPDATE users SET first_name = 'x'",
        "DELETE FROM users",
        "ATTACH DATABASE '/tmp/other.db' AS other",
        "PRAGMA user_version = 7",
        "PRAGMA journal_mode = DELETE",
        "CREATE TABLE t (x)",
        "DROP TABLE users",
        "SELECT 1; DELETE FROM users",
        "WITH x AS (SELECT 1) DELETE FROM users",
        "VACUUM",
    ],
)
async def test_sql_that_would_change_anything_is_refused(local, sql):
    before = await local.users.context_store_sql_query("SELECT COUNT(*) AS n FROM users")
    with pytest.raises(SqlNotAllowedError) as caught:
        await local.users.context_store_sql_query(sql)
    assert isinstance(caught.value, InvalidParameterError)
    assert "read-only" in str(caught.value)
    after = await local.users.context_store_sql_query("SELECT COUNT(*) AS n FROM users")
    assert after.data == before.data != [{"n": 0}]


async def test_bad_sql_names_the_problem(local):
    with pytest.raises(InvalidParameterError, match="no such column: nope"):
        await local.users.context_store_sql_query("SELECT nope FROM users")


def test_entity_schema_shows_the_store_tables(sandbox):
    conn = sandbox.connector()
    table = conn.entity_schema("time_entries")["store"]
    columns = {c["name"]: c for c in table["columns"]}
    assert {"id", "spent_date", "hours", "user_id", "project_id", "task_id", "project"} <= set(columns)
    assert columns["project"]["holds"] == "object as JSON text"
    assert columns["user_id"]["holds"] == "integer: user.id"
    assert "store" not in conn.entity_schema("time_projects")
    assert {"notes", "client.name", "project.name", "task.name", "user.name"} <= set(table["text_search"])
    assert columns["_extra"]["type"] == "TEXT"


async def test_sql_sees_exactly_the_described_columns_and_records_read_back_whole(local, sandbox):
    for entity in ["time_entries", "users", "invoices"]:
        described = [c["name"] for c in local.entity_schema(entity)["store"]["columns"]]
        rows = await local.execute(entity, "context_store_sql_query", {"sql": f"SELECT * FROM {entity} LIMIT 1"})
        assert rows["meta"]["columns"] == described, entity
        assert sorted(rows["data"][0]) == sorted(described), entity
        # The store keeps one copy; what a search rebuilds from it is Harvest's record.
        listed = (await sandbox.connector().execute(entity, "list", {"limit": 2000})).data
        found = await local.execute(entity, "context_store_search", {"query": {}, "limit": 10000})
        assert sorted(found["data"], key=lambda r: r["id"]) == sorted(listed, key=lambda r: r["id"])


# ---- Freshness: sync, incremental pulls, deletions, read-your-writes ----


async def test_incremental_sync_picks_up_writes_made_on_the_fake(local, sandbox):
    first = await local.sync(["clients"])
    assert first["clients"]["full"] and first["clients"]["added"] > 0
    other = sandbox.connector(allow_writes=True)
    created = await other.execute("clients", "create", {"name": "Store Test Co", "currency": "EUR"})
    existing = (await local.clients.context_store_search({"sort": [{"id": "asc"}]}, limit=1)).data[0]
    await other.execute("clients", "update", {"id": existing.id, "name": "Renamed Co"})
    sandbox.clear_requests()
    report = (await local.sync(["clients"]))["clients"]
    assert report["full"] is False and (report["added"], report["updated"], report["removed"]) == (1, 1, 0)
    assert report["requests"] == 1 and report["updated_since"]
    (request,) = list_requests(sandbox, "clients")
    assert dict(request["query_pairs"])["updated_since"] == report["updated_since"]
    found = await local.clients.context_store_search({"filter": {"in": {"id": [created["id"], existing.id]}}})
    assert sorted(r.name for r in found.data) == ["Renamed Co", "Store Test Co"]


async def test_a_full_resync_finds_deletions(local, sandbox):
    await local.sync(["clients"])
    other = sandbox.connector(allow_writes=True)
    doomed = await other.execute("clients", "create", {"name": "Short Lived"})
    await local.sync(["clients"])
    await other.execute("clients", "delete", {"id": doomed["id"]})
    incremental = (await local.sync(["clients"]))["clients"]
    assert incremental["removed"] == 0, "an updated_since pull cannot see deletions"
    full = (await local.sync(["clients"], full=True))["clients"]
    assert full["full"] and full["removed"] == 1
    gone = await local.clients.context_store_search({"filter": {"eq": {"id": doomed["id"]}}})
    assert gone.data == []


async def test_writes_through_the_connector_update_the_store_at_once(sandbox):
    async with sandbox.connector(allow_writes=True, store_max_age=None) as conn:
        await conn.sync(["clients"])
        sandbox.clear_requests()
        created = await conn.execute("clients", "create", {"name": "Read Your Writes"})
        found = await conn.clients.context_store_search({"filter": {"eq": {"name": "Read Your Writes"}}})
        assert ids(found) == [created["id"]]
        await conn.execute("clients", "update", {"id": created["id"], "name": "Read Your Update"})
        found = await conn.clients.context_store_search({"filter": {"eq": {"id": created["id"]}}})
        assert found.data[0].name == "Read Your Update"
        await conn.execute("clients", "delete", {"id": created["id"]})
        found = await conn.clients.context_store_search({"filter": {"eq": {"id": created["id"]}}})
        assert found.data == []
        assert [r["method"] for r in sandbox.requests()] == ["POST", "PATCH", "DELETE"], "no sync needed"


async def test_a_full_resync_comes_by_itself_after_store_full_sync_interval(sandbox):
    other = sandbox.connector(allow_writes=True)
    doomed = await other.execute("clients", "create", {"name": "Gone Soon"})
    async with sandbox.connector(store_full_sync_interval=0) as always, sandbox.connector() as daily:
        for conn in (always, daily):
            assert (await conn.sync(["clients"]))["clients"]["full"], "the first sync is full"
        await other.execute("clients", "delete", {"id": doomed["id"]})
        report = (await always.sync(["clients"]))["clients"]
        assert report["full"] and report["removed"] == 1, "interval 0: every sync reads the listing whole"
        report = (await daily.sync(["clients"]))["clients"]
        assert not report["full"] and report["removed"] == 0, "the default interval (a day) has not passed"
    with pytest.raises(ConfigurationError, match="store_full_sync_interval"):
        sandbox.connector(store_full_sync_interval=-1)


async def test_sync_reports_progress_to_a_callback():
    with HarvestSandbox(time_entries=4500) as fake:
        async with fake.connector() as conn:
            seen: list[tuple[str, int, int | None]] = []

            async def progress(entity, received, total):
                seen.append((entity, received, total))

            report = await conn.sync(["time_entries", "users"], progress=progress)
            per_entity = {e: [s for s in seen if s[0] == e] for e in report}
            for entity, calls in per_entity.items():
                received = [c[1] for c in calls]
                assert received == sorted(received), f"{entity}: never backwards"
                assert calls[-1] == (entity, report[entity]["received"], report[entity]["received"])
            assert report["time_entries"]["received"] == 4500
            assert all(total in (None, 4500) for _, _, total in per_entity["time_entries"][:-1])

            def broken(entity, received, total):
                raise RuntimeError("the bar broke")

            with pytest.raises(RuntimeError, match="the bar broke"):
                await conn.sync(["users"], progress=broken)
            assert (await conn.users.context_store_search({})).data, "the sync itself went through"
            with pytest.raises(InvalidParameterError, match="progress"):
                await conn.sync(["users"], progress="bar")


async def test_a_bad_page_fails_the_sync_naming_the_record_and_keeps_the_store(local, sandbox):
    await local.sync(["users"])
    before = await local.users.context_store_sql_query("SELECT COUNT(*) AS n FROM users")
    sandbox.push_body(
        b'{"users":[{"id":1},7],"per_page":2000,"total_pages":1,"total_entries":2,'
        b'"next_page":null,"previous_page":null,"page":1,"links":{"next":null}}'
    )
    with pytest.raises(
        InvalidResponseError, match=r"GET /v2/users: users\[1\]: invalid type: integer `7`, expected an object$"
    ):
        await local.sync(["users"], full=True)
    after = await local.users.context_store_sql_query("SELECT COUNT(*) AS n FROM users")
    assert after.data == before.data != [{"n": 0}]


async def test_sync_everything_and_bad_entities(local):
    report = await local.sync()
    assert {"users", "clients", "projects", "tasks", "time_entries"} <= set(report)
    assert all(r["full"] for r in report.values())
    with pytest.raises(ActionNotSupportedError, match="reports"):
        await local.sync(["time_projects"])
    with pytest.raises(EntityNotFoundError):
        await local.sync(["widgets"])


async def test_a_failed_sync_leaves_the_previous_state(local, sandbox):
    await local.sync(["users"])
    before = await local.users.context_store_sql_query("SELECT COUNT(*) AS n FROM users")
    sandbox.push_status(500, '{"message": "boom"}', times=5)
    with pytest.raises(HTTPStatusError):
        await local.sync(["users"], full=True)
    sandbox.clear_faults()
    after = await local.users.context_store_sql_query("SELECT COUNT(*) AS n FROM users")
    assert after.data == before.data


# ---- The file: 0600, one account, no secret, two processes ----


async def test_a_file_store_is_0600_persists_and_holds_no_secret(sandbox, tmp_path):
    path = tmp_path / "harvest.db"
    async with sandbox.connector(store=path) as conn:
        await conn.sync()
        assert conn.store_path == str(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    for name in os.listdir(tmp_path):
        data = (tmp_path / name).read_bytes()
        for secret in SECRETS:
            assert secret.encode() not in data, name
    sandbox.clear_requests()
    async with sandbox.connector(store=path, store_max_age=None) as again:
        found = await again.users.context_store_search({"filter": {"eq": {"is_active": True}}})
        assert found.data and sandbox.requests() == [], "reused without a request"


def test_a_store_of_another_account_is_refused(sandbox, tmp_path):
    path = tmp_path / "harvest.db"
    sandbox.connector(store=path)
    from airbyte_agent_sdk.connectors.harvest import HarvestPersonalAccessTokenAuthConfig

    other = HarvestPersonalAccessTokenAuthConfig(token=sandbox.token, account_id="999999")
    with pytest.raises(ConfigurationError, match="bound to one account") as caught:
        HarvestConnector(other, base_url=sandbox.base_url, store=path)
    assert caught.value.details["stored_account_id"] == sandbox.account_id


def test_store_arguments_are_checked(sandbox, airbyte):
    with pytest.raises(ConfigurationError, match="store_max_age"):
        sandbox.connector(store_max_age=-1)
    with pytest.raises(ConfigurationError, match="store must be None"):
        sandbox.connector(store=3)
    with pytest.raises(StoreError, match="folder"):
        sandbox.connector(store="/nonexistent-dir/harvest.db")
    config = AirbyteAuthConfig(workspace_name="acme", airbyte_client_id="a", airbyte_client_secret="b")
    with pytest.raises(ConfigurationError, match="hosted mode"):
        HarvestConnector(auth_config=config, store="x.db")


_SYNC_SCRIPT = textwrap.dedent(
    """
    import asyncio, json, sys
    from airbyte_agent_sdk.connectors.harvest import HarvestConnector, HarvestPersonalAccessTokenAuthConfig

    async def main():
        base_url, token, account, path = sys.argv[1:5]
        auth = HarvestPersonalAccessTokenAuthConfig(token=token, account_id=account)
        async with HarvestConnector(auth, base_url=base_url, store=path, rate_limit=None) as conn:
            report = await conn.sync(full=True)
            count = await conn.time_entries.context_store_sql_query("SELECT COUNT(*) AS n FROM time_entries")
            print(json.dumps({"entities": len(report), "time_entries": count.data[0]["n"]}))

    asyncio.run(main())
    """
)


async def test_two_processes_sync_one_file_at_once(sandbox, tmp_path):
    path = str(tmp_path / "shared.db")
    args = [sys.executable, "-c", _SYNC_SCRIPT, sandbox.base_url, sandbox.token, sandbox.account_id, path]

    def run():
        return subprocess.run(args, capture_output=True, text=True, timeout=90)

    first, second = await asyncio.gather(asyncio.to_thread(run), asyncio.to_thread(run))
    for done in (first, second):
        assert done.returncode == 0, done.stderr
    answers = [json.loads(done.stdout) for done in (first, second)]
    expected = len((await sandbox.connector().time_entries.list(limit=2000)).data)
    assert answers[0] == answers[1] and answers[0]["time_entries"] == expected
    async with sandbox.connector(store=path, store_max_age=None) as conn:
        check = await conn.time_entries.context_store_sql_query("SELECT COUNT(*) AS n FROM time_entries")
        assert check.data == [{"n": expected}]


async def test_sync_progress_goes_to_logging(local, captured_logs):
    await local.sync(["tasks"])
    messages = [r.getMessage() for r in captured_logs.records]
    assert any(m.startswith("store: syncing tasks (full)") for m in messages), messages
    assert any(m.startswith("store: synced tasks: ") and "requests" in m for m in messages), messages


async def test_a_sync_killed_half_way_leaves_the_previous_state(sandbox, tmp_path):
    path = str(tmp_path / "killed.db")
    async with sandbox.connector(store=path) as conn:
        await conn.sync(["users", "clients"])
        before = (await conn.clients.context_store_sql_query("SELECT id, name FROM clients ORDER BY id")).data
    await sandbox.connector(allow_writes=True).execute("clients", "create", {"name": "Not Yet Synced"})
    sandbox.set_latency(2.0)  # every answer is slow: the process below is killed while it pulls
    baseline = sandbox.request_count()
    args = [sys.executable, "-c", _SYNC_SCRIPT, sandbox.base_url, sandbox.token, sandbox.account_id, path]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            if sandbox.request_count() > baseline:
                break
            await asyncio.sleep(0.05)
    finally:
        process.kill()
        process.wait(timeout=30)
    sandbox.set_latency(0.0)
    async with sandbox.connector(store=path, store_max_age=None) as conn:
        after = (await conn.clients.context_store_sql_query("SELECT id, name FROM clients ORDER BY id")).data
        assert after == before
        report = (await conn.sync(["clients"]))["clients"]
        assert report["added"] == 1, "the store goes on from where it was"
