"""The HTTP error classes under the reference SDK's module path."""

from ..errors import (
    AuthenticationError,
    ConnectorValidationError,
    HTTPClientError,
    HTTPStatusError,
    InvalidResponseError,
    NetworkError,
    NotFoundError,
    RateLimitError,
    TimeoutError,
)

__all__ = [
    "AuthenticationError",
    "ConnectorValidationError",
    "HTTPClientError",
    "HTTPStatusError",
    "InvalidResponseError",
    "NetworkError",
    "NotFoundError",
    "RateLimitError",
    "TimeoutError",
]
