"""``HarvestSandbox``: a fake Harvest API v2 on 127.0.0.1, inside this package.

Test an agent offline, with no account and no network::

    with HarvestSandbox() as sandbox:
        connector = sandbox.connector()
        users = await connector.users.list()

It serves deterministic data for every entity with Harvest's real envelopes, pagination,
auth checks and error bodies, an OAuth token endpoint with expiring, rotating tokens, switches
for latency, 429s, 5xx, hangs and malformed bodies, and a log of every request it received.
It runs in this process on the connector's own runtime; nothing is installed or written.
"""

from __future__ import annotations

from typing import Any, Optional

from ... import _native
from .models import HarvestOauth20AuthConfig, HarvestPersonalAccessTokenAuthConfig

__all__ = ["HarvestSandbox"]


class HarvestSandbox:
    """A running fake Harvest. Options (all keyword, all optional): ``token``, ``account_id``,
    ``client_id``, ``client_secret``, ``refresh_token`` (what it accepts), ``access_token_ttl``
    (seconds), ``rotate_refresh_tokens``, ``time_entries`` and ``records_per_entity`` (how
    much data)."""

    def __init__(self, **options: Any) -> None:
        self._native = _native.Sandbox(**options)
        (self.token, self.account_id, self.client_id, self.client_secret, self.refresh_token) = self._native.credentials

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>/v2``: pass as ``base_url=``."""
        return self._native.base_url

    @property
    def id_url(self) -> str:
        """The fake Harvest ID host (OAuth token endpoint): pass as ``id_url=``."""
        return self._native.id_url

    def pat_config(self) -> HarvestPersonalAccessTokenAuthConfig:
        return HarvestPersonalAccessTokenAuthConfig(token=self.token, account_id=self.account_id)

    def oauth_config(self, refresh_token: Optional[str] = None) -> HarvestOauth20AuthConfig:
        return HarvestOauth20AuthConfig(
            client_id=self.client_id,
            client_secret=self.client_secret,
            refresh_token=refresh_token or self.refresh_token,
            account_id=self.account_id,
        )

    def connector(self, *, oauth: bool = False, **kwargs: Any) -> Any:
        """A ``HarvestConnector`` pointed at this sandbox (PAT by default)."""
        from .connector import HarvestConnector

        auth = self.oauth_config() if oauth else self.pat_config()
        return HarvestConnector(auth, base_url=self.base_url, id_url=self.id_url, **kwargs)

    def requests(self) -> list[dict[str, Any]]:
        """Every request received, oldest first: method, path, query, query_pairs, headers
        (lower-case names), body, at (seconds since start)."""
        return self._native.requests()

    def request_count(self) -> int:
        return self._native.request_count()

    def token_requests(self) -> int:
        return self._native.token_requests()

    def clear_requests(self) -> None:
        self._native.clear_requests()

    def set_latency(self, seconds: float) -> None:
        self._native.set_latency(seconds)

    def push_status(
        self,
        status: int,
        body: str = "",
        *,
        content_type: str = "application/json",
        retry_after: Optional[str] = None,
        times: int = 1,
    ) -> None:
        """The next ``times`` API requests get this status (e.g. 429 with ``retry_after``)."""
        self._native.push_status(status, body, content_type, retry_after, times)

    def push_body(
        self,
        body: bytes,
        *,
        status: int = 200,
        content_type: str = "application/json",
        gzip_header_without_gzip: bool = False,
    ) -> None:
        """The next API request gets this (malformed) body."""
        self._native.push_body(body, status, content_type, gzip_header_without_gzip)

    def push_hang(self) -> None:
        self._native.push_hang()

    def push_close_connection(self) -> None:
        self._native.push_close_connection()

    def clear_faults(self) -> None:
        self._native.clear_faults()

    def revoke_access_tokens(self) -> None:
        self._native.revoke_access_tokens()

    def set_rate_limit(self, limit: Optional[int], window: float = 15.0) -> None:
        self._native.set_rate_limit(limit, window)

    def close(self) -> None:
        self._native.shutdown()

    def __enter__(self) -> HarvestSandbox:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"HarvestSandbox(base_url={self.base_url!r})"
