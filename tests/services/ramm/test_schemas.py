"""Every example of doc_examples.py read through the RammClient method that receives it (httpx.MockTransport),
both error spellings, and bad venue data turned into project errors."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest

from services.errors import AuthError, TransportError, VenueError
from services.ramm import Query, RammClient
from services.ramm import schemas as s
from services.ramm.enums import AccountStatus, SortDirection, UpdateImportance
from services.ramm.wire_types import format_stamp, parse_stamp
from services.retry import Backoff
from tests.services.ramm.doc_examples import EXAMPLES, example

BASE = "https://ramm.test/api/manager/"

Call = Callable[[RammClient], Awaitable[Any]]

# wire method -> (example, the client call that receives it)
CASES: dict[str, tuple[str, Call]] = {
    "session.get": ("session.login", lambda c: c.session_get()),
    "session.getMethods": ("session.getMethods", lambda c: c.session_get_methods()),
    "session.heartbeat": ("session.heartbeat", lambda c: c.session_heartbeat()),
    "session.getMySessions": ("session.getMySessions", lambda c: c.session_get_my_sessions()),
    "sessions.search": ("sessions.search", lambda c: c.sessions_search()),
    "profile.get": ("profile.get", lambda c: c.profile_get()),
    "settings.get": ("settings.get", lambda c: c.settings_get("layout")),
    "managers.add": (
        "managers.add",
        lambda c: c.managers_add(s.ManagerDraft(Login="a", Password="b"), ["x"]),
    ),
    "managers.search": ("managers.search", lambda c: c.managers_search()),
    "managers.get": ("managers.get", lambda c: c.managers_get(12)),
    "managers.getMethods": ("managers.getMethods", lambda c: c.managers_get_methods(12, 1)),
    "companies.add": ("companies.add", lambda c: c.companies_add("Child", "https://dc1.ramm.tech", True)),
    "companies.search": ("companies.search", lambda c: c.companies_search()),
    "companies.get": ("company.get", lambda c: c.companies_get(5)),
    "company.get": ("company.get", lambda c: c.company_get()),
    "company.getEquity": ("company.getEquity", lambda c: c.company_get_equity(datetime(2019, 1, 1))),
    "clients.addWithWallet": (
        "clients.addWithWallet",
        lambda c: c.clients_add_with_wallet(s.ClientDraft(Login="i", Password="p")),
    ),
    "clients.search": ("clients.search", lambda c: c.clients_search()),
    "clients.get": ("clients.get", lambda c: c.clients_get(101)),
    "clients.getCharges": ("clients.getCharges", lambda c: c.clients_get_charges("MT5", 0)),
    "clients.getOTP": ("clients.getOTP", lambda c: c.clients_get_otp(101)),
    "clients.searchStatistic": ("clients.searchStatistic", lambda c: c.clients_search_statistic()),
    "wallets.get": ("wallets.get", lambda c: c.wallets_get(88)),
    "wallets.search": ("wallets.search", lambda c: c.wallets_search()),
    "walletTransfers.add": (
        "walletTransfers.add",
        lambda c: c.wallet_transfers_add(s.WalletTransferDraft(WalletID=88, Type=0, Amount=Decimal("10.5"))),
    ),
    "walletTransfers.search": ("walletTransfers.search", lambda c: c.wallet_transfers_search()),
    "walletTransfers.get": ("walletTransfers.get", lambda c: c.wallet_transfers_get(501)),
    "walletTransfers.getRewards": (
        "walletTransfers.getRewards",
        lambda c: c.wallet_transfers_get_rewards("MT5"),
    ),
    "strategies.search": ("strategies.search", lambda c: c.strategies_search()),
    "strategies.get": ("strategies.get", lambda c: c.strategies_get(7)),
    "strategies.add": (
        "strategies.add",
        lambda c: c.strategies_add(
            s.StrategyDraft(WalletID=88, ClientID=101, Name="Alpha", Money=Decimal(1000))
        ),
    ),
    "strategies.close": ("command", lambda c: c.strategies_close(7)),
    "strategies.checkName": ("strategies.checkName", lambda c: c.strategies_check_name("Alpha")),
    "strategysymbolstat.get": ("strategysymbolstat.get", lambda c: c.strategysymbolstat_get(7)),
    "accounts.search": ("accounts.search", lambda c: c.accounts_search()),
    "accounts.get": ("accounts.get", lambda c: c.accounts_get(30)),
    "accounts.set": ("accounts.set", lambda c: c.accounts_set(s.AccountUpdate(ID=30, ABook=Decimal("0.5")))),
    "accounts.close": ("command", lambda c: c.accounts_close(30)),
    "accountStatements.get": ("accountStatements.get", lambda c: c.accounts_get_statement(30)),
    "accounts.pause": ("command", lambda c: c.accounts_pause(30)),
    "accounts.resume": ("command", lambda c: c.accounts_resume(30)),
    "deals.search": ("deals.search", lambda c: c.deals_search()),
    "deals.get": ("deals.get", lambda c: c.deals_get(900)),
    "positions.search": ("positions.search", lambda c: c.positions_search()),
    "positions.get": ("positions.get", lambda c: c.positions_get(61)),
    "fills.search": ("fills.search", lambda c: c.fills_search()),
    "fills.get": ("fills.get", lambda c: c.fills_get(70)),
    "fillRequests.search": ("fillRequests.search", lambda c: c.fill_requests_search()),
    "hb.get": ("hb.get", lambda c: c.fill_requests_get(40)),
    "signals.search": ("signals.search", lambda c: c.signals_search()),
    "signals.get": ("signals.get", lambda c: c.signals_get(55)),
    "assets.search": ("assets.search", lambda c: c.assets_search()),
    "assets.get": ("assets.get", lambda c: c.assets_get(840)),
    "symbol.search": ("symbol.search", lambda c: c.symbols_search()),
    "symbol.get": ("symbol.get", lambda c: c.symbols_get(3)),
    "trading.searchStrategies": ("trading.searchStrategies", lambda c: c.trading_search_strategies([1, 2])),
    "trading.addSignal": (
        "trading.addSignal",
        lambda c: c.trading_add_signal(s.SignalDraft(StrategyID=7, Symbol="EURUSD", Lot=Decimal("0.3"))),
    ),
    "streams.get": ("streams.get", lambda c: c.streams_get()),
}


def mock_client(answer: Callable[[httpx.Request], httpx.Response]) -> RammClient:
    return RammClient.create(BASE, transport=httpx.MockTransport(answer))


def serve(name: str, status: int = 200) -> Callable[[httpx.Request], httpx.Response]:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            status, content=EXAMPLES[name].encode(), headers={"content-type": "application/json"}
        )

    return answer


@pytest.mark.parametrize("wire_method", sorted(CASES))
async def test_each_example_parses_through_its_client_method(wire_method: str) -> None:
    name, call = CASES[wire_method]
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return serve(name)(request)

    async with mock_client(answer) as client:
        result = await call(client)
    assert result is not None
    assert seen[0].method == "POST"
    assert seen[0].url.path == f"/api/manager/v1/{wire_method}"
    assert isinstance(json.loads(seen[0].content), dict)


def test_every_example_is_used_or_checked_elsewhere() -> None:
    used = {name for name, _call in CASES.values()}
    elsewhere = {"session.login companies", "error lowercase", "error PascalCase"}
    assert set(EXAMPLES) == used | elsewhere


async def test_quirks_are_read_as_documented() -> None:
    async with mock_client(serve("walletTransfers.get")) as client:
        assert (await client.wallet_transfers_get(501)).WalletID == 88  # the example's IDWallet
    async with mock_client(serve("wallets.get")) as client:
        assert (await client.wallets_get(88)).DTCreated == datetime(2018, 11, 23, 11, 59, 12, 493000)
    async with mock_client(serve("signals.search")) as client:
        signals = await client.signals_search()
        assert signals.rows[0].DTProcessed == datetime(2018, 12, 30, 10, 0, 0, 100000)  # DTLastFill
    async with mock_client(serve("clients.get")) as client:
        info = await client.clients_get(101)
        assert [st.StreamID for st in info.AvailableStreams] == [1]  # one object, read as a list
        assert info.Statistic is not None and info.Statistic.Volume == Decimal("4.5")
    async with mock_client(serve("clients.search")) as client:
        clients = await client.clients_search()
        assert clients.order_by is not None and clients.order_by.Direction == "Desc"  # OrderDirection
        assert clients.rows[0].Test is False and clients.rows[0].Enabled is True
    async with mock_client(serve("accounts.search")) as client:
        accounts = await client.accounts_search()
        assert accounts.pagination.OrderByField == "ID" and accounts.rows[0].Status is AccountStatus.ACTIVE
    async with mock_client(serve("company.getEquity")) as client:
        assert (await client.company_get_equity())[0].Balance == Decimal("1400.25")
    async with mock_client(serve("managers.get")) as client:
        assert (await client.managers_get(12)).Tag == "Tag1"
    async with mock_client(serve("streams.get")) as client:
        assert [row.IDStream for row in await client.streams_get()] == [1]
    async with mock_client(serve("settings.get")) as client:
        assert await client.settings_get("layout") == '{"columns": [1, 2]}'
    async with mock_client(serve("session.heartbeat")) as client:
        beat = await client.session_heartbeat()
        assert beat.UpdateImportance is UpdateImportance.IMPORTANT and beat.rights_changed


async def test_login_companies_with_company_id_zero() -> None:
    async with mock_client(serve("session.login companies")) as client:
        companies = await client.session_login_companies("manager", "secret")
    assert [(c.ID, c.URL) for c in companies] == [(0, "https://dc1.ramm.tech")]


@pytest.mark.parametrize(
    ("name", "status", "code"),
    [
        ("error lowercase", 400, "invalid_input"),
        ("error PascalCase", 403, "access_denied"),
    ],
)
async def test_both_error_spellings_become_venue_errors(name: str, status: int, code: str) -> None:
    async with mock_client(serve(name, status)) as client:
        with pytest.raises(VenueError) as caught:
            await client.clients_get(1)
    assert not isinstance(caught.value, AuthError)
    assert caught.value.code == code and caught.value.http_status == status
    assert (
        caught.value.message
        == example(name).get("error", example(name).get("Error"))[
            "message" if name == "error lowercase" else "Message"
        ]
    )


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (401, b""),
        (401, b'{"error": {"code": "unauthorized", "message": "expired"}}'),
        (401, b'{"Error": {"Code": "bad_credentials", "Message": "wrong password"}}'),
        (403, b'{"error": {"code": "login_blocked", "message": "blocked"}}'),
    ],
)
async def test_authentication_failures_are_auth_errors(status: int, body: bytes) -> None:
    async with mock_client(lambda request: httpx.Response(status, content=body)) as client:
        with pytest.raises(AuthError):
            await client.session_get()


async def test_an_error_body_with_http_200_is_still_an_error() -> None:
    async with mock_client(serve("error PascalCase")) as client:
        with pytest.raises(VenueError, match="access_denied"):
            await client.accounts_pause(3)


@pytest.mark.parametrize(
    "body",
    [
        b"<html>gateway</html>",
        b'{"ID": "not a number"}',
        b'{"ID": 1, "DT": "yesterday"}',
        b'{"ID": 1, "Price": 1e999999}',
        b"[" * 5000 + b"]" * 5000,
    ],
)
async def test_bad_venue_data_is_a_transport_error(body: bytes) -> None:
    async with mock_client(lambda request: httpx.Response(200, content=body)) as client:
        with pytest.raises(TransportError) as caught:
            await client.fills_get(1)
    assert caught.value.outcome_unknown is False  # a read


async def test_a_write_with_an_unreadable_answer_has_an_unknown_outcome() -> None:
    async with mock_client(lambda request: httpx.Response(200, content=b"garbage")) as client:
        with pytest.raises(TransportError) as caught:
            await client.trading_add_signal(s.SignalDraft(StrategyID=1, Symbol="SBER", Lot=Decimal(10)))
    assert caught.value.outcome_unknown is True


async def test_token_header_and_no_body_methods() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    async with mock_client(answer) as client:
        client.set_token("abc")
        await client.session_logout()
        assert client.token is None
    assert seen[0].headers["Token"] == "abc" and json.loads(seen[0].content) == {}
    assert seen[0].headers["content-type"] == "application/json"


def test_unknown_enum_values_are_kept_as_ints() -> None:
    row = s.AccountRow.model_validate({"ID": 1, "Status": 42, "State": 3})
    assert row.Status == 42 and not isinstance(row.Status, AccountStatus)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018-11-23T11:59:12.493", datetime(2018, 11, 23, 11, 59, 12, 493000)),
        ("2018-11-23T11:54:00", datetime(2018, 11, 23, 11, 54)),
        ("2018-12-30 00:00:00.000", datetime(2018, 12, 30)),
        ("2018-12-11 08:22", datetime(2018, 12, 11, 8, 22)),
    ],
)
def test_documented_date_shapes(text: str, expected: datetime) -> None:
    assert parse_stamp(text) == expected


def test_dates_go_out_in_the_documented_shape() -> None:
    assert format_stamp(datetime(2018, 11, 23, 11, 59, 12, 493999)) == "2018-11-23T11:59:12.493"
    assert format_stamp(datetime(2018, 11, 23, 14, 0, tzinfo=UTC)) == "2018-11-23T14:00:00.000"


def test_a_search_query_body() -> None:
    query = Query(
        {"DTFrom": datetime(2018, 12, 30), "YieldFrom": Decimal("1.5"), "Status": None},
        page=2,
        per_page=10,
        order_by="DT",
        direction=SortDirection.DESC,
    )
    assert query.body() == {
        "Filter": {"DTFrom": "2018-12-30T00:00:00.000", "YieldFrom": 1.5},
        "Pagination": {"CurrentPage": 2, "PerPage": 10},
        "OrderBy": {"Field": "DT", "Direction": "Desc"},
    }


async def test_a_lost_write_behind_a_gateway_has_an_unknown_outcome() -> None:
    async with mock_client(lambda request: httpx.Response(504, content=b"<html>timeout</html>")) as client:
        with pytest.raises(TransportError) as caught:
            await client.accounts_close(30)
        assert caught.value.outcome_unknown is True
        with pytest.raises(VenueError, match="server failure") as refused:
            await client.accounts_get(30)  # a read: the venue failed, nothing was changed
    assert refused.value.http_status == 504


async def test_reads_are_retried_and_writes_are_not() -> None:
    calls: list[str] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        method = request.url.path.rsplit("/", 1)[-1]
        calls.append(method)
        if calls.count(method) == 1:  # the first attempt of each method times out
            raise httpx.ReadTimeout("lost", request=request)
        return httpx.Response(200, content=EXAMPLES[method].encode())

    async with mock_client(flaky) as client:
        client.http.backoff = Backoff(first=0)
        with pytest.raises(TransportError) as caught:
            await client.accounts_set(s.AccountUpdate(ID=30, ABook=Decimal(1)))
        assert caught.value.outcome_unknown is True
        assert (await client.accounts_get(30)).ID == 30
    assert calls == ["accounts.set", "accounts.get", "accounts.get"]
