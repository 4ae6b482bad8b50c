"""Issue 14: the reference's public surface beyond execute(): the progressive tools
(build_connector_tools, ConnectorTools, agent_tool, inspect_connector, read_skill_docs) in
local and hosted mode, the class attributes, the error and translation names at the reference's
module paths, and typing.get_type_hints on every public callable and class."""

from __future__ import annotations

import importlib
import inspect
import json
import logging
import typing

import pytest

import airbyte_agent_sdk
from airbyte_agent_sdk import (
    DEFAULT_MAX_OUTPUT_CHARS,
    ActionNotSupportedError,
    AirbyteToolError,
    ConnectorTools,
    EntityNotFoundError,
    InvalidParameterError,
    MissingParameterError,
    build_connector_tools,
    translate_exceptions,
)
from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.types import AirbyteAuthConfig

from .fake_airbyte import DOC_SECTIONS

pytestmark = pytest.mark.timeout(60)

# The reference's public names and the modules it exports them from (its __init__.py,
# errors.py, exceptions.py, http/exceptions.py, executor/, translation/, tools.py).
REFERENCE_PATHS = {
    "airbyte_agent_sdk": [
        "connect",
        "AirbyteAuthConfig",
        "AirbyteError",
        "AirbyteToolError",
        "ExecutorError",
        "EntityNotFoundError",
        "ActionNotSupportedError",
        "MissingParameterError",
        "InvalidParameterError",
        "UnknownConnectorError",
        "ConnectorNotFoundError",
        "ConnectorAmbiguityError",
        "HTTPClientError",
        "HTTPStatusError",
        "AuthenticationError",
        "ConnectorValidationError",
        "RateLimitError",
        "NetworkError",
        "TimeoutError",
        "ConnectorDocsProvider",
        "ConnectorTools",
        "SkillDocsAccessor",
        "build_connector_tools",
        "translate_exceptions",
        "DEFAULT_MAX_OUTPUT_CHARS",
        "SDK_VERSION",
        "__version__",
    ],
    "airbyte_agent_sdk.errors": [
        "AirbyteError",
        "AirbyteToolError",
        "UnknownConnectorError",
        "ConnectorNotFoundError",
        "ConnectorAmbiguityError",
    ],
    "airbyte_agent_sdk.exceptions": [
        "AirbyteError",
        "HTTPClientError",
        "HTTPStatusError",
        "AuthenticationError",
        "ConnectorValidationError",
        "RateLimitError",
        "NetworkError",
        "TimeoutError",
    ],
    "airbyte_agent_sdk.http.exceptions": [
        "AuthenticationError",
        "ConnectorValidationError",
        "HTTPClientError",
        "HTTPStatusError",
        "NetworkError",
        "RateLimitError",
        "TimeoutError",
    ],
    "airbyte_agent_sdk.executor": [
        "ExecutorError",
        "EntityNotFoundError",
        "ActionNotSupportedError",
        "MissingParameterError",
        "InvalidParameterError",
    ],
    "airbyte_agent_sdk.executor.models": [
        "ExecutorError",
        "EntityNotFoundError",
        "ActionNotSupportedError",
        "MissingParameterError",
        "InvalidParameterError",
    ],
    "airbyte_agent_sdk.translation": ["translate_exceptions", "DEFAULT_MAX_OUTPUT_CHARS", "FrameworkName"],
    "airbyte_agent_sdk.tools": [
        "ConnectorDocsProvider",
        "ConnectorTools",
        "SkillDocsAccessor",
        "build_connector_tools",
        "UNSET",
        "Unset",
    ],
}


def test_every_reference_name_is_importable_from_the_reference_module_and_is_one_object():
    from airbyte_agent_sdk import errors

    for module_name, names in REFERENCE_PATHS.items():
        module = importlib.import_module(module_name)
        for name in names:
            value = getattr(module, name)
            if isinstance(value, type) and issubclass(value, BaseException):
                assert value is getattr(errors, name), f"{module_name}.{name} is not errors.{name}"
    assert DEFAULT_MAX_OUTPUT_CHARS == 100_000
    assert airbyte_agent_sdk.tools.build_connector_tools is build_connector_tools
    assert airbyte_agent_sdk.translation.translate_exceptions is translate_exceptions
    # The executor errors are ValueErrors here (and reach the caller: the reference flattens them).
    for cls in (EntityNotFoundError, ActionNotSupportedError, MissingParameterError, InvalidParameterError):
        assert issubclass(cls, airbyte_agent_sdk.ExecutorError) and issubclass(cls, ValueError)
    assert set(airbyte_agent_sdk.__all__) >= set(REFERENCE_PATHS["airbyte_agent_sdk"]) - {"__version__"}


