"""``HarvestConnector``: the Python face of the Rust core."""

from __future__ import annotations

import os
import weakref

# typing is imported for real here (a few ms): the public methods' annotations must resolve
# with typing.get_type_hints, which frameworks use to turn a method into a tool schema.
from typing import Any, Awaitable, Callable, Iterable, Optional, TypeVar, Union

from ... import _bridge, _log, _native, tools
from ...errors import (
    AirbyteError,
    ConfigurationError,
    ExecutorError,
    HostedModeRequiredError,
    InvalidParameterError,
    WriteCancelledError,
    WritesDisabledError,
)
from ...translation import in_tool
from ...types import AirbyteAuthConfig
from . import hosted, models
from .models import (
    HarvestAuthConfig,
    HarvestOauth20AuthConfig,
    HarvestPersonalAccessTokenAuthConfig,
    HarvestReplicationConfig,
)
from .queries import build_queries
from .tool_description import describe as describe_tool

F = TypeVar("F", bound=Callable[..., Any])

TokenRefreshCallback = Callable[[dict[str, Any]], Union[None, Awaitable[None]]]
# Called with the preview of each write before it is sent; a false answer cancels it.
ConfirmWriteCallback = Callable[[dict[str, Any]], Union[bool, Awaitable[bool]]]
AllowWrites = Union[bool, str, Iterable[str]]

TYPE_CHECKING = False  # see airbyte_agent_sdk/__init__.py
if TYPE_CHECKING:
    from ._generated.queries import EntityQueries
    from .models import HarvestExecuteResult, HarvestExecuteResultWithMeta
else:
    # The typed query attributes (`connector.users: UsersQuery`, ...) are for type checkers:
    # the generated query_types defines a Protocol class per entity, and with typing and the result
    # envelopes its import costs more than all the rest of importing the connector.
    EntityQueries = object

_CATALOG: list[dict[str, Any]] = _native.catalog()

# Harvest's documented limits: 100 requests per 15 s, and 100 per 15 min under /reports/.
HARVEST_RATE_LIMIT = (100, 15.0)
HARVEST_REPORTS_RATE_LIMIT = (100, 900.0)


def _budget(name: str, value: Any) -> Optional[tuple[int, float]]:
    if value is None:
        return None
    try:
        requests, window = value
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be (requests, window_seconds) or None, got {value!r}") from None
    if isinstance(requests, bool) or not isinstance(requests, int) or isinstance(window, bool):
        raise TypeError(f"{name} must be (requests, window_seconds) with an int and a number, got {value!r}")
    return int(requests), float(window)


_ENTITIES: dict[str, dict[str, Any]] = {e["name"]: e for e in _CATALOG}

# Hosted connectors alive now: a tool decorated while one exists is told about the context
# store search, which only hosted mode serves (tool_utils is a class method and cannot see
# which connector the tool will call).
_HOSTED_CONNECTORS: weakref.WeakSet[HarvestConnector] = weakref.WeakSet()
# Local connectors that may write, alive now: the tool description lists the writes they
# enable (and only those), for the same reason.
_WRITING_CONNECTORS: weakref.WeakSet[HarvestConnector] = weakref.WeakSet()


# JSON-schema `format` of the catalogue kinds that have one.
_SCHEMA_FORMATS = {"date": "date", "datetime": "date-time"}


# Errors raised before any request: their tracebacks end at the caller's line.
_REFUSED_BEFORE_SENDING = (
    ExecutorError,
    ConfigurationError,
    HostedModeRequiredError,
    WritesDisabledError,
    WriteCancelledError,
)

# Seconds after which a local-store search refreshes its entity first.
DEFAULT_STORE_MAX_AGE = 300.0
# Seconds after which a local-store sync is a full one again (the only kind that sees deletions).
DEFAULT_STORE_FULL_SYNC_INTERVAL = 86_400.0


def _store_path(value: Any) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, (str, os.PathLike)):
        path = os.fspath(value)
        if isinstance(path, str) and path.strip():
            return path
    raise ConfigurationError(f"store must be None (in memory) or a file path, got {value!r}"[:200], {"field": "store"})


def _seconds(value: Any, field: str) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
        raise ConfigurationError(f"{field} must be a number of seconds >= 0 or None, got {value!r}", {"field": field})
    return float(value)


_TABLES: Optional[dict[str, dict[str, Any]]] = None


def _store_tables() -> dict[str, dict[str, Any]]:
    global _TABLES
    if _TABLES is None:
        _TABLES = {t["table"]: t for t in _native.Store.tables()}
    return _TABLES


def _allow_writes(value: Any) -> Union[bool, list[str]]:
    """``allow_writes`` as the core takes it: a bool, or a list of names (one string is one
    name). The names themselves are checked by the core against the catalogue."""
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if isinstance(value, str):
        return [value]
    try:
        names = list(value)
    except TypeError:
        raise ConfigurationError(
            f"allow_writes must be True, False or an iterable of 'entity' or 'entity.action' strings, "
            f"got {type(value).__name__}",
            {"field": "allow_writes"},
        ) from None
    bad = [n for n in names if not isinstance(n, str)]
    if bad:
        raise ConfigurationError(
            f"allow_writes must hold 'entity' or 'entity.action' strings, got {type(bad[0]).__name__}",
            {"field": "allow_writes"},
        )
    return names


