"""The worker pool's queue, on a real pool (a zygote and forked workers) running ``sleep`` jobs:
first come, first served; a query whose client goes away leaves the queue at once and costs no
worker; one beyond the queue or past its wait is PoolBusy with a Retry-After from the busy
worker's time limit; the pool never has more than its size."""

from __future__ import annotations

import asyncio
import time

import pyoxigraph as ox
import pytest

from fhkg.graph import KnowledgeGraph
from fhkg.server.pool import PoolBusy, WorkerPool


@pytest.fixture
def pool():
    p = WorkerPool(KnowledgeGraph(ox.Store(), base="http://127.0.0.1:1/"), size=1, timeout=10, queue=2, queue_wait=5)
    p.start()
    yield p
    p.close()


def sleep(seconds: float) -> dict:
    return {"op": "sleep", "seconds": seconds}


def test_waiting_queries_are_served_in_order(pool):
    async def main():
        done: list[str] = []

        async def job(name: str, seconds: float, after: float = 0.0):
            await asyncio.sleep(after)
            await pool.run(sleep(seconds))
            done.append(name)

        await asyncio.gather(job("first", 0.4), job("second", 0.1, 0.05), job("third", 0.1, 0.1))
        return done

    assert asyncio.run(main()) == ["first", "second", "third"]
    assert pool.stats()["idle"] == 1 and pool.killed == 0


def test_a_client_that_goes_away_while_queued_costs_no_worker(pool):
    async def main():
        running = asyncio.ensure_future(pool.run(sleep(1.0)))
        await asyncio.sleep(0.1)
        gone = asyncio.get_running_loop().create_future()
        queued = asyncio.ensure_future(pool.run(sleep(0.1), cancel=gone))
        await asyncio.sleep(0.1)
        assert pool.stats()["waiting"] == 1
        t0 = time.monotonic()
        gone.set_result(None)  # the client disconnects
        with pytest.raises(asyncio.CancelledError):
            await queued
        left = time.monotonic() - t0
        await running
        return left

    left = asyncio.run(main())
    assert left < 0.3, "it left the queue at once, not when a worker came free"
    stats = pool.stats()
    assert stats["waiting"] == 0 and stats["idle"] == 1 and pool.killed == 0


def test_beyond_the_queue_is_busy_with_retry_after_from_the_time_limit(pool):
    async def main():
        running = asyncio.ensure_future(pool.run(sleep(1.0), timeout=3))
        await asyncio.sleep(0.1)
        queued = [asyncio.ensure_future(pool.run(sleep(0.1))) for _ in range(2)]
        await asyncio.sleep(0.1)
        with pytest.raises(PoolBusy) as e:
            await pool.run(sleep(0.1))
        await asyncio.gather(running, *queued)
        return e.value

    busy = asyncio.run(main())
    assert "already waiting" in str(busy) and 1 <= busy.retry_after <= 3
    assert pool.refused == 1


def test_a_wait_past_queue_wait_is_busy_and_the_worker_goes_to_the_next(pool):
    pool.queue_wait = 0.3

    async def main():
        running = asyncio.ensure_future(pool.run(sleep(0.8)))
        await asyncio.sleep(0.05)
        t0 = time.monotonic()
        with pytest.raises(PoolBusy, match=r"stayed busy for 0\.3 s"):
            await pool.run(sleep(0.1))
        waited = time.monotonic() - t0
        await running
        await pool.run(sleep(0.05))  # the worker is free and taken at once
        return waited

    waited = asyncio.run(main())
    assert 0.25 <= waited < 0.7
    assert pool.stats()["idle"] + pool.stats()["busy"] == 1 == pool.size
