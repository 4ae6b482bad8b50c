"""Harvest credentials and result envelopes.

The result envelopes (and ``ContextStoreQuery``) are defined in ``_results``, which this module
imports at their first use: they are dataclasses, and ``dataclasses`` (which imports
``inspect``) costs ~15 ms of import time that importing and constructing a connector does
not need. They are importable from here as before.
"""

from __future__ import annotations

from typing import Union

from ..._config import CredentialConfig

TYPE_CHECKING = False  # see airbyte_agent_sdk/__init__.py
if TYPE_CHECKING:
    from ._results import (
        AirbyteSearchMeta,
        AirbyteSearchResult,
        ContextStoreQuery,
        HarvestCheckResult,
        HarvestExecuteResult,
        HarvestExecuteResultWithMeta,
    )

__all__ = [
    "HarvestOauth20AuthConfig",
    "HarvestPersonalAccessTokenAuthConfig",
    "HarvestAuthConfig",
    "HarvestCheckResult",
    "HarvestExecuteResult",
    "HarvestExecuteResultWithMeta",
    "HarvestReplicationConfig",
    "AirbyteSearchMeta",
    "AirbyteSearchResult",
    "ContextStoreQuery",
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


# ---- Hosted mode (calls through the Airbyte API) ----


class HarvestReplicationConfig(CredentialConfig):
    """What Airbyte replicates into the context store: the Harvest account (``create()``,
    ``get_consent_url()``)."""

    _fields = ("account_id",)
    __slots__ = _fields

    account_id: str

    def __init__(self, *, account_id: str) -> None:
        self._init({"account_id": account_id})


# At run time only (PEP 562): type checkers see the imports above, and report a misspelt name.
if not TYPE_CHECKING:
    # Defined in `_results`, imported at the first access to any of them.
    _RESULTS = frozenset(
        {
            "AirbyteSearchMeta",
            "AirbyteSearchResult",
            "ContextStoreQuery",
            "HarvestCheckResult",
            "HarvestExecuteResult",
            "HarvestExecuteResultWithMeta",
            "M",
            "T",
        }
    )

    def __getattr__(name: str):
        if name in _RESULTS:
            from . import _results

            value = getattr(_results, name)
        else:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        globals()[name] = value  # later lookups find it without coming back here
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_RESULTS})
