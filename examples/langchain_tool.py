"""LangChain: the seed's tool, invoked as an agent would invoke it."""

from __future__ import annotations

import asyncio

from langchain_core.tools import ToolException, tool

from airbyte_agent_sdk.connectors.harvest import HarvestConnector

from harvest_setup import harvest_connector


async def main() -> None:
    with harvest_connector() as connector:

        @tool
        @HarvestConnector.tool_utils
        async def harvest_execute(entity: str, action: str, params: dict | None = None):
            """Execute Harvest connector operations."""
            result = await connector.execute(entity, action, params or {})
            # connector.execute returns a Pydantic envelope for typed actions; fall back to raw data otherwise.
            return result.model_dump(mode="json") if hasattr(result, "model_dump") else result

        print("tool schema:", harvest_execute.args)
        page = await harvest_execute.ainvoke({"entity": "projects", "action": "list", "params": {"per_page": 3}})
        for project in page["data"]:
            print(f"  project {project['id']}: {project['name']}")
        try:
            await harvest_execute.ainvoke({"entity": "projects", "action": "get", "params": {"id": "latest"}})
        except ToolException as err:
            print("ToolException the agent can act on:", err)


if __name__ == "__main__":
    asyncio.run(main())
