"""harvest-agent-connector: Harvest API v2 for AI agents, with a Rust core.

Import path and names are those of Airbyte's ``airbyte-agent-sdk`` Harvest connector, so its
code samples run unchanged: ``from airbyte_agent_sdk.connectors.harvest import HarvestConnector``.
"""

from ._native import __version__
from .errors import (
    AirbyteError,
    AuthenticationError,
    ConnectorValidationError,
    HTTPClientError,
    HTTPStatusError,
    NetworkError,
    NotFoundError,
    RateLimitError,
    TimeoutError,
)

SDK_VERSION = __version__

__all__ = [
    "SDK_VERSION",
    "__version__",
    "AirbyteError",
    "AuthenticationError",
    "ConnectorValidationError",
    "HTTPClientError",
    "HTTPStatusError",
    "NetworkError",
    "NotFoundError",
    "RateLimitError",
    "TimeoutError",
]
