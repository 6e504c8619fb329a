"""The publisher's desk against the in-process simulator: funds and items (``multi``), moving items to an
account with an invoice (from a fund's group, or created on the way), leasing to a group, and the documents
and transactions lists; every form refuses bad input before anything is sent."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from services.aggregion.publisher import (
    FundForm,
    ItemsForm,
    LeaseForm,
    MoveForm,
    PublisherDesk,
)
from services.errors import RejectedInput
from tests.services.aggregion.test_client_vs_simulator import Sim, client_of, sim  # noqa: F401

YEAR = datetime.now(UTC) + timedelta(days=365)


@pytest.fixture
async def desk(sim: Sim) -> AsyncIterator[PublisherDesk]:  # noqa: F811
    made = PublisherDesk(client_of(sim.app))
    await made.sign_in("publisher", "demo")
    try:
        yield made
    finally:
        await made.client.aclose()


def account_named(sim: Sim, name: str) -> str:  # noqa: F811
    return next(a["id"] for a in sim.state.accounts.values() if a["name"] == name)


async def test_funds_items_and_a_move_with_an_invoice(desk: PublisherDesk, sim: Sim):  # noqa: F811
    entries = await desk.entries()
    pro = next(e for e in entries if e.options.get("slug") == "tessera-pro")
    fund = await desk.create_fund(FundForm("Resellers"))
    assert [f.name for f in await desk.funds()] == sorted(f.name for f in await desk.funds())
    with pytest.raises(RejectedInput) as taken:
        await desk.create_fund(FundForm("Resellers"))
    assert taken.value.field == "fundName"

    await desk.create_items(ItemsForm(pro.id, fund.id, "5", YEAR))
    groups = await desk.fund_items(fund.id)
    assert [(row.catalog.id if not isinstance(row.catalog, str) else row.catalog) for row in groups] == [
        pro.id
    ]
    line = groups[0].items[0]
    assert line.qty == 5

    demo_account = account_named(sim, "Demo trader")
    move = MoveForm(
        demo_account, "2", "INV-7", "first batch", fund_id=fund.id, group=(pro.id, line.expiration_date, 5)
    )
    await desk.move_to_account(move)
    assert (await desk.fund_items(fund.id))[0].items[0].qty == 3
    created = MoveForm(
        demo_account, "1", "INV-8", create=True, fund_id=fund.id, catalog_id=pro.id, until=YEAR
    )
    await desk.move_to_account(created)

    documents = await desk.documents()
    invoices = [d for d in documents if d.type == "invoice"]
    assert [{o.key: o.value for o in d.options}.get("invoice") for d in invoices[:2]] == ["INV-8", "INV-7"]
    assert (
        invoices[1].squad[0].qty == 2
        and {o.key: o.value for o in invoices[1].options}["note"] == "first batch"
    )
    by_status = await desk.documents("status")
    assert sorted(d.number for d in by_status) == sorted(d.number for d in documents)
    transactions = await desk.transactions()
    assert len(transactions) >= 2 and transactions[0].date >= transactions[-1].date
    # the two moves (2 items, then 1 made and moved); both may carry the same time, so not by position
    assert {1, 2} <= {len(t.items) for t in transactions}


async def test_lease_to_a_group_leases_each_member(desk: PublisherDesk, sim: Sim):  # noqa: F811
    group = next(iter(sim.state.groups.values()))
    assert [g.name for g in await desk.groups()] == ["Tessera beta testers"]
    one = await desk.client.group(group["id"], "members")
    assert [m.nickname for m in one.members if not isinstance(m, str)] == ["demo"]
    themes = next(e for e in await desk.entries() if e.options.get("kind") == "theme-pack")
    leases = await desk.lease(themes.id, LeaseForm(group["id"], YEAR, groups=True))
    assert [lease.user if isinstance(lease.user, str) else lease.user.id for lease in leases] == group[
        "members"
    ]
    with pytest.raises(RejectedInput, match="not a group of your accounts"):
        await desk.lease(themes.id, LeaseForm("0" * 24, YEAR, groups=True))


BAD_FORMS = [
    (FundForm("  "), "fundName"),
    (FundForm("x" * 81), "fundName"),
    (ItemsForm("c" * 24, "", "1", YEAR), "itemsFund"),
    (ItemsForm("", "f" * 24, "1", YEAR), "itemsEntry"),
    (ItemsForm("c" * 24, "f" * 24, "ten", YEAR), "itemsQty"),
    (ItemsForm("c" * 24, "f" * 24, "0", YEAR), "itemsQty"),
    (ItemsForm("c" * 24, "f" * 24, "2", datetime(2020, 1, 1, tzinfo=UTC)), "itemsUntil"),
    (MoveForm("", "1", "INV", fund_id="f" * 24), "moveAccount"),
    (MoveForm("demo", "1", "INV", fund_id="f" * 24), "moveAccount"),
    (MoveForm("a" * 24, "1", "INV"), "moveItems"),
    (MoveForm("a" * 24, "1", "INV", fund_id="f" * 24), "moveItems"),
    (MoveForm("a" * 24, "4", "INV", fund_id="f" * 24, group=("c" * 24, None, 3)), "moveQty"),
    (MoveForm("a" * 24, "1", " ", fund_id="f" * 24, group=("c" * 24, None, 3)), "invoice"),
    (MoveForm("a" * 24, "1", "INV", create=True, fund_id="f" * 24, until=YEAR), "itemsEntry"),
    (LeaseForm("", YEAR, groups=True), "users"),
    (LeaseForm("beta", YEAR, groups=True), "users"),
]


async def test_bad_input_is_refused_before_anything_is_sent(desk: PublisherDesk, sim: Sim):  # noqa: F811
    before = (len(sim.state.funds), len(sim.state.items), len(sim.state.documents), len(sim.state.leases))
    for form, field in BAD_FORMS:
        with pytest.raises(RejectedInput) as refused:
            if isinstance(form, FundForm):
                await desk.create_fund(form)
            elif isinstance(form, ItemsForm):
                await desk.create_items(form)
            elif isinstance(form, MoveForm):
                await desk.move_to_account(form)
            else:
                await desk.lease("c" * 24, form)
        assert (refused.value.field, bool(refused.value.message)) == (field, True), form
    after = (len(sim.state.funds), len(sim.state.items), len(sim.state.documents), len(sim.state.leases))
    assert after == before
