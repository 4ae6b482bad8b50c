"""Harvest (time tracking and invoicing, API v2) for AI agents and scripts."""

from ...types import AirbyteAuthConfig
from .connector import HarvestConnector
from .models import (
    AirbyteSearchMeta,
    AirbyteSearchResult,
    HarvestAuthConfig,
    HarvestCheckResult,
    HarvestExecuteResult,
    HarvestExecuteResultWithMeta,
    HarvestOauth20AuthConfig,
    HarvestPersonalAccessTokenAuthConfig,
    HarvestReplicationConfig,
)

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
