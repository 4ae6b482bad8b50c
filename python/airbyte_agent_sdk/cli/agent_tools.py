"""The progressive trio an agent uses to find its way: ``inspect_connector`` (what exists),
``read_skill_docs`` (how to call it), ``execute`` (call it). Plain coroutines over a
``HarvestConnector`` returning compact JSON text, independent of any MCP SDK.

Built on what the connector offers publicly today (``list_entities()``, ``entity_schema()``,
``tool_description()``, ``execute()``), in this one module so that it can later call the
connector's own ``inspect_connector()`` / ``read_skill_docs()`` instead.
"""

from __future__ import annotations

from typing import Any, Optional

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
    """``allowed_writes``: the ``(entity, action)`` writes enabled; every other write is refused
    here before the connector sees it."""

    def __init__(self, connector: Any, *, write_actions: dict[str, set[str]], allowed_writes: set[tuple[str, str]]):
        self._connector = connector
        self._write_actions = write_actions
        self._allowed = allowed_writes

    def _entity_names(self) -> list[str]:
        return [entity["entity_name"] for entity in self._connector.list_entities()]

    async def inspect_connector(self) -> str:
        entities = [
            {"entity": e["entity_name"], "actions": e["available_actions"], "description": e["description"]}
            for e in self._connector.list_entities()
        ]
        return compact_json(
            {
                "connector": "harvest",
                "version": self._connector.connector_version,
                "entities": entities,
                "writes_enabled": sorted(f"{e}.{a}" for e, a in self._allowed),
                "next": "read_skill_docs(entity) for an entity's parameters, then execute(entity, action, params)",
            }
        )

    async def read_skill_docs(self, entity: Optional[str] = None) -> str:
        if entity is None or not entity.strip():
            return compact_json({"docs": self._connector.tool_description()})
        names = self._entity_names()
        if entity not in names:
            raise ToolInputError(f"Unknown entity {entity!r}; entities: {', '.join(names)}")
        schema = self._connector.entity_schema(entity)
        actions = {}
        for name, spec in schema["actions"].items():
            required = set(spec["params"]["required"])
            actions[name] = {
                "request": f"{spec['method']} {spec['path']}",
                "description": spec["description"],
                "returns": spec["response"],
                "params": {
                    param: {
                        **{k: v for k, v in prop.items() if k in ("type", "enum", "minimum", "maximum", "format")},
                        "description": prop["description"],
                        **({"required": True} if param in required else {}),
                    }
                    for param, prop in spec["params"]["properties"].items()
                },
            }
            if (entity, name) in self._allowed:
                actions[name]["write"] = "enabled"
            elif name in self._write_actions.get(entity, ()):
                actions[name]["write"] = "disabled (start the server with --allow-writes to enable)"
        return compact_json({"entity": entity, "description": schema["description"], "actions": actions})

    async def execute(self, entity: str, action: str, params: Optional[dict[str, Any]] = None) -> str:
        # A dry run sends nothing, so it is answered even for a disabled write: the model can
        # show a person the exact request to approve.
        rehearsal = isinstance(params, dict) and params.get("dry_run") is True
        if action in self._write_actions.get(entity, ()) and (entity, action) not in self._allowed and not rehearsal:
            raise ToolInputError(
                f"{entity}.{action} changes data in Harvest and writes are disabled on this server; "
                f"the person running it can enable it with --allow-writes {entity}.{action}; "
                'params {"dry_run": true} shows the request that would be sent'
            )
        result = await self._connector.execute(entity, action, params or {})
        if hasattr(result, "meta"):
            return compact_json({"data": result.data, "meta": result.meta})
        return compact_json(result)
