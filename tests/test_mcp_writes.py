"""The MCP write tools (log_time, start_timer, stop_timer), registered only when the server
enables ``time_entries.create`` / ``time_entries.stop``, driven by a real MCP client over stdio
against the fake Harvest."""

from __future__ import annotations

import json
import tempfile

import pytest

from .cli_helpers import COMMAND, assert_no_secret, sandbox_env

mcp = pytest.importorskip("mcp")
from mcp import Client  # noqa: E402
from mcp.client.stdio import StdioServerParameters, stdio_client  # noqa: E402


def _client(sandbox, errlog, *extra: str):
    params = StdioServerParameters(command=COMMAND[0], args=[*COMMAND[1:], "mcp", *extra], env=sandbox_env(sandbox))
    return Client(stdio_client(params, errlog=errlog))


def _posts(sandbox):
    return [r for r in sandbox.requests() if r["method"] != "GET"]


async def test_write_tools_register_only_when_enabled(sandbox):
    with tempfile.TemporaryFile("w+") as errlog:
        async with _client(sandbox, errlog) as client:
            names = {tool.name for tool in (await client.list_tools()).tools}
            assert not names & {"log_time", "start_timer", "stop_timer"}
            refused = await client.call_tool(
                "execute", {"entity": "time_entries", "action": "create", "params": {"project_id": 1, "task_id": 1}}
            )
            assert refused.is_error and "--allow-writes time_entries.create" in refused.content[0].text
            rehearsed = await client.call_tool(
                "execute",
                {
                    "entity": "time_entries",
                    "action": "create",
                    "params": {"project_id": 1, "task_id": 2, "spent_date": "2024-05-06", "hours": 1, "dry_run": True},
                },
            )
            assert not rehearsed.is_error, rehearsed.content[0].text
            preview = json.loads(rehearsed.content[0].text)
            assert preview["method"] == "POST" and preview["url"].endswith("/v2/time_entries")
            assert preview["body"]["hours"] == 1
        async with _client(sandbox, errlog, "--allow-writes", "time_entries.stop") as client:
            names = {tool.name for tool in (await client.list_tools()).tools}
            assert "stop_timer" in names and not names & {"log_time", "start_timer"}
            # Enabling one write enables no other: the connector refuses it, in the server's words.
            other = await client.call_tool(
                "execute", {"entity": "time_entries", "action": "create", "params": {"project_id": 1, "task_id": 1}}
            )
            assert other.is_error and "--allow-writes time_entries.create" in other.content[0].text
            assert "nothing was sent" in other.content[0].text
    assert _posts(sandbox) == []


async def test_log_time_start_and_stop_a_timer(sandbox, connector):
    project = (await connector.execute("projects", "list", {"per_page": 1})).data[0]
    task = (await connector.execute("tasks", "list", {"per_page": 1})).data[0]
    with tempfile.TemporaryFile("w+") as errlog:
        async with _client(sandbox, errlog, "--allow-writes", "time_entries") as client:
            tools = {tool.name: tool for tool in (await client.list_tools()).tools}
            assert {"log_time", "start_timer", "stop_timer"} <= set(tools)
            assert tools["log_time"].annotations.read_only_hint is False
            logged = await client.call_tool(
                "log_time",
                {"project_id": project["id"], "task_id": task["id"], "hours": 1.5, "spent_date": "2024-06-03"},
            )
            assert not logged.is_error, logged.content[0].text
            assert json.loads(logged.content[0].text)["hours"] == 1.5
            started = await client.call_tool("start_timer", {"project_id": project["id"], "task_id": task["id"]})
            entry = json.loads(started.content[0].text)
            stopped = await client.call_tool("stop_timer", {"time_entry_id": entry["id"]})
            assert not stopped.is_error and json.loads(stopped.content[0].text)["is_running"] is False
        errlog.seek(0)
        assert_no_secret(errlog.read())
    writes = _posts(sandbox)
    assert [(r["method"], r["path"]) for r in writes][:2] == [
        ("POST", "/v2/time_entries"),
        ("POST", "/v2/time_entries"),
    ]
    assert writes[-1]["path"] == f"/v2/time_entries/{entry['id']}/stop"
