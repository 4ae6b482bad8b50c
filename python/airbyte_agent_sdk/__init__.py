"""harvest-agent-connector: Harvest API v2 for AI agents, with a Rust core.

Import path and names are those of Airbyte's ``airbyte-agent-sdk`` Harvest connector, so its
code samples run unchanged: ``from airbyte_agent_sdk.connectors.harvest import HarvestConnector``.
"""

from ._native import __version__
from .connect import connect
from .errors import (
    AirbyteError,
    AuthenticationError,
    ConnectorAmbiguityError,
    ConnectorNotFoundError,
    ConnectorValidationError,
    HostedModeRequiredError,
    HTTPClientError,
    HTTPStatusError,
    NetworkError,
    NotFoundError,
    RateLimitError,
    TimeoutError,
    UnknownConnectorError,
)

SDK_VERSION = __version__

__all__ = [
    "SDK_VERSION",
    "__version__",
    "connect",
    "AirbyteError",
    "AuthenticationError",
    "ConnectorAmbiguityError",
    "ConnectorNotFoundError",
    "ConnectorValidationError",
    "HostedModeRequiredError",
    "HTTPClientError",
    "HTTPStatusError",
    "NetworkError",
    "NotFoundError",
    "RateLimitError",
    "TimeoutError",
    "UnknownConnectorError",
]
