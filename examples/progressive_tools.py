"""The progressive tools with Pydantic AI: ``build_connector_tools`` gives the agent
``inspect_connector`` / ``read_skill_docs`` / ``execute`` instead of one tool carrying the whole
catalogue. A real model when OPENAI_API_KEY is set, else a scripted one that takes the three
steps (with one wrong section on the way, to show the error that lists the right ones)."""

from __future__ import annotations

import asyncio
import os

from pydantic_ai import Agent
from pydantic_ai.messages import ModelResponse, TextPart, ToolCallPart
from pydantic_ai.models.function import AgentInfo, FunctionModel

from airbyte_agent_sdk import build_connector_tools

from harvest_setup import harvest_connector

STEPS = [
    ("inspect_connector", {}),
    ("read_skill_docs", {"section": "entity:timesheets"}),  # wrong: the error lists the sections
    ("read_skill_docs", {"section": "entity:time_entries"}),
    ("execute", {"entity": "time_entries", "action": "list", "params": {"per_page": 2, "is_running": False}}),
]


def scripted_model(messages, info: AgentInfo) -> ModelResponse:
    step = sum(1 for m in messages if m.kind == "request") - 1
    if step < len(STEPS):
        name, args = STEPS[step]
        return ModelResponse(parts=[ToolCallPart(tool_name=name, args=args)])
    return ModelResponse(parts=[TextPart("Read the two latest stopped time entries.")])


async def main() -> None:
    with harvest_connector() as connector:
        tools = build_connector_tools(connector, framework="pydantic_ai", max_output_chars=20_000)
        model = "openai:gpt-4o" if os.environ.get("OPENAI_API_KEY") else FunctionModel(scripted_model)
        agent = Agent(model, tools=tools.as_list())
        result = await agent.run("What are my two latest stopped time entries?")
        for message in result.all_messages():
            for part in message.parts:
                print(f"{part.part_kind:>12}: {str(getattr(part, 'content', getattr(part, 'args', '')))[:150]}")
        print("answer:", result.output)


if __name__ == "__main__":
    asyncio.run(main())
