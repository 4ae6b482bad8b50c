"""What the shared budget (``shared_state=``, budgets in Redis) costs per request, on loopback.

Run by hand with the package installed (e.g. the test virtualenv) and ``redis-server`` on the
PATH; it starts its own Redis and fake Harvest on 127.0.0.1 and stops both:

    python benches/shared_budget.py [--calls 2000] [--concurrency 1] [--repeats 3]

The same calls run through a connector with the in-process budget and through one with the
budget in Redis, with a limit so high that neither ever waits: the difference per request is
the cost of the two Lua scripts (take a slot, release it) and their round trips. The target is
under 0.3 ms per request. Rounds alternate so that background load hits both alike; the median
is printed.

Then 4 processes x 200 calls share one budget of 100 requests per second against a fake that
answers 429 past that limit: the time from the first request to the last against the floor
(the first 100 at once, then one window per 100 more: 7 s), target at most 1.1x, with no 429.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from airbyte_agent_sdk.connectors.harvest.sandbox import HarvestSandbox  # noqa: E402
from tests.redis_server import RedisServer  # noqa: E402
from tests.test_shared_state import Workers, api_times  # noqa: E402

NEVER_WAITS = (10_000_000, 1.0)


async def seconds_for(connector: object, calls: int, concurrency: int) -> float:
    gate = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with gate:
            await connector.users.list(per_page=1)  # type: ignore[attr-defined]

    started = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(calls)))
    return time.perf_counter() - started


def floor_ratio(sandbox: HarvestSandbox, redis: RedisServer, repeats: int) -> None:
    limit, window, processes, calls = 100, 1.0, 4, 200
    sandbox.set_rate_limit(limit, window)
    floor = (processes * calls / limit - 1) * window
    ratios = []
    with Workers(processes, sandbox, shared_state=redis.url, rate_limit=[limit, window], max_attempts=1) as workers:
        for _ in range(repeats):
            time.sleep(window)  # a full window for each round
            sandbox.clear_requests()
            outcomes = workers.run(calls, concurrency=25)
            refused = sum(o["rate_limited"] for o in outcomes)
            times = api_times(sandbox)
            ratios.append((times[-1] - times[0]) / floor)
            print(
                f"{processes} processes x {calls} calls at {limit}/{window:.0f} s: {times[-1] - times[0]:.2f} s "
                f"for a floor of {floor:.2f} s ({ratios[-1]:.3f}x), {refused} refused with 429"
            )
    sandbox.set_rate_limit(None)
    print(f"median: {statistics.median(ratios):.3f}x the floor (target <= 1.1x)")


async def main(args: argparse.Namespace) -> None:
    redis = RedisServer()
    try:
        with HarvestSandbox(records_per_entity=5) as sandbox:
            local = sandbox.connector(rate_limit=NEVER_WAITS)
            shared = sandbox.connector(rate_limit=NEVER_WAITS, shared_state=redis.url)
            for connector in (local, shared):  # warm up: connections, scripts loaded in Redis
                await seconds_for(connector, 50, args.concurrency)
            costs = []
            for _ in range(args.repeats):
                plain = await seconds_for(local, args.calls, args.concurrency)
                with_redis = await seconds_for(shared, args.calls, args.concurrency)
                costs.append((with_redis - plain) / args.calls * 1000)
                print(
                    f"{args.calls} calls, {args.concurrency} at a time: in-process budget {plain:.3f} s, "
                    f"Redis budget {with_redis:.3f} s, {costs[-1]:+.3f} ms per request"
                )
            print(f"median cost of the shared budget: {statistics.median(costs):+.3f} ms per request (target < 0.3)")
            floor_ratio(sandbox, redis, args.repeats)
    finally:
        redis.kill()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    asyncio.run(main(parser.parse_args()))
