"""A fake Airbyte API on 127.0.0.1 for the hosted-mode tests.

It speaks the protocol of reference-sdk.md §9: application tokens, connector lookup by
workspace and definition id, execute, create, and the OAuth initiate step. Execute forwards to
the fake Harvest (``HarvestSandbox``) by running a local-mode ``HarvestConnector`` with the
connector's stored credentials on the fake's own event-loop thread, and answers
``{"result": ..., "connector_metadata": ...}``. ``context_store_search`` is answered from the
same data by a small evaluator of the query language.

Every request is logged (route, method, path, query, lower-case headers, JSON body) for
assertions, and faults can be queued per route: a status with a body and headers, a dropped
connection, an answer without ``result``, latency. Everything is bounded: the server runs in
daemon threads, idle connections time out, forwarded calls have a deadline, and ``close()``
stops it all.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional
from urllib.parse import parse_qs, urlencode, urlsplit

from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.connectors.harvest.models import (
    HarvestOauth20AuthConfig,
    HarvestPersonalAccessTokenAuthConfig,
)
from airbyte_agent_sdk.connectors.harvest.sandbox import HarvestSandbox
from airbyte_agent_sdk.errors import AirbyteError

HARVEST_DEFINITION_ID = "fe2b4084-3386-4d3b-9ad6-308f61a6f1e6"
TOKEN_PATH = "/api/v1/account/applications/token"
CONNECTORS_PATH = "/api/v1/integrations/connectors"
INITIATE_PATH = "/api/v1/integrations/connectors/oauth/initiate"
EXECUTE_PATH = re.compile(r"^/api/v1/integrations/connectors/([^/]+)/execute$")
INSPECT_PATH = re.compile(r"^/api/v1/integrations/connectors/([^/]+)/inspect$")
SKILL_DOCS_PATH = "/api/v1/skills/docs"
# The sections of the fake's connector docs (GET /api/v1/skills/docs?id=...&section=...).
DOC_SECTIONS = {
    "entity:users": [
        {"type": "paragraph", "text": "Users of the Harvest account."},
        {"type": "table", "headers": ["action", "params"], "rows": [["list", "is_active, per_page"], ["get", "id"]]},
    ],
    "entity:time_entries": [
        {"type": "list", "items": ["list(from, to, user_id, per_page)", "get(id)"]},
        {"type": "code", "language": "python", "code": 'await h.execute("time_entries", "list", {"per_page": 5})'},
    ],
}
FORWARD_TIMEOUT = 15.0


class FakeAirbyte:
    """The fake. ``client_id``/``client_secret`` are the application credentials it accepts;
    ``token_ttl`` is the ``expires_in`` it issues (None: left out of the answer)."""

    def __init__(
        self,
        sandbox: HarvestSandbox,
        *,
        client_id: str = "airbyte-app-id",
        client_secret: str = "airbyte-app-SECRET-5b9e",
        token_ttl: Optional[float] = 900,
    ) -> None:
        self.sandbox = sandbox
        self.client_id = client_id
        self.client_secret = client_secret
        self.token_ttl = token_ttl
        self.connectors: dict[str, dict[str, Any]] = {}
        self.consents: dict[str, dict[str, Any]] = {}
        self.issued_tokens: list[str] = []
        self._valid_tokens: set[str] = set()
        self._log: list[dict[str, Any]] = []
        self._faults: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._closing = threading.Event()
        #: Unexpected exceptions in request handlers (a test can assert there are none).
        self.handler_errors: list[BaseException] = []
        self._local: dict[str, HarvestConnector] = {}
        self._loop = asyncio.new_event_loop()
        self._loop_thread = threading.Thread(target=self._loop.run_forever, name="fake-airbyte-loop", daemon=True)
        self._loop_thread.start()
        self._server = _Server(("127.0.0.1", 0), _handler_for(self))
        self._server.fake = self
        self._server_thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-airbyte", daemon=True
        )
        self._server_thread.start()

    # ---- setup -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def add_connector(
        self,
        workspace_name: str,
        *,
        credentials: Optional[dict[str, str]] = None,
        connector_id: Optional[str] = None,
        definition_id: str = HARVEST_DEFINITION_ID,
        name: Optional[str] = None,
    ) -> str:
        """A connector in ``workspace_name`` (by default with the sandbox's PAT)."""
        connector_id = connector_id or str(uuid.uuid4())
        with self._lock:
            self.connectors[connector_id] = {
                "id": connector_id,
                "name": name or f"harvest - {workspace_name}",
                "workspace_name": workspace_name,
                "definition_id": definition_id,
                "credentials": credentials or self.sandbox.pat_config().model_dump(),
            }
        return connector_id

    def push_fault(
        self,
        route: str,
        status: Optional[int] = None,
        body: Any = None,
        *,
        headers: Optional[dict[str, str]] = None,
        times: int = 1,
        drop: bool = False,
        missing_result: bool = False,
        delay: float = 0.0,
    ) -> None:
        """The next ``times`` requests on ``route`` (token, lookup, execute, create, initiate)
        get ``status`` with ``body`` (a dict is sent as JSON), or a dropped connection, or an
        execute answer without ``result``; ``delay`` seconds first."""
        with self._lock:
            self._faults.append(
                {
                    "route": route,
                    "status": status,
                    "body": body,
                    "headers": headers or {},
                    "times": times,
                    "drop": drop,
                    "missing_result": missing_result,
                    "delay": delay,
                }
            )

    def revoke_tokens(self) -> None:
        """Every application token issued so far stops working (401)."""
        with self._lock:
            self._valid_tokens.clear()

    def complete_consent(self, consent_url: str) -> str:
        """What happens when the user consents: Airbyte creates the connector and redirects to
        the app's ``redirect_url`` with ``connector_id``. Returns that callback URL."""
        state = parse_qs(urlsplit(consent_url).query)["state"][0]
        consent = self.consents.pop(state)
        connector_id = self.add_connector(consent["workspace_name"], name=consent.get("name"))
        return f"{consent['redirect_url']}?{urlencode({'connector_id': connector_id})}"

    # ---- inspection ----------------------------------------------------------------------

    def requests(self, route: Optional[str] = None) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self._log if route is None or r["route"] == route]

    def clear_requests(self) -> None:
        with self._lock:
            self._log.clear()

    # ---- lifetime --------------------------------------------------------------------------

    def close(self) -> None:
        self._closing.set()  # ends injected delays at once
        self._server.shutdown()
        self._server.server_close()
        self._server_thread.join(timeout=5)
        for connector in self._local.values():
            asyncio.run_coroutine_threadsafe(connector.close(), self._loop).result(timeout=5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._loop_thread.join(timeout=5)
        self._loop.close()

    def __enter__(self) -> FakeAirbyte:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    # ---- request handling (server threads) ------------------------------------------------

    def _take_fault(self, route: str) -> Optional[dict[str, Any]]:
        with self._lock:
            for fault in self._faults:
                if fault["route"] == route:
                    fault["times"] -= 1
                    if fault["times"] <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def _issue_token(self) -> str:
        with self._lock:
            token = f"app-token-{len(self.issued_tokens) + 1}-{uuid.uuid4().hex[:8]}"
            self.issued_tokens.append(token)
            self._valid_tokens.add(token)
            return token

    def _authorized(self, headers: dict[str, str]) -> bool:
        value = headers.get("authorization", "")
        with self._lock:
            return value.startswith("Bearer ") and value[len("Bearer ") :] in self._valid_tokens

    def _local_connector(self, connector: dict[str, Any]) -> HarvestConnector:
        with self._lock:
            return self._local_connector_locked(connector)

    def _local_connector_locked(self, connector: dict[str, Any]) -> HarvestConnector:
        cached = self._local.get(connector["id"])
        if cached is None:
            credentials = connector["credentials"]
            auth = (
                HarvestPersonalAccessTokenAuthConfig(**credentials)
                if "token" in credentials
                else HarvestOauth20AuthConfig(**credentials)
            )
            cached = HarvestConnector(auth, base_url=self.sandbox.base_url, id_url=self.sandbox.id_url, max_attempts=1)
            self._local[connector["id"]] = cached
        return cached

    def _forward(self, connector: dict[str, Any], entity: str, action: str, params: Any) -> Any:
        if self._closing.is_set():
            raise ConnectionAbortedError("the fake is shutting down")
        local = self._local_connector(connector)
        future = asyncio.run_coroutine_threadsafe(local.execute(entity, action, params), self._loop)
        return future.result(timeout=FORWARD_TIMEOUT)

    def handle(self, method: str, raw_path: str, headers: dict[str, str], body: bytes) -> tuple[int, Any, dict]:
        """Route one request: (status, JSON body or None to drop the connection, headers). The
        log entry gets the answer's ``status`` (0: dropped) once it is known."""
        entry: dict[str, Any] = {}
        status, answer, extra = self._handle(method, raw_path, headers, body, entry)
        entry["status"] = status
        entry["answer"] = answer
        return status, answer, extra

    def _handle(
        self, method: str, raw_path: str, headers: dict[str, str], body: bytes, entry: dict[str, Any]
    ) -> tuple[int, Any, dict]:
        split = urlsplit(raw_path)
        path, query = split.path, parse_qs(split.query)
        try:
            payload = json.loads(body) if body else None
        except ValueError:
            payload = {"<invalid json>": body.decode(errors="replace")}
        route = _route(method, path)
        entry.update(
            {"route": route, "method": method, "path": path, "query": query, "headers": headers, "json": payload}
        )
        with self._lock:
            self._log.append(entry)
        fault = self._take_fault(route)
        if fault is not None:
            if fault["delay"]:
                self._closing.wait(fault["delay"])
            if fault["drop"] or self._closing.is_set():
                return 0, None, {}
            if fault["status"] is not None:
                return fault["status"], fault["body"], fault["headers"]
        if route == "token":
            sent = payload or {}
            if sent.get("client_id") != self.client_id or sent.get("client_secret") != self.client_secret:
                return 401, {"detail": "Invalid client credentials"}, {}
            answer = {"access_token": self._issue_token(), "token_type": "Bearer"}
            if self.token_ttl is not None:
                answer["expires_in"] = self.token_ttl
            return 200, answer, {}
        if route == "unknown":
            return 404, {"detail": f"No route for {method} {path}"}, {}
        if not self._authorized(headers):
            return 401, {"detail": "Invalid or expired token"}, {}
        if route == "lookup":
            workspace = query.get("workspace_name", [None])[0]
            definition = query.get("definition_id", [None])[0]
            with self._lock:
                found = [
                    {"id": c["id"], "name": c["name"], "workspace_name": c["workspace_name"]}
                    for c in self.connectors.values()
                    if c["workspace_name"] == workspace and c["definition_id"] == definition
                ]
            return 200, {"data": found}, {}
        if route == "create":
            return self._create(payload or {})
        if route == "initiate":
            state = uuid.uuid4().hex
            self.consents[state] = dict(payload or {})
            return 200, {"consent_url": f"https://consent.fake.example/harvest?state={state}"}, {}
        if route == "inspect":
            return self._inspect(INSPECT_PATH.match(path).group(1))  # type: ignore[union-attr]
        if route == "skill_docs":
            return self._skill_docs(query)
        return self._execute(EXECUTE_PATH.match(path).group(1), payload or {}, fault)  # type: ignore[union-attr]

    def _inspect(self, connector_id: str) -> tuple[int, Any, dict]:
        with self._lock:
            connector = self.connectors.get(connector_id)
        if connector is None:
            return 404, {"detail": f"Connector {connector_id} not found"}, {}
        return (
            200,
            {
                "id": connector_id,
                "name": connector["name"],
                "workspace_name": connector["workspace_name"],
                "definition_id": connector["definition_id"],
                "status": "ready",
                "docs_skill_id": f"connector-docs-{connector_id}",
            },
            {},
        )

    def _skill_docs(self, query: dict[str, list[str]]) -> tuple[int, Any, dict]:
        skill_id = query.get("id", [""])[0]
        with self._lock:
            known = any(f"connector-docs-{c}" == skill_id for c in self.connectors)
        if not known:
            return 404, {"detail": f"Skill {skill_id!r} not found"}, {}
        section = query.get("section", [None])[0]
        outline = [{"id": sid, "title": sid.split(":", 1)[1], "summary": "actions and params"} for sid in DOC_SECTIONS]
        metadata = {"id": skill_id, "title": "Harvest", "kind": "connector", "summary": "Harvest via Airbyte"}
        if section is None:
            content = [
                {"type": "heading", "level": 2, "text": "Overview"},
                {"type": "paragraph", "text": "Read a section."},
            ]
            return 200, {"id": skill_id, "metadata": metadata, "outline": outline, "content": content}, {}
        if section not in DOC_SECTIONS:
            return 404, {"detail": f"Section {section!r} not found; sections: {', '.join(DOC_SECTIONS)}"}, {}
        docs = {"id": skill_id, "metadata": metadata, "outline": outline, "section_id": section}
        return 200, {**docs, "content": DOC_SECTIONS[section]}, {}

    def _create(self, payload: dict[str, Any]) -> tuple[int, Any, dict]:
        missing = [k for k in ("workspace_name", "definition_id", "name") if not payload.get(k)]
        if missing:
            return 422, {"detail": [{"loc": ["body", k], "msg": "field required"} for k in missing]}, {}
        credentials = payload.get("credentials")
        if credentials is None and not payload.get("server_side_oauth_secret_id"):
            return 422, {"detail": "credentials or server_side_oauth_secret_id is required"}, {}
        connector_id = self.add_connector(
            payload["workspace_name"],
            credentials=credentials,
            definition_id=payload["definition_id"],
            name=payload["name"],
        )
        return 201, {"id": connector_id, "name": payload["name"], "workspace_name": payload["workspace_name"]}, {}

    def _execute(self, connector_id: str, payload: dict[str, Any], fault: Optional[dict]) -> tuple[int, Any, dict]:
        with self._lock:
            connector = self.connectors.get(connector_id)
        if connector is None:
            return 404, {"detail": f"Connector {connector_id} not found"}, {}
        entity, action, params = payload.get("entity"), payload.get("action"), payload.get("params")
        try:
            if action == "context_store_search":
                result, metadata = self._search(connector, entity, params or {}), None
            elif action == "context_store_sql_query":
                result, metadata = self._sql(connector, entity, params or {}), None
            else:
                value = self._forward(connector, entity, action, params)
                if hasattr(value, "meta"):
                    result, metadata = value.data, value.meta
                else:
                    result, metadata = value, None
        except AirbyteError as exc:
            status = exc.details.get("status_code") or (422 if isinstance(exc, ValueError) else 502)
            return int(status), {"detail": str(exc)}, {}
        if fault is not None and fault["missing_result"]:
            return 200, {"data": result}, {}
        return 200, {"result": result, "connector_metadata": metadata}, {}

    def _search(self, connector: dict[str, Any], entity: str, params: dict[str, Any]) -> dict[str, Any]:
        try:
            page = self._forward(connector, entity, "list", {"per_page": 2000})
            records = list(page.data)
        except AirbyteError:
            records = [self._forward(connector, entity, "get", None)] if entity == "company" else []
        query = params.get("query") or {}
        if "filter" in query:
            records = [r for r in records if _matches(query["filter"], r)]
        for order in reversed(query.get("sort") or []):
            ((field, direction),) = order.items()
            records.sort(key=lambda r, f=field: _sort_key(_get(r, f)), reverse=direction == "desc")
        start = int(params.get("cursor") or 0)
        limit = int(params.get("limit") or 1000)
        chunk = records[start : start + limit]
        if params.get("fields"):
            chunk = [_project(r, params["fields"]) for r in chunk]
        end = start + len(chunk)
        has_more = end < len(records)
        return {"data": chunk, "meta": {"has_more": has_more, "cursor": str(end) if has_more else None, "took_ms": 1}}

    def _sql(self, connector: dict[str, Any], entity: str, params: dict[str, Any]) -> dict[str, Any]:
        """A sliver of SQL, enough to see the rows come back: ``SELECT a, b | * FROM <entity>``
        with an optional ``LIMIT n``; anything else is a 422, as a real parser would refuse it."""
        match = _SQL.fullmatch(params.get("sql", "").strip())
        if match is None or match["table"] != entity:
            raise AirbyteError("the fake only runs SELECT <columns> FROM <entity> [LIMIT n]", {"status_code": 422})
        rows = self._search(connector, entity, {"query": {}, "limit": 10000})["data"]
        if match["columns"].strip() != "*":
            columns = [c.strip() for c in match["columns"].split(",")]
            rows = [{c: r.get(c) for c in columns} for r in rows]
        limit = min(int(match["limit"] or 10000), int(params.get("limit") or 10000))
        return {"data": rows[:limit], "meta": {"has_more": len(rows) > limit, "took_ms": 2}}


_SQL = re.compile(r"SELECT\s+(?P<columns>.+?)\s+FROM\s+(?P<table>\w+)(?:\s+LIMIT\s+(?P<limit>\d+))?", re.IGNORECASE)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeAirbyte

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        # A client that went away (a cancelled or timed-out call) is not a fault of the fake.
        if isinstance(error, (ConnectionError, TimeoutError)) or self.fake._closing.is_set():
            return
        if error is not None:
            self.fake.handler_errors.append(error)


def _route(method: str, path: str) -> str:
    if method == "POST" and path == TOKEN_PATH:
        return "token"
    if path == CONNECTORS_PATH:
        return {"GET": "lookup", "POST": "create"}.get(method, "unknown")
    if method == "POST" and path == INITIATE_PATH:
        return "initiate"
    if method == "POST" and EXECUTE_PATH.match(path):
        return "execute"
    if method == "GET" and INSPECT_PATH.match(path):
        return "inspect"
    if method == "GET" and path == SKILL_DOCS_PATH:
        return "skill_docs"
    return "unknown"


def _get(record: Any, field: str) -> Any:
    value = record
    for part in field.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _sort_key(value: Any) -> tuple:
    return (value is None, str(type(value)), value if value is not None else 0)


def _words(text: Any) -> list[str]:
    return re.findall(r"\w+", str(text or "").lower())


def _matches(condition: dict[str, Any], record: dict[str, Any]) -> bool:
    ((operator, operand),) = condition.items()
    if operator == "and":
        return all(_matches(c, record) for c in operand)
    if operator == "or":
        return any(_matches(c, record) for c in operand)
    if operator == "not":
        return not _matches(operand, record)
    return all(_compare(operator, _get(record, field), value) for field, value in operand.items())


def _compare(operator: str, actual: Any, value: Any) -> bool:
    if operator == "eq":
        return actual == value
    if operator == "neq":
        return actual != value
    if operator in ("gt", "gte", "lt", "lte"):
        if actual is None or type(actual) is bool:
            return False
        try:
            return {
                "gt": actual > value,
                "gte": actual >= value,
                "lt": actual < value,
                "lte": actual <= value,
            }[operator]
        except TypeError:
            return False
    if operator == "in":
        return actual in value
    if operator == "like":
        pattern = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in value)
        return actual is not None and re.fullmatch(pattern, str(actual), re.IGNORECASE) is not None
    if operator == "fuzzy":
        wanted, have = _words(value), _words(actual)
        position = 0
        for word in wanted:
            try:
                position = have.index(word, position) + 1
            except ValueError:
                return False
        return True
    if operator == "keyword":
        return bool(set(_words(value)) & set(_words(actual)))
    if operator == "contains":
        return isinstance(actual, list) and value in actual
    if operator == "any":
        return isinstance(actual, list) and any(isinstance(item, dict) and _matches(value, item) for item in actual)
    raise ValueError(f"operator {operator!r}")


def _project(record: dict[str, Any], fields: list[list[str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for path in fields:
        value: Any = record
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        target = out
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = value
    return out


def _handler_for(fake: FakeAirbyte) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 10  # idle keep-alive connections end

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, answer, fault_headers = fake.handle(self.command, self.path, headers, body)
            extra = dict(fault_headers)
            if answer is None and status == 0:
                self.close_connection = True
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                return
            data = answer.encode() if isinstance(answer, str) else json.dumps(answer).encode()
            self.send_response(status)
            content_type = extra.pop("Content-Type", "text/html" if isinstance(answer, str) else "application/json")
            self.send_header("Content-Type", content_type)
            for name, value in extra.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = _serve
        do_POST = _serve

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
            pass

    return Handler
