"""A small fault soak in every test run (``make soak`` runs the full one): orders through the real order entry
of both venues under mixed faults end with nothing lost, duplicated, stuck or wrong."""

from __future__ import annotations

import pytest

from tests.perf.soak import run_soak

ORDERS = 40


@pytest.mark.timeout(300)
async def test_orders_under_faults_end_as_the_venue_has_them():
    results = await run_soak(ORDERS, seed=11)
    assert results["sent"] == ORDERS
    counts = {k: results[k] for k in ("lost", "duplicated", "stuck_unknown", "wrong_status")}
    assert counts == dict.fromkeys(counts, 0), results["problems"]
    assert results["resubmits_refused"] == results["resubmits_sent"] == ORDERS
    assert results["unhandled_exceptions"] == 0, results["problems"]