def test_class_attributes_name_the_connector_and_its_versions():
    assert HarvestConnector.connector_name == "harvest"
    assert HarvestConnector.connector_version == airbyte_agent_sdk.__version__
    assert HarvestConnector.sdk_version == airbyte_agent_sdk.SDK_VERSION
    assert all(part.isdigit() for part in HarvestConnector.sdk_version.split("."))


def _public_callables():
    """Every public name of every public module, and the public methods of public classes."""
    modules = [
        "airbyte_agent_sdk",
        "airbyte_agent_sdk.agent_tools",
        "airbyte_agent_sdk.connect",
        "airbyte_agent_sdk.errors",
        "airbyte_agent_sdk.exceptions",
        "airbyte_agent_sdk.executor",
        "airbyte_agent_sdk.executor.models",
        "airbyte_agent_sdk.http.exceptions",
        "airbyte_agent_sdk.tools",
        "airbyte_agent_sdk.translation",
        "airbyte_agent_sdk.types",
        "airbyte_agent_sdk.connectors.harvest",
        "airbyte_agent_sdk.connectors.harvest.models",
        "airbyte_agent_sdk.connectors.harvest.connector",
    ]
    for module_name in modules:
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", [n for n in dir(module) if not n.startswith("_")]):
            value = getattr(module, name)
            if inspect.isclass(value):
                yield f"{module_name}.{name}", value
                for attr, member in vars(value).items():
                    if attr.startswith("_") and attr != "__init__":
                        continue
                    function = member.__func__ if isinstance(member, (classmethod, staticmethod)) else member
                    if inspect.isfunction(function):
                        yield f"{module_name}.{name}.{attr}", function
            elif inspect.isfunction(value):
                yield f"{module_name}.{name}", value


def test_get_type_hints_resolves_on_every_public_callable_and_class():
    failures = []
    seen = 0
    for name, value in _public_callables():
        seen += 1
        try:
            typing.get_type_hints(value)
        except Exception as exc:  # noqa: BLE001 - the point is to list every failure
            failures.append(f"{name}: {type(exc).__name__}: {exc}")
    # The entity query methods, made per connector (users.list, ..., context_store_search).
    from airbyte_agent_sdk.connectors.harvest.models import HarvestPersonalAccessTokenAuthConfig

    conn = HarvestConnector(auth_config=HarvestPersonalAccessTokenAuthConfig(token="t", account_id="1"))
    for entity in conn.list_entities():
        query = getattr(conn, entity["entity_name"])
        for action in [*entity["available_actions"], "context_store_search", "context_store_sql_query"]:
            seen += 1
            try:
                typing.get_type_hints(getattr(query, action))
            except Exception as exc:  # noqa: BLE001
                failures.append(f"{entity['entity_name']}.{action}: {type(exc).__name__}: {exc}")
    assert seen > 300 and failures == []
    hints = typing.get_type_hints(airbyte_agent_sdk.connect)
    assert hints["return"] is HarvestConnector


# ---- local mode ----


