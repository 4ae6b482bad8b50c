"""Native core (Rust). Private: use ``airbyte_agent_sdk.connectors.harvest``."""

from collections.abc import Mapping
from typing import Any, Optional, Union

from typing_extensions import final

__all__ = [
    "__version__",
    "DEFAULT_USER_AGENT",
    "DEFAULT_BASE_URL",
    "DEFAULT_ID_URL",
    "catalog",
    "parse_json",
    "dumps_json",
    "json_size",
    "take_log_records",
    "CompletionQueue",
    "PageRecords",
    "Connector",
    "Sandbox",
    "Store",
    "DEFAULT_API_URL",
    "HostedConnector",
    "hosted_only_error",
    "connector_definition_id",
]

__version__: str
DEFAULT_USER_AGENT: str
DEFAULT_BASE_URL: str
DEFAULT_ID_URL: str

def catalog() -> list[dict[str, Any]]: ...
def parse_json(body: bytes) -> Any: ...
def dumps_json(value: object) -> Optional[str]: ...
def json_size(value: object, preview: int) -> Optional[tuple[int, str]]: ...
def take_log_records() -> tuple[list[tuple[int, str]], int]: ...

@final
class CompletionQueue:
    def __new__(cls, wake_fd: int) -> CompletionQueue: ...
    def drain(self) -> list[tuple[int, bool, Any]]: ...

@final
class PageRecords:
    """A list call's records, unbuilt (``Connector.submit(..., unbuilt=True)``)."""

    @property
    def built(self) -> bool: ...
    def records(self) -> list[dict[str, Any]]: ...
    def json_size(self, meta: Any, preview: int) -> Optional[tuple[int, str]]: ...

@final
class Connector:
    def __new__(
        cls,
        auth: dict[str, str],
        *,
        base_url: Optional[str] = None,
        id_url: Optional[str] = None,
        user_agent: Optional[str] = None,
        timeout: Optional[float] = None,
        connect_timeout: Optional[float] = None,
        read_timeout: Optional[float] = None,
        max_attempts: Optional[int] = None,
        rate_limit: Optional[tuple[int, float]] = None,
        reports_rate_limit: Optional[tuple[int, float]] = None,
        allow_writes: Union[bool, list[str], None] = None,
        shared_state: Optional[str] = None,
    ) -> Connector: ...
    def preview(self, entity: Any, action: Any, params: Any, *, check_writes: bool = False) -> dict[str, Any]: ...
    def allows(self, entity: str, action: str) -> bool: ...
    @property
    def allowed_writes(self) -> list[str]: ...
    def submit(
        self,
        queue: CompletionQueue,
        entity: Any,
        action: Any,
        params: Any,
        *,
        max_attempts: Optional[int] = None,
        select_fields: Any = None,
        exclude_fields: Any = None,
        unbuilt: bool = False,
    ) -> int: ...
    def attach_store(self, store: Store) -> None: ...
    def submit_store(
        self,
        queue: CompletionQueue,
        action: str,
        entity: Optional[str],
        params: Any,
        *,
        max_age: Optional[float] = None,
        full_every: Optional[float] = None,
    ) -> int: ...
    def cancel(self, call_id: int) -> bool: ...
    def close(self) -> int: ...
    def in_flight(self) -> int: ...
    def take_token_events(self) -> list[dict[str, Any]]: ...
    @property
    def base_url(self) -> str: ...
    @property
    def id_url(self) -> str: ...
    @property
    def user_agent(self) -> str: ...
    @property
    def timeout(self) -> float: ...

