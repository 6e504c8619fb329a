"""The back office at startup: the system user, the broker, its categories and groups, the demo operator (who
is also the CHP demo trader, owning the CHP portfolios as accounts) and a plain client ``trader2``."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from services.dxregister.schemas import (
    Account,
    AccountCashType,
    AccountGroup,
    AccountRole,
    AccountStatus,
    AccountTier,
    Broker,
    BrokerType,
    Client,
    ClientStatus,
    ClientType,
)
from services.simulator.apis.chp.state import CURRENCY as CHP_CURRENCY
from services.simulator.apis.chp.state import USERS as CHP_USERS
from services.simulator.apis.chp.state import ChpState, account_of
from services.simulator.apis.dxregister.state import OPERATOR_PERMISSIONS, DxState, DxUser
from services.simulator.context import DEMO_LOGIN, DEMO_PASSWORD, SimulatorContext
from services.simulator.permissions import DEFAULT_DOMAIN

BROKER_CODE = "ITI"
CLEARING_CODE = "ITI"  # the broker's clearing code: every CHP portfolio is account ITI/<portfolio name>
CHP_VENUE_ID = "chp"
SECOND_LOGIN = "trader2"
SECOND_PASSWORD = "demo"
SECOND_ACCOUNT = "TR2-USD-01"
SECOND_OPENING = Decimal(10_000)
CATEGORIES = {
    "Commissions": ["Default", "VIP"],
    "DxBroRiskControl": ["Standard", "Strict"],
    "RankedGroupCommissions": ["Tier1", "Tier2"],
}
GROUPS = {  # (domain, name) -> ancestors
    (DEFAULT_DOMAIN, "traders"): [],
    (DEFAULT_DOMAIN, "vip"): [f"{DEFAULT_DOMAIN}@traders"],
    (DEFAULT_DOMAIN, "operators"): [],
}


def chp_state(ctx: SimulatorContext) -> ChpState:
    """The CHP simulator's state, made now if the CHP app has not been built yet (it reuses it): its
    portfolios and their opening money must exist before dxRegister can show or move that money."""
    state = ctx.venue_state.get(CHP_VENUE_ID)
    if not isinstance(state, ChpState):
        state = ctx.venue_state[CHP_VENUE_ID] = ChpState(ctx)
    return state


def seed(state: DxState) -> None:
    created = datetime.fromtimestamp(state.now(), UTC)
    state.brokers[BROKER_CODE] = Broker(
        name="ITI Capital",
        broker_code=BROKER_CODE,
        namespace=DEFAULT_DOMAIN,
        country_code="RU",
        type=BrokerType.EXEC_BROKER,
        description="The broker behind the CHP_Rest portfolios",
        client_principal_group=f"{DEFAULT_DOMAIN}@traders",
        dealer_principal_group=f"{DEFAULT_DOMAIN}@operators",
    )
    state.clearing_codes[BROKER_CODE] = CLEARING_CODE
    state.categories[BROKER_CODE] = {name: list(values) for name, values in CATEGORIES.items()}
    for key, ancestors in GROUPS.items():
        state.groups[key] = list(ancestors)
        state.members[key] = []

    def person(login: str, full_name: str, type_: ClientType = ClientType.CLIENT) -> Client:
        return Client(
            domain=DEFAULT_DOMAIN,
            login=login,
            full_name=full_name,
            email=f"{login}@tessera.local",
            broker_code=BROKER_CODE,
            type=type_,
            status=ClientStatus.OFFLINE,
            created_date_time=created,
        )

    system = state.add_user(person("system", "Platform", ClientType.OTHER), "")
    system.system = True
    tell_chp_of_money(state)  # the CHP portfolios (engine accounts with their opening money) exist from here
    for chp_user in CHP_USERS.values():
        operator = chp_user.login == DEMO_LOGIN
        user = state.add_user(
            person(chp_user.login, "Demo Operator" if operator else chp_user.login),
            DEMO_PASSWORD if operator else chp_user.password,
            OPERATOR_PERMISSIONS if operator else frozenset(),
        )
        _join(state, user, "traders", *(["operators"] if operator else []))
        for portfolio in chp_user.portfolios:
            _link_portfolio(state, user, portfolio, account_of(chp_user.login, portfolio))
    second = state.add_user(person(SECOND_LOGIN, "Second Trader"), SECOND_PASSWORD)
    _join(state, second, "traders")
    account = state.open_account(
        Account(
            clearing_code=CLEARING_CODE,
            account_code=SECOND_ACCOUNT,
            broker_code=BROKER_CODE,
            type=AccountRole.CLIENT,
            status=AccountStatus.FULL_TRADING,
            account_cash_type=AccountCashType.CASH,
            account_type=AccountTier.DEMO,
            currency="USD",
            balance=SECOND_OPENING,
            credit=Decimal(0),
            categories=[AccountGroup(category="Commissions", value="Default")],
        ),
        second.key,
    )
    state.grant(account, second.key)


def tell_chp_of_money(state: DxState) -> None:
    """Money moved in the back office reaches the CHP sessions (at the seed, and after a paper restore)."""
    chp = chp_state(state.ctx)
    state.money_listeners.append(lambda account: _tell_chp(chp, account))


def _tell_chp(chp: ChpState, engine_account: str) -> None:
    """Sessions listening to the portfolio get a SetPortfolio row with the new money at their next drain."""
    owner = chp.owners.get(engine_account)
    if owner is None:
        return
    login, portfolio = owner
    for session in chp.sessions.values():
        if session.login == login and portfolio in session.portfolios:
            ChpState.mark_changed(session, portfolio)


def _join(state: DxState, user: DxUser, *groups: str) -> None:
    for name in groups:
        state.members[(DEFAULT_DOMAIN, name)].append(f"{DEFAULT_DOMAIN}@{user.client.login}")


def _link_portfolio(state: DxState, user: DxUser, portfolio: str, engine_account: str) -> None:
    """CHP portfolio ``ST<code>-MO-NN`` is LIVE margin account ``ITI/ST<code>-MO-NN`` in RUB, its money the
    engine account ``chp:<login>:<portfolio>`` (so a deposit here is cash there)."""
    record = Account(
        clearing_code=CLEARING_CODE,
        account_code=portfolio,
        broker_code=BROKER_CODE,
        type=AccountRole.CLIENT,
        status=AccountStatus.FULL_TRADING,
        account_cash_type=AccountCashType.MARGIN,
        account_type=AccountTier.LIVE,
        currency=CHP_CURRENCY,
        credit=Decimal(0),
        categories=[
            AccountGroup(category="Commissions", value="Default"),
            AccountGroup(category="DxBroRiskControl", value="Standard"),
        ],
    )
    account = state.open_account(record, user.key, engine_account)
    state.grant(account, user.key)