async def test_inspect_connector_and_read_skill_docs_locally(connector, sandbox):
    before = len(sandbox.requests())
    info = await connector.inspect_connector()
    assert (info["mode"], info["docs_skill_id"], info["name"]) == ("local", "local-connector-docs", "harvest")
    assert isinstance(info["warnings"], list) and info["writes_enabled"] == []
    assert [e["entity"] for e in info["entities"]] == [e["entity_name"] for e in connector.list_entities()]
    assert info["sections"] == [f"entity:{e['entity_name']}" for e in connector.list_entities()]

    overview = await connector.read_skill_docs()
    assert overview == connector.tool_description(hosted=False)
    section = json.loads(await connector.read_skill_docs(section="entity:time_entries"))
    assert section["entity"] == "time_entries"
    assert section["actions"]["list"]["params"]["approval_status"]["enum"] == ["unsubmitted", "submitted", "approved"]
    assert "page" in section["actions"]["list"]["params"]
    assert json.loads(await connector.read_skill_docs("time_entries")) == section  # the bare name too
    assert len(sandbox.requests()) == before  # no I/O

    for wrong in ("entity:nope", "nope", "overview:x"):
        with pytest.raises(InvalidParameterError) as caught:
            await connector.read_skill_docs(wrong)
        assert caught.value.param == "section"
        assert caught.value.accepted == info["sections"]
        assert "entity:users" in str(caught.value) or "users, clients" in str(caught.value)


async def test_entity_schema_and_execute_agree_on_an_unknown_entity(connector, caplog):
    """The reference documents ``if schema:`` for an unknown name, so entity_schema keeps
    returning None; its warning is execute's error message for the same name."""
    with caplog.at_level(logging.WARNING):
        assert connector.entity_schema("nope") is None
    with pytest.raises(EntityNotFoundError) as caught:
        await connector.execute("nope", "list")
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING][-1] == str(caught.value)
    assert connector.entity_schema("users") is not None


@pytest.mark.parametrize("framework", ["pydantic_ai", "langchain", "openai_agents", "mcp", "none", None])
async def test_build_connector_tools_for_each_framework(connector, framework):
    tools = build_connector_tools(connector, framework=framework)
    assert isinstance(tools, ConnectorTools)
    inspect_tool, docs_tool, execute_tool = tools.as_list()
    assert [t.__name__ for t in tools.as_list()] == ["inspect_connector", "read_skill_docs", "execute"]
    assert all(inspect.iscoroutinefunction(t) for t in tools.as_list())
    assert "inspect_connector()" in execute_tool.__doc__ and "- time_entries.list(" in execute_tool.__doc__
    assert list(inspect.signature(execute_tool).parameters)[:3] == ["entity", "action", "params"]
    assert typing.get_type_hints(execute_tool)["entity"] is str

    assert (await inspect_tool())["docs_skill_id"] == "local-connector-docs"
    assert "entity" in json.loads(await docs_tool(section="entity:users"))
    page = await execute_tool("users", "list", {"per_page": 2}, select_fields=["id"])
    assert [set(r) for r in page.data] == [{"id"}, {"id"}]

    # A failure is the framework's own signal.
    signals = {
        "pydantic_ai": ("pydantic_ai", "ModelRetry"),
        "langchain": ("langchain_core.tools", "ToolException"),
        "mcp": ("fastmcp.exceptions", "ToolError"),
    }
    if framework == "openai_agents":
        assert (await execute_tool("nope", "list")).startswith("EntityNotFoundError: ")
        return
    expected = AirbyteToolError if framework in ("none", None) else None
    if framework in signals:
        module, attr = signals[framework]
        expected = getattr(importlib.import_module(module), attr)
    with pytest.raises(expected) as caught:
        await execute_tool("nope", "list")
    assert "EntityNotFoundError" in str(caught.value)
    with pytest.raises(expected):
        await docs_tool(section="nope")


