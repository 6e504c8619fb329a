"""The seeded book: two companies, the demo and viewer managers, 20 clients, 5 strategies, 40 followers and
30 days of history replayed at the engine's past prices (deterministic from ``ctx.seed`` for a given day)."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from services.ramm.enums import AccountingSystem, AccountStatus, AccountType, TransferType
from services.simulator.apis.ramm.book import CopyBook
from services.simulator.apis.ramm.rights import READ_RIGHTS, RIGHT_METHODS
from services.simulator.apis.ramm.state import (
    AccountRec,
    CompanyRec,
    CustomerRec,
    ManagerRec,
    StrategyRec,
    WalletRec,
)
from services.simulator.context import DEMO_LOGIN, DEMO_PASSWORD

DAY = 86400
HISTORY_DAYS = 30
DEMO_COMPANY = 1
PARTNER_COMPANY = 2
VIEWER_LOGIN = "viewer"

_FIRST = (
    "Anna",
    "Boris",
    "Clara",
    "Dmitry",
    "Elena",
    "Felix",
    "Galina",
    "Hugo",
    "Irina",
    "Jonas",
    "Ksenia",
    "Leon",
    "Maria",
    "Nikita",
    "Olga",
    "Pavel",
    "Rita",
    "Sergey",
    "Tanya",
    "Victor",
)
_LAST = (
    "Ivanova",
    "Petrov",
    "Novak",
    "Smirnov",
    "Kuznetsova",
    "Weber",
    "Orlova",
    "Lindqvist",
    "Popova",
    "Berg",
    "Volkova",
    "Fischer",
    "Sokolova",
    "Morozov",
    "Lebedeva",
    "Kozlov",
    "Novikova",
    "Egorov",
    "Pavlova",
    "Stepanov",
)

_STRATEGIES: tuple[tuple[str, dict[str, tuple[str, ...]], int, str, str], ...] = (
    (
        "Demo Blue Chips",
        {
            "SBER": ("100", "200", "300", "-100", "0"),
            "GAZP": ("200", "400", "-200", "0"),
            "LKOH": ("5", "10", "-5", "0"),
        },
        AccountingSystem.NETTING,
        "20",
        "0.20",
    ),
    (
        "Crypto Majors",
        {
            "ETHUSDT": ("0.5", "1", "-0.5", "0"),
            "SOLUSDT": ("5", "10", "-5", "0"),
            "BTCUSDT": ("0.05", "0.1", "-0.05", "0"),
        },
        AccountingSystem.NETTING,
        "30",
        "0.25",
    ),
    (
        "Ruble Dividends",
        {"MTSS": ("100", "200", "0"), "TATN": ("20", "40", "0"), "SNGS": ("1000", "2000", "0")},
        AccountingSystem.NETTING,
        "10",
        "0.15",
    ),
    (
        "Altcoin Swing",
        {
            "XRPUSDT": ("2000", "4000", "-2000", "0"),
            "ADAUSDT": ("4000", "-4000", "0"),
            "DOGEUSDT": ("10000", "-10000", "0"),
        },
        AccountingSystem.NETTING,
        "50",
        "0.30",
    ),
    (
        "Index Hedge",
        {"MOEX": ("300", "-300", "0"), "YNDX": ("30", "-30", "0"), "NVTK": ("60", "-60", "0")},
        AccountingSystem.HEDGING,
        "0",
        "0.10",
    ),
)  # name, symbols with the lots a signal may set, accounting system, commission rate, fee rate

_FACTORS = ("0.5", "1", "1", "2", "3", "1.5")
_ABOOK = ("1", "1", "0.5", "0")


def seed_book(book: CopyBook, seed: int, now: float) -> None:
    state = book.state
    rng = random.Random(seed)
    start = (int(now) // DAY - HISTORY_DAYS) * DAY
    state.companies[DEMO_COMPANY] = CompanyRec(DEMO_COMPANY, "Tessera Demo Brokerage", "dc1", demo=True)
    state.companies[PARTNER_COMPANY] = CompanyRec(
        PARTNER_COMPANY, "Tessera Partners", "dc2", demo=False, parent_id=DEMO_COMPANY
    )
    everything = set(RIGHT_METHODS)
    state.managers[1] = ManagerRec(
        1,
        DEMO_COMPANY,
        DEMO_LOGIN,
        DEMO_PASSWORD,
        "Demo",
        "Manager",
        "+10000000000",
        "all rights",
        rights={DEMO_COMPANY: set(everything), PARTNER_COMPANY: set(everything)},
        rights_updated=start,
    )
    state.managers[2] = ManagerRec(
        2,
        DEMO_COMPANY,
        VIEWER_LOGIN,
        DEMO_PASSWORD,
        "View",
        "Only",
        "",
        "read only",
        rights={DEMO_COMPANY: set(READ_RIGHTS)},
        rights_updated=start,
    )
    state.counters["manager"] = state.counters["company"] = 2

    for index in range(20):
        client_id = state.next_id("client")
        login = DEMO_LOGIN if index == 0 else f"{_FIRST[index].lower()}.{_LAST[index].lower()}"
        first, last = ("Demo", "Trader") if index == 0 else (_FIRST[index], _LAST[index])
        state.clients[client_id] = CustomerRec(
            client_id,
            DEMO_COMPANY,
            login,
            DEMO_PASSWORD,
            start - 10 * DAY,
            first,
            last,
            f"{login}@tessera.local",
            f"+7900{client_id:07d}",
            rng.choice(("en", "ru", "de")),
            country=rng.choice(("RU", "DE", "CY", "AE")),
            test=index == 19,
            execution_server="SimMT5",
            execution_account=str(50_000 + client_id),
        )
        wallet = WalletRec(state.next_id("wallet"), client_id, start - 10 * DAY)
        state.wallets[wallet.id] = wallet
        amount = Decimal(rng.randrange(50_000, 150_000, 1_000))
        book.transfer(
            wallet,
            TransferType.FUND,
            amount,
            start - 9 * DAY,
            external_id=1000 + client_id,
            comment_client="deposit",
            execution_server="SimMT5",
        )
        if index % 4 == 0:
            book.transfer(
                wallet, TransferType.BONUS_FUND, Decimal(500), start - 9 * DAY, comment_client="bonus"
            )

    strategies: list[StrategyRec] = []
    for index, (name, _symbols, accounting, commission, fee) in enumerate(_STRATEGIES):
        owner = index + 1
        money = Decimal(rng.randrange(10_000, 40_000, 1_000))
        strategy = StrategyRec(
            state.next_id("strategy"),
            DEMO_COMPANY,
            owner,
            owner,
            name,
            start,
            money,
            int(accounting),
            fee_rate=Decimal(fee),
            commission_rate=Decimal(commission),
            partner_share=Decimal("0.1"),
            external_server="SimMT5",
            external_account=str(70_000 + owner),
        )
        state.strategies[strategy.id] = strategy
        trader = open_account(
            book, strategy, owner, owner, AccountType.REAL_SECURITY, Decimal(1), Decimal(1), money, start
        )
        strategy.trader_account_id = trader.id
        strategies.append(strategy)

    events: list[tuple[float, Callable[[float], object]]] = []
    followers: list[AccountRec] = []
    for index in range(40):
        strategy = strategies[index % len(strategies)]
        client_id = 6 + index % 15
        joined = start + rng.randrange(0, 5 * DAY, 3600)
        amount = Decimal(rng.randrange(2_000, 20_000, 500))
        account = open_account(
            book,
            strategy,
            client_id,
            client_id,
            AccountType.REAL_INTERNAL,
            Decimal(rng.choice(_FACTORS)),
            Decimal(rng.choice(_ABOOK)),
            amount,
            joined,
        )
        if index % 7 == 3:
            account.protection = Decimal("0.5")
            account.protection_equity = amount / 2
        if index % 9 == 4:
            account.target = Decimal("1")
            account.target_equity = amount * 2
        followers.append(account)
    for strategy, (_name, symbols, *_rest) in zip(strategies, _STRATEGIES, strict=True):
        for _ in range(10):
            moment = start + 5 * DAY + rng.randrange(0, (HISTORY_DAYS - 6) * DAY, 60)
            symbol = rng.choice(sorted(symbols))
            lot = Decimal(rng.choice(symbols[symbol]))
            events.append((moment, _signal(book, strategy, symbol, lot)))
    # one follower of the demo trader paused, one follower of another strategy closed
    paused, closed = followers[0], followers[6]
    events.append((now - 3 * DAY, lambda at: book.pause(paused, at)))
    events.append((now - 2 * DAY, lambda at: book.close_account(closed, at)))
    day_end = float(start + DAY)
    while day_end < now:
        events.append((day_end - 0.001, book.snapshot))
        day_end += DAY
    for at, action in sorted(events, key=lambda item: item[0]):
        with book.instruments.as_of(at):
            action(at)
    for strategy in strategies:
        strategy.need_sync = strategy.id % 2 == 0  # some plugins "restarted" and owe a sync


def open_account(
    book: CopyBook,
    strategy: StrategyRec,
    client_id: int,
    wallet_id: int,
    kind: AccountType,
    factor: Decimal,
    abook: Decimal,
    amount: Decimal,
    at: float,
) -> AccountRec:
    """A new account of ``strategy`` funded with ``amount`` from the client's wallet."""
    state = book.state
    account = AccountRec(
        state.next_id("account"),
        client_id,
        wallet_id,
        strategy.id,
        at,
        type=int(kind),
        factor=factor,
        abook=abook,
        status=AccountStatus.ACTIVE,
    )
    state.accounts[account.id] = account
    book.invest(account, amount, at)
    return account


def _signal(book: CopyBook, strategy: StrategyRec, symbol: str, lot: Decimal) -> Callable[[float], object]:
    def send(moment: float) -> object:
        equity = book.value(book.trader_account(strategy)).equity
        return book.add_signal(strategy, {symbol: lot}, equity, moment, comment="seeded history")

    return send
