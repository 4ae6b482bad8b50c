"""``-p key=value`` and ``--params JSON`` into the params dict of ``execute``.

A shell gives only strings, so ``-p`` values are typed from the catalogue (through the public
``entity_schema``): ``is_running=true`` becomes ``True``, ``per_page=50`` becomes ``50``.
Everything else stays a string for the connector to check, which names the parameter and what
it accepts. ``--params`` is JSON, typed already; ``-p`` wins over it for the same key.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

from .usage import UsageError

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


def _param_types(connector: Any, entity: str, action: str) -> dict[str, str]:
    """parameter name (and alias) -> JSON type, or nothing for an unknown entity or action
    (execute then refuses it with the accepted names)."""
    if entity not in {e["entity_name"] for e in connector.list_entities()}:
        return {}
    spec = (connector.entity_schema(entity) or {}).get("actions", {}).get(action)
    if spec is None:
        return {}
    types: dict[str, str] = {}
    for name, schema in spec["params"]["properties"].items():
        for key in (name, *schema.get("x-aliases", ())):
            types[key] = schema.get("type", "string")
    return types


def _typed(key: str, value: str, json_type: Optional[str]) -> Any:
    if json_type == "boolean":
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise UsageError(f"-p {key}={value}: {key} takes true or false")
    if json_type == "integer" and value.strip().lstrip("-").isdigit():
        return int(value)
    return value  # the connector checks it and names what it accepts


def build(
    connector: Any,
    entity: str,
    action: str,
    pairs: Sequence[str],
    params_json: Optional[str],
    limit: Optional[int],
) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if params_json is not None:
        import json

        try:
            loaded = json.loads(params_json)
        except ValueError as exc:
            raise UsageError(f"--params: not valid JSON ({exc})") from None
        if not isinstance(loaded, dict):
            raise UsageError(
                f"--params: expected a JSON object such as '{{\"per_page\": 50}}', got {type(loaded).__name__}"
            )
        params.update(loaded)
    types = _param_types(connector, entity, action) if pairs else {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"-p {pair}: expected key=value, such as -p per_page=50")
        params[key] = _typed(key, value, types.get(key))
    if limit is not None:
        params["limit"] = limit
    return params
