"""Typed query objects (``connector.users.list(per_page=10)``), built from the catalogue so
that every entity and action has one, with a real signature for IDEs and ``help()``."""

from __future__ import annotations

from typing import Any, Callable


def _python_name(name: str) -> str:
    return name + "_" if name in ("from", "class", "import", "global", "lambda") else name


def _make_method(connector: Any, entity: str, action: dict[str, Any]) -> Callable[..., Any]:
    import inspect  # at the first method made, not at import: inspect costs ~15 ms of import time

    params = action["parameters"]
    names = {_python_name(p["name"]): p["name"] for p in params}
    write = action.get("write", False)

    async def method(**kwargs: Any) -> Any:
        # Writes take dry_run=True: validate and return the request instead of sending it.
        dry_run = kwargs.pop("dry_run", False) if write else False
        unknown = [k for k in kwargs if k not in names and k not in names.values()]
        # Unknown keys go through unchanged so the core's error names them and lists the
        # accepted ones; None means "not given", as in the reference.
        sent = {names.get(k, k): v for k, v in kwargs.items() if v is not None or k in unknown}
        if dry_run:
            return await connector.execute(entity, action["name"], sent, dry_run=True)
        return await connector.execute(entity, action["name"], sent)

    method.__name__ = action["name"]
    method.__qualname__ = f"{entity}.{action['name']}"
    method.__doc__ = action["description"] + (
        "\n\nParameters:\n"
        + "\n".join(
            f"  {_python_name(p['name'])}: {p['format']}{' (required)' if p['required'] else ''}" for p in params
        )
        if params
        else ""
    )
    if write:
        method.__doc__ += "\n\ndry_run=True returns the exact request and sends nothing."
    signature = [
        inspect.Parameter(
            _python_name(p["name"]),
            inspect.Parameter.KEYWORD_ONLY,
            default=inspect.Parameter.empty if p["required"] else None,
        )
        for p in params
    ]
    if write:
        signature.append(inspect.Parameter("dry_run", inspect.Parameter.KEYWORD_ONLY, default=False))
    method.__signature__ = inspect.Signature(signature)  # type: ignore[attr-defined]
    return method


class EntityQuery:
    """The actions of one entity, as async methods. Each method is made at its first access and
    kept: constructing a connector makes none of them (nor imports inspect for their
    signatures)."""

    def __init__(self, connector: Any, entity: dict[str, Any]) -> None:
        self._connector = connector
        self._entity = entity["name"]
        self._actions = {action["name"]: action for action in entity["actions"]}

    def __getattr__(self, name: str) -> Any:
        # Called only for names not set on the instance; `_actions` is looked up in __dict__ so
        # that an instance without it (being copied or unpickled) does not recurse here.
        action = self.__dict__.get("_actions", {}).get(name)
        if action is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        method = _make_method(self._connector, self._entity, action)
        setattr(self, name, method)
        return method

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *self._actions})

    def __repr__(self) -> str:
        extra = [k for k in vars(self) if not k.startswith("_") and k not in self._actions]
        return f"<{self._entity} query: {', '.join([*self._actions, *extra])}>"


def build_queries(connector: Any, catalog: list[dict[str, Any]]) -> dict[str, EntityQuery]:
    return {entity["name"]: EntityQuery(connector, entity) for entity in catalog}
