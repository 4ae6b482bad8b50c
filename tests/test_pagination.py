"""Pagination against the fake Harvest: one page by default, ``next_cursor`` to continue exactly
where a call stopped (filters included), ``limit`` to collect records across pages (page-numbered
listings concurrently, cursor ones in sequence), in Harvest's order, deduplicated by id."""

from __future__ import annotations

import json

import pytest

from airbyte_agent_sdk.connectors.harvest.sandbox import HarvestSandbox
from airbyte_agent_sdk.errors import InvalidParameterError, InvalidResponseError


@pytest.fixture
def fake():
    with HarvestSandbox(time_entries=45, records_per_entity=14) as sandbox:
        yield sandbox


@pytest.fixture
async def conn(fake):
    async with fake.connector(max_attempts=1) as connector:
        yield connector


def api(fake):
    return [r for r in fake.requests() if r["path"].startswith("/v2")]


def query(request) -> dict[str, str]:
    return dict(request["query_pairs"])


async def walk_by_cursor(conn, entity, params):
    """Follow next_cursor until the end, one call per page."""
    pages = [await conn.execute(entity, "list", params)]
    while pages[-1].meta["has_more"]:
        pages.append(await conn.execute(entity, "list", {"cursor": pages[-1].meta["next_cursor"]}))
    return pages


@pytest.mark.parametrize(
    "entity,params,style",
    [
        ("users", {}, "cursor"),
        ("time_entries", {}, "page"),
        ("time_entries", {"is_running": False}, "page"),
        ("projects", {"is_active": True}, "cursor"),
        ("invoice_payments", {"invoice_id": 13150403}, "cursor"),
    ],
)
async def test_next_cursor_walks_every_page_with_its_filters(fake, conn, entity, params, style):
    whole = (await conn.execute(entity, "list", params)).data
    fake.clear_requests()
    pages = await walk_by_cursor(conn, entity, {**params, "per_page": 4})
    assert len(pages) >= 3
    assert [r for p in pages for r in p.data] == whole
    assert all(len(p.data) == 4 for p in pages[:-1])
    sent = api(fake)
    assert len(sent) == len(pages)
    for request in sent:
        for name, value in params.items():
            if name != "invoice_id":
                assert query(request)[name] == str(value).lower()
        assert query(request)["per_page"] == "4"
    later = [query(r) for r in sent[1:]]
    if style == "cursor":
        assert all("cursor" in q and "page" not in q for q in later)
    else:
        assert [q["page"] for q in later] == [str(n) for n in range(2, len(pages) + 1)]
    last = pages[-1].meta
    assert last["next_cursor"] is None and last["next_link"] is None and last["has_more"] is False
    first = pages[0].meta
    assert first["total_entries"] == len(whole) and first["total_pages"] == len(pages) and first["page"] == 1
    assert first["next_link"].startswith(fake.base_url)


async def test_limit_walks_cursor_pages_in_sequence(fake, conn):
    whole = (await conn.users.list()).data
    fake.set_latency(0.15)
    fake.clear_requests()
    page = await conn.users.list(per_page=4, limit=10)
    assert page.data == whole[:10]
    sent = api(fake)
    assert len(sent) == 3
    # Each page is requested after the previous one arrived: never two at once.
    assert [r["in_flight"] for r in sent] == [1, 1, 1]
    assert "cursor" not in query(sent[0]) and all("cursor" in query(r) for r in sent[1:])
    assert page.meta["has_more"] is True and page.meta["next_cursor"]
    rest = await conn.users.list(cursor=page.meta["next_cursor"], limit=100)
    assert page.data + rest.data == whole
    assert rest.meta["has_more"] is False and rest.meta["next_cursor"] is None


async def test_limit_fetches_numbered_pages_concurrently(fake, conn):
    whole = (await conn.time_entries.list()).data
    assert len(whole) == 45
    fake.set_latency(0.3)
    fake.clear_requests()
    page = await conn.time_entries.list(per_page=5, limit=40)
    assert page.data == whole[:40]
    sent = api(fake)
    # Concurrent requests may arrive in any order; the records still come back in Harvest's.
    assert sorted(int(query(r).get("page", "1")) for r in sent) == list(range(1, 9))
    # Page 1 first (it tells how many pages there are), then the rest 4 at a time.
    assert sent[0]["in_flight"] == 1
    assert max(r["in_flight"] for r in sent[1:]) == 4
    assert all(query(r)["per_page"] == "5" for r in sent)
    assert page.meta["page"] == 8 and page.meta["has_more"] is True
    rest = await conn.time_entries.list(cursor=page.meta["next_cursor"])
    assert page.data + rest.data == whole[:45]


