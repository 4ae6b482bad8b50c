"""Harvest credentials and result envelopes.

Envelopes are dataclasses, so every agent framework can serialise them as they are (pydantic's
serialiser handles dataclasses), and they keep the reference's ``model_dump()`` spelling.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Generic, Optional, TypeVar, Union

from ..._config import CredentialConfig

__all__ = [
    "HarvestOauth20AuthConfig",
    "HarvestPersonalAccessTokenAuthConfig",
    "HarvestAuthConfig",
    "HarvestCheckResult",
    "HarvestExecuteResult",
    "HarvestExecuteResultWithMeta",
]


class HarvestOauth20AuthConfig(CredentialConfig):
    """OAuth2 application credentials and a refresh token for one Harvest account."""

    _fields = ("client_id", "client_secret", "refresh_token", "account_id")
    _secrets = frozenset({"client_secret", "refresh_token"})
    __slots__ = _fields

    client_id: str
    client_secret: str
    refresh_token: str
    account_id: str

    def __init__(self, *, client_id: str, client_secret: str, refresh_token: str, account_id: str) -> None:
        self._init(
            {
                "client_id": client_id,
                "client_secret": client_secret,
                "refresh_token": refresh_token,
                "account_id": account_id,
            }
        )


class HarvestPersonalAccessTokenAuthConfig(CredentialConfig):
    """A personal access token and the Harvest account id to use it with."""

    _fields = ("token", "account_id")
    _secrets = frozenset({"token"})
    __slots__ = _fields

    token: str
    account_id: str

    def __init__(self, *, token: str, account_id: str) -> None:
        self._init({"token": token, "account_id": account_id})


HarvestAuthConfig = Union[HarvestOauth20AuthConfig, HarvestPersonalAccessTokenAuthConfig]

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
        meta = self.meta
        if exclude_none and isinstance(meta, dict):
            meta = _drop_none(meta)
        return {"data": self.data, "meta": meta}