def _param_schema(param: dict[str, Any]) -> dict[str, Any]:
    """One catalogue parameter as a JSON-schema property."""
    schema: dict[str, Any] = {
        "type": param["type"],
        "description": f"{param['description']} Accepts: {param['format']}.",
    }
    if "fields" in param:
        fields = param["fields"]
        nested: dict[str, Any] = {
            "type": "object",
            "additionalProperties": False,
            "properties": {f["name"]: _param_schema(f) for f in fields},
        }
        required = [f["name"] for f in fields if f["required"]]
        if required and not param.get("updates_by_id"):
            nested["required"] = required
        if param["type"] == "array":
            schema["items"] = nested
        else:
            schema.update({k: v for k, v in nested.items() if k != "type"})
    if "items" in param:
        schema["items"] = {k: v for k, v in param["items"].items() if k in ("type", "enum", "minimum")}
    for key in ("enum", "minimum", "maximum"):
        if key in param:
            schema[key] = param[key]
    if param["kind"] in _SCHEMA_FORMATS:
        schema["format"] = _SCHEMA_FORMATS[param["kind"]]
    if param["kind"] == "report_date":
        schema["pattern"] = r"^\d{4}-?\d{2}-?\d{2}$"
    if "aliases" in param:
        schema["x-aliases"] = param["aliases"]
    return schema


# What sync(progress=...) is given: (entity, records received so far, Harvest's count or None).
SyncProgressCallback = Callable[[str, int, Optional[int]], Any]


class _SyncWatcher:
    """Reads the store's progress while a sync runs (it is kept in Rust, updated as each page
    is stored) and hands each change to the caller's callback, from the caller's event loop."""

    _EVERY = 0.1

    def __init__(self, store: Any, callback: SyncProgressCallback) -> None:
        self._store = store
        self._callback = callback
        self._task: Optional[Any] = None
        self._error: Optional[BaseException] = None

    async def _call(self, entity: str, received: int, total: Optional[int]) -> None:
        if self._error is not None:
            return
        import inspect

        try:
            result = self._callback(entity, received, total)
            if inspect.isawaitable(result):
                await result
        except Exception as exc:  # raised once the sync is done: the sync itself goes on
            self._error = exc

    async def _watch(self) -> None:
        import asyncio

        last = None
        while True:
            now = self._store.progress()
            if now is not None and now != last:
                await self._call(*now)
            last = now
            await asyncio.sleep(self._EVERY)

    def start(self) -> None:
        import asyncio

        self._task = asyncio.ensure_future(self._watch())

    async def stop(self) -> None:
        import asyncio

        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass

    async def finish(self, report: dict[str, Any]) -> None:
        for entity, counts in report.items():
            received = int(counts.get("received", 0))
            await self._call(entity, received, received)
        if self._error is not None:
            raise self._error


