"""The MCP server's progressive trio: the library's (``airbyte_agent_sdk.agent_tools``, via the
connector's ``inspect_connector()`` / ``read_skill_docs()`` / ``execute()``), with what only a
server adds: compact JSON text results, the ``entity`` argument name MCP clients already use,
and disabled writes refused with the server's flag to enable them."""

from __future__ import annotations

from typing import Any, Optional

from ..errors import AirbyteToolError, HostedWritesUnsupportedError, WritesDisabledError
from .output import compact_json

# What the MCP client shows the model for each tool (the long catalogue text is behind
# read_skill_docs, read when needed, instead of in every conversation's tool list).
INSPECT_DESCRIPTION = (
    "Start here. Lists the Harvest entities (users, projects, time_entries, reports...) and their actions, "
    "and which write actions are enabled. Then read_skill_docs(entity) for parameters, then execute."
)
DOCS_DESCRIPTION = (
    "How to call Harvest: with an entity, its actions and every parameter (type, required, accepted values); "
    "without one, the whole catalogue and how results and paging work."
)
EXECUTE_DESCRIPTION = (
    "Run an action on a Harvest entity, e.g. entity='time_entries', action='list', "
    "params={'from': '2024-05-01', 'to': '2024-05-31', 'user_id': 1}. Lists return {data, meta}; pass "
    "meta.next_cursor back as params={'cursor': ...} for more, or 'limit' to collect several pages. "
    "Bad parameters are refused with the accepted values; read_skill_docs(entity) lists them."
)


class ToolInputError(ValueError):
    """A tool argument refused before any call; the message says what is accepted."""


class ProgressiveTools:
    """``allowed_writes``: the ``(entity, action)`` writes enabled, which the connector was built
    with (its ``allow_writes``). The connector refuses every other write before anything is
    sent; its refusal is passed on naming the server's ``--allow-writes`` instead."""

    def __init__(self, connector: Any, *, allowed_writes: set[tuple[str, str]]):
        from ..agent_tools import build_connector_tools

        self._connector = connector
        self._allowed = allowed_writes
        # framework="none": failures are AirbyteToolError ("<ErrorClass>: message"), which the
        # server's wrapper passes on as MCP tool errors; it checks the size of the JSON text.
        self._tools = build_connector_tools(connector, framework="none", max_output_chars=None)

    async def inspect_connector(self) -> str:
        answer = await self._tools.inspect_connector()
        answer["writes_enabled"] = sorted(f"{e}.{a}" for e, a in self._allowed)
        answer["next"] = "read_skill_docs(entity) for an entity's parameters, then execute(entity, action, params)"
        return compact_json(answer)

    async def read_skill_docs(self, entity: Optional[str] = None) -> str:
        text = await self._tools.read_skill_docs(entity)
        if entity is None or not entity.strip() or not text.startswith("{"):
            return compact_json({"docs": text})  # the overview, or a hosted section (Markdown)
        import json

        docs = json.loads(text)
        for action in docs["actions"].values():
            if action.get("write", "").startswith("disabled"):
                action["write"] = "disabled (start the server with --allow-writes to enable)"
        return compact_json(docs)

    async def execute(self, entity: str, action: str, params: Optional[dict[str, Any]] = None) -> str:
        try:
            result = await self._tools.execute(entity, action, params or {})
        except AirbyteToolError as failure:
            refused = failure.__cause__
            # The connector's own check (a dry run sends nothing, so it answers one even for a
            # disabled write: the model can show a person the exact request to approve).
            if isinstance(refused, WritesDisabledError) and not isinstance(refused, HostedWritesUnsupportedError):
                raise ToolInputError(
                    f"{entity}.{action} changes data in Harvest and writes are disabled on this server: "
                    "nothing was sent; "
                    f"the person running it can enable it with --allow-writes {entity}.{action}; "
                    'params {"dry_run": true} shows the request that would be sent'
                ) from None
            raise
        if hasattr(result, "meta"):
            return compact_json({"data": result.data, "meta": result.meta})
        return compact_json(result)
