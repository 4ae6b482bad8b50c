"""The seed's four framework samples, with the real frameworks, offline against the fake Harvest.

Each tool is defined exactly as the seed defines it (the connector comes from the sandbox
instead of hosted mode). All four frameworks are installed in the same environment, which is
the case the reference gets wrong: its import-order detection makes LangChain receive
Pydantic AI's ModelRetry.
"""

from __future__ import annotations

import json

import pytest

from airbyte_agent_sdk.connectors.harvest import HarvestConnector

pytest.importorskip("pydantic_ai")
pytest.importorskip("langchain_core")
pytest.importorskip("agents")
pytest.importorskip("fastmcp")

DESCRIPTION = HarvestConnector.tool_description()


async def test_pydantic_ai_agent_calls_the_tool_and_retries_on_errors(sandbox):
    from pydantic_ai import Agent
    from pydantic_ai.messages import ModelResponse, RetryPromptPart, TextPart, ToolCallPart, ToolReturnPart
    from pydantic_ai.models.function import AgentInfo, FunctionModel

    connector = sandbox.connector()
    # Pydantic AI allows one retry per tool in a row (the seed's Agent default), so each
    # failure is followed by a corrected call, as a model would make.
    script = [
        {"entity": "widgets", "action": "list"},
        {"entity": "users", "action": "list", "params": {"per_page": 2}},
        {"entity": "users", "action": "get", "params": {"id": 987654321}},
        {"entity": "users", "action": "list", "params": {"per_page": 1}},
    ]
    seen_tools = []

    def model(messages, info: AgentInfo) -> ModelResponse:
        seen_tools.extend(info.function_tools)
        step = sum(1 for m in messages if m.kind == "request") - 1
        if step < len(script):
            return ModelResponse(parts=[ToolCallPart(tool_name="harvest_execute", args=script[step])])
        return ModelResponse(parts=[TextPart("done")])

    agent = Agent(FunctionModel(model))

    @agent.tool_plain
    @HarvestConnector.tool_utils
    async def harvest_execute(entity: str, action: str, params: dict | None = None):
        return await connector.execute(entity, action, params or {})

    result = await agent.run("Who works here?")
    assert result.output == "done"
    tool_def = seen_tools[0]
    assert set(tool_def.parameters_json_schema["properties"]) == {"entity", "action", "params"}
    assert DESCRIPTION.splitlines()[0] in tool_def.description
    parts = [p for m in result.all_messages() for p in m.parts]
    # Pydantic AI reports a ModelRetry to the model as a failed tool return marked for retry
    # (older versions used RetryPromptPart); either way the model reads our message.
    returns = [p for p in parts if isinstance(p, (ToolReturnPart, RetryPromptPart))]
    assert len(returns) == 4
    failed, listed, missing, listed_again = returns
    if isinstance(failed, ToolReturnPart):
        assert (failed.outcome, failed.retry.cause, listed.outcome) == ("retried", "model_retry", "success")
    assert "Valid entities: users, clients" in str(failed.content)
    assert "Not found (HTTP 404) for GET /v2/users/987654321" in str(missing.content)
    assert [len(p.content.data) for p in (listed, listed_again)] == [2, 1]


async def test_pydantic_ai_oversized_result_asks_to_narrow(sandbox):
    from pydantic_ai import Agent
    from pydantic_ai.messages import ModelResponse, RetryPromptPart, TextPart, ToolCallPart, ToolReturnPart
    from pydantic_ai.models.function import AgentInfo, FunctionModel

    connector = sandbox.connector()
    calls = [{"entity": "time_entries", "action": "list", "params": {"per_page": 30}}]

    def model(messages, info: AgentInfo) -> ModelResponse:
        step = sum(1 for m in messages if m.kind == "request") - 1
        if step < len(calls):
            return ModelResponse(parts=[ToolCallPart(tool_name="harvest_execute", args=calls[step])])
        return ModelResponse(parts=[TextPart("done")])

    agent = Agent(FunctionModel(model))

    @agent.tool_plain
    @HarvestConnector.tool_utils(max_output_chars=2_000)
    async def harvest_execute(entity: str, action: str, params: dict | None = None):
        return await connector.execute(entity, action, params or {})

    result = await agent.run("All time entries?")
    parts = [p for m in result.all_messages() for p in m.parts if isinstance(p, (ToolReturnPart, RetryPromptPart))]
    assert len(parts) == 1
    assert "output too large" in str(parts[0].content) and "Please narrow your query" in str(parts[0].content)


async def test_langchain_tool(sandbox):
    from langchain_core.tools import ToolException, tool

    connector = sandbox.connector()

    @tool
    @HarvestConnector.tool_utils
    async def harvest_execute(entity: str, action: str, params: dict | None = None):
        """Execute Harvest connector operations."""
        result = await connector.execute(entity, action, params or {})
        # connector.execute returns a Pydantic envelope for typed actions; fall back to raw data otherwise.
        return result.model_dump(mode="json") if hasattr(result, "model_dump") else result

    assert set(harvest_execute.args) == {"entity", "action", "params"}
    assert harvest_execute.description.startswith("Execute Harvest connector operations.\n" + DESCRIPTION[:40])
    page = await harvest_execute.ainvoke({"entity": "users", "action": "list", "params": {"per_page": 3}})
    assert len(page["data"]) == 3
    with pytest.raises(ToolException, match="Valid entities: users"):
        await harvest_execute.ainvoke({"entity": "widgets", "action": "list"})
    # With LangChain's own error handling on, the model receives the message as the tool output.
    harvest_execute.handle_tool_error = True
    text = await harvest_execute.ainvoke({"entity": "users", "action": "get", "params": {"id": 987654321}})
    assert text.startswith("NotFoundError: Not found (HTTP 404) for GET /v2/users/987654321")