class HarvestConnector(EntityQueries):
    """Harvest API v2 for agents and scripts.

    ``HarvestConnector(auth_config, on_token_refresh=None, *, base_url=None, id_url=None,
    user_agent=None, timeout=None, connect_timeout=None, read_timeout=None, max_attempts=None,
    rate_limit=(100, 15), reports_rate_limit=(100, 900), allow_writes=False,
    confirm_write=None, shared_state=None, store=None, store_max_age=300,
    store_full_sync_interval=86400)``

    - ``auth_config``: :class:`HarvestPersonalAccessTokenAuthConfig` or
      :class:`HarvestOauth20AuthConfig` (local mode: calls go to Harvest directly), or
      :class:`AirbyteAuthConfig` (hosted mode: calls go through the Airbyte API, see
      ``hosted.py``; ``base_url``/``id_url`` do not apply, ``$AIRBYTE_API_URL`` does).
    - ``on_token_refresh``: called (sync or async) with ``access_token``, ``token_type``,
      ``refresh_token`` and ``expires_in`` after every OAuth refresh; persist the refresh
      token from it if Harvest rotated it.
    - ``base_url`` (default ``$HARVEST_API_URL`` or ``https://api.harvestapp.com/v2``),
      ``id_url`` (default ``$HARVEST_ID_URL`` or ``https://id.getharvest.com``).
    - ``user_agent``: Harvest asks for ``AppName (contact)``; a default naming this package
      is sent otherwise.
    - ``timeout``: seconds for a whole call, retries included (default 60); ``read_timeout`` for
      one attempt, after which a hung request is retried (default 30); ``connect_timeout`` for
      opening a connection (default 10).
    - ``rate_limit`` / ``reports_rate_limit``: client-side budgets ``(requests, seconds)``,
      Harvest's ``(100, 15)`` and ``(100, 900)`` by default, shared by every connector of the
      process for the same API, account and credentials; calls wait for budget instead of
      failing. None turns a budget off.
    - ``max_attempts``: tries per call for transient failures (default 3). A ``POST`` or
      ``PATCH`` is sent again only when Harvest certainly did not act on it (connection
      refused, 429); otherwise its error has ``may_have_been_applied`` and ``how_to_check``.
    - ``allow_writes``: False (the default: read-only), True (every write), or an iterable of
      ``"entity"`` / ``"entity.action"`` names (``{"time_entries"}``); checked against the
      catalogue. A write it does not enable raises :class:`WritesDisabledError` and sends
      nothing.
    - ``confirm_write``: called (sync or async) with the preview of each write (what
      ``execute(..., dry_run=True)`` returns) before it is sent; a false answer raises
      :class:`WriteCancelledError` and sends nothing.
    - ``shared_state`` (default ``$HARVEST_SHARED_STATE``): a ``redis://host:6379/0`` URL for
      many processes on one account. The budgets are then kept in Redis, so all processes
      together stay within Harvest's limits; a ``Retry-After`` one of them receives pauses all
      of them; OAuth tokens are refreshed by one process for all (``on_token_refresh`` is
      called in that one), shared encrypted. If Redis cannot be reached, one warning is
      logged and each process keeps its own budgets at its part of the limit (divided by the
      processes last seen sharing it) until Redis answers again. Local mode only.
    - ``store``: local mode's store, which answers ``context_store_search`` and
      ``context_store_sql_query`` from a SQLite copy of the records (README, "Local store"):
      None (the default) keeps it in memory, created at its first use; a path keeps it in
      that file (mode 0600, shareable by processes), bound to the account of the
      credentials. ``store_max_age``: seconds after which a search first refreshes its entity
      with an incremental pull (default 300; None: never by itself, see :meth:`sync`).
      ``store_full_sync_interval``: seconds after which a sync (or refresh) reads the entity
      whole again, which is what finds records deleted in Harvest (default 86,400: daily;
      None: only ``sync(full=True)``).
    """

    #: The connector's name, as in ``connect("harvest")``.
    connector_name = "harvest"
    #: Version of this Harvest connector (its catalogue and behaviour): this package's version.
    connector_version = _native.__version__
    #: Version of the ``airbyte_agent_sdk`` package it belongs to (``airbyte_agent_sdk.SDK_VERSION``).
    #: The same number as ``connector_version``: here the SDK and the connector are one package.
    sdk_version = _native.__version__

    def __init__(
        self,
        auth_config: Any = None,
        on_token_refresh: Optional[TokenRefreshCallback] = None,
        *,
        base_url: Optional[str] = None,
        id_url: Optional[str] = None,
        user_agent: Optional[str] = None,
        timeout: Optional[float] = None,
        connect_timeout: Optional[float] = None,
        read_timeout: Optional[float] = None,
        max_attempts: Optional[int] = None,
        rate_limit: Optional[tuple[int, float]] = HARVEST_RATE_LIMIT,
        reports_rate_limit: Optional[tuple[int, float]] = HARVEST_REPORTS_RATE_LIMIT,
        allow_writes: AllowWrites = False,
        confirm_write: Optional[ConfirmWriteCallback] = None,
        shared_state: Optional[str] = None,
        store: Union[None, str, os.PathLike[str]] = None,
        store_max_age: Optional[float] = DEFAULT_STORE_MAX_AGE,
        store_full_sync_interval: Optional[float] = DEFAULT_STORE_FULL_SYNC_INTERVAL,
    ) -> None:
        if auth_config is None:
            raise ValueError(
                "Either provide AirbyteAuthConfig with client credentials for hosted mode, "
                "or HarvestAuthConfig for local mode"
            )
        self._hosted = hosted.is_airbyte_config(auth_config)
        if self._hosted:
            _HOSTED_CONNECTORS.add(self)
        if self._hosted:
            auth_config = hosted.as_airbyte_config(auth_config)
            if base_url is not None or id_url is not None:
                raise ConfigurationError(
                    "base_url and id_url address Harvest in local mode; in hosted mode calls go to the "
                    "Airbyte API (set AIRBYTE_API_URL to change it)",
                    {"field": "base_url" if base_url is not None else "id_url"},
                )
        elif not isinstance(auth_config, (HarvestOauth20AuthConfig, HarvestPersonalAccessTokenAuthConfig)):
            raise TypeError(
                f"Unsupported auth_config type: {type(auth_config).__name__}. Expected one of: "
                "HarvestOauth20AuthConfig, HarvestPersonalAccessTokenAuthConfig, AirbyteAuthConfig"
            )
        if shared_state is not None and not isinstance(shared_state, str):
            raise TypeError(f"shared_state must be a redis:// URL or None, got {type(shared_state).__name__}")
        if self._hosted and shared_state is not None:
            raise ConfigurationError(
                "shared_state shares budgets and tokens between processes that call Harvest directly; in "
                "hosted mode calls go to the Airbyte API",
                {"field": "shared_state"},
            )
        if on_token_refresh is not None and not callable(on_token_refresh):
            raise TypeError(f"on_token_refresh must be callable or None, got {type(on_token_refresh).__name__}")
        if confirm_write is not None and not callable(confirm_write):
            raise TypeError(f"confirm_write must be callable or None, got {type(confirm_write).__name__}")
        writes = _allow_writes(allow_writes)
        self._confirm_write = confirm_write
        for name, value in (("timeout", timeout), ("connect_timeout", connect_timeout), ("read_timeout", read_timeout)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                raise TypeError(f"{name} must be a number of seconds, got {type(value).__name__}")
        if max_attempts is not None and (
            isinstance(max_attempts, bool) or not isinstance(max_attempts, int) or max_attempts < 1
        ):
            raise ValueError(f"max_attempts must be a positive integer, got {max_attempts!r}")
        self._auth_config = auth_config
        self._on_token_refresh = on_token_refresh
        self._store: Optional[_native.Store] = None
        self._store_path = _store_path(store)
        self._store_max_age = _seconds(store_max_age, "store_max_age")
        self._store_full_sync_interval = _seconds(store_full_sync_interval, "store_full_sync_interval")
        if self._hosted and self._store_path is not None:
            raise ConfigurationError(
                "store keeps a local copy for local mode; in hosted mode context_store_search and "
                "context_store_sql_query are answered by Airbyte's context store",
                {"field": "store"},
            )
        if self._hosted:
            self._native = hosted.native_connector(
                auth_config,
                user_agent=user_agent,
                timeout=None if timeout is None else float(timeout),
                max_attempts=max_attempts,
            )
        else:
            self._native = _native.Connector(
                auth_config.model_dump(),
                base_url=base_url or os.environ.get("HARVEST_API_URL") or None,
                id_url=id_url or os.environ.get("HARVEST_ID_URL") or None,
                user_agent=user_agent,
                timeout=None if timeout is None else float(timeout),
                connect_timeout=None if connect_timeout is None else float(connect_timeout),
                read_timeout=None if read_timeout is None else float(read_timeout),
                max_attempts=max_attempts,
                rate_limit=_budget("rate_limit", rate_limit),
                reports_rate_limit=_budget("reports_rate_limit", reports_rate_limit),
                allow_writes=writes,
                shared_state=shared_state or os.environ.get("HARVEST_SHARED_STATE") or None,
            )
            if self._native.allowed_writes:
                _WRITING_CONNECTORS.add(self)
            if self._store_path is not None:
                # A file is opened now: a store of another account is refused at construction.
                self._open_store()
        for name, query in build_queries(self, _CATALOG).items():
            setattr(query, hosted.SEARCH_ACTION, hosted.search_method(self, name))
            setattr(query, hosted.SQL_ACTION, hosted.sql_query_method(self, name))
            setattr(self, name, query)

    def __repr__(self) -> str:
        if self._hosted:
            return (
                f"HarvestConnector(auth=AirbyteAuthConfig, api_url={self._native.base_url!r}, "
                f"workspace_name={self._native.workspace_name!r}, connector_id={self.connector_id!r})"
            )
        return f"HarvestConnector(auth={type(self._auth_config).__name__}, base_url={self._native.base_url!r})"

    @property
    def connector_id(self) -> Optional[str]:
        """The hosted connector id: as given, created, or found by the first call (None before
        it); always None in local (direct) mode."""
        return self._native.connector_id if self._hosted else None

    @property
    def base_url(self) -> str:
        return self._native.base_url

    @property
    def allowed_writes(self) -> list[str]:
        """What ``allow_writes`` enables: ``[]`` (read-only), ``["all"]``, or the names given.
        Always ``[]`` in hosted mode, which cannot write."""
        return [] if self._hosted else list(self._native.allowed_writes)

    async def execute(
        self,
        entity: str,
        action: str,
        params: Optional[dict[str, Any]] = None,
        *,
        select_fields: Optional[list[str]] = None,
        exclude_fields: Optional[list[str]] = None,
        skip_truncation: bool = True,
        dry_run: bool = False,
    ) -> Any:
        """Run ``action`` on ``entity``.

        Entity and action names are the catalogue's: :meth:`list_entities` lists them with their
        parameters (``entity_schema(name)`` for one), and the README has the table.

        A ``list`` returns :class:`HarvestExecuteResultWithMeta`: ``.data`` a list of dicts in
        Harvest's order, ``.meta`` a dict with ``next_link``, ``next_cursor``, ``has_more``,
        ``page``, ``per_page``, ``total_pages`` and ``total_entries``. It reads one page, or up to
        ``params["limit"]`` records across pages; ``{"cursor": meta["next_cursor"]}`` continues
        where a call stopped. Other actions return the object as a dict. Dates may be given as
        ``datetime.date`` and date-times as ``datetime.datetime`` (naive means UTC).

        ``select_fields`` keeps only the named fields of each record and ``exclude_fields``
        drops them; dotted paths reach into nested objects (``"project.name"``). Local mode
        applies them while the response is read (unknown names are refused, listing the
        entity's fields); hosted mode forwards them, and ``skip_truncation``, to the Airbyte
        API. Local mode never truncates, so ``skip_truncation`` changes nothing there.

        In hosted mode, ``context_store_search`` and ``context_store_sql_query`` return the
        API's ``{"data": [...], "meta": {...}}`` dict (the entity methods of the same names
        return typed results).

        Writes (``create``, ``update``, ``delete``, ``stop``, ...) need ``allow_writes``; they
        return Harvest's record, and ``delete`` returns ``{"deleted": True, "entity": ...,
        "id": ...}``. ``dry_run=True`` validates and returns the exact request instead of
        sending it (``method``, ``url``, ``query``, ``body``, ``headers`` with the credentials
        masked), for any action and even when writes are disabled; a tool whose model only
        controls ``params`` can put ``"dry_run": True`` there instead.

        Raises, before any request: :class:`EntityNotFoundError`,
        :class:`ActionNotSupportedError`, :class:`MissingParameterError` or
        :class:`InvalidParameterError` (all :class:`ValueError`; :class:`SqlNotAllowedError`
        for SQL that would change the local store), :class:`WritesDisabledError` for a write ``allow_writes`` does not
        enable and :class:`WriteCancelledError` when ``confirm_write`` says no. After sending:
        the :class:`HTTPClientError` family (:class:`AuthenticationError`,
        :class:`NotFoundError`, :class:`RateLimitError`, :class:`NetworkError`,
        :class:`TimeoutError`, ...); a write that failed after it may have reached Harvest has
        ``may_have_been_applied`` and ``how_to_check``.
        """
        if isinstance(params, dict) and isinstance(params.get("dry_run"), bool):
            params = dict(params)
            dry_run = params.pop("dry_run") or dry_run
        # Inside a tool whose own loop retries transient failures, send each request once:
        # two retry layers would multiply attempts (3 x 3) into a storm.
        attempts = 1 if tools.tool_retry_owner.get() else None
        options: dict[str, Any] = {"select_fields": select_fields, "exclude_fields": exclude_fields}
        if self._hosted:
            options["skip_truncation"] = skip_truncation
        try:
            if not isinstance(skip_truncation, bool):
                raise InvalidParameterError(
                    f"skip_truncation must be True or False, got {type(skip_truncation).__name__}",
                    {"param": "skip_truncation", "accepted": [True, False]},
                )
            if self._hosted:
                if dry_run and not _is_write(entity, action):
                    raise ConfigurationError(
                        "dry_run previews a request to Harvest, and hosted mode sends its calls to the Airbyte API; "
                        "use a connector with Harvest credentials to preview requests",
                        {"field": "dry_run"},
                    )
                # A write (dry run or not) is refused by the native side before any request.
                answer = await _bridge.call(self._native, entity, action, params, max_attempts=attempts, **options)
                return hosted.envelope(_action_shape(entity, action), action, answer)
            if action in hosted.CONTEXT_STORE_ACTIONS:
                if dry_run:
                    raise ConfigurationError(
                        f"dry_run previews a request to Harvest; {action} runs on the local store",
                        {"field": "dry_run"},
                    )
                return await self._store_call(action, entity, params)
            if dry_run:
                return self._native.preview(entity, action, params)
            if self._confirm_write is not None and _is_write(entity, action):
                await self._confirm(entity, action, params)
            if in_tool.get():
                # A tool's size check may be all that reads the records: keep them unbuilt.
                options["unbuilt"] = True
            try:
                value = await _bridge.call(self._native, entity, action, params, max_attempts=attempts, **options)
            finally:
                if self._on_token_refresh is not None:
                    await self._deliver_token_events()
        except (
            ExecutorError,
            ConfigurationError,
            HostedModeRequiredError,
            WritesDisabledError,
            WriteCancelledError,
        ) as exc:
            # Refused before sending: the traceback ends here, at the caller's call, instead of walking
            # through the bridge's frames that have nothing to say about the mistake.
            raise exc.with_traceback(None) from None
        if isinstance(value, tuple):
            data, meta = value
            if isinstance(data, _native.PageRecords):
                from ._results import UnbuiltListResult

                return UnbuiltListResult(records=data, meta=meta)
            return models.HarvestExecuteResultWithMeta(data=data, meta=meta)
        return value

    def _open_store(self) -> _native.Store:
        if self._store is None:
            store = _native.Store(self._store_path, self._auth_config.account_id)
            self._native.attach_store(store)
            self._store = store
        return self._store

    async def _store_call(self, action: str, entity: Any, params: Any) -> Any:
        self._open_store()
        native = self._native
        try:
            return await _bridge.run(
                native,
                lambda queue: native.submit_store(
                    queue,
                    action,
                    entity,
                    params,
                    max_age=self._store_max_age,
                    full_every=self._store_full_sync_interval,
                ),
            )
        finally:
            if self._on_token_refresh is not None:
                await self._deliver_token_events()

    @property
    def store_path(self) -> Optional[str]:
        """Local mode's store: its file path, ``":memory:"`` for the in-memory one, None in
        hosted mode."""
        if self._hosted:
            return None
        return self._store_path if self._store_path is not None else ":memory:"

    async def sync(
        self,
        entities: Optional[Iterable[str]] = None,
        full: bool = False,
        *,
        progress: Optional[SyncProgressCallback] = None,
    ) -> dict[str, Any]:
        """Pull Harvest's records into the local store now (local mode): every stored entity,
        or the ``entities`` named. An entity never synced, or ``full=True``, or whose last
        full sync is older than ``store_full_sync_interval``, is read whole (which also finds
        deletions); otherwise only what changed since the last sync (``updated_since``, with
        a safety overlap). Returns ``{entity: {added, updated, removed, received, requests,
        seconds, full, updated_since}}``. Progress is logged (logger ``airbyte_agent_sdk``)
        and, with ``progress``, given to ``progress(entity, received, total)`` (sync or
        async; ``total`` is Harvest's count, or None) as pages are stored, and once more per
        entity at its end. An exception it raises is raised once the sync is done."""
        if self._hosted:
            raise ConfigurationError(
                "sync() fills local mode's store; in hosted mode Airbyte replicates the data",
                {"field": "store"},
            )
        if not isinstance(full, bool):
            raise InvalidParameterError(
                f"full must be True or False, got {type(full).__name__}", {"param": "full", "accepted": [True, False]}
            )
        names: Optional[list[str]]
        if entities is None:
            names = None
        elif isinstance(entities, str):
            names = [entities]
        else:
            names = list(entities)
            bad = [n for n in names if not isinstance(n, str)]
            if bad:
                raise InvalidParameterError(
                    f"entities must be entity names (strings), got {type(bad[0]).__name__}", {"param": "entities"}
                )
        if progress is not None and not callable(progress):
            raise InvalidParameterError(
                f"progress must be a callable (entity, received, total), got {type(progress).__name__}",
                {"param": "progress"},
            )
        watcher = None if progress is None else _SyncWatcher(self._open_store(), progress)
        try:
            if watcher is not None:
                watcher.start()
            report: dict[str, Any] = await self._store_call("sync", None, {"entities": names, "full": full})
        except (ExecutorError, ConfigurationError) as exc:
            raise exc.with_traceback(None) from None
        finally:
            if watcher is not None:
                await watcher.stop()
        if watcher is not None:
            await watcher.finish(report)
        return report

    async def _confirm(self, entity: str, action: str, params: Any) -> None:
        """Ask ``confirm_write`` about the request; raise if it says no (nothing is sent)."""
        preview = self._native.preview(entity, action, params, check_writes=True)
        answer = self._confirm_write(preview)  # type: ignore[misc]
        import inspect  # here, not at the top: inspect costs ~15 ms of import time

        if inspect.isawaitable(answer):
            answer = await answer
        if not answer:
            raise WriteCancelledError(
                f"{entity}.{action} was cancelled by confirm_write; nothing was sent. The request it was shown "
                "is in details['preview'].",
                {"entity": entity, "action": action, "preview": preview},
            )

    async def _deliver_token_events(self) -> None:
        callback = self._on_token_refresh
        for event in self._native.take_token_events():
            try:
                result = callback(event)  # type: ignore[misc]
                import inspect  # here, not at the top: inspect costs ~15 ms of import time

                if inspect.isawaitable(result):
                    await result
            except Exception as exc:  # the refresh succeeded; report the callback's failure
                secrets = [v for v in event.values() if isinstance(v, str) and len(v) >= 4]
                text = str(exc)
                for secret in secrets:
                    text = text.replace(secret, "***")
                _log.logger().error("on_token_refresh callback raised %s: %s", type(exc).__name__, text)

    async def check(self) -> models.HarvestCheckResult:
        """One cheap request (one user record); never raises."""
        entity, action = "users", "list"
        try:
            await self.execute(entity, action, {"per_page": 1})
        except AirbyteError as exc:
            return models.HarvestCheckResult(
                status="unhealthy", error=str(exc), checked_entity=entity, checked_action=action
            )
        except Exception as exc:  # never raise, whatever went wrong
            return models.HarvestCheckResult(
                status="unhealthy", error=f"{type(exc).__name__}: {exc}", checked_entity=entity, checked_action=action
            )
        return models.HarvestCheckResult(status="healthy", checked_entity=entity, checked_action=action)

    def list_entities(self) -> list[dict[str, Any]]:
        """Every entity with its actions and their parameters (no I/O)."""
        return _entity_summaries()

    def entity_schema(self, entity: str) -> Optional[dict[str, Any]]:
        """JSON schema of one entity's actions and parameters, or None for an unknown entity.

        None, not an exception, because the reference documents ``if schema:`` for this case;
        the warning logged is the message :meth:`execute`'s :class:`EntityNotFoundError` has
        for the same name (they know the same names)."""
        found = _ENTITIES.get(entity) if isinstance(entity, str) else None
        if found is None:
            _log.logger().warning("%s", _unknown_entity_message(entity))
            return None
        schema: dict[str, Any] = {
            "type": "object",
            "x-airbyte-entity-name": found["name"],
            "description": found["description"],
            "actions": {
                a["name"]: {
                    "method": a["method"],
                    "host": a["host"],
                    "path": a["path"],
                    "description": a["description"],
                    "response": a["response"],
                    "pagination": a["pagination"],
                    "write": a["write"],
                    **({"sends": a["sends"]} if a["sends"] else {}),
                    "params": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {p["name"]: _param_schema(p) for p in a["parameters"]},
                        "required": [p["name"] for p in a["parameters"] if p["required"]],
                    },
                }
                for a in found["actions"]
            },
        }
        table = _store_tables().get(found["name"])
        if table is not None and not self._hosted:
            # What context_store_sql_query sees of this entity in the local store.
            schema["store"] = table
        return schema

    async def inspect_connector(self) -> dict[str, Any]:
        """What this connector offers, for an agent's first step.

        Local mode (no I/O): ``mode`` ``"local"``, ``docs_skill_id`` ``"local-connector-docs"``,
        ``name``, ``warnings`` (as the reference), plus ``version``, ``entities`` (each with its
        ``actions`` and ``description``), ``sections`` (what :meth:`read_skill_docs` takes) and
        ``writes_enabled``. Hosted mode: the Airbyte API's answer to ``GET
        /api/v1/integrations/connectors/{id}/inspect`` (with ``docs_skill_id``), the connector id
        looked up first if needed.

        Example::

            info = await connector.inspect_connector()
            print(info["docs_skill_id"], info.get("sections"))
        """
        if self._hosted:
            return await self._skill_docs().inspect()
        return {
            "mode": "local",
            "docs_skill_id": _agent_tools().LOCAL_DOCS_SKILL_ID,
            "name": self.connector_name,
            "warnings": [
                "Local connector: the entities and docs come from the catalogue it carries; no hosted "
                "inspection (readiness, replication) was made."
            ],
            "version": self.connector_version,
            "entities": [
                {"entity": e["name"], "actions": [a["name"] for a in e["actions"]], "description": e["description"]}
                for e in _CATALOG
            ],
            "sections": [f"entity:{name}" for name in _ENTITIES],
            "writes_enabled": self.allowed_writes,
            "next": (
                "read_skill_docs(section='entity:<name>') for an entity's parameters, "
                "then execute(entity, action, params)"
            ),
        }

    async def read_skill_docs(self, section: Optional[str] = None) -> str:
        """This connector's usage docs, as text.

        Without ``section``: the overview (every entity, action and parameter, results and
        paging; the text :meth:`tool_description` gives). With ``section``, one of
        ``inspect_connector()["sections"]`` (``"entity:time_entries"``; the bare entity name works
        too): that entity's actions with every parameter (type, required, accepted values), as
        JSON text. An unknown section raises :class:`InvalidParameterError` (a ``ValueError``)
        listing the sections. Hosted mode reads the Airbyte API's docs (``GET
        /api/v1/skills/docs?id=<docs_skill_id>&section=...``) and renders them as Markdown.

        Example::

            outline = await connector.read_skill_docs()
            details = await connector.read_skill_docs(section="entity:time_entries")
        """
        if self._hosted:
            return await self._skill_docs().read(section)
        if section is None or (isinstance(section, str) and not section.strip()):
            return self.tool_description(hosted=False, writes=self.allowed_writes or False)
        if not isinstance(section, str):
            raise InvalidParameterError(
                f"section must be a string, got {type(section).__name__}",
                {"param": "section", "accepted": [f"entity:{name}" for name in _ENTITIES]},
            )
        name = section.strip()
        name = name[len("entity:") :] if name.startswith("entity:") else name
        if name not in _ENTITIES:
            raise _agent_tools().unknown_section(section, list(_ENTITIES)).with_traceback(None)
        import json

        return json.dumps(self._entity_docs(name), ensure_ascii=False, separators=(",", ":"))

    def _entity_docs(self, name: str) -> dict[str, Any]:
        schema = self.entity_schema(name) or {}
        writes = set(self.allowed_writes)
        actions: dict[str, Any] = {}
        for action, spec in schema.get("actions", {}).items():
            required = set(spec["params"]["required"])
            actions[action] = {
                "request": f"{spec['method']} {spec['path']}",
                "description": spec["description"],
                "returns": spec["response"],
                "params": {
                    param: {
                        **{k: v for k, v in prop.items() if k in ("type", "enum", "minimum", "maximum", "format")},
                        "description": prop["description"],
                        **({"required": True} if param in required else {}),
                    }
                    for param, prop in spec["params"]["properties"].items()
                },
            }
            if spec["write"]:
                enabled = bool(writes & {"all", name, f"{name}.{action}"})
                actions[action]["write"] = "enabled" if enabled else "disabled (allow_writes does not enable it)"
        return {
            "section": f"entity:{name}",
            "entity": name,
            "description": schema.get("description"),
            "actions": actions,
        }

    def _skill_docs(self) -> Any:
        accessor = self.__dict__.get("_skill_docs_accessor")
        if accessor is None:
            accessor = _agent_tools().SkillDocsAccessor(self, docs_provider=hosted.DocsProvider(self._native))
            self._skill_docs_accessor = accessor
        return accessor

    @classmethod
    def agent_tool(
        cls,
        role: Optional[tools.AgentToolRole] = None,
        *,
        inspect_tool: Optional[str] = None,
        docs_tool: Optional[str] = None,
        max_output_chars: Union[int, None, tools.Unset] = tools.UNSET,
        framework: tools.FrameworkName = "none",
        internal_retries: int = 0,
        should_internal_retry: Optional[Callable[[BaseException, tuple, dict], bool]] = None,
        exhausted_runtime_failure_message: Optional[Callable[[BaseException, tuple, dict], Optional[str]]] = None,
    ) -> Callable[[F], F]:
        """Make an agent tool of your own function, one of three per connector (``execute``,
        ``inspect_connector``, ``read_skill_docs``). Always with parentheses.

        The role comes from the parameters (others may be added): ``(entity, action, ...)`` is
        execute, ``(section, ...)`` read_skill_docs, ``()`` inspect_connector; pass it
        (``agent_tool("execute")``) when the function takes ``*args``/``**kwargs``. The
        docstring gets the role's description: for execute, the entity/action signatures and
        the advice to read the docs first (``inspect_tool``/``docs_tool`` name the sibling
        tools in it). Failures become ``framework``'s signal (default ``"none"``:
        ``AirbyteToolError``); execute results over ``max_output_chars`` (default
        ``DEFAULT_MAX_OUTPUT_CHARS``; the docs tools: no limit) fail with advice on narrowing.
        ``internal_retries`` and the two callbacks work as for :meth:`tool_utils`.

        Usage::

            connector = HarvestConnector(...)

            @HarvestConnector.agent_tool()
            async def execute(entity: str, action: str, params: dict | None = None):
                return await connector.execute(entity, action, params or {})

            @HarvestConnector.agent_tool()
            async def inspect_connector():
                return await connector.inspect_connector()

            @HarvestConnector.agent_tool()
            async def read_skill_docs(section: str | None = None):
                return await connector.read_skill_docs(section)
        """
        agent_tools = _agent_tools()
        return agent_tools.agent_tool_decorator(  # type: ignore[no-any-return]
            agent_tools.signature_lines(_entity_summaries()),
            role,
            inspect_tool=inspect_tool,
            docs_tool=docs_tool,
            max_output_chars=max_output_chars,
            framework=framework,
            internal_retries=internal_retries,
            should_internal_retry=should_internal_retry,
            exhausted_runtime_failure_message=exhausted_runtime_failure_message,
        )

    @classmethod
    def tool_description(cls, *, hosted: Optional[bool] = None, writes: Optional[AllowWrites] = None) -> str:
        """What an agent is told about the Harvest tool (generated from the catalogue). It
        describes ``context_store_search`` over Airbyte's store for hosted mode, and over the
        local store (with ``context_store_sql_query`` and its tables) otherwise; writes only when enabled
        (only the enabled ones): by default, as the connectors alive in the process have them
        (the seed builds the connector before the tool). ``writes`` takes what
        ``allow_writes`` takes."""
        if hosted is None:
            hosted = len(_HOSTED_CONNECTORS) > 0
        if writes is None:
            enabled = sorted({name for c in list(_WRITING_CONNECTORS) for name in c.allowed_writes})
        else:
            given = _allow_writes(writes)
            enabled = (["all"] if given else []) if isinstance(given, bool) else given
        return describe_tool(_CATALOG, hosted=hosted, writes=enabled, store_tables=list(_store_tables()))

    @classmethod
    def tool_utils(
        cls,
        func: Optional[Callable[..., Any]] = None,
        *,
        update_docstring: bool = True,
        max_output_chars: Optional[int] = tools.DEFAULT_MAX_OUTPUT_CHARS,
        framework: Optional[str] = None,
        internal_retries: int = 0,
        should_internal_retry: Optional[Callable[[BaseException, tuple, dict], bool]] = None,
        exhausted_runtime_failure_message: Optional[Callable[[BaseException, tuple, dict], Optional[str]]] = None,
    ) -> Any:
        """Make an agent tool of a function that calls this connector. Use bare or with arguments:
        ``@HarvestConnector.tool_utils`` / ``@HarvestConnector.tool_utils(framework="openai_agents")``.

        - Appends the generated description of every entity, action and parameter to the
          docstring (once; ``update_docstring=False`` keeps the docstring as is).
        - Fails a call whose JSON result exceeds ``max_output_chars`` (None or 0: no limit) with
          advice on narrowing the query.
        - Turns failures into the running framework's signal: with ``framework=None``, one
          exception that is Pydantic AI's ``ModelRetry``, LangChain's ``ToolException`` and
          FastMCP's ``ToolError`` at once (whichever are loaded), so each framework handles it
          natively; ``"openai_agents"`` returns the message string; ``"none"`` raises
          ``AirbyteToolError``. A signal the tool raises itself passes through.
        - ``internal_retries`` retries transient failures (429, 5xx, network, timeouts) with
          backoff honouring ``retry_after``; ``should_internal_retry(err, args, kwargs)`` can veto
          a retry and ``exhausted_runtime_failure_message(err, args, kwargs)`` can replace the
          final message.
        - Keeps the function's name, signature and sync/async nature; logs each failure once at
          WARNING, without a traceback.
        """
        return tools.tool_utils(
            func,
            description=cls.tool_description(),
            update_docstring=update_docstring,
            max_output_chars=max_output_chars,
            framework=framework,
            internal_retries=internal_retries,
            should_internal_retry=should_internal_retry,
            exhausted_runtime_failure_message=exhausted_runtime_failure_message,
        )

    @classmethod
    async def create(
        cls,
        *,
        airbyte_config: AirbyteAuthConfig,
        auth_config: Optional[HarvestAuthConfig] = None,
        server_side_oauth_secret_id: Optional[str] = None,
        name: Optional[str] = None,
        replication_config: Optional[Union[HarvestReplicationConfig, dict[str, Any]]] = None,
        source_template_id: Optional[str] = None,
        user_agent: Optional[str] = None,
        timeout: Optional[float] = None,
        max_attempts: Optional[int] = None,
    ) -> HarvestConnector:
        """Create the workspace's Harvest connector in Airbyte (``POST
        /api/v1/integrations/connectors``) and return a hosted connector bound to it
        (``connector_id`` set, same application token).

        Give Harvest credentials as ``auth_config`` (sent to Airbyte, which stores them), or the
        ``server_side_oauth_secret_id`` of your own OAuth flow, not both.
        ``airbyte_config.workspace_name`` is required; ``name`` defaults to
        ``"harvest - <workspace>"``. Not retried (a retry could create a second connector).
        """
        return await hosted.create(
            lambda config: cls(auth_config=config, user_agent=user_agent, timeout=timeout, max_attempts=max_attempts),
            airbyte_config=airbyte_config,
            auth_config=auth_config,
            server_side_oauth_secret_id=server_side_oauth_secret_id,
            name=name,
            replication_config=replication_config,
            source_template_id=source_template_id,
        )

    @classmethod
    async def get_consent_url(
        cls,
        *,
        airbyte_config: AirbyteAuthConfig,
        redirect_url: str,
        name: Optional[str] = None,
        replication_config: Optional[Union[HarvestReplicationConfig, dict[str, Any]]] = None,
        source_template_id: Optional[str] = None,
    ) -> str:
        """Step 1 of "bring your own OAuth flow": a Harvest consent URL for your user (``POST
        /api/v1/integrations/connectors/oauth/initiate``). After consent, Airbyte creates the
        connector and redirects to ``redirect_url?connector_id=...``: build the connector with
        ``AirbyteAuthConfig(..., connector_id=...)``. ``airbyte_config.workspace_name`` is
        required."""
        return await hosted.get_consent_url(
            airbyte_config=airbyte_config,
            redirect_url=redirect_url,
            name=name,
            replication_config=replication_config,
            source_template_id=source_template_id,
        )

    async def close(self) -> None:
        """Abort calls in flight (they raise ConnectorClosedError) and release connections.
        Idempotent; a later call opens new connections."""
        self._native.close()

    async def __aenter__(self) -> HarvestConnector:
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.close()


