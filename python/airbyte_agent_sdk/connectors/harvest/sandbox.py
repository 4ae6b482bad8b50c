"""``HarvestSandbox``: a fake Harvest API v2 on 127.0.0.1, inside this package.

Test an agent offline, with no account and no network::

    with HarvestSandbox() as sandbox:
        connector = sandbox.connector()
        users = await connector.users.list()

It serves deterministic data for every entity with Harvest's real envelopes, pagination,
auth checks and error bodies, an OAuth token endpoint with expiring, rotating tokens, switches
for latency, 429s, 5xx, hangs and malformed bodies, and a log of every request it received. It
also accepts every documented write (creates, updates, deletes, timers, invoice and estimate
state changes, payments, receipts) with Harvest's rules, and its reads see them.
It runs in this process on the connector's own runtime; nothing is installed or written.

It also runs as a process of its own, for benchmarks or tools in other languages::

    python -m airbyte_agent_sdk.connectors.harvest.sandbox [--port N] [--time-entries N]
        [--rate-limit N/SECONDS] [--token T] [--account-id A]

prints ``<base_url> <id_url>`` as the first line of stdout and serves until stdin closes (or
SIGTERM/SIGINT); it then prints ``{"requests": <count>}`` and exits.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from typing import Any, Callable, Optional, Sequence

from ... import _native
from .models import HarvestOauth20AuthConfig, HarvestPersonalAccessTokenAuthConfig

__all__ = ["HarvestSandbox"]


class HarvestSandbox:
    """A running fake Harvest. Options (all keyword, all optional): ``token``, ``account_id``,
    ``client_id``, ``client_secret``, ``refresh_token`` (what it accepts), ``access_token_ttl``
    (seconds), ``rotate_refresh_tokens``, ``time_entries`` and ``records_per_entity`` (how
    much data), ``wants_timestamp_timers`` (the company's timer mode: ``False``, the default,
    tracks durations with ``hours``; ``True`` start and end times with ``started_time`` and
    ``ended_time``; a time entry written in the other form gets Harvest's 422), and ``port`` (on
    127.0.0.1; default 0, a free one)."""

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
        """A ``HarvestConnector`` pointed at this sandbox (PAT by default), without client-side
        rate limits unless ``rate_limit=``/``reports_rate_limit=`` are given."""
        from .connector import HarvestConnector

        auth = self.oauth_config() if oauth else self.pat_config()
        # The fake enforces no limit unless set_rate_limit() was called: no client budget either,
        # unless asked for.
        kwargs.setdefault("rate_limit", None)
        kwargs.setdefault("reports_rate_limit", None)
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
        after_apply: bool = False,
    ) -> None:
        """The next ``times`` API requests get this status (e.g. 429 with ``retry_after``) instead
        of being handled.

        With ``after_apply=True`` the fault waits for the next ``times`` writes (POST, PATCH,
        DELETE; reads pass untouched): each write is applied and kept, then answered with this
        status, so a client that re-sends it would create a duplicate."""
        self._native.push_status(status, body, content_type, retry_after, times, after_apply)

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

    def push_close_connection(self, *, after_apply: bool = False) -> None:
        """The next API request's connection is dropped without an answer. With
        ``after_apply=True``: the next write's, after the write was applied and kept."""
        self._native.push_close_connection(after_apply)

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


def _rate_limit(text: str) -> tuple[int, float]:
    """``N/SECONDS``, e.g. ``100/15`` (Harvest's own limit) or ``20/1``."""
    count, _, window = text.partition("/")
    try:
        limit, seconds = int(count), float(window or "1")
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected N/SECONDS such as 100/15, got {text!r}") from None
    if limit < 0 or not 0 < seconds <= 86_400:
        raise argparse.ArgumentTypeError(f"expected N >= 0 and 0 < SECONDS <= 86400, got {text!r}")
    return limit, seconds


class _Stop(Exception):
    pass


def _stop(signum: int, frame: Any) -> None:
    raise _Stop


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of a sandbox process (shared with ``harvest-agent sandbox``)."""
    parser.add_argument(
        "--port", type=_port, default=0, metavar="N", help="127.0.0.1 port to listen on (default: a free one)"
    )
    parser.add_argument("--time-entries", type=int, metavar="N", help="number of generated time entries")
    parser.add_argument("--records-per-entity", type=int, metavar="N", help="records of every other entity")
    parser.add_argument("--rate-limit", type=_rate_limit, metavar="N/SECONDS", help="429 past N requests per window")
    parser.add_argument("--token", help="the personal access token it accepts")
    parser.add_argument("--account-id", help="the Harvest-Account-Id it requires")
    parser.add_argument(
        "--timestamp-timers", action="store_true", help="the company tracks start and end times, not durations"
    )


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65_535:
        raise argparse.ArgumentTypeError(f"expected a port number 0..65535 (0: a free one), got {text!r}")
    return port


def _print_request_count(count: int) -> None:
    print(json.dumps({"requests": count}), flush=True)


def serve(
    args: argparse.Namespace,
    announce: Callable[[HarvestSandbox], None],
    summary: Callable[[int], None] = _print_request_count,
) -> int:
    """Start a sandbox from ``add_arguments``' options, call ``announce`` with it, serve until
    stdin closes (or SIGTERM/SIGINT), then call ``summary`` with the number of requests served
    (by default it prints ``{"requests": <count>}``)."""
    options = {
        "port": args.port,
        "time_entries": args.time_entries,
        "records_per_entity": args.records_per_entity,
        "token": args.token,
        "account_id": args.account_id,
        "wants_timestamp_timers": args.timestamp_timers or None,
    }
    sandbox = HarvestSandbox(**{k: v for k, v in options.items() if v is not None})
    try:
        if args.rate_limit is not None:
            sandbox.set_rate_limit(*args.rate_limit)
        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        announce(sandbox)
        try:
            if sys.stdin is None:  # started without a stdin: only a signal stops it
                while True:
                    signal.pause()
            while os.read(sys.stdin.fileno(), 65536):  # serve until EOF
                pass
        except _Stop:
            pass
        try:
            summary(sandbox.request_count())
        except BrokenPipeError:  # nobody is reading any more
            pass
    finally:
        sandbox.close()
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m airbyte_agent_sdk.connectors.harvest.sandbox",
        description="Serve a fake Harvest on 127.0.0.1 until stdin closes (or SIGTERM/SIGINT). "
        "The first line of stdout is '<base_url> <id_url>'.",
    )
    add_arguments(parser)
    return serve(parser.parse_args(argv), lambda sandbox: print(sandbox.base_url, sandbox.id_url, flush=True))


if __name__ == "__main__":
    sys.exit(main())
