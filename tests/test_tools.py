"""tool_utils: wrapper properties, description, output size, failure translation, retries."""

from __future__ import annotations

import asyncio
import inspect
import logging

import pytest

from airbyte_agent_sdk import _native
from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.errors import AirbyteToolError, HTTPStatusError, NotFoundError
from airbyte_agent_sdk.tools import FRAMEWORKS

DESCRIPTION = HarvestConnector.tool_description(hosted=False)


def make_tool(connector, **options):
    decorate = HarvestConnector.tool_utils(**options) if options else HarvestConnector.tool_utils

    @decorate
    async def harvest_execute(entity: str, action: str, params: dict | None = None):
        """Execute Harvest connector operations."""
        result = await connector.execute(entity, action, params or {})
        return result.model_dump(mode="json") if hasattr(result, "model_dump") else result

    return harvest_execute


def test_search_is_described_over_airbyte_or_the_local_store():
    local = HarvestConnector.tool_description(hosted=False, writes=False)
    hosted = HarvestConnector.tool_description(hosted=True)
    assert "context_store_search(query*" in hosted and "\n\n" not in hosted
    assert "Airbyte replicated" in hosted and "context_store_sql_query" not in hosted
    # Local mode: the store's search, its SQL and every table it holds.
    (line,) = [line for line in local.splitlines() if line.startswith("Local copies of ")]
    tables = line.removeprefix("Local copies of ").split(":")[0].split(",")
    assert tables == [t["table"] for t in _native.Store.tables()] and "time_entries" in tables
    assert "context_store_search(query*" in line and "context_store_sql_query(sql*)" in line
    assert "Airbyte" not in local
    assert len(hosted) < 14_492 // 2 and len(local) < 14_492 // 2


def test_by_default_search_is_described_while_a_hosted_connector_exists():
    from airbyte_agent_sdk.types import AirbyteAuthConfig

    hosted = HarvestConnector(
        AirbyteAuthConfig(workspace_name="ws", airbyte_client_id="cid", airbyte_client_secret="csecret-123456")
    )
    assert "context_store_search(query*" in HarvestConnector.tool_description()
    del hosted


def test_description_is_generated_compact_and_complete(connector):
    assert "\n\n" not in DESCRIPTION
    assert len(DESCRIPTION) < 14_492 // 2
    for entity in connector.list_entities():
        assert f"\n{entity['entity_name']}: " in DESCRIPTION
        # Writes are described only when a connector enables them (tests/test_writes.py).
        schema = connector.entity_schema(entity["entity_name"])
        for action in entity["available_actions"]:
            if not schema["actions"][action]["write"]:
                assert f"{action}(" in DESCRIPTION
    assert "from*:date" in DESCRIPTION and "id*:id" in DESCRIPTION and "per_page:1..2000" in DESCRIPTION
    assert (
        "approval_status:unsubmitted|submitted|approved" in DESCRIPTION and "cursor = meta.next_cursor" in DESCRIPTION
    )
    assert "starting_after" not in DESCRIPTION


def test_wrapper_keeps_name_signature_and_nature(connector):
    async def original(entity: str, action: str, params: dict | None = None):
        """Doc."""

    wrapped = HarvestConnector.tool_utils(original)
    assert wrapped.__name__ == "original" and wrapped.__wrapped__ is original
    assert inspect.signature(wrapped) == inspect.signature(original)
    assert inspect.iscoroutinefunction(wrapped)
    assert wrapped.__doc__ == "Doc.\n" + HarvestConnector.tool_description()

    def sync_tool(entity: str) -> str:
        return entity

    sync_wrapped = HarvestConnector.tool_utils(framework="none")(sync_tool)
    assert not inspect.iscoroutinefunction(sync_wrapped) and sync_wrapped("x") == "x"
    assert sync_wrapped.__doc__ == HarvestConnector.tool_description()
    kept = HarvestConnector.tool_utils(update_docstring=False)(original)
    assert kept.__doc__ == "Doc."


def test_decorating_twice_does_not_duplicate(connector):
    tool = make_tool(connector)
    again = HarvestConnector.tool_utils(tool)
    assert again is tool and tool.__doc__.count("Entities: actions(params)") == 1


def test_bad_decorator_arguments_fail_at_decoration():
    with pytest.raises(ValueError, match="Unknown framework='bogus'; choose from: " + ", ".join(FRAMEWORKS)):
        HarvestConnector.tool_utils(framework="bogus")
    with pytest.raises(TypeError, match="generator"):

        @HarvestConnector.tool_utils
        async def gen(entity: str):
            yield entity


async def test_success_returns_the_result(connector):
    result = await make_tool(connector)("users", "list", {"per_page": 2})
    assert len(result["data"]) == 2 and "next_link" in result["meta"]


@pytest.mark.parametrize(
    "framework,signal",
    [
        ("pydantic_ai", "pydantic_ai.ModelRetry"),
        ("langchain", "langchain_core.tools.ToolException"),
        ("mcp", "fastmcp.exceptions.ToolError"),
        ("none", "airbyte_agent_sdk.errors.AirbyteToolError"),
    ],
)
async def test_explicit_framework_translation(connector, framework, signal):
    module, _, name = signal.rpartition(".")
    cls = getattr(pytest.importorskip(module), name)
    tool = make_tool(connector, framework=framework)
    with pytest.raises(cls) as caught:
        await tool("widgets", "list")
    assert str(caught.value).startswith('EntityNotFoundError: Unknown entity "widgets". Valid entities: users,')
    assert isinstance(caught.value.__cause__, ValueError)


