"""Which actions change data in Harvest, and which of them the user enabled.

An action is a write when the catalogue marks it so (``write`` in ``entity_schema()``); the
command line enables only the writes named on it, explicitly, so a write added by a later
version is never enabled by an old command.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

from .usage import UsageError


def write_actions(connector: Any) -> dict[str, set[str]]:
    """entity -> its write actions (from the catalogue, through the public schema)."""
    found: dict[str, set[str]] = {}
    for entity in connector.list_entities():
        name = entity["entity_name"]
        schema = connector.entity_schema(name) or {"actions": {}}
        writes = {action for action, spec in schema["actions"].items() if spec["write"]}
        if writes:
            found[name] = writes
    return found


def is_write(connector: Any, entity: str, action: str) -> bool:
    return action in write_actions(connector).get(entity, set())


def parse_allowed(connector: Any, values: Optional[Iterable[str]]) -> Optional[set[tuple[str, str]]]:
    """``--allow-writes [ENTITY[.ACTION]...]``: None when the flag is absent, every write action
    when it has no values, else the named ones (an entity stands for all its writes)."""
    if values is None:
        return None
    writes = write_actions(connector)
    values = list(values)
    if not values:
        return {(entity, action) for entity, actions in writes.items() for action in actions}
    allowed: set[tuple[str, str]] = set()
    accepted = sorted(f"{e}.{a}" for e, actions in writes.items() for a in actions)
    for value in values:
        entity, _, action = value.partition(".")
        if entity not in writes or (action and action not in writes[entity]):
            raise UsageError(
                f"--allow-writes {value}: not a write action; accepted: " + ", ".join(accepted + sorted(writes))
            )
        allowed |= {(entity, a) for a in ([action] if action else writes[entity])}
    return allowed


def constructor_option(allowed: Optional[set[tuple[str, str]]]) -> dict[str, Any]:
    """What the connector's ``allow_writes`` receives: the ``entity.action`` names enabled
    (explicit even when all are, so a write added by a later version is not enabled
    silently); nothing when writes stay off."""
    if allowed is None:
        return {}
    return {"allow_writes": sorted(f"{e}.{a}" for e, a in allowed)}