async def test_limit_alone_asks_for_big_pages(fake, conn):
    fake.clear_requests()
    page = await conn.time_entries.list(limit=45)
    assert len(page.data) == 45 and page.meta["has_more"] is False and page.meta["next_cursor"] is None
    assert len(api(fake)) == 1 and query(api(fake)[0])["per_page"] == "45"
    # Invoices default to 100 per page: a walk asks for what it needs, up to the maximum.
    fake.clear_requests()
    await conn.invoices.list(limit=5000)
    assert query(api(fake)[0])["per_page"] == "2000"


@pytest.mark.parametrize(
    "entity,params", [("time_entries", {}), ("users", {}), ("time_entries", {"is_running": False})]
)
async def test_a_limit_ending_mid_page_resumes_exactly_there(fake, conn, entity, params):
    whole = (await conn.execute(entity, "list", params)).data
    assert len(whole) > 12
    first = await conn.execute(entity, "list", {**params, "per_page": 4, "limit": 6})
    assert first.data == whole[:6]
    # The cursor points into page 2 (records 7 and 8 were fetched but not returned).
    second = await conn.execute(entity, "list", {"cursor": first.meta["next_cursor"], "limit": 3})
    assert second.data == whole[6:9]
    third = await conn.execute(entity, "list", {"cursor": second.meta["next_cursor"]})
    assert third.data == whole[9:12], "without limit: the rest of that page"
    assert [r["id"] for r in first.data + second.data + third.data] == [r["id"] for r in whole[:12]]


async def test_cursor_round_trip_keeps_filters_and_may_repeat_them(fake, conn):
    me = await conn.users.me()
    params = {"user_id": me["id"], "is_running": False, "per_page": 2}
    whole = (await conn.time_entries.list(user_id=me["id"], is_running=False)).data
    first = await conn.execute("time_entries", "list", params)
    fake.clear_requests()
    again = await conn.execute("time_entries", "list", {**params, "cursor": first.meta["next_cursor"]})
    assert first.data + again.data == whole[:4]
    sent = query(api(fake)[0])
    assert sent["user_id"] == str(me["id"]) and sent["is_running"] == "false" and sent["page"] == "2"
    with pytest.raises(InvalidParameterError) as caught:
        await conn.execute("time_entries", "list", {"cursor": first.meta["next_cursor"], "user_id": me["id"] + 1})
    assert caught.value.param == "user_id" and "cursor" in str(caught.value)
    assert len(api(fake)) == 1


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "",
        "eyJwIjoiL2NvbXBhbnkiLCJzIjowfQ",  # {"p":"/company","s":0}: another endpoint
        42,
    ],
)
async def test_bad_cursors_are_refused_before_sending(fake, conn, cursor):
    with pytest.raises(InvalidParameterError) as caught:
        await conn.users.list(cursor=cursor)
    assert caught.value.param == "cursor" and isinstance(caught.value, ValueError)
    assert "meta.next_cursor of an earlier users.list call" in str(caught.value)
    assert fake.request_count() == 0


async def test_a_cursor_is_bound_to_its_listing(fake, conn):
    page = await conn.users.list(per_page=2)
    fake.clear_requests()
    with pytest.raises(InvalidParameterError, match="different listing"):
        await conn.clients.list(cursor=page.meta["next_cursor"])
    payments = await conn.invoice_payments.list(invoice_id=13150403, per_page=2)
    with pytest.raises(InvalidParameterError, match="'invoice_id'"):
        await conn.invoice_payments.list(invoice_id=13150404, cursor=payments.meta["next_cursor"])
    assert fake.request_count() == 1


async def test_ids_above_2_31_round_trip_exactly_through_a_walk(fake, conn):
    page = await conn.time_entries.list(per_page=7, limit=45)
    ids = [r["id"] for r in page.data]
    assert len(ids) == 45 == len(set(ids)) and min(ids) > 2**31
    fake.clear_requests()
    last = await conn.time_entries.get(id=ids[-1])
    assert last["id"] == ids[-1] and api(fake)[0]["path"] == f"/v2/time_entries/{ids[-1]}"