async def test_openai_agents_gets_the_message_string(connector):
    tool = make_tool(connector, framework="openai_agents")
    message = await tool("users", "get", {"id": 987654321})
    assert message.startswith("NotFoundError: Not found (HTTP 404) for GET /v2/users/987654321")


async def test_default_error_is_every_loaded_frameworks_signal(connector):
    pydantic_ai = pytest.importorskip("pydantic_ai")
    langchain_tools = pytest.importorskip("langchain_core.tools")
    fastmcp_exceptions = pytest.importorskip("fastmcp.exceptions")
    tool = make_tool(connector)
    with pytest.raises(Exception) as caught:
        await tool("users", "get", {"id": 987654321})
    err = caught.value
    for cls in (
        pydantic_ai.ModelRetry,
        langchain_tools.ToolException,
        fastmcp_exceptions.ToolError,
        AirbyteToolError,
    ):
        assert isinstance(err, cls), cls
    assert err.message == str(err) and str(err).startswith("NotFoundError: Not found (HTTP 404)")
    assert isinstance(err.__cause__, NotFoundError)


async def test_a_signal_raised_by_the_tool_passes_through(connector):
    pydantic_ai = pytest.importorskip("pydantic_ai")

    @HarvestConnector.tool_utils
    async def tool(entity: str):
        raise pydantic_ai.ModelRetry("ask the user first")

    with pytest.raises(pydantic_ai.ModelRetry) as caught:
        await tool("users")
    assert type(caught.value) is pydantic_ai.ModelRetry and str(caught.value) == "ask the user first"


async def test_output_size_is_measured_on_the_json_sent(sandbox):
    connector = sandbox.connector()

    @HarvestConnector.tool_utils(framework="none", max_output_chars=2_000)
    async def tool(entity: str, action: str, params: dict | None = None):
        return await connector.execute(entity, action, params)  # the envelope itself

    small = await tool("users", "list", {"per_page": 1})
    assert len(small.data) == 1
    with pytest.raises(AirbyteToolError) as caught:
        await tool("time_entries", "list", {"per_page": 30})
    text = str(caught.value)
    assert text.startswith("Tool 'tool' output too large (")
    assert "limit 2,000). Please narrow your query by: adding filters via 'params'" in text
    assert 'Preview: {"data": [{"id": ' in text


async def test_failures_are_logged_once_at_warning_without_traceback(connector, caplog):
    caplog.set_level(logging.DEBUG, logger="airbyte_agent_sdk")
    assert await make_tool(connector, framework="openai_agents")("users", "archive")
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(records) == 1 and records[0].levelno == logging.WARNING
    assert records[0].exc_info is None and "ActionNotSupportedError" in records[0].getMessage()


async def test_internal_retries_retry_transient_failures_only(sandbox):
    connector = sandbox.connector()  # the transport's default 3 attempts
    tool = make_tool(connector, framework="none", internal_retries=2)
    sandbox.push_status(503, times=2)
    result = await tool("users", "list", {"per_page": 1})
    assert result["data"] and sandbox.request_count() == 3
    sandbox.clear_requests()
    with pytest.raises(AirbyteToolError):
        await tool("users", "get", {"id": 987654321})  # 404: not transient
    assert sandbox.request_count() == 1


async def test_tool_retries_do_not_multiply_transport_retries(sandbox):
    """The reference made 9 requests for internal_retries=2 against an always-failing server
    (3 tool attempts x 3 transport attempts). Here the tool's loop owns retrying: 3 requests."""
    connector = sandbox.connector(max_attempts=3)
    tool = make_tool(connector, framework="none", internal_retries=2)
    sandbox.push_status(503, times=50)
    with pytest.raises(AirbyteToolError, match=r"Harvest server error \(HTTP 503\)"):
        await tool("users", "list", {"per_page": 1})
    assert sandbox.request_count() == 3
    sandbox.clear_requests()
    with pytest.raises(HTTPStatusError):  # outside a tool the connector's own retries still apply
        await connector.users.list(per_page=1)
    assert sandbox.request_count() == 3
    sandbox.clear_faults()


async def test_internal_retries_honour_retry_after_and_the_veto(sandbox):
    connector = sandbox.connector(max_attempts=1)
    seen = []

    def veto(err, args, kwargs):
        seen.append(type(err).__name__)
        return False

    tool = make_tool(
        connector,
        framework="none",
        internal_retries=3,
        should_internal_retry=veto,
        exhausted_runtime_failure_message=lambda err, args, kwargs: f"gave up on {args[0]}.{args[1]}",
    )
    sandbox.push_status(429, retry_after="1")
    with pytest.raises(AirbyteToolError, match="^gave up on users.list$"):
        await tool("users", "list")
    assert seen == ["RateLimitError"] and sandbox.request_count() == 1

    retrying = make_tool(connector, framework="none", internal_retries=1)
    sandbox.clear_requests()
    sandbox.push_status(429, retry_after="1")
    started = asyncio.get_running_loop().time()
    await retrying("users", "list", {"per_page": 1})
    first, second = sandbox.requests()
    assert second["at"] - first["at"] >= 0.95 and asyncio.get_running_loop().time() - started >= 0.95