def _entity_summaries() -> list[dict[str, Any]]:
    """``list_entities()``: each entity's name, description, actions and their parameters."""
    return [
        {
            "entity_name": entity["name"],
            "description": entity["description"],
            "available_actions": [a["name"] for a in entity["actions"]],
            "parameters": {a["name"]: [dict(p) for p in a["parameters"]] for a in entity["actions"] if a["parameters"]},
        }
        for entity in _CATALOG
    ]


def _agent_tools() -> Any:
    """The progressive tools module, imported at first use (dataclasses and asyncio are not
    needed to import or construct a connector)."""
    from ... import agent_tools

    return agent_tools


def _unknown_entity_message(entity: Any) -> str:
    """The message of ``execute``'s EntityNotFoundError for ``entity`` (the core's wording; a
    test holds the two together)."""
    import json

    shown = json.dumps(entity, ensure_ascii=False) if isinstance(entity, str) else f"<{type(entity).__name__}>"
    return f"Unknown entity {shown}. Valid entities: {', '.join(_ENTITIES)}."


def _is_write(entity: Any, action: Any) -> bool:
    if not isinstance(entity, str) or not isinstance(action, str):
        return False
    for candidate in _ENTITIES.get(entity, {}).get("actions", ()):
        if candidate["name"] == action:
            return bool(candidate["write"])
    return False


def _action_shape(entity: str, action: str) -> Optional[str]:
    """``list`` or ``object`` from the catalogue (None for actions outside it)."""
    for candidate in _ENTITIES.get(entity, {}).get("actions", ()):
        if candidate["name"] == action:
            return candidate["response"]
    return None


__all__ = ["HarvestConnector", "HarvestExecuteResult", "HarvestExecuteResultWithMeta"]

if not TYPE_CHECKING:
    # The envelopes this module re-exports, imported at first access (see models).
    _FROM_MODELS = frozenset({"HarvestCheckResult", "HarvestExecuteResult", "HarvestExecuteResultWithMeta"})

    def __getattr__(name: str):
        if name in _FROM_MODELS:
            return getattr(models, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
