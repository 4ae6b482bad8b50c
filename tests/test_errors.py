"""Each failure maps to one class with status, method, path and Harvest's own message."""

from __future__ import annotations

import builtins

import pytest

from airbyte_agent_sdk.errors import (
    AirbyteError,
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
from airbyte_agent_sdk.http import exceptions as reference_path

STATUS_CASES = [
    (
        400,
        '{"message":"Bad request"}',
        ConnectorValidationError,
        "Validation error (HTTP 400) for GET /v2/users: Bad request.",
    ),
    (
        401,
        '{"error":"invalid_token","error_description":"The access token provided is expired, revoked, malformed or invalid for other reasons."}',
        AuthenticationError,
        "Authentication failed (HTTP 401) for GET /v2/users: invalid_token: The access token provided is expired, revoked, malformed or invalid for other reasons. Check the access token",
    ),
    (
        403,
        '{"message":"Not authorized!"}',
        AuthenticationError,
        "Not authorized (HTTP 403) for GET /v2/users: Not authorized!.",
    ),
    (404, '{"status":404,"error":"Not Found"}', NotFoundError, "Not found (HTTP 404) for GET /v2/users: Not Found."),
    (
        422,
        '{"message":"per_page must be between 1 and 2000"}',
        ConnectorValidationError,
        "Validation error (HTTP 422) for GET /v2/users: per_page must be between 1 and 2000.",
    ),
    (
        500,
        '{"error":"Internal server error"}',
        HTTPStatusError,
        "Harvest server error (HTTP 500) for GET /v2/users: Internal server error.",
    ),
    (409, "", HTTPStatusError, "Unexpected HTTP status (HTTP 409) for GET /v2/users."),
]


@pytest.mark.parametrize("status,body,error,message", STATUS_CASES)
async def test_status_mapping(sandbox, connector, status, body, error, message):
    sandbox.push_status(status, body)
    with pytest.raises(error) as caught:
        await connector.users.list(per_page=1)
    err = caught.value
    assert str(err).startswith(message)
    assert err.status_code == status and err.method == "GET" and err.path == "/v2/users"
    assert isinstance(err, HTTPStatusError) and isinstance(err, AirbyteError)


async def test_html_error_pages_are_summarised(sandbox, connector):
    page = (
        "<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body>" + "x" * 5000 + "</body></html>"
    )
    sandbox.push_status(503, page, content_type="text/html")
    with pytest.raises(HTTPStatusError) as caught:
        await connector.users.list()
    text = str(caught.value)
    assert 'HTML error page "503 Service Unavailable"' in text and "<body>" not in text and len(text) < 300


async def test_rate_limit_carries_retry_after(sandbox, connector):
    sandbox.push_status(429, "", content_type="text/html", retry_after="17")
    with pytest.raises(RateLimitError) as caught:
        await connector.users.list()
    assert caught.value.retry_after == 17.0 and "Retry after 17 s" in str(caught.value)


async def test_transient_failures_are_retried(sandbox):
    async with sandbox.connector(max_attempts=3) as conn:
        sandbox.push_status(503, "", times=2)
        page = await conn.users.list(per_page=1)
    assert page.data
    assert sandbox.request_count() == 3


async def test_retry_after_is_honoured(sandbox):
    async with sandbox.connector(max_attempts=2) as conn:
        sandbox.push_status(429, "", retry_after="1")
        await conn.users.list(per_page=1)
    first, second = sandbox.requests()
    assert second["at"] - first["at"] >= 0.95


async def test_timeout_names_the_limit(sandbox):
    async with sandbox.connector(timeout=0.5) as conn:
        sandbox.push_hang()
        with pytest.raises(TimeoutError) as caught:
            await conn.users.list()
    err = caught.value
    assert isinstance(err, builtins.TimeoutError) and err.timeout_type == "total"
    assert str(err) == "Request timed out for GET /v2/users: the total timeout of 0.5 s fired."


async def test_a_hung_attempt_is_retried_within_the_total(sandbox):
    async with sandbox.connector(read_timeout=0.3, timeout=10, max_attempts=2) as conn:
        sandbox.push_hang()
        page = await conn.users.list(per_page=1)
        assert page.data and sandbox.request_count() == 2
        sandbox.push_hang()
        sandbox.push_hang()
        with pytest.raises(TimeoutError) as caught:
            await conn.users.list(per_page=1)
    assert caught.value.timeout_type == "read"
    assert str(caught.value) == "Request timed out for GET /v2/users: the read timeout of 0.3 s fired."


async def test_connection_refused_is_a_network_error(sandbox):
    conn = sandbox.connector(max_attempts=1)
    sandbox.close()
    with pytest.raises(NetworkError) as caught:
        await conn.users.list()
    assert str(caught.value).startswith("Network error for GET /v2/users: could not connect")


@pytest.mark.parametrize(
    "body,content_type,reason",
    [
        (b'{"users": [', "application/json", "invalid JSON"),
        (b"<html><title>Hi</title></html>", "text/html", "expected JSON but got content-type text/html"),
        (b"[1, 2]", "application/json", "expected a JSON object"),
        (b'{"users": {"id": 1}}', "application/json", "expected a list under 'users'"),
        (b'{"users": null}', "application/json", "expected a list under 'users'"),
        (b'{"users": [{"id": 01}]}', "application/json", "invalid JSON"),
        (b'{"users": [{"id": 1}], "page": 1} {}', "application/json", "invalid JSON"),
        (b'{"users": [{"name": "\xff"}]}', "application/json", "invalid JSON"),
    ],
)
@pytest.mark.parametrize("params", [{}, {"limit": 10}], ids=["one page", "limit walk"])
async def test_malformed_success_bodies(sandbox, connector, body, content_type, reason, params):
    # One page is read in the pass that builds its records, a walk's pages as they arrive:
    # either way a bad body is the same typed error, naming the request.
    sandbox.push_body(body, content_type=content_type)
    with pytest.raises(InvalidResponseError) as caught:
        await connector.execute("users", "list", params)
    assert reason in str(caught.value)
    assert "GET /v2/users" in str(caught.value)
    assert isinstance(caught.value, HTTPClientError)


async def test_a_lying_content_encoding_is_an_invalid_response(sandbox, connector):
    sandbox.push_body(b'{"users": []}', gzip_header_without_gzip=True)
    with pytest.raises(InvalidResponseError, match="the response body could not be read"):
        await connector.users.list()


async def test_empty_success_body_is_an_empty_result(sandbox, connector):
    sandbox.push_body(b"")
    page = await connector.users.list()
    assert page.data == [] and page.meta["next_link"] is None


def test_reference_import_paths():
    assert reference_path.RateLimitError is RateLimitError
    assert issubclass(RateLimitError, HTTPStatusError) and issubclass(HTTPStatusError, HTTPClientError)
    assert issubclass(TimeoutError, builtins.TimeoutError)
