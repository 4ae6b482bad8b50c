"""``harvest-agent mcp`` driven by the MCP SDK's own client, over stdio and streamable HTTP,
against the fake Harvest: the tools listed, each called, errors as tool errors the model can
act on, no secret in any output, and a clean exit on end of input and on SIGINT."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile

import pytest

from .cli_helpers import COMMAND, assert_no_secret, run, sandbox_env

mcp = pytest.importorskip("mcp")
from mcp import Client  # noqa: E402
from mcp.client.stdio import StdioServerParameters, stdio_client  # noqa: E402

READ_TOOLS = {"inspect_connector", "read_skill_docs", "execute", "running_timer", "time_report"}


def _stdio(sandbox, errlog, *extra: str):
    params = StdioServerParameters(command=COMMAND[0], args=[*COMMAND[1:], "mcp", *extra], env=sandbox_env(sandbox))
    return Client(stdio_client(params, errlog=errlog))


def _text(result) -> str:
    (content,) = result.content
    return content.text


async def test_stdio_lists_the_tools_and_calls_each(sandbox, connector):
    running = (await connector.execute("time_entries", "list", {"is_running": True})).data[0]
    report = await connector.execute("time_clients", "list", {"from": "2024-01-01", "to": "2024-06-30"})
    with tempfile.TemporaryFile("w+") as errlog:
        async with _stdio(sandbox, errlog) as client:
            tools = {tool.name: tool for tool in (await client.list_tools()).tools}
            assert set(tools) == READ_TOOLS  # no write tool: none is enabled (nor exists)
            assert all(tool.annotations.read_only_hint for tool in tools.values())
            assert set(tools["execute"].input_schema["required"]) == {"entity", "action"}

            inspected = json.loads(_text(await client.call_tool("inspect_connector", {})))
            assert [e["entity"] for e in inspected["entities"]] == [e["entity_name"] for e in connector.list_entities()]
            assert inspected["writes_enabled"] == []

            docs = json.loads(_text(await client.call_tool("read_skill_docs", {"entity": "time_entries"})))
            assert docs["actions"]["list"]["params"]["approval_status"]["enum"] == [
                "unsubmitted",
                "submitted",
                "approved",
            ]
            everything = json.loads(_text(await client.call_tool("read_skill_docs", {})))
            assert everything["docs"] == connector.tool_description(hosted=False)  # the server is local

            page = await client.call_tool("execute", {"entity": "users", "action": "list", "params": {"per_page": 2}})
            assert not page.is_error and " " not in _text(page)[:40]  # compact JSON
            assert [u["id"] for u in json.loads(_text(page))["data"]] == [
                u["id"] for u in (await connector.execute("users", "list", {"per_page": 2})).data
            ]

            mine = json.loads(_text(await client.call_tool("running_timer", {})))
            assert mine == {"running": None}  # the sandbox's user runs no timer
            theirs = json.loads(_text(await client.call_tool("running_timer", {"user_id": running["user"]["id"]})))
            assert theirs["running"]["id"] == running["id"] and theirs["running"]["project"] == {
                "id": running["project"]["id"],
                "name": running["project"]["name"],
            }

            totals = json.loads(
                _text(
                    await client.call_tool(
                        "time_report", {"from_date": "2024-01-01", "to_date": "2024-06-30", "group_by": "clients"}
                    )
                )
            )
            assert totals["rows"] == report.data
            assert totals["total_hours"] == round(sum(r["total_hours"] for r in report.data), 2)
        errlog.seek(0)
        assert_no_secret(errlog.read())


async def test_failures_are_tool_errors_the_model_can_act_on(sandbox):
    with tempfile.TemporaryFile("w+") as errlog:
        async with _stdio(sandbox, errlog, "--max-output-chars", "3000") as client:
            calls = {
                ("execute", "users", "get", json.dumps({"id": 9})): "NotFoundError: Not found (HTTP 404)",
                ("execute", "time_entries", "list", json.dumps({"approval_status": "done"})): "unsubmitted, submitted",
                ("execute", "time_entries", "list", json.dumps({"per_page": 30})): "output too large",
                ("execute", "time_entrys", "list", "{}"): "EntityNotFoundError",
            }
            before = len(sandbox.requests())
            for (tool, entity, action, params), expected in calls.items():
                result = await client.call_tool(
                    tool, {"entity": entity, "action": action, "params": json.loads(params)}
                )
                assert result.is_error and expected in _text(result), _text(result)
            assert len(sandbox.requests()) == before + 2  # the 404 and the large page; bad input sent nothing
            unknown = await client.call_tool("read_skill_docs", {"entity": "nope"})
            assert unknown.is_error and "Unknown entity 'nope'; entities: users, clients" in _text(unknown)
            sandbox.push_status(500, '{"message": "boom"}', times=5)
            failing = await client.call_tool("execute", {"entity": "company", "action": "get"})
            assert failing.is_error and "HTTP 500" in _text(failing)
            for result in (unknown, failing):
                assert_no_secret(_text(result))
        errlog.seek(0)
        log = errlog.read()
        assert_no_secret(log)
        assert "Traceback" not in log


INITIALIZE = json.dumps(
    {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}},
    }
)


def _server(sandbox, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*COMMAND, "mcp", *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=sandbox_env(sandbox),
        text=True,
    )


def test_stdio_exits_cleanly_on_end_of_input_and_on_sigint(sandbox):
    for stop in ("eof", "sigint"):
        process = _server(sandbox)
        assert process.stdin is not None and process.stdout is not None and process.stderr is not None
        process.stdin.write(INITIALIZE + "\n")
        process.stdin.flush()
        assert json.loads(process.stdout.readline())["result"]["serverInfo"]["name"] == "harvest"
        if stop == "eof":
            process.stdin.close()
        else:
            process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0, stop
        errors = process.stderr.read()
        assert "Traceback" not in errors, errors
        assert_no_secret(errors)
        if stop == "sigint":
            process.stdin.close()


async def test_streamable_http_serves_the_same_tools_and_stops_on_sigint(sandbox):
    process = _server(sandbox, "--transport", "http", "--port", "0")
    assert process.stderr is not None
    try:
        announced = process.stderr.readline()
        assert announced.startswith("harvest-agent: MCP server on http://127.0.0.1:"), announced
        url = announced.split()[4]
        async with Client(url) as client:
            assert {tool.name for tool in (await client.list_tools()).tools} == READ_TOOLS
            me = await client.call_tool("execute", {"entity": "users", "action": "me"})
            assert json.loads(_text(me))["email"] == "kim.allen@example.com"
            missing = await client.call_tool("execute", {"entity": "users", "action": "get", "params": {"id": 9}})
            assert missing.is_error and "HTTP 404" in _text(missing)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        rest = process.stderr.read()
        assert "Traceback" not in rest
        assert_no_secret(announced, rest)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def test_refusals_before_serving(sandbox):
    env = sandbox_env(sandbox)
    unknown = run("mcp", "--allow-writes", "time_entrys.create", env=env)
    assert unknown.returncode == 2 and "--allow-writes time_entrys.create: not a write action" in unknown.stderr
    assert "time_entries.create" in unknown.stderr  # the accepted names are listed
    read = run("mcp", "--allow-writes", "users.list", env=env)
    assert read.returncode == 2 and "not a write action" in read.stderr
    no_sdk = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.modules['mcp'] = None\n"
            "from airbyte_agent_sdk.cli.main import main\nsys.exit(main(['mcp']))",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert no_sdk.returncode == 2
    assert no_sdk.stderr.strip() == (
        'harvest-agent: error: harvest-agent mcp needs the MCP SDK: pip install "harvest-agent-connector[mcp]"'
    )
    assert sandbox.requests() == []