def envelope(key, ids, next_link):
    return json.dumps(
        {
            key: [{"id": i, "name": f"record {i}"} for i in ids],
            "per_page": 3,
            "total_pages": 2,
            "total_entries": 6,
            "next_page": None,
            "previous_page": None,
            "page": None,
            "links": {"first": None, "next": next_link, "previous": None, "last": None},
        }
    ).encode()


async def test_records_are_deduplicated_by_id_in_harvest_order(fake, conn):
    # Records shift between pages when data changes mid-walk: record 3 shows up twice.
    fake.push_body(envelope("clients", [1, 2, 3], f"{fake.base_url}/clients?cursor=eyJh&per_page=3&ref=next_cursor"))
    fake.push_body(envelope("clients", [3, 4, 5], None))
    page = await conn.clients.list(limit=10)
    assert [r["id"] for r in page.data] == [1, 2, 3, 4, 5]
    assert page.meta["has_more"] is False
    assert query(api(fake)[1])["cursor"] == "eyJh"


@pytest.mark.parametrize(
    "link",
    [
        "https://evil.example/v2/clients?cursor=x",
        "{base}/company?page=2",
        "{base}/clients?cursor=x&access_token=stolen",
        "{id}/api/v2/accounts?page=2",
    ],
)
async def test_links_off_the_listing_are_never_followed(fake, conn, link):
    link = link.format(base=fake.base_url, id=fake.id_url)
    fake.push_body(envelope("clients", [1, 2, 3], link))
    with pytest.raises(InvalidResponseError, match="not followed"):
        await conn.clients.list(limit=10)
    assert len(api(fake)) == 1
    # One page without limit: the data comes back, but no cursor is made of that link.
    fake.push_body(envelope("clients", [1, 2, 3], link))
    page = await conn.clients.list()
    assert [r["id"] for r in page.data] == [1, 2, 3]
    assert page.meta["next_link"] == link and page.meta["next_cursor"] is None
    assert len(api(fake)) == 2


async def test_a_walk_retries_a_throttled_page(fake):
    async with fake.connector(max_attempts=2) as retrying:
        whole = (await retrying.users.list()).data
        fake.clear_requests()
        # Two requests per 2 s: the third page is refused (429, Retry-After) and retried.
        fake.set_rate_limit(2, window=2.0)
        page = await retrying.users.list(per_page=5, limit=14)
    assert page.data == whole and page.meta["has_more"] is False
    sent = [r["query"] for r in api(fake)]
    assert len(sent) == 4 and sent[2] == sent[3]


async def test_report_walks_and_period_limit(fake, conn):
    whole = (await conn.time_team.list(from_="2024-01-01", to="2024-06-30")).data
    fake.clear_requests()
    page = await conn.time_team.list(from_="2024-01-01", to="2024-06-30", per_page=3, limit=100)
    assert page.data == whole and len(api(fake)) == -(-len(whole) // 3)
    assert all(query(r)["from"] == "20240101" and query(r)["to"] == "20240630" for r in api(fake))
    fake.clear_requests()
    with pytest.raises(InvalidParameterError) as caught:
        await conn.time_team.list(from_="2023-01-01", to="2024-06-30")
    message = str(caught.value)
    assert caught.value.param == "to"
    assert (
        "at most 365 days" in message and "from=2023-01-01 to=2024-01-01, then from=2024-01-02 to=2024-06-30" in message
    )
    assert fake.request_count() == 0


@pytest.mark.parametrize("caller_disabled_gc", [False, True])
async def test_large_pages_leave_the_collector_as_they_found_it(caller_disabled_gc):
    """A large result is built with the cyclic GC paused (its records cannot form cycles);
    afterwards the collector is running again, unless the caller had turned it off."""
    import gc

    with HarvestSandbox(time_entries=600) as big:
        async with big.connector(max_attempts=1) as conn:
            expected = [r["id"] for r in (await conn.execute("time_entries", "list", {"per_page": 100})).data]
            if caller_disabled_gc:
                gc.disable()
            try:
                page = await conn.execute("time_entries", "list", {"per_page": 600})
                walked = await conn.execute("time_entries", "list", {"per_page": 300, "limit": 600})
                assert gc.isenabled() is not caller_disabled_gc
            finally:
                gc.enable()
    body = len(json.dumps(page.data))
    assert body > 256 * 1024, f"the page must be large enough to pause the collector ({body} bytes)"
    assert [r["id"] for r in page.data][:100] == expected
    assert [r["id"] for r in walked.data] == [r["id"] for r in page.data]
    assert len({r["id"] for r in page.data}) == 600
    assert all(type(r["user"]) is dict for r in page.data)
