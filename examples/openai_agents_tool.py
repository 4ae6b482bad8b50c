"""OpenAI Agents SDK: the seed's tool, run by an Agent when OPENAI_API_KEY is set, else invoked
through the SDK's own tool-invocation path."""

from __future__ import annotations

import asyncio
import json
import os

from agents import Agent, Runner, function_tool
from agents.tool_context import ToolContext

from airbyte_agent_sdk.connectors.harvest import HarvestConnector

from harvest_setup import harvest_connector


async def main() -> None:
    with harvest_connector() as connector:
        # strict_mode=False because `params: dict` is permissive and the default strict
        # JSON schema rejects objects with additionalProperties.
        @function_tool(strict_mode=False)
        @HarvestConnector.tool_utils(framework="openai_agents")
        async def harvest_execute(entity: str, action: str, params: dict | None = None):
            """Execute Harvest connector operations."""
            result = await connector.execute(entity, action, params or {})
            return result.model_dump(mode="json") if hasattr(result, "model_dump") else result

        agent = Agent(name="Harvest Assistant", tools=[harvest_execute])
        if os.environ.get("OPENAI_API_KEY"):
            result = await Runner.run(agent, "How many hours were logged in the latest three time entries?")
            print(result.final_output)
            return
        for arguments in (
            {"entity": "time_entries", "action": "list", "params": {"per_page": 3}},
            {"entity": "time_entries", "action": "list", "params": {"per_page": 5000}},
        ):
            raw = json.dumps(arguments)
            context = ToolContext(context=None, tool_name=harvest_execute.name, tool_call_id="1", tool_arguments=raw)
            output = await harvest_execute.on_invoke_tool(context, raw)
            print(f"{raw}\n  -> {str(output)[:300]}")


if __name__ == "__main__":
    asyncio.run(main())
