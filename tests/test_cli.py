"""``harvest-agent`` check / entities / schema / execute, as real subprocesses against the fake
Harvest: every output format, exit codes (0 ok, 1 refused, 2 bad input), bad input refused
before any request, credentials from the environment or --env-file, no secret anywhere."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path
from urllib.parse import parse_qs

from .cli_helpers import COMMAND, assert_no_secret, clean_env, one_line_error, run, sandbox_env
from .conftest import SECRET_CLIENT, SECRET_REFRESH, SECRET_TOKEN


def _queries(sandbox, path):
    return [parse_qs(r["query"]) for r in sandbox.requests() if r["path"] == path]


# ---- check ----


def test_check_reports_account_and_user_and_exits_0(sandbox):
    human = run("check", env=sandbox_env(sandbox))
    assert human.returncode == 0, human.stderr
    assert human.stdout.startswith(f"healthy: Harvest account {sandbox.account_id} (Sandbox Consulting LLC) as ")
    assert sandbox.base_url in human.stdout
    as_json = run("check", "--json", env=sandbox_env(sandbox))
    report = json.loads(as_json.stdout)
    assert as_json.returncode == 0
    assert report["status"] == "healthy" and report["account_id"] == sandbox.account_id
    assert report["company"] == "Sandbox Consulting LLC"
    assert set(report["user"]) == {"id", "name", "email"} and isinstance(report["user"]["id"], int)


def test_check_with_a_refused_token_exits_1_without_echoing_it(sandbox):
    env = sandbox_env(sandbox, HARVEST_ACCESS_TOKEN="wrong-token-SENTINEL-5c1")
    human = run("check", env=env)
    assert human.returncode == 1
    assert human.stdout.startswith("unhealthy: ") and "401" in human.stdout
    as_json = run("check", "--json", env=env)
    assert as_json.returncode == 1
    assert json.loads(as_json.stdout)["status"] == "unhealthy"
    for done in (human, as_json):
        assert "wrong-token-SENTINEL-5c1" not in done.stdout + done.stderr


def test_missing_credentials_name_the_variables_and_exit_2(sandbox):
    done = run("check", env=clean_env(HARVEST_API_URL=sandbox.base_url))
    assert done.returncode == 2
    line = one_line_error(done)
    assert "HARVEST_ACCESS_TOKEN and HARVEST_ACCOUNT_ID" in line and "HARVEST_REFRESH_TOKEN" in line
    no_account = run("check", env=clean_env(HARVEST_ACCESS_TOKEN=SECRET_TOKEN, HARVEST_API_URL=sandbox.base_url))
    assert no_account.returncode == 2
    assert "HARVEST_ACCOUNT_ID is not set" in one_line_error(no_account)
    assert sandbox.requests() == []


def test_incomplete_oauth_names_what_is_missing_and_never_the_values(sandbox):
    env = clean_env(HARVEST_CLIENT_ID="cid", HARVEST_CLIENT_SECRET=SECRET_CLIENT, HARVEST_ACCOUNT_ID="1")
    done = run("execute", "users", "me", env=env)
    assert done.returncode == 2
    assert one_line_error(done) == (
        "harvest-agent: error: OAuth credentials are incomplete: HARVEST_REFRESH_TOKEN not set "
        "(found HARVEST_CLIENT_ID, HARVEST_CLIENT_SECRET)"
    )


def test_oauth_credentials_from_the_environment(sandbox):
    env = clean_env(
        HARVEST_CLIENT_ID=sandbox.client_id,
        HARVEST_CLIENT_SECRET=SECRET_CLIENT,
        HARVEST_REFRESH_TOKEN=SECRET_REFRESH,
        HARVEST_ACCOUNT_ID=sandbox.account_id,
        HARVEST_API_URL=sandbox.base_url,
        HARVEST_ID_URL=sandbox.id_url,
    )
    done = run("check", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert sandbox.token_requests() == 1


def test_env_file_wins_over_the_environment(sandbox, tmp_path):
    env_file = tmp_path / "harvest.env"
    env_file.write_text(
        "# the sandbox\n"
        f"export HARVEST_ACCESS_TOKEN='{SECRET_TOKEN}'\n"
        f'HARVEST_ACCOUNT_ID="{sandbox.account_id}"\n'
        f"HARVEST_API_URL={sandbox.base_url}\n\n"
    )
    env = clean_env(
        HARVEST_ACCESS_TOKEN="stale-token", HARVEST_ACCOUNT_ID="999", HARVEST_API_URL="http://127.0.0.1:9/v2"
    )
    done = run("--env-file", str(env_file), "execute", "users", "me", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["email"] == "kim.allen@example.com"
    assert sandbox.requests()[0]["headers"]["harvest-account-id"] == sandbox.account_id


def test_a_bad_env_file_is_refused_without_quoting_its_lines(tmp_path):
    env_file = tmp_path / "bad.env"
    env_file.write_text(f"HARVEST_ACCOUNT_ID=1\n{SECRET_TOKEN}\n")
    done = run("--env-file", str(env_file), "check", env=clean_env())
    assert done.returncode == 2
    assert one_line_error(done) == f"harvest-agent: error: --env-file {env_file} line 2: expected KEY=VALUE"
    missing = run("--env-file", str(tmp_path / "nope.env"), "check", env=clean_env())
    assert missing.returncode == 2
    assert "No such file or directory" in one_line_error(missing)


# ---- entities, schema ----


def test_entities_and_schema_come_from_the_catalogue(connector):
    env = clean_env()
    listing = run("entities", "--json", env=env)
    assert json.loads(listing.stdout) == connector.list_entities()
    human = run("entities", env=env)
    lines = human.stdout.splitlines()
    assert len(lines) == len(connector.list_entities())
    first = connector.list_entities()[0]
    assert lines[0].split()[0] == first["entity_name"] == "users"
    assert " ".join(lines[0].split()[1:]).startswith(", ".join(first["available_actions"]))
    assert "create" in first["available_actions"]  # writes are listed like reads
    schema = run("schema", "time_entries", "--json", env=env)
    assert json.loads(schema.stdout) == connector.entity_schema("time_entries")
    text = run("schema", "time_entries", env=env).stdout
    assert "list: GET /time_entries" in text and "approval_status: " in text and "unsubmitted" in text
    unknown = run("schema", "time_entry", env=env)
    assert unknown.returncode == 2
    line = one_line_error(unknown)
    assert "unknown entity 'time_entry'; entities: users, clients," in line and "time_entries" in line


# ---- execute ----


def test_a_list_as_json_continues_with_its_cursor(sandbox):
    env = sandbox_env(sandbox)
    first = run("execute", "time_entries", "list", "-p", "per_page=7", env=env)
    assert first.returncode == 0 and first.stderr == ""
    page = json.loads(first.stdout)
    assert len(page["data"]) == 7 and page["meta"]["has_more"] is True
    more = run("execute", "time_entries", "list", "-p", f"cursor={page['meta']['next_cursor']}", env=env)
    following = json.loads(more.stdout)["data"]
    assert [r["id"] for r in following][:1] != [r["id"] for r in page["data"]][:1]
    assert {r["id"] for r in following}.isdisjoint(r["id"] for r in page["data"])


def test_parameters_are_typed_from_the_catalogue(sandbox):
    env = sandbox_env(sandbox)
    done = run(
        "execute",
        "time_entries",
        "list",
        "--params",
        '{"per_page": 50, "approval_status": "approved"}',
        "-p",
        "is_running=false",
        "-p",
        "per_page=3",
        "-p",
        "from=2024-01-01",
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert _queries(sandbox, "/v2/time_entries") == [
        {"approval_status": ["approved"], "is_running": ["false"], "per_page": ["3"], "from": ["2024-01-01"]}
    ]


def test_jsonl_table_and_csv(sandbox):
    env = sandbox_env(sandbox)
    jsonl = run("execute", "time_entries", "list", "-p", "per_page=4", "--output", "jsonl", env=env)
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert len(records) == 4 and all("spent_date" in r for r in records)
    assert jsonl.stderr.startswith("harvest-agent: more records: add -p cursor=")

    as_csv = run("execute", "time_entries", "list", "-p", "per_page=4", "-o", "csv", env=env)
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [int(row["id"]) for row in rows] == [r["id"] for r in records]
    assert [row["project.name"] for row in rows] == [r["project"]["name"] for r in records]
    assert {row["is_billed"] for row in rows} <= {"true", "false"}

    table = run("execute", "users", "list", "-p", "per_page=2", "-o", "table", env=env).stdout.splitlines()
    assert table[0].split()[:3] == ["id", "first_name", "last_name"]
    assert set(table[1]) == {"-", " "} and len(table) == 4
    assert table[2].split()[1:3] == ["Kim", "Allen"]


def test_an_object_in_every_format(sandbox):
    env = sandbox_env(sandbox)
    me = json.loads(run("execute", "users", "me", env=env).stdout)
    got = json.loads(run("execute", "users", "get", "-p", f"id={me['id']}", env=env).stdout)
    assert got == me
    table = run("execute", "users", "get", "-p", f"id={me['id']}", "-o", "table", env=env).stdout
    assert any(line.split() == ["first_name", "Kim"] for line in table.splitlines())
    (row,) = csv.DictReader(io.StringIO(run("execute", "users", "me", "-o", "csv", env=env).stdout))
    assert row["email"] == me["email"]
    (line,) = run("execute", "users", "me", "-o", "jsonl", env=env).stdout.splitlines()
    assert json.loads(line) == me


def test_limit_collects_across_pages(sandbox):
    env = sandbox_env(sandbox)
    done = run("execute", "time_entries", "list", "-p", "per_page=10", "--limit", "25", "-o", "jsonl", env=env)
    ids = [json.loads(line)["id"] for line in done.stdout.splitlines()]
    assert len(ids) == 25 == len(set(ids))
    assert len(_queries(sandbox, "/v2/time_entries")) == 3
    assert "more records" in done.stderr  # 30 exist: the rest is one cursor away
    everything = json.loads(run("execute", "time_entries", "list", "--limit", "500", env=env).stdout)
    assert len(everything["data"]) == 30 and everything["meta"]["has_more"] is False


def test_harvest_refusals_exit_1_with_one_line(sandbox):
    env = sandbox_env(sandbox)
    missing = run("execute", "users", "get", "-p", "id=9", env=env)
    assert missing.returncode == 1 and missing.stdout == ""
    assert one_line_error(missing) == (
        "harvest-agent: error: NotFoundError: Not found (HTTP 404) for GET /v2/users/9: Not Found. "
        "Check the id; list the entity to find valid ids."
    )
    sandbox.push_status(500, '{"message": "boom"}', times=5)
    failing = run("execute", "company", "get", env=env)
    assert failing.returncode == 1
    assert "HTTP 500" in one_line_error(failing)


def test_bad_input_exits_2_before_any_request(sandbox):
    env = sandbox_env(sandbox)
    cases = {
        ("execute", "time_entries", "list", "-p", "approval_status=done"): "unsubmitted, submitted, approved",
        ("execute", "time_entries", "list", "-p", "is_running=maybe"): "is_running takes true or false",
        ("execute", "time_entries", "list", "-p", "per_page"): "-p per_page: expected key=value",
        ("execute", "time_entries", "list", "--params", "{per_page: 1}"): "--params: not valid JSON",
        ("execute", "time_entries", "list", "--params", "[1]"): "--params: expected a JSON object",
        ("execute", "time_entrys", "list"): "EntityNotFoundError",
        ("execute", "time_entries", "frobnicate"): "ActionNotSupportedError",
        ("execute", "time_entries", "delete", "-p", "id=1"): "changes data in Harvest: add --allow-writes",
        ("execute", "time_entries", "update", "--dry-run"): "MissingParameterError",
        ("execute", "users", "get"): "MissingParameterError",
        ("execute", "time_entries", "list", "--limit", "0"): "expected a positive integer, got '0'",
        ("execute", "time_entries", "list", "-o", "xml"): "invalid choice: 'xml'",
        ("frobnicate",): "invalid choice: 'frobnicate'",
    }
    for args, expected in cases.items():
        done = run(*args, env=env)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stdout == ""
        assert expected in one_line_error(done), (args, done.stderr)
    assert sandbox.requests() == []


def test_writes_dry_run_and_allow_writes(sandbox, connector):
    env = sandbox_env(sandbox)
    mine = json.loads(run("execute", "user_project_assignments", "list_mine", env=env).stdout)["data"][0]
    project, task = mine["project"]["id"], mine["task_assignments"][0]["task"]["id"]
    body = ["-p", f"project_id={project}", "-p", f"task_id={task}", "-p", "spent_date=2024-05-06", "-p", "hours=1.5"]
    rehearsal = run("execute", "time_entries", "create", *body, "--dry-run", env=env)
    assert rehearsal.returncode == 0, rehearsal.stderr
    preview = json.loads(rehearsal.stdout)
    assert preview["method"] == "POST" and preview["body"] == {
        "project_id": project,
        "task_id": task,
        "spent_date": "2024-05-06",
        "hours": 1.5,
    }
    assert preview["headers"]["Authorization"] == "Bearer ***"
    assert [r for r in sandbox.requests() if r["method"] != "GET"] == []
    done = run("execute", "time_entries", "create", *body, "-p", "notes=from the CLI", "--allow-writes", env=env)
    assert done.returncode == 0, done.stderr
    created = json.loads(done.stdout)
    assert created["hours"] == 1.5 and created["notes"] == "from the CLI"
    posts = [r for r in sandbox.requests() if r["method"] == "POST"]
    assert [(r["method"], r["path"]) for r in posts] == [("POST", "/v2/time_entries")]
    gone = run("execute", "time_entries", "delete", "-p", f"id={created['id']}", "--allow-writes", env=env)
    assert json.loads(gone.stdout) == {"deleted": True, "entity": "time_entries", "id": created["id"]}


def test_sync_fills_a_store_file_that_a_connector_then_searches(sandbox, tmp_path):
    env = sandbox_env(sandbox)
    path = tmp_path / "harvest.db"
    first = run("sync", "time_entries", "users", "--store", str(path), "--json", env=env)
    assert first.returncode == 0, first.stderr
    counts = json.loads(first.stdout)
    assert set(counts) == {"time_entries", "users"}
    assert counts["time_entries"]["added"] == 30 and counts["time_entries"]["full"] is True
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    again = run("sync", "time_entries", env={**env, "HARVEST_STORE": str(path)})
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("time_entries: 0 added, 0 updated, 0 removed (changes;")
    updated_since = [r for r in sandbox.requests() if "updated_since" in r.get("query", "")]
    assert len(updated_since) == 1, "the second sync asked only for what changed"
    refused = {
        ("sync", "time_entries"): "--store PATH or set HARVEST_STORE",
        (
            "sync",
            "time_projects",
            "--store",
            str(path),
        ): "time_projects: not an entity the store holds; accepted: users",
    }
    for args, expected in refused.items():
        done = run(*args, env=env)
        assert done.returncode == 2 and expected in one_line_error(done), done.stderr


def test_accounts_list_needs_no_account_id(sandbox):
    env = sandbox_env(sandbox)
    del env["HARVEST_ACCOUNT_ID"]
    done = run("execute", "accounts", "list", env=env)
    assert done.returncode == 0, done.stderr
    assert sandbox.account_id in {str(a["id"]) for a in json.loads(done.stdout)["data"]}


def test_the_console_script_and_a_closed_pipe(sandbox):
    script = Path(COMMAND[0]).with_name("harvest-agent")
    assert script.exists(), "[project.scripts] installs harvest-agent next to the interpreter"
    version = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=30)
    assert version.returncode == 0 and version.stdout.startswith("harvest-agent ")
    # `| head -1`: the reader goes away after one line; the command stops quietly.
    process = subprocess.Popen(
        [str(script), "execute", "time_entries", "list", "--limit", "30", "-o", "jsonl"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=sandbox_env(sandbox),
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    json.loads(process.stdout.readline())
    process.stdout.close()
    assert process.wait(timeout=30) == 0
    errors = process.stderr.read()
    assert "Traceback" not in errors and "BrokenPipe" not in errors
    assert_no_secret(errors)


def test_a_progress_bar_on_a_terminal_only():
    import pty

    from airbyte_agent_sdk.connectors.harvest.sandbox import HarvestSandbox

    with HarvestSandbox(time_entries=20_000) as big:
        args = ["execute", "time_entries", "list", "--limit", "20000", "-o", "jsonl"]
        piped = run(*args, env=sandbox_env(big))
        assert len(piped.stdout.splitlines()) == 20_000 and piped.stderr == ""
        controller, terminal = pty.openpty()
        try:
            done = subprocess.run(
                [*COMMAND, *args], stdout=subprocess.PIPE, stderr=terminal, env=sandbox_env(big), timeout=120
            )
            os.close(terminal)
            shown = b""
            while True:
                try:
                    chunk = os.read(controller, 65536)
                except OSError:  # the terminal is closed: everything was read
                    break
                if not chunk:
                    break
                shown += chunk
        finally:
            os.close(controller)
        assert done.returncode == 0 and len(done.stdout.splitlines()) == 20_000
        assert b"] 8,000/20,000 records" in shown and b"] 16,000/20,000 records" in shown
        assert shown.endswith(b"\r\x1b[K")  # erased at the end
