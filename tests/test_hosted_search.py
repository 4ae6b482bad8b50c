"""context_store_search: the seed's query language, validated before anything is sent, sent as
the Airbyte API expects, answered with typed results. (Local mode answers the same queries
from its store: tests/test_store.py.)"""

from __future__ import annotations

import pytest

from airbyte_agent_sdk.connectors.harvest import (
    AirbyteSearchMeta,
    AirbyteSearchResult,
    HarvestConnector,
    ProjectsSearchData,
    UsersSearchData,
    UsersSearchResult,
)
from airbyte_agent_sdk.errors import (
    InvalidParameterError,
    InvalidResponseError,
    MissingParameterError,
)
from airbyte_agent_sdk.types import AirbyteAuthConfig

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
async def harvest(airbyte):
    airbyte.add_connector("acme")
    config = AirbyteAuthConfig(
        workspace_name="acme", airbyte_client_id=airbyte.client_id, airbyte_client_secret=airbyte.client_secret
    )
    async with HarvestConnector(auth_config=config) as conn:
        await conn.check()  # token and lookup done: the tests below look at execute requests only
        airbyte.clear_requests()
        yield conn


@pytest.fixture
async def all_users(sandbox):
    return (await sandbox.connector().users.list()).data


def ids(result) -> list[int]:
    return [r.id for r in result.data]


OPERATOR_CASES = [
    ({"eq": {"is_contractor": True}}, lambda u: u["is_contractor"]),
    ({"neq": {"is_active": True}}, lambda u: not u["is_active"]),
    ({"gt": {"id": 4955608}}, lambda u: u["id"] > 4955608),
    ({"gte": {"id": 4955608}}, lambda u: u["id"] >= 4955608),
    ({"lt": {"last_name": "D"}}, lambda u: u["last_name"] < "D"),
    ({"lte": {"id": 4955601}}, lambda u: u["id"] <= 4955601),
    ({"in": {"first_name": ["Kim", "Omar", "Nobody"]}}, lambda u: u["first_name"] in ("Kim", "Omar")),
    ({"like": {"email": "%.r%@example.com"}}, lambda u: u["email"].split("@")[0].split(".")[1].startswith("r")),
    ({"fuzzy": {"email": "sofia example"}}, lambda u: u["first_name"] == "Sofia"),
    ({"keyword": {"roles": "founder legal"}}, lambda u: u["roles"][0] in ("Founder", "Legal")),
    ({"contains": {"access_roles": "manager"}}, lambda u: "manager" in u["access_roles"]),
    ({"not": {"eq": {"is_active": True}}}, lambda u: not u["is_active"]),
    (
        {"and": [{"eq": {"is_active": True}}, {"any": {"roles": {"keyword": {"x": "qa legal"}}}}]},
        None,  # `any` applies a condition to each member; the fake only matches object members
    ),
    (
        {"and": [{"eq": {"is_active": True}}, {"gte": {"id": 4955606}}]},
        lambda u: u["is_active"] and u["id"] >= 4955606,
    ),
    (
        {"or": [{"eq": {"first_name": "Kim"}}, {"and": [{"eq": {"is_contractor": True}}, {"gt": {"id": 4955605}}]}]},
        lambda u: u["first_name"] == "Kim" or (u["is_contractor"] and u["id"] > 4955605),
    ),
]


@pytest.mark.parametrize("condition,expected", OPERATOR_CASES, ids=[next(iter(c)) for c, _ in OPERATOR_CASES])
async def test_every_operator_filters_as_described(harvest, airbyte, all_users, condition, expected):
    result = await harvest.users.context_store_search({"filter": condition, "sort": [{"id": "asc"}]})
    assert isinstance(result, AirbyteSearchResult)
    if expected is not None:
        assert ids(result) == [u["id"] for u in all_users if expected(u)] != []
    else:
        assert result.data == []
    (request,) = airbyte.requests("execute")
    assert request["json"] == {
        "entity": "users",
        "action": "context_store_search",
        "params": {"query": {"filter": condition, "sort": [{"id": "asc"}]}},
        "skip_truncation": True,
    }


async def test_sort_limit_cursor_and_fields(harvest, airbyte, all_users):
    query = {"filter": {"eq": {"is_active": True}}, "sort": [{"last_name": "desc"}]}
    first = await harvest.users.context_store_search(query, limit=4, fields=[["id"], ["last_name"]])
    assert first.data[0].model_dump(exclude_none=True) == {"id": first.data[0].id, "last_name": first.data[0].last_name}
    assert isinstance(first.meta, AirbyteSearchMeta) and first.meta.has_more and first.meta.cursor
    seen = list(first.data)
    meta = first.meta
    while meta.has_more:
        page = await harvest.users.context_store_search(
            query, limit=4, cursor=meta.cursor, fields=[["id"], ["last_name"]]
        )
        seen.extend(page.data)
        meta = page.meta
    active = sorted((u for u in all_users if u["is_active"]), key=lambda u: u["last_name"], reverse=True)
    assert [r.last_name for r in seen] == [u["last_name"] for u in active]
    sent = airbyte.requests("execute")[1]["json"]["params"]
    assert sent == {"query": query, "limit": 4, "cursor": first.meta.cursor, "fields": [["id"], ["last_name"]]}


