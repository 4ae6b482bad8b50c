"""FastMCP: the seed's MCP server. `python fastmcp_server.py --serve` runs it over stdio for an
MCP client; without arguments it lists and calls the tool through an in-memory client."""

from __future__ import annotations

import asyncio
import sys

from fastmcp import Client, FastMCP
from fastmcp.exceptions import ToolError

from airbyte_agent_sdk.connectors.harvest import HarvestConnector

from harvest_setup import harvest_connector


def build_server(connector: HarvestConnector) -> FastMCP:
    mcp = FastMCP("Harvest Agent")

    @mcp.tool
    @HarvestConnector.tool_utils
    async def harvest_execute(entity: str, action: str, params: dict | None = None):
        """Execute Harvest connector operations."""
        result = await connector.execute(entity, action, params or {})
        return result.model_dump(mode="json") if hasattr(result, "model_dump") else result

    return mcp


async def demo(mcp: FastMCP) -> None:
    async with Client(mcp) as client:
        tools = await client.list_tools()
        print("tools:", [t.name for t in tools], f"(description: {len(tools[0].description)} chars)")
        result = await client.call_tool("harvest_execute", {"entity": "company", "action": "get"})
        print("company:", result.structured_content.get("name"))
        try:
            await client.call_tool("harvest_execute", {"entity": "company", "action": "list"})
        except ToolError as err:
            print("ToolError the client sees:", err)


if __name__ == "__main__":
    with harvest_connector() as connector:
        server = build_server(connector)
        if "--serve" in sys.argv:
            server.run()
        else:
            asyncio.run(demo(server))
