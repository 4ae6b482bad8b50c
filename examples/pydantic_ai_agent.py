"""Pydantic AI: the seed's tool, driven by a real model when OPENAI_API_KEY is set, else by a
scripted model that calls the tool twice (once wrongly, to show the self-correcting error)."""

from __future__ import annotations

import asyncio
import os

from pydantic_ai import Agent
from pydantic_ai.messages import ModelResponse, TextPart, ToolCallPart
from pydantic_ai.models.function import AgentInfo, FunctionModel

from airbyte_agent_sdk.connectors.harvest import HarvestConnector

from harvest_setup import harvest_connector


def scripted_model(messages, info: AgentInfo) -> ModelResponse:
    calls = [
        {"entity": "people", "action": "list"},  # wrong: the error lists the valid entities
        {"entity": "users", "action": "list", "params": {"per_page": 3}},
    ]
    step = sum(1 for m in messages if m.kind == "request") - 1
    if step < len(calls):
        return ModelResponse(parts=[ToolCallPart(tool_name="harvest_execute", args=calls[step])])
    return ModelResponse(parts=[TextPart("Listed the first three users.")])


async def main() -> None:
    with harvest_connector() as connector:
        agent = Agent("openai:gpt-4o" if os.environ.get("OPENAI_API_KEY") else FunctionModel(scripted_model))

        @agent.tool_plain
        @HarvestConnector.tool_utils
        async def harvest_execute(entity: str, action: str, params: dict | None = None):
            return await connector.execute(entity, action, params or {})

        result = await agent.run("Who are the first three users in Harvest?")
        for message in result.all_messages():
            for part in message.parts:
                print(f"{part.part_kind:>12}: {str(getattr(part, 'content', getattr(part, 'args', '')))[:150]}")
        print("answer:", result.output)


if __name__ == "__main__":
    asyncio.run(main())
