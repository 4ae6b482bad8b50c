"""The error classes under the reference SDK's older module path (``airbyte_agent_sdk.exceptions``,
deprecated there in favour of ``airbyte_agent_sdk.http.exceptions``); defined in
:mod:`airbyte_agent_sdk.errors`."""

from .errors import (
    AirbyteError,
    AuthenticationError,
    ConnectorValidationError,
    HTTPClientError,
    HTTPStatusError,
    NetworkError,
    RateLimitError,
    TimeoutError,
)

__all__ = [
    "AirbyteError",
    "AuthenticationError",
    "ConnectorValidationError",
    "HTTPClientError",
    "HTTPStatusError",
    "NetworkError",
    "RateLimitError",
    "TimeoutError",
]