async def test_openai_agents_function_tool(sandbox):
    from agents import function_tool
    from agents.tool_context import ToolContext

    connector = sandbox.connector()

    # strict_mode=False because `params: dict` is permissive and the default strict
    # JSON schema rejects objects with additionalProperties.
    @function_tool(strict_mode=False)
    @HarvestConnector.tool_utils(framework="openai_agents")
    async def harvest_execute(entity: str, action: str, params: dict | None = None):
        """Execute Harvest connector operations."""
        result = await connector.execute(entity, action, params or {})
        return result.model_dump(mode="json") if hasattr(result, "model_dump") else result

    assert set(harvest_execute.params_json_schema["properties"]) == {"entity", "action", "params"}
    assert DESCRIPTION.splitlines()[0] in harvest_execute.description

    async def invoke(arguments: dict):
        raw = json.dumps(arguments)
        context = ToolContext(context=None, tool_name="harvest_execute", tool_call_id="call-1", tool_arguments=raw)
        return await harvest_execute.on_invoke_tool(context, raw)

    page = await invoke({"entity": "projects", "action": "list", "params": {"per_page": 2}})
    page = page if isinstance(page, dict) else json.loads(page)
    assert len(page["data"]) == 2
    message = await invoke({"entity": "widgets", "action": "list"})
    assert "Valid entities: users" in str(message)
    message = await invoke({"entity": "users", "action": "get", "params": {"id": 987654321}})
    assert "Not found (HTTP 404)" in str(message)

    @function_tool(strict_mode=False)
    @HarvestConnector.tool_utils(framework="openai_agents", max_output_chars=2_000)
    async def small_output(entity: str, action: str, params: dict | None = None):
        """Execute Harvest connector operations."""
        return (await connector.execute(entity, action, params or {})).model_dump(mode="json")

    raw = json.dumps({"entity": "time_entries", "action": "list", "params": {"per_page": 30}})
    context = ToolContext(context=None, tool_name="small_output", tool_call_id="call-2", tool_arguments=raw)
    message = await small_output.on_invoke_tool(context, raw)
    assert "output too large" in str(message) and "Please narrow your query" in str(message)


async def test_fastmcp_server(sandbox):
    from fastmcp import Client, FastMCP
    from fastmcp.exceptions import ToolError

    connector = sandbox.connector()
    mcp = FastMCP("Harvest Agent")

    @mcp.tool
    @HarvestConnector.tool_utils
    async def harvest_execute(entity: str, action: str, params: dict | None = None):
        """Execute Harvest connector operations."""
        result = await connector.execute(entity, action, params or {})
        return result.model_dump(mode="json") if hasattr(result, "model_dump") else result

    async with Client(mcp) as client:
        tools = await client.list_tools()
        assert [t.name for t in tools] == ["harvest_execute"]
        assert set(tools[0].input_schema["properties"]) == {"entity", "action", "params"}
        assert DESCRIPTION.splitlines()[0] in tools[0].description
        result = await client.call_tool(
            "harvest_execute", {"entity": "users", "action": "list", "params": {"per_page": 2}}
        )
        assert len(result.structured_content["data"]) == 2
        with pytest.raises(ToolError, match="Valid entities: users"):
            await client.call_tool("harvest_execute", {"entity": "widgets", "action": "list"})
        with pytest.raises(ToolError, match=r"Not found \(HTTP 404\)"):
            await client.call_tool("harvest_execute", {"entity": "users", "action": "get", "params": {"id": 987654321}})

    @mcp.tool
    @HarvestConnector.tool_utils(max_output_chars=2_000)
    async def small_output(entity: str, action: str, params: dict | None = None):
        """Execute Harvest connector operations."""
        return (await connector.execute(entity, action, params or {})).model_dump(mode="json")

    async with Client(mcp) as client:
        with pytest.raises(ToolError, match="output too large .* Please narrow your query"):
            await client.call_tool(
                "small_output", {"entity": "time_entries", "action": "list", "params": {"per_page": 30}}
            )


async def test_langchain_oversized_result_asks_to_narrow(sandbox):
    from langchain_core.tools import ToolException, tool

    connector = sandbox.connector()

    @tool
    @HarvestConnector.tool_utils(max_output_chars=2_000)
    async def harvest_execute(entity: str, action: str, params: dict | None = None):
        """Execute Harvest connector operations."""
        result = await connector.execute(entity, action, params or {})
        return result.model_dump(mode="json") if hasattr(result, "model_dump") else result

    with pytest.raises(ToolException, match="output too large .* Please narrow your query"):
        await harvest_execute.ainvoke({"entity": "time_entries", "action": "list", "params": {"per_page": 30}})
