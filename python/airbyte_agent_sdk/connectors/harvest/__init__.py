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
    from ._generated.search import *  # noqa: F403  (the <Entity>SearchData / <Entity>SearchResult classes)
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
        if name.endswith(("SearchData", "SearchResult")):
            # The typed context store records, generated per entity (imported at first use).
            from ._generated import search

            if name in search.__all__:
                return getattr(search, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        from ._generated import search

        return sorted({*globals(), *_FROM_MODELS, *search.__all__})


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
