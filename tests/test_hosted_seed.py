"""The seed document's hosted-mode samples run verbatim, with the real agent frameworks, against
the fake Airbyte API (``AIRBYTE_API_URL``), which accepts the samples' placeholder credentials.

The seed lost the indentation of function bodies in its text export; the samples here are
indented, and the verbatim check compares them line by line with leading whitespace removed.
Each of the four framework samples comes in the seed's two forms: ``connect()`` with the
credentials from the environment, and ``HarvestConnector(auth_config=AirbyteAuthConfig(...))``.
"""

from __future__ import annotations

import json
import pathlib

import pytest

from .fake_airbyte import FakeAirbyte

pytestmark = pytest.mark.timeout(60)

CONNECT = """\
from airbyte_agent_sdk import connect
from airbyte_agent_sdk.connectors.harvest import HarvestConnector
connector = connect("harvest", workspace_name="<your_workspace_name>")
"""

EXPLICIT = """\
from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.types import AirbyteAuthConfig
connector = HarvestConnector(
    auth_config=AirbyteAuthConfig(
        workspace_name="<your_workspace_name>",
        organization_id="<your_organization_id>", # Optional for multi-org clients
        airbyte_client_id="<your-client-id>",
        airbyte_client_secret="<your-client-secret>"
    )
)
"""

FRAMEWORKS = {
    "pydantic_ai": (
        "from pydantic_ai import Agent\n",
        """\
agent = Agent("openai:gpt-4o")
@agent.tool_plain
@HarvestConnector.tool_utils
async def harvest_execute(entity: str, action: str, params: dict | None = None):
    return await connector.execute(entity, action, params or {})
""",
    ),
    "langchain": (
        "from langchain_core.tools import tool\n",
        """\
@tool
@HarvestConnector.tool_utils
async def harvest_execute(entity: str, action: str, params: dict | None = None):
    \"\"\"Execute Harvest connector operations.\"\"\"
    result = await connector.execute(entity, action, params or {})
    # connector.execute returns a Pydantic envelope for typed actions; fall back to raw data otherwise.
    return result.model_dump(mode="json") if hasattr(result, "model_dump") else result
""",
    ),
    "openai_agents": (
        "from agents import Agent, function_tool\n",
        """\
# strict_mode=False because `params: dict` is permissive and the default strict
# JSON schema rejects objects with additionalProperties.
@function_tool(strict_mode=False)
@HarvestConnector.tool_utils(framework="openai_agents")
async def harvest_execute(entity: str, action: str, params: dict | None = None):
    \"\"\"Execute Harvest connector operations.\"\"\"
    result = await connector.execute(entity, action, params or {})
    return result.model_dump(mode="json") if hasattr(result, "model_dump") else result
agent = Agent(name="Harvest Assistant", tools=[harvest_execute])
""",
    ),
    "fastmcp": (
        "from fastmcp import FastMCP\n",
        """\
mcp = FastMCP("Harvest Agent")
@mcp.tool
@HarvestConnector.tool_utils
async def harvest_execute(entity: str, action: str, params: dict | None = None):
    \"\"\"Execute Harvest connector operations.\"\"\"
    result = await connector.execute(entity, action, params or {})
    return result.model_dump(mode="json") if hasattr(result, "model_dump") else result
""",
    ),
}

SAMPLES = {
    f"{framework}-{form}": first + connector + rest
    for framework, (first, rest) in FRAMEWORKS.items()
    for form, connector in (("connect", CONNECT), ("explicit", EXPLICIT))
}

SEED = pathlib.Path(__file__).resolve().parents[2] / "shared" / "seed" / "harvest-connector-docs.txt"


def flat(text: str) -> str:
    return "\n".join(line.strip() for line in text.splitlines())


@pytest.mark.skipif(not SEED.exists(), reason="the seed document is not beside this checkout")
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_samples_are_verbatim_from_the_seed(name):
    assert flat(SAMPLES[name]) in flat(SEED.read_text())


@pytest.fixture
def placeholder_airbyte(sandbox, monkeypatch):
    """A fake Airbyte that accepts the samples' placeholders, with the credentials also in the
    environment (for the connect() form) and a connector in the samples' workspace."""
    for name in ("AIRBYTE_ORGANIZATION_ID",):
        monkeypatch.delenv(name, raising=False)
    with FakeAirbyte(sandbox, client_id="<your-client-id>", client_secret="<your-client-secret>") as fake:
        fake.add_connector("<your_workspace_name>")
        monkeypatch.setenv("AIRBYTE_API_URL", fake.url)
        monkeypatch.setenv("AIRBYTE_CLIENT_ID", "<your-client-id>")
        monkeypatch.setenv("AIRBYTE_CLIENT_SECRET", "<your-client-secret>")
        monkeypatch.setenv("OPENAI_API_KEY", "sk-offline-test")  # Agent("openai:gpt-4o") is built, never called
        yield fake
        assert not fake.handler_errors, fake.handler_errors


async def call_tool(framework: str, namespace: dict, arguments: dict):
    """Call the sample's tool the way its framework does; the result as plain JSON data."""
    tool = namespace["harvest_execute"]
    if framework == "pydantic_ai":
        from pydantic_ai.messages import ModelResponse, TextPart, ToolCallPart, ToolReturnPart
        from pydantic_ai.models.function import FunctionModel

        def model(messages, info):
            if len(messages) == 1:
                return ModelResponse(parts=[ToolCallPart(tool_name="harvest_execute", args=arguments)])
            return ModelResponse(parts=[TextPart("done")])

        with namespace["agent"].override(model=FunctionModel(model)):
            run = await namespace["agent"].run("List two users")
        (returned,) = [p for m in run.all_messages() for p in m.parts if isinstance(p, ToolReturnPart)]
        return returned.content.model_dump(mode="json")
    if framework == "langchain":
        return await tool.ainvoke(arguments)
    if framework == "openai_agents":
        from agents.tool_context import ToolContext

        raw = json.dumps(arguments)
        context = ToolContext(context=None, tool_name="harvest_execute", tool_call_id="call-1", tool_arguments=raw)
        result = await tool.on_invoke_tool(context, raw)
        return result if isinstance(result, dict) else json.loads(result)
    from fastmcp import Client

    async with Client(namespace["mcp"]) as client:
        return (await client.call_tool("harvest_execute", arguments)).structured_content


@pytest.mark.parametrize("name", sorted(SAMPLES))
async def test_sample_runs_in_hosted_mode(name, placeholder_airbyte):
    framework = name.rsplit("-", 1)[0]
    pytest.importorskip({"openai_agents": "agents", "langchain": "langchain_core"}.get(framework, framework))
    namespace: dict = {}
    exec(compile(SAMPLES[name], f"<seed sample {name}>", "exec"), namespace)
    assert placeholder_airbyte.requests() == [], "building the connector sends nothing"

    result = await call_tool(framework, namespace, {"entity": "users", "action": "list", "params": {"per_page": 2}})

    assert len(result["data"]) == 2
    token, lookup, execute = placeholder_airbyte.requests()
    assert token["json"] == {"client_id": "<your-client-id>", "client_secret": "<your-client-secret>"}
    assert lookup["query"]["workspace_name"] == ["<your_workspace_name>"]
    assert execute["json"]["params"] == {"per_page": 2}
    expected_org = "<your_organization_id>" if name.endswith("explicit") else None
    assert execute["headers"].get("x-organization-id") == expected_org
    assert namespace["connector"].connector_id == execute["path"].split("/")[-2]