async def test_build_connector_tools_runs_in_the_real_frameworks(connector):
    from langchain_core.tools import StructuredTool
    from pydantic_ai import Agent
    from pydantic_ai.models.test import TestModel

    lc_tools = [StructuredTool.from_function(coroutine=t) for t in build_connector_tools(connector).as_list()]
    docs = await lc_tools[1].ainvoke({"section": "entity:users"})
    assert json.loads(docs)["entity"] == "users"
    lc_tools[1].handle_tool_error = True  # LangChain hands a ToolException's message to the model
    assert "Unknown entity 'nope'" in await lc_tools[1].ainvoke({"section": "nope"})
    agent = Agent(TestModel(call_tools=["inspect_connector"]), tools=build_connector_tools(connector).as_list())
    result = await agent.run("what can you do?")
    assert "inspect_connector" in result.output

    from agents import function_tool
    from agents.tool_context import ToolContext

    oa_tools = build_connector_tools(connector, framework="openai_agents")
    tool = function_tool(oa_tools.read_skill_docs)
    assert tool.name == "read_skill_docs" and "section" in tool.params_json_schema["properties"]
    execute = function_tool(oa_tools.execute, strict_mode=False)  # params is a free-form object
    for raw, expected in (
        (json.dumps({"entity": "users", "action": "list", "params": {"per_page": 1}}), "data=[{'id'"),
        (json.dumps({"entity": "nope", "action": "list"}), "EntityNotFoundError: Unknown entity"),
    ):
        context = ToolContext(context=None, tool_name="execute", tool_call_id="c1", tool_arguments=raw)
        assert expected in str(await execute.on_invoke_tool(context, raw))

    from fastmcp import Client, FastMCP

    server = FastMCP("harvest")
    for function in build_connector_tools(connector, framework="mcp").as_list():
        server.tool(function)
    async with Client(server) as client:
        listed = {t.name for t in await client.list_tools()}
        assert listed == {"inspect_connector", "read_skill_docs", "execute"}
        answer = await client.call_tool("execute", {"entity": "users", "action": "list", "params": {"per_page": 1}})
        assert not answer.is_error


async def test_use_progressive_docs_false_gives_execute_alone_with_the_whole_description(connector):
    tools = build_connector_tools(connector, use_progressive_docs=False, max_output_chars=500)
    assert tools.as_list() == [tools.execute]
    assert tools.execute.__doc__ == connector.tool_description()
    with pytest.raises(AirbyteToolError, match="output too large"):
        await tools.execute("users", "list", {"per_page": 20})


async def test_agent_tool_infers_roles_and_documents_them(connector):
    @HarvestConnector.agent_tool()
    async def execute(entity: str, action: str, params: typing.Optional[dict] = None):
        """Harvest."""
        return await connector.execute(entity, action, params or {})

    @HarvestConnector.agent_tool()
    async def inspect_connector():
        return await connector.inspect_connector()

    @HarvestConnector.agent_tool(framework="langchain")
    async def read_skill_docs(section: typing.Optional[str] = None):
        return await connector.read_skill_docs(section)

    assert execute.__doc__.startswith("Harvest.\n") and "- users.get(id)" in execute.__doc__
    assert (await execute("users", "list", {"per_page": 1})).data
    assert (await inspect_connector())["mode"] == "local"
    from langchain_core.tools import ToolException

    with pytest.raises(ToolException, match="Unknown entity 'nope'"):
        await read_skill_docs("nope")
    with pytest.raises(AirbyteToolError, match="EntityNotFoundError"):
        await execute("nope", "list")

    named = HarvestConnector.agent_tool(inspect_tool="harvest_inspect", docs_tool="harvest_docs")
    assert "harvest_inspect()" in named(execute.__wrapped__).__doc__
    with pytest.raises(TypeError, match="parentheses"):
        HarvestConnector.agent_tool(execute.__wrapped__)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="role"):

        @HarvestConnector.agent_tool()
        async def both(entity, action, section): ...

    with pytest.raises(ValueError, match="section"):

        @HarvestConnector.agent_tool("read_skill_docs")
        async def no_section(x): ...

    @HarvestConnector.agent_tool("execute")
    async def generic(*args, **kwargs):
        return "ok"

    assert await generic() == "ok"


# ---- hosted mode ----


def _hosted(airbyte) -> HarvestConnector:
    return HarvestConnector(
        auth_config=AirbyteAuthConfig(
            workspace_name="acme", airbyte_client_id=airbyte.client_id, airbyte_client_secret=airbyte.client_secret
        )
    )


