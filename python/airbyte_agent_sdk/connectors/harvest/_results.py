"""The result envelopes of ``models`` (and ``ContextStoreQuery``), imported at their first use.

Envelopes are dataclasses, so every agent framework can serialise them as they are (pydantic's
serialiser handles dataclasses), and they keep the reference's ``model_dump()`` spelling. Their
annotations are resolved in this module (pydantic does that), so its typing imports are real.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Generic, Literal, Optional, TypedDict, TypeVar

__all__ = [
    "HarvestCheckResult",
    "HarvestExecuteResult",
    "HarvestExecuteResultWithMeta",
    "AirbyteSearchMeta",
    "AirbyteSearchResult",
    "ContextStoreQuery",
    "SearchData",
]

T = TypeVar("T")
M = TypeVar("M")


def _drop_none(value: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in value.items() if v is not None}


@dataclasses.dataclass
class HarvestCheckResult:
    """Outcome of ``HarvestConnector.check()``."""

    status: str
    error: Optional[str] = None
    checked_entity: Optional[str] = None
    checked_action: Optional[str] = None

    def model_dump(self, *, mode: str = "python", exclude_none: bool = False) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        return _drop_none(out) if exclude_none else out

    def model_dump_json(self, *, exclude_none: bool = False) -> str:
        return json.dumps(self.model_dump(exclude_none=exclude_none))


@dataclasses.dataclass
class HarvestExecuteResult(Generic[T]):
    """A result with data only."""

    data: T

    def model_dump(self, *, mode: str = "python", exclude_none: bool = False) -> dict[str, Any]:
        # The records are plain JSON values already: no copy, no conversion needed for "json".
        return {"data": self.data}

    def model_dump_json(self, *, exclude_none: bool = False) -> str:
        return json.dumps(self.model_dump(exclude_none=exclude_none), ensure_ascii=False)


@dataclasses.dataclass
class HarvestExecuteResultWithMeta(HarvestExecuteResult[T], Generic[T, M]):
    """A list result: ``data`` is the list of records (dicts), ``meta`` the pagination facts
    (``next_link``, ``next_cursor``, ``has_more``, ``page``, ``per_page``, ``total_pages``,
    ``total_entries``); pass ``next_cursor`` back as ``cursor`` to continue."""

    meta: M = None  # type: ignore[assignment]

    def model_dump(self, *, mode: str = "python", exclude_none: bool = False) -> dict[str, Any]:
        meta: Any = self.meta
        if exclude_none and isinstance(meta, dict):
            meta = _drop_none(meta)
        return {"data": self.data, "meta": meta}


class UnbuiltListResult(HarvestExecuteResultWithMeta[Any, Any]):
    """A list result of a call made inside a tool: a :class:`HarvestExecuteResultWithMeta`
    whose ``data`` is built from the response at its first read (the same list of dicts any
    list call returns). Until then the tool's size check measures its JSON text from the
    response bytes (``_unbuilt_json_size``), so a page too large for the model never becomes
    Python objects. It compares, copies and pickles as the plain result it stands for."""

    # Its repr, like its behaviour, is the plain result's.
    __qualname__ = "HarvestExecuteResultWithMeta"

    def __init__(self, data: Any = None, meta: Any = None, *, records: Any = None) -> None:
        if records is not None:
            self.__dict__["_records"] = records
        else:
            self.__dict__["_data"] = data
        self.meta = meta

    @property  # type: ignore[override]
    def data(self) -> Any:
        values = self.__dict__
        if "_data" not in values:
            values["_data"] = values.pop("_records").records()
        return values["_data"]

    @data.setter
    def data(self, value: Any) -> None:
        self.__dict__.pop("_records", None)
        self.__dict__["_data"] = value

    def _unbuilt_json_size(self, preview: int) -> Optional[tuple[int, str]]:
        """``(len(text), text[:preview])`` of ``json.dumps(self.model_dump(mode="json"),
        default=str, ensure_ascii=False)`` while ``data`` is unbuilt, else None."""
        records = self.__dict__.get("_records")
        return None if records is None else records.json_size(self.meta, preview)  # type: ignore[no-any-return]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, HarvestExecuteResultWithMeta):
            return NotImplemented
        return (self.data, self.meta) == (other.data, other.meta)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> Any:
        return (HarvestExecuteResultWithMeta, (self.data, self.meta))


class ContextStoreQuery(TypedDict, total=False):
    """The ``query`` of ``context_store_search``: ``filter`` is one condition, e.g.
    ``{"and": [{"eq": {"is_active": True}}, {"like": {"email": "%@example.com"}}]}`` (operators:
    eq, neq, gt, gte, lt, lte, in, like, fuzzy, keyword, contains, any, not, and, or);
    ``sort`` is a list of ``{field: "asc" | "desc"}``."""

    filter: dict[str, Any]
    sort: list[dict[str, Literal["asc", "desc"]]]


@dataclasses.dataclass
class AirbyteSearchMeta:
    """Paging facts of a ``context_store_search``: pass ``cursor`` back while ``has_more``.
    From local mode's store, ``synced_at`` (ISO 8601, UTC) says when its entity was last
    synced with Harvest, and ``source`` is ``"local_store"``; both are None in hosted mode."""

    has_more: bool = False
    cursor: Optional[str] = None
    took_ms: Optional[float] = None
    synced_at: Optional[str] = None
    source: Optional[str] = None

    def model_dump(self, *, mode: str = "python", exclude_none: bool = False) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        # The local store's facts appear only when set: a hosted result dumps as the reference's.
        for local_only in ("synced_at", "source"):
            if out[local_only] is None:
                del out[local_only]
        return _drop_none(out) if exclude_none else out


@dataclasses.dataclass
class AirbyteSearchResult(Generic[T]):
    """A ``context_store_search`` result: ``data`` is the list of matching records (dicts,
    projected to ``fields`` when given), ``meta`` an :class:`AirbyteSearchMeta`."""

    data: list[T]
    meta: AirbyteSearchMeta = dataclasses.field(default_factory=AirbyteSearchMeta)

    def model_dump(self, *, mode: str = "python", exclude_none: bool = False) -> dict[str, Any]:
        data = [r.model_dump(exclude_none=exclude_none) if isinstance(r, SearchData) else r for r in self.data]
        return {"data": data, "meta": self.meta.model_dump(exclude_none=exclude_none)}

    def model_dump_json(self, *, exclude_none: bool = False) -> str:
        return json.dumps(self.model_dump(exclude_none=exclude_none), ensure_ascii=False)


class SearchData:
    """Base of the ``<Entity>SearchData`` records (generated in ``_generated/search.py``): every
    field the class declares is an attribute (None when the record lacks it), and so is any
    other field the context store returned, as in the reference's ``extra="allow"`` models."""

    _fields: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._fields = tuple(cls.__dict__.get("__annotations__", {}))

    def __init__(self, **values: Any) -> None:
        for name in self._fields:
            setattr(self, name, None)
        for name, value in values.items():
            setattr(self, name, value)

    def model_dump(self, *, mode: str = "python", exclude_none: bool = False) -> dict[str, Any]:
        out = dict(vars(self))
        return _drop_none(out) if exclude_none else out

    def model_dump_json(self, *, exclude_none: bool = False) -> str:
        return json.dumps(self.model_dump(exclude_none=exclude_none), ensure_ascii=False)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and vars(other) == vars(self)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the reference's models

    def __repr__(self) -> str:
        given = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if v is not None)
        return f"{type(self).__name__}({given})"
