"""A small base for credential objects: keyword-only, validated, compared by value, and never
showing a secret in ``repr``/``str``. ``model_dump()`` returns the plain values (the pydantic
spelling the reference's callers use)."""

from __future__ import annotations

from typing import Any, ClassVar, Optional

MASK = "***"


class CredentialConfig:
    """Subclasses declare ``_fields`` (required first), ``_optional`` and ``_secrets``."""

    _fields: ClassVar[tuple[str, ...]] = ()
    _optional: ClassVar[frozenset[str]] = frozenset()
    _secrets: ClassVar[frozenset[str]] = frozenset()
    __slots__ = ()

    def _init(self, values: dict[str, Any]) -> None:
        name = type(self).__name__
        for field in self._fields:
            value = values[field]
            if value is None and field in self._optional:
                object.__setattr__(self, field, None)
                continue
            if not isinstance(value, str):
                raise TypeError(
                    f"{name}.{field} must be a str, got {type(value).__name__}"
                    + (" (a secret: its value is not shown)" if field in self._secrets else "")
                )
            if not value.strip() and field not in self._optional:
                raise ValueError(f"{name}.{field} must not be empty")
            object.__setattr__(self, field, value)

    def __setattr__(self, key: str, value: Any) -> None:
        if key not in self._fields:
            raise AttributeError(f"{type(self).__name__} has no field {key!r}; fields: {', '.join(self._fields)}")
        self._init({**self.model_dump(), key: value})

    def model_dump(self, *, exclude_none: bool = False, mode: str = "python") -> dict[str, Any]:
        """The plain values, secrets included (this is what a credential store receives)."""
        out = {f: getattr(self, f) for f in self._fields}
        if exclude_none:
            out = {k: v for k, v in out.items() if v is not None}
        return out

    def model_dump_json(self, *, exclude_none: bool = False) -> str:
        import json  # at first use: json costs a few ms of import time that credentials do not need

        return json.dumps(self.model_dump(exclude_none=exclude_none))

    def _shown(self) -> list[tuple[str, Optional[str]]]:
        return [
            (f, MASK if f in self._secrets and getattr(self, f) is not None else getattr(self, f)) for f in self._fields
        ]

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self._shown())
        return f"{type(self).__name__}({inner})"

    def __str__(self) -> str:
        return " ".join(f"{k}={v!r}" for k, v in self._shown())

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.model_dump() == other.model_dump()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # mutable, like the pydantic models it replaces

    def __copy__(self):
        return type(self)(**self.model_dump())

    def __deepcopy__(self, memo: dict) -> CredentialConfig:
        return self.__copy__()

    def __reduce__(self):
        return (_rebuild, (type(self), self.model_dump()))


def _rebuild(cls: type, values: dict[str, Any]) -> CredentialConfig:
    return cls(**values)