async def test_hosted_inspect_and_docs_send_the_reference_requests(airbyte):
    connector_id = airbyte.add_connector("acme")
    async with _hosted(airbyte) as conn:
        info = await conn.inspect_connector()
        assert info["docs_skill_id"] == f"connector-docs-{connector_id}" and info["status"] == "ready"
        assert conn.connector_id == connector_id
        outline = await conn.read_skill_docs()
        section = await conn.read_skill_docs(section="entity:users")
        tools = build_connector_tools(conn, framework="none")
        via_tool = await tools.read_skill_docs(section="entity:time_entries")
        rows = await tools.execute("users", "list", {"per_page": 2}, select_fields=["id"])
        assert len(rows.data) == 2
        # forwarded to the Airbyte API with the reference's skip_truncation default
        sent = airbyte.requests("execute")[-1]["json"]
        assert (sent["select_fields"], sent["skip_truncation"]) == (["id"], True)
    inspected, docs, docs_section = airbyte.requests("inspect"), *airbyte.requests("skill_docs")[:2]
    assert [(r["method"], r["path"]) for r in inspected] == [
        ("GET", f"/api/v1/integrations/connectors/{connector_id}/inspect")
    ]  # once: the docs_skill_id is kept by the connector, for its tools too
    assert (docs["method"], docs["path"], docs["query"]) == (
        "GET",
        "/api/v1/skills/docs",
        {"id": [f"connector-docs-{connector_id}"]},
    )
    assert docs_section["query"] == {"id": [f"connector-docs-{connector_id}"], "section": ["entity:users"]}
    assert all(r["headers"]["authorization"].startswith("Bearer ") for r in [*inspected, docs])
    assert outline.startswith("# Harvest") and "`entity:users`" in outline and "## Overview" in outline
    assert "## Section `entity:users`" in section and "| list | is_active, per_page |" in section
    assert "```python" in via_tool and DOC_SECTIONS["entity:time_entries"][1]["code"] in via_tool


async def test_hosted_docs_failures_are_the_http_errors(airbyte):
    airbyte.add_connector("acme")
    async with _hosted(airbyte) as conn:
        with pytest.raises(airbyte_agent_sdk.NotFoundError, match="Section 'entity:nope' not found"):
            await conn.read_skill_docs(section="entity:nope")
    async with _hosted(airbyte) as empty:
        airbyte.connectors.clear()
        with pytest.raises(airbyte_agent_sdk.ConnectorNotFoundError):
            await empty.inspect_connector()


async def test_the_reference_usage_script_runs_unchanged(connector):
    from .compat_script import run

    seen = await run(connector)
    assert seen["same objects"] and seen["hierarchy"]
    assert seen["class attributes"] == ["str", "str", "str"] and seen["connector_name"] == "harvest"
    assert seen["connector_id"] is None
    assert seen["inspect"] == {"mode": "local", "docs_skill_id": "local-connector-docs", "name": "harvest"}
    assert seen["docs are text"] and seen["ConnectorTools"] and seen["tools are async"]
    assert seen["as_list"] == ["inspect_connector", "read_skill_docs", "execute"]
    assert seen["use_progressive_docs=False"] == ["execute"]
    assert seen["tool inspect"] == "local-connector-docs" and seen["tool docs is text"]
    assert seen["tool execute rows"] == 2 and seen["agent_tool execute rows"] == 1
    assert seen["tool failure"] == seen["agent_tool failure"] == ("AirbyteToolError", True)
    assert seen["agent_tool inspect"] == "local" and seen["agent_tool docs is text"]
    assert seen["agent_tool doc mentions docs tool"]
    assert seen["translate_exceptions"] == ("ValueError: boom", "ValueError")
    assert seen["openai_agents returns"] == "KeyError: 'x'"
    assert seen["get_type_hints failures"] == []


async def test_hosted_docs_need_a_docs_skill_id_and_reach_the_mcp_trio(airbyte):
    from airbyte_agent_sdk.cli.agent_tools import ProgressiveTools

    airbyte.add_connector("acme")
    async with _hosted(airbyte) as conn:
        airbyte.push_fault("inspect", status=200, body={"id": "x", "status": "ready"})
        with pytest.raises(ValueError, match="docs_skill_id"):
            await conn.read_skill_docs()
        assert airbyte.requests("skill_docs") == []  # nothing read without the id
        trio = ProgressiveTools(conn, allowed_writes=set())
        section = json.loads(await trio.read_skill_docs("entity:users"))
        assert "## Section `entity:users`" in section["docs"]
        assert json.loads(await trio.inspect_connector())["docs_skill_id"].startswith("connector-docs-")
