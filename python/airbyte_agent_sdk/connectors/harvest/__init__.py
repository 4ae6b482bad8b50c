"""Harvest (time tracking and invoicing, API v2) for AI agents and scripts."""

from ...types import AirbyteAuthConfig
from .connector import HarvestConnector
from .models import (
    HarvestAuthConfig,
    HarvestCheckResult,
    HarvestExecuteResult,
    HarvestExecuteResultWithMeta,
    HarvestOauth20AuthConfig,
    HarvestPersonalAccessTokenAuthConfig,
)

__all__ = [
    "AirbyteAuthConfig",
    "HarvestAuthConfig",
    "HarvestCheckResult",
    "HarvestConnector",
    "HarvestExecuteResult",
    "HarvestExecuteResultWithMeta",
    "HarvestOauth20AuthConfig",
    "HarvestPersonalAccessTokenAuthConfig",
]