@final
class Sandbox:
    def __new__(
        cls,
        *,
        token: Optional[str] = None,
        account_id: Optional[str] = None,
        client_id: Optional[str] = None,
        client_secret: Optional[str] = None,
        refresh_token: Optional[str] = None,
        access_token_ttl: Optional[int] = None,
        rotate_refresh_tokens: bool = True,
        time_entries: Optional[int] = None,
        records_per_entity: Optional[int] = None,
        wants_timestamp_timers: bool = False,
        port: int = 0,
    ) -> Sandbox: ...
    @property
    def base_url(self) -> str: ...
    @property
    def id_url(self) -> str: ...
    @property
    def port(self) -> int: ...
    @property
    def credentials(self) -> tuple[str, str, str, str, str]: ...
    def requests(self) -> list[dict[str, Any]]: ...
    def request_count(self) -> int: ...
    def token_requests(self) -> int: ...
    def clear_requests(self) -> None: ...
    def set_latency(self, seconds_: float) -> None: ...
    def push_status(
        self,
        status: int,
        body: Optional[str] = None,
        content_type: Optional[str] = None,
        retry_after: Optional[str] = None,
        times: int = 1,
        after_apply: bool = False,
    ) -> None: ...
    def push_body(
        self,
        body: bytes,
        status: int = 200,
        content_type: Optional[str] = None,
        gzip_header_without_gzip: bool = False,
    ) -> None: ...
    def push_hang(self) -> None: ...
    def push_close_connection(self, after_apply: bool = False) -> None: ...
    def clear_faults(self) -> None: ...
    def revoke_access_tokens(self) -> None: ...
    def set_rate_limit(self, limit: Optional[int] = None, window: float = 15.0) -> None: ...
    def shutdown(self) -> None: ...

# ---- The local store (SQLite) ----

@final
class Store:
    def __new__(cls, path: Optional[str], account_id: str) -> Store: ...
    @property
    def path(self) -> str: ...
    def progress(self) -> Optional[tuple[str, int, Optional[int]]]: ...
    @staticmethod
    def tables() -> list[dict[str, Any]]: ...

# ---- Hosted mode (the Airbyte API executor) ----

DEFAULT_API_URL: str

def hosted_only_error(entity: Any, action: Any) -> Optional[Exception]: ...
def connector_definition_id(name: str) -> str: ...

@final
class HostedConnector:
    def __new__(
        cls,
        connector_name: str,
        *,
        client_id: Optional[str] = None,
        client_secret: Optional[str] = None,
        workspace_name: Optional[str] = None,
        organization_id: Optional[str] = None,
        connector_id: Optional[str] = None,
        api_url: Optional[str] = None,
        user_agent: Optional[str] = None,
        timeout: Optional[float] = None,
        max_attempts: Optional[int] = None,
    ) -> HostedConnector: ...
    def submit(
        self,
        queue: CompletionQueue,
        entity: Any,
        action: Any,
        params: Any,
        *,
        max_attempts: Optional[int] = None,
        select_fields: Any = None,
        exclude_fields: Any = None,
        skip_truncation: bool = True,
    ) -> int: ...
    def submit_create(
        self,
        queue: CompletionQueue,
        *,
        name: Optional[str] = None,
        credentials: Optional[Mapping[str, Any]] = None,
        replication_config: Optional[Mapping[str, Any]] = None,
        server_side_oauth_secret_id: Optional[str] = None,
        source_template_id: Optional[str] = None,
    ) -> int: ...
    def submit_consent_url(
        self,
        queue: CompletionQueue,
        redirect_url: str,
        *,
        name: Optional[str] = None,
        replication_config: Optional[Mapping[str, Any]] = None,
        source_template_id: Optional[str] = None,
    ) -> int: ...
    def submit_inspect(self, queue: CompletionQueue) -> int: ...
    def submit_skill_docs(self, queue: CompletionQueue, id: str, section: Optional[str] = None) -> int: ...  # noqa: A002 - the API's name
    def cancel(self, call_id: int) -> bool: ...
    def close(self) -> int: ...
    def in_flight(self) -> int: ...
    def take_token_events(self) -> list[dict[str, Any]]: ...
    @property
    def connector_id(self) -> Optional[str]: ...
    @property
    def base_url(self) -> str: ...
    @property
    def workspace_name(self) -> str: ...
    @property
    def organization_id(self) -> Optional[str]: ...
    @property
    def definition_id(self) -> str: ...
    @property
    def user_agent(self) -> str: ...
    @property
    def timeout(self) -> float: ...
