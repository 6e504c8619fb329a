"""The enums of the RAMM.STORE manager API (api-notes/ramm-manager.md §2), values as on the wire."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class ManagerStatus(IntEnum):
    NEW = 0
    ACTIVE = 1
    DISABLED_TEMPORARILY = 2
    DISABLED_HIDDEN = 3
    DELETED = 4


class CompanyStatus(IntEnum):
    """3 and above are error states (read as plain ints)."""

    NEW = 0
    OK = 1
    DELETED = 2


class ClientStatus(IntEnum):
    NO_BALANCE_OPERATIONS = 0
    BONUSES = 1
    PARTNER_REWARD = 2
    TRADER_REWARD = 3
    OWN_FUNDS = 4


class WalletStatus(IntEnum):
    NEW = 0
    ACTIVE = 1


class TransferType(IntEnum):
    FUND = 0
    WITHDRAW = 1
    BONUS_FUND = 2
    BONUS_WITHDRAW = 3
    TO_ACCOUNT = 4
    FROM_ACCOUNT = 5
    FEE = 6
    COMMISSION = 7
    PARTNERS = 8


class CopyStrategyStatus(IntEnum):
    NOT_ACTIVATED = 0
    ACTIVE = 1
    PAUSED = 2
    DISABLED = 3
    CLOSED = 4


class AccountingSystem(IntEnum):
    HEDGING = 0
    NETTING = 1


class AccountType(IntEnum):
    """Also ``Deal.AccountType`` and ``Statement.Type``."""

    REAL_SECURITY = 0  # the trader's own account
    VIRTUAL_MASTER = 1
    REAL_INTERNAL = 2
    REAL_EXTERNAL = 3


class AccountStatus(IntEnum):
    NEW = 0
    ACTIVE = 1
    MARGIN_CALL = 2
    PROTECTION_TARGET = 3
    PAUSE = 4
    DISABLED = 5
    CLOSED = 6


class AccountState(IntEnum):
    NEW = 0
    UNUSED = 1
    ACTIVE_NO_POSITIONS = 2
    ACTIVE_WITH_POSITIONS = 3
    MARGIN_CALL_WITH_POSITIONS = 4
    MARGIN_CALL_NO_POSITIONS = 5
    PROTECTION_WITH_POSITIONS = 6
    PROTECTION_NO_POSITIONS = 7
    TARGET_WITH_POSITIONS = 8
    TARGET_NO_POSITIONS = 9
    PAUSE_WITH_POSITIONS = 10
    PAUSE_NO_POSITIONS = 11
    DISABLED_WITH_POSITIONS = 12
    DISABLED_NO_POSITIONS = 13
    CLOSED_WITH_POSITIONS = 14
    CLOSED_NO_POSITIONS = 15


class DealType(IntEnum):
    BUY = 0
    SELL = 1
    BALANCE = 2
    CREDIT = 3
    ADDITIONAL_CHARGE = 4
    CORRECTION = 5
    BONUS = 6
    FEE = 7
    DIVIDEND = 8
    INTEREST = 9
    CANCELLED_BUY = 10
    CANCELLED_SELL = 11
    PERIODICAL_COMMISSION = 12
    ZERO_TOTAL_ORDER = 13


class DealEntry(IntEnum):
    IN = 0
    OUT = 1
    IN_OUT = 2


class SignalStatus(IntEnum):
    NEW = 0
    OK = 1
    REJECT = 2
    ERROR = 3


class AssetType(IntEnum):
    CURRENCY = 0
    METAL = 1
    SHARE = 2
    CRYPTOCURRENCY = 3


class UpdateImportance(IntEnum):
    """``session.heartbeat``: from IMPORTANT up, the owner re-reads its rights (``session.getMethods``)."""

    NONE = 0
    MINOR = 1
    STANDARD = 2
    IMPORTANT = 3
    VERY_IMPORTANT = 4
    CRITICAL = 5


class TestFilter(IntEnum):
    """The ``Test`` search filter."""

    __test__ = False  # not a pytest test class

    REAL = 0
    TEST = 1
    ALL = 2


class SortDirection(StrEnum):
    ASC = "Asc"
    DESC = "Desc"