async def test_results_are_typed_and_dump_to_json(harvest):
    result = await harvest.projects.context_store_search(
        {"filter": {"eq": {"client.name": "ACME Corporation"}}}, limit=2, fields=[["id"], ["client", "name"]]
    )
    assert isinstance(result.data[0], ProjectsSearchData) and result.data[0].client == {"name": "ACME Corporation"}
    assert result.data[0].name is None, "a declared field the store left out reads None"
    dumped = result.model_dump(mode="json")
    assert set(dumped) == {"data", "meta"}
    assert set(dumped["meta"]) == {"has_more", "cursor", "took_ms"}
    assert all(r["client"] == {"name": "ACME Corporation"} for r in dumped["data"])
    assert all(r["name"] is None for r in dumped["data"]), "declared fields are dumped, None when absent"
    assert result.model_dump_json().startswith('{"data": [')


async def test_execute_and_every_entity_offer_the_search(harvest, airbyte):
    via_execute = await harvest.execute("users", "context_store_search", {"query": {}, "limit": 3})
    via_query = await harvest.users.context_store_search({}, limit=3)
    # execute answers the reference's dict; the entity method its typed result of the same data
    assert isinstance(via_execute, dict) and set(via_execute) == {"data", "meta"}
    assert [r["id"] for r in via_execute["data"]] == [r.id for r in via_query.data]
    assert via_execute["meta"]["has_more"] is via_query.meta.has_more is True
    assert isinstance(via_query, UsersSearchResult) and isinstance(via_query.data[0], UsersSearchData)
    for entity in (e["entity_name"] for e in harvest.list_entities()):
        assert callable(getattr(harvest, entity).context_store_search)
    company = await harvest.company.context_store_search({})
    assert len(company.data) == 1


@pytest.mark.parametrize(
    "params,error,text",
    [
        ({"query": {"filter": {"between": {"id": [1, 2]}}}}, InvalidParameterError, 'unknown operator "between"'),
        (
            {"query": {"filter": {"and": [{"eq": {"id": 1}}, {"gt": {"id": [2]}}]}}},
            InvalidParameterError,
            "at query.filter.and[1].gt.id: got a list",
        ),
        ({"query": {"filter": {"like": {"email": 5}}}}, InvalidParameterError, "text operators take a string"),
        ({"query": {"filter": {"in": {"id": 5}}}}, InvalidParameterError, "'in' takes a list of values"),
        ({"query": {"filter": {"eq": {"id": 1}, "neq": {"id": 2}}}}, InvalidParameterError, "one operator per"),
        ({"query": {"sort": [{"id": "sideways"}]}}, InvalidParameterError, 'at query.sort[0].id: got "sideways"'),
        ({"query": {"where": {}}}, InvalidParameterError, 'unknown key "where" (accepted: filter, sort)'),
        ({"query": {}, "limit": 0}, InvalidParameterError, "'limit' of users.context_store_search: at limit: 0"),
        ({"query": {}, "fields": ["id"]}, InvalidParameterError, 'at fields[0]: got "id"'),
        ({"query": {}, "page": 2}, InvalidParameterError, "Accepted parameters: query, limit, cursor, fields"),
        ({"limit": 5}, MissingParameterError, "Missing required parameter 'query'"),
    ],
)
async def test_bad_queries_fail_before_anything_is_sent(harvest, airbyte, params, error, text):
    with pytest.raises(error) as caught:
        await harvest.execute("users", "context_store_search", params)
    assert text in str(caught.value)
    assert airbyte.requests() == []


async def test_a_malformed_search_answer_is_a_typed_error(harvest, airbyte):
    airbyte.push_fault("execute", 200, {"result": {"data": {"id": 1}}})
    with pytest.raises(InvalidResponseError, match="expected a list as the search result's 'data', got an object"):
        await harvest.users.context_store_search({})


async def test_sql_query_sends_the_reference_body_and_answers_rows(harvest, airbyte, all_users):
    result = await harvest.users.context_store_sql_query("SELECT id, email FROM users", limit=3)
    assert isinstance(result, AirbyteSearchResult) and isinstance(result.meta, AirbyteSearchMeta)
    assert result.data == [{"id": u["id"], "email": u["email"]} for u in all_users[:3]]
    assert result.meta.has_more is True
    via_execute = await harvest.execute("users", "context_store_sql_query", {"sql": "SELECT id FROM users LIMIT 2"})
    assert via_execute["data"] == [{"id": u["id"]} for u in all_users[:2]]
    first, second = (r["json"] for r in airbyte.requests("execute"))
    assert first == {
        "entity": "users",
        "action": "context_store_sql_query",
        "params": {"sql": "SELECT id, email FROM users", "limit": 3},
        "skip_truncation": True,
    }
    assert second["params"] == {"sql": "SELECT id FROM users LIMIT 2"}


@pytest.mark.parametrize(
    "params,error,text",
    [
        ({"limit": 5}, MissingParameterError, "Missing required parameter 'sql'"),
        ({"sql": ""}, InvalidParameterError, "is empty"),
        ({"sql": ["SELECT 1"]}, InvalidParameterError, "a SQL query as a string"),
        ({"sql": "SELECT 1", "limit": 10001}, InvalidParameterError, "an integer 1..10000"),
        ({"sql": "SELECT 1", "query": {}}, InvalidParameterError, "Accepted parameters: sql, limit"),
    ],
)
async def test_bad_sql_queries_fail_before_anything_is_sent(harvest, airbyte, params, error, text):
    with pytest.raises(error) as caught:
        await harvest.execute("users", "context_store_sql_query", params)
    assert text in str(caught.value)
    assert airbyte.requests() == []
