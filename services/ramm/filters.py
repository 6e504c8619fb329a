"""The Filter section of each ``*.search`` method, as documented (api-notes/ramm-manager.md §4).

Pass one as ``Query(filter=...)``; fields left ``None`` are not sent. A plain dict of wire names works too.
``*From`` dates are inclusive and ``*To`` dates exclusive (signals.search says so; the others follow it).
``Test``: 0 real, 1 test, 2 all (:class:`~services.ramm.enums.TestFilter`).
"""

from __future__ import annotations

from services.ramm.schemas import RammRequest
from services.ramm.wire_types import Money, Stamp


class ManagerFilter(RammRequest):
    Value: str | None = None  # substring of any text field
    ID: int | None = None
    Login: str | None = None
    FirstName: str | None = None
    LastName: str | None = None
    Mobile: str | None = None
    Comment: str | None = None
    Status: int | None = None


class CompanyFilter(RammRequest):
    Name: str | None = None  # substring
    ParentID: int | None = None
    ID: int | None = None


class ClientFilter(RammRequest):
    Value: str | None = None
    ID: int | None = None
    Login: str | None = None
    FirstName: str | None = None
    LastName: str | None = None
    Mobile: str | None = None
    Comment: str | None = None
    Status: int | None = None
    Test: bool | None = None


class ClientStatFilter(RammRequest):
    Login: str | None = None
    Test: int | None = None


class WalletFilter(RammRequest):
    ClientID: int | None = None
    TestClient: bool | None = None


class WalletTransferFilter(RammRequest):
    WalletID: int | None = None
    ID: int | None = None
    Type: int | None = None
    ClientID: int | None = None
    Test: int | None = None


class StrategyFilter(RammRequest):
    WalletID: int | None = None
    ClientID: int | None = None
    Name: str | None = None  # substring
    DTClosedFrom: Stamp | None = None
    DTClosedTo: Stamp | None = None
    DTCreatedFrom: Stamp | None = None
    DTCreatedTo: Stamp | None = None
    YieldFrom: Money | None = None
    YieldTo: Money | None = None
    Status: int | None = None
    Symbols: str | None = None
    TraderLogin: str | None = None
    Value: str | None = None
    ExternalAccount: str | None = None
    Closed: bool | None = None
    AccountingSystem: int | None = None


class AccountFilter(RammRequest):
    StrategyID: int | None = None
    ClientID: int | None = None
    DTCreatedFrom: Stamp | None = None
    DTCreatedTo: Stamp | None = None
    DTClosedFrom: Stamp | None = None
    DTClosedTo: Stamp | None = None
    Type: int | None = None
    State: int | None = None
    ID: int | None = None
    StreamID: int | None = None
    Test: int | None = None
    AccountingSystem: int | None = None
    Statuses: list[int] | None = None


class DealFilter(RammRequest):
    AccountID: int | None = None
    SignalID: int | None = None
    SOID: int | None = None
    CommandID: int | None = None
    StrategyID: int | None = None
    Symbol: str | None = None
    Type: int | None = None
    AccountType: int | None = None
    ID: int | None = None
    DTFrom: Stamp | None = None
    DTTo: Stamp | None = None
    ClientID: int | None = None
    WalletID: int | None = None
    Test: int | None = None
    AccountingSystem: int | None = None


class PositionFilter(RammRequest):
    AccountID: int | None = None
    ClientID: int | None = None
    WalletID: int | None = None
    StrategyID: int | None = None
    Symbol: str | None = None
    Test: int | None = None
    AccountingSystem: int | None = None
    Ticket: str | None = None


class FillFilter(RammRequest):
    """Without FillRequestID, Symbol or Ticket the DTProcessed range may not exceed a month."""

    DTProcessedFrom: Stamp | None = None
    DTProcessedTo: Stamp | None = None
    FillRequestID: int | None = None
    Symbol: str | None = None
    Ticket: str | None = None
    PriceFrom: Money | None = None
    PriceTo: Money | None = None
    ID: int | None = None
    Test: int | None = None


class FillRequestFilter(RammRequest):
    StreamID: int | None = None
    Symbol: str | None = None
    Test: int | None = None


class SignalFilter(RammRequest):
    StrategyID: int | None = None
    DTFrom: Stamp | None = None
    DTTo: Stamp | None = None
    Symbol: str | None = None
    Status: int | None = None


class AssetFilter(RammRequest):
    Type: int | None = None
    Name: str | None = None  # substring


class SymbolFilter(RammRequest):
    Name: str | None = None  # ticker substring
    Enabled: bool | None = None
