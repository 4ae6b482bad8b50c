"""Harvest (time tracking and invoicing, API v2) for AI agents and scripts."""

from ...types import AirbyteAuthConfig
from . import models
from .connector import HarvestConnector
from .models import (
    HarvestAuthConfig,
    HarvestOauth20AuthConfig,
    HarvestPersonalAccessTokenAuthConfig,
    HarvestReplicationConfig,
)

# The result envelopes are imported at their first access, from `models` (see there why).
TYPE_CHECKING = False  # see airbyte_agent_sdk/__init__.py
if TYPE_CHECKING:
    from .models import (
        AirbyteSearchMeta,
        AirbyteSearchResult,
        HarvestCheckResult,
        HarvestExecuteResult,
        HarvestExecuteResultWithMeta,
    )
else:
    _FROM_MODELS = frozenset(
        {
            "AirbyteSearchMeta",
            "AirbyteSearchResult",
            "HarvestCheckResult",
            "HarvestExecuteResult",
            "HarvestExecuteResultWithMeta",
        }
    )

    def __getattr__(name: str):
        if name in _FROM_MODELS:
            return getattr(models, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted({*globals(), *_FROM_MODELS})


__all__ = [
    "AirbyteAuthConfig",
    "AirbyteSearchMeta",
    "AirbyteSearchResult",
    "HarvestAuthConfig",
    "HarvestCheckResult",
    "HarvestConnector",
    "HarvestExecuteResult",
    "HarvestExecuteResultWithMeta",
    "HarvestOauth20AuthConfig",
    "HarvestPersonalAccessTokenAuthConfig",
    "HarvestReplicationConfig",
]
