# ruff: noqa: E501
"""Answers of the RAMM manager API as api-notes/ramm-manager.md describes them, quirks included.

The notes list fields rather than print bodies, so each example is written from its table with the quirks the
notes report in the source examples: dates with and without milliseconds, ``Test: 0``/``Enabled: 1`` for
booleans, ``OrderBy.OrderDirection``, the accounts.search order inside ``Pagination``, ``DT`` in wallets.get,
``IDWallet`` in walletTransfers.get, ``DTLastFill`` in signals, ``DealID``/``PositionID``, a single
``AvailableStreams`` object, a string ``Tag`` in managers.get, ``ExecutionAccount`` as a string, string
``Balance`` in company.getEquity, ``CompanyID: 0`` in a session, and both error spellings.
"""

from __future__ import annotations

import json
from typing import Any

EXAMPLES: dict[str, str] = {}

EXAMPLES["session.login companies"] = (
    """{"Companies": [{"ID": 0, "Name": "Demo broker", "Demo": true, "URL": "https://dc1.ramm.tech"}]}"""
)
EXAMPLES["session.login"] = """{"Token": "0b8c2a8e4f", "Login": "manager", "ManagerID": 12, "CompanyID": 0,
 "DTCreated": "2018-11-23T11:59:12.493", "DTLastActivity": "2018-11-23T11:59:12.493",
 "DTRightsLastUpdate": "2018-11-23T11:54:00", "ExpirationMinutes": 10, "Demo": false}"""
EXAMPLES["session.getMethods"] = """{"Methods": ["session.get", "clients.search", "accounts.pause"]}"""
EXAMPLES["session.heartbeat"] = """{"DTRightsLastUpdate": "2018-11-23T11:54:00.000", "UpdateImportance": 3}"""
EXAMPLES[
    "session.getMySessions"
] = """[{"Token": "0b8c2a8e4f", "Login": "manager", "ManagerID": 12, "CompanyID": 1,
 "DTCreated": "2018-11-23T11:59:12.493", "DTLastActivity": "2018-11-23T12:00:00.000",
 "DTRightsLastUpdate": "2018-11-23T11:54:00.000", "ExpirationMinutes": 60, "Demo": true}]"""
EXAMPLES[
    "sessions.search"
] = """{"Sessions": [{"Token": "0b8c2a8e4f", "Login": "manager", "ManagerID": 12, "CompanyID": 1,
 "DTCreated": "2018-11-23T11:59:12.493", "DTLastActivity": "2018-11-23T12:00:00", "DTRightsLastUpdate": "2018-11-23T11:54:00",
 "ExpirationMinutes": 10, "Demo": false}]}"""
EXAMPLES["profile.get"] = (
    """{"ID": 12, "Login": "manager", "FirstName": "Ivan", "LastName": "Petrov", "Mobile": "+79001234567"}"""
)
EXAMPLES["managers.add"] = """{"ID": 13, "Login": "assistant", "Password": "Secret12"}"""
EXAMPLES[
    "managers.search"
] = """{"Filter": {"Value": "iv"}, "Pagination": {"TotalRecords": 1, "TotalPages": 1, "CurrentPage": 1, "PerPage": 100, "MaxPerPage": 100},
 "OrderBy": {"Field": "ID", "Direction": "Asc"},
 "Managers": [{"ID": 12, "Login": "manager", "FirstName": "Ivan", "LastName": "Petrov", "Mobile": "+79001234567", "Comment": "", "Status": 1, "Tag": 0}]}"""
EXAMPLES[
    "managers.get"
] = """{"ID": 12, "Login": "manager", "FirstName": "Ivan", "LastName": "Petrov", "Mobile": "+79001234567",
 "Comment": "", "Tag": "Tag1", "Company": {"ID": 1, "Name": "Demo broker", "Demo": true}}"""
EXAMPLES["managers.getMethods"] = """[{"Method": "clients.search"}, {"Method": "clients.get"}]"""
EXAMPLES["companies.add"] = """{"CompanyID": 5}"""
EXAMPLES[
    "companies.search"
] = """{"Filter": {}, "Pagination": {"TotalRecords": 1, "TotalPages": 1, "CurrentPage": 1, "PerPage": 100, "MaxPerPage": 100},
 "OrderBy": {"Field": "ID", "Direction": "Asc"},
 "Companies": [{"ID": 5, "ParentID": 1, "ParentCompanyName": "Demo broker", "Name": "Child", "URL": "https://dc1.ramm.tech", "Demo": true, "Status": 1}]}"""
EXAMPLES["company.get"] = (
    """{"ID": 5, "Name": "Child", "URL": "https://dc1.ramm.tech", "Demo": true, "Status": 1, "Parent": {"ID": 1, "Name": "Demo broker"}}"""
)
EXAMPLES["company.getEquity"] = (
    """[{"IDCompany": 1, "DT": "2019-01-01T00:00:00", "Equity": 1500.5, "Balance": "1400.25", "WalletsBalance": "200"}]"""
)
EXAMPLES["clients.addWithWallet"] = (
    """{"Client": {"ID": 101, "Login": "investor", "Password": "Qwerty12"}, "Wallet": {"ID": 88, "AssetID": 840, "AssetName": "USD"}}"""
)
EXAMPLES[
    "clients.search"
] = """{"Filter": {"Value": "inv"}, "Pagination": {"TotalRecords": 1, "TotalPages": 1, "CurrentPage": 1, "PerPage": 100, "MaxPerPage": 100},
 "OrderBy": {"Field": "ID", "OrderDirection": "Desc"},
 "Clients": [{"ID": 101, "Login": "investor", "Email": "inv@example.com", "FirstName": "Olga", "LastName": "Orlova", "Mobile": "+79001112233",
  "Language": "ru", "Status": 4, "Tag": 0, "Comment": "", "Test": 0, "Enabled": 1, "ActiveAccountsCount": 2, "ActiveAccountsTotalBalance": 1000.5,
  "ActiveAccountsTotalEquity": 1010.75, "ActiveAccountsTotalPositionsCount": 3, "ClosedAccountsCount": 0, "ActiveStrategiesCount": 0,
  "ClosedStrategiesCount": 0, "WalletsTotalBalance": 20, "TotalFunds": 1030.75}]}"""
EXAMPLES[
    "clients.get"
] = """{"ID": 101, "IDCompany": 1, "IDReferralToken": 0, "RegisteredDate": "2018-11-23T11:59:12.493", "FirstName": "Olga",
 "LastName": "Orlova", "Mobile": "+79001112233", "Login": "investor", "Comment": "", "Language": "ru", "IDLanguage": 2, "Status": 4, "Tag": 0,
 "Country": "RU", "Email": "inv@example.com", "Enabled": true, "ExternalPartnerReference": "", "ReferralRebate": 0, "Test": false,
 "StrategyDefaultStreamID": 1, "StrategyDefaultHedge": 0.5, "StrategyDefaultStreamName": "LP",
 "AvailableStreams": {"StreamID": 1, "Name": "LP"},
 "Statistic": {"GrossBalance": 1000, "NetBalance": 1000, "Equity": 1010, "NetEquity": 1010, "ActiveAccounts": 2, "ClosedAccounts": 0,
  "ActiveStrategies": 0, "ClosedStrategies": 0, "ClientFundsTotalIn": 2000, "ClientFundsTotalOut": 980, "ClientFundsDelta": 1020,
  "ClientBonusDelta": 0, "GrossProfit": 12.5, "NetProfit": 11.9, "GrossSwap": -0.3, "CommissionBroker": 0, "CommissionTrader": 0.3,
  "FeeCharged": 0, "FeeReceived": 0, "CommissionReceived": 0, "Volume": 4.5, "NetFloatingProfit": 10}}"""
EXAMPLES["clients.getCharges"] = """{"Charges": [{"ExecutionAccount": "50001", "ID": 77, "Charges": 1.25}]}"""
EXAMPLES["clients.getOTP"] = """{"OTP": "123456"}"""
EXAMPLES[
    "clients.searchStatistic"
] = """{"Filter": {"Login": "inv"}, "Pagination": {"TotalRecords": 1, "TotalPages": 1, "CurrentPage": 1, "PerPage": 100},
 "OrderBy": {"Field": "IDClient", "OrderDirection": "Asc"},
 "Statistic": [{"IDClient": 101, "IDCompany": 1, "Test": 0, "AccountsBalance": 1000, "AccountsEquity": 1010, "AccountsProfitCurrentIntervalGross": 10,
  "AccountsProfitPositionsGross": 10, "AccountsPastProfit": 0, "AccountsFeeCharged": 0, "AccountsFeePaid": 0, "AccountsCommissionPaid": 0,
  "AccountsActive": 2, "AccountsClosed": 0, "StrategiesActive": 0, "StrategiesClosed": 0, "StrategiesFeeReceived": 0, "StrategiesFeeDue": 0,
  "StrategiesCommissionReceived": 0, "StrategiesCommissionDue": 0, "WalletTransfersTotalIn": 2000, "WalletTransfersTotalOut": 980,
  "WalletTransfersTotalDelta": 1020, "Swap": 0, "DealsVolume": 4.5, "WalletsTotalBalance": 20, "PositionsCount": 3, "Login": "investor"}]}"""
EXAMPLES[
    "wallets.get"
] = """{"ID": 88, "ClientID": 101, "Asset": "USD", "DT": "2018-11-23T11:59:12.493", "Balance": 20, "Bonus": 0, "Status": 1,
 "Invested": 1000, "Margin": 12.5, "IntervalPnL": 10, "Test": false}"""
EXAMPLES[
    "wallets.search"
] = """{"Filter": {"ClientID": 101}, "Pagination": {"TotalRecords": 1, "TotalPages": 1, "CurrentPage": 1, "PerPage": 100},
 "OrderBy": {"Field": "ID", "Direction": "Asc"},
 "Wallets": [{"ID": 88, "ClientID": 101, "Asset": "USD", "DTCreated": "2018-11-23T11:59:12.493", "Balance": 20, "Status": 1}]}"""
EXAMPLES["walletTransfers.add"] = """{"WalletTransferID": 501}"""
EXAMPLES[
    "walletTransfers.search"
] = """{"Filter": {}, "Pagination": {"TotalRecords": 1, "TotalPages": 1, "CurrentPage": 1, "PerPage": 100, "MaxPerPage": 100},
 "OrderBy": {"Field": "ID", "Direction": "Asc"},
 "WalletTransfers": [{"ID": 501, "WalletID": 88, "ExternalTransferID": 9001, "DT": "2018-11-23T11:59:12.493", "Type": 0, "Amount": 2000,
  "CommentClient": "deposit", "CommentCompany": "", "Test": 0}]}"""
EXAMPLES[
    "walletTransfers.get"
] = """{"ID": 501, "IDWallet": 88, "ExternalTransferID": 9001, "DT": "2018-11-23T11:59:12.493", "Type": 0, "Amount": 2000,
 "CommentClient": "deposit", "CommentCompany": ""}"""
EXAMPLES["walletTransfers.getRewards"] = (
    """{"Transactions": [{"ExecutionAccount": "50001", "ID": 502, "Amount": 3.5}]}"""
)
EXAMPLES[
    "strategies.search"
] = """{"Filter": {"Closed": false}, "Pagination": {"TotalRecords": 1, "TotalPages": 1, "CurrentPage": 1, "PerPage": 100, "MaxPerPage": 100},
 "OrderBy": {"Field": "Yield", "Direction": "Desc"},
 "Strategies": [{"ID": 7, "AccountingSystem": 1, "ClientID": 101, "WalletID": 88, "TradingCoreID": 1, "Name": "Alpha",
  "DTCreated": "2018-11-23T11:59:12.493", "DTClosed": null, "DTStat": "2018-11-23T11:59:12.493", "DTStamp": "2019-01-10T10:00:00.000",
  "Commission": 0.00002, "Fee": 0.2, "Yield": 12.34, "Accounts": 5, "Status": 1, "Symbols": "EURUSD,GBPUSD", "UnitPrice": 1.1234,
  "Leverage": 2.5, "MonthlyYield": 1.2, "TraderLogin": "trader", "ExternalServer": "MT5", "ExternalAccount": "70001",
  "Chart": [{"Yield": 0}, {"Yield": 12.34}]}]}"""
EXAMPLES[
    "strategies.get"
] = """{"ID": 7, "AccountingSystem": 1, "WalletID": 88, "TradingCoreID": 1, "Name": "Alpha", "DTCreated": "2018-11-23T11:59:12.493",
 "DTClosed": null, "DTStat": "2018-11-23T11:59:12.493", "DTStamp": "2019-01-10T10:00:00.000", "Commission": 0.00002, "Fee": 0.2,
 "PartnerShare": 0.1, "Yield": 12.34, "Accounts": 5, "Status": 1, "Symbols": "EURUSD", "UnitPrice": 1.1234, "Leverage": 2.5,
 "MonthlyYield": 1.2, "TraderLogin": "trader", "ExternalServer": "MT5", "ExternalAccount": "70001", "CompanyID": 1, "TraderID": 101,
 "Demo": true, "Equity": 12000.5, "TraderLastName": "Orlova", "TraderFirstName": "Olga", "CompanyName": "Demo broker",
 "Chart": [{"Yield": 0, "DT": "2018-11-23T00:00:00"}, {"Yield": 12.34, "DT": "2019-01-10 10:00:00.000"}]}"""
EXAMPLES["strategies.add"] = """{"Strategy": {"ID": 8}}"""
EXAMPLES["strategies.checkName"] = """{"StrategyNameAvailable": true}"""
EXAMPLES["strategysymbolstat.get"] = (
    """{"StrategySymbolStat": [{"Symbol": "EURUSD", "Share": 60}, {"Symbol": "GBPUSD", "Share": 40}]}"""
)
EXAMPLES["command"] = """{"CommandID": 1234}"""
EXAMPLES["accounts.search"] = """{"Filter": {"StrategyID": 7, "Statuses": [1, 4]},
 "Pagination": {"TotalRecords": 1, "TotalPages": 1, "CurrentPage": 1, "PerPage": 100, "MaxPerPage": 100, "OrderByField": "ID", "OrderDirection": "Asc"},
 "Accounts": [{"ID": 30, "ClientID": 101, "WalletID": 88, "StrategyID": 7, "AccountingSystem": 1, "TradingCoreID": 1,
  "DTCreated": "2018-11-23T11:59:12.493", "DTClosed": null, "AssetName": "USD", "AccountSpecAssetID": 840, "LiquidityID": 1, "StreamID": 1,
  "StreamName": "LP", "PartnerID": 0, "CommandCloseID": 0, "TradingIntervalCurrentID": 3, "Type": 2, "ABook": 0.5, "Balance": 1000,
  "Factor": 2, "Equity": 1010.5, "ProfitBase": 1000, "Bonus": 0, "Margin": 20, "Status": 1, "MCReached": null, "Protection": 0.5,
  "ProtectionEquity": 500, "ProtectionReached": null, "Target": null, "TargetEquity": null, "TargetReached": null, "Precision": 2,
  "IsSecurity": 0, "Test": 0}]}"""
EXAMPLES[
    "accounts.get"
] = """{"ID": 30, "ClientID": 101, "WalletID": 88, "StrategyID": 7, "AccountingSystem": 1, "TradingCoreID": 1,
 "DT": "2018-11-23T11:59:12.493", "DTClosed": null, "AssetName": "USD", "AccountSpecAssetID": 840, "LiquidityID": 1, "StreamID": 1, "Type": 2,
 "ABook": 0.5, "Balance": 1000, "Factor": -1.5, "Equity": 1010.5, "ProfitBase": 1000, "Bonus": 0, "Margin": 20, "Status": 4, "Precision": 2,
 "IsSecurity": 0, "CompanyID": 1, "SuccessFee": 2, "FeeTotal": 0, "AccountMinBalance": 0, "AvailableToWithdraw": 990, "State": 11,
 "ProfitCurrentIntervalGross": 10.5, "ProfitCurrentIntervalNet": 10, "ProfitPositions": 0, "FeeRate": 0.2, "DrawdownIn": 1.5,
 "PositionsCount": 0, "AvailableStreams": [{"StreamID": 1, "Name": "LP"}]}"""
EXAMPLES["accounts.set"] = """{"ABookCommandID": 1235, "CommandStreamID": 0}"""
EXAMPLES[
    "accountStatements.get"
] = """{"IDStrategy": 7, "StrategyName": "Alpha", "AccountingSystem": 1, "Commission": 0.00002, "Fee": 0.2, "IDAccount": 30,
 "DT": "2018-11-23T11:59:12.493", "ABook": 0.5, "Type": 2, "DTStamp": "2019-01-10T10:00:00.000", "AccountAssetName": "USD", "LeverageMax": 100,
 "MCLevel": 50, "State": 3, "Factor": 2, "Target": null, "Protection": 0.5, "TargetEquity": null, "ProtectionEquity": 500}"""
EXAMPLES[
    "deals.search"
] = """{"Filter": {"AccountID": 30}, "Pagination": {"TotalRecords": 1, "TotalPages": 1, "CurrentPage": 1, "PerPage": 100, "MaxPerPage": 100},
 "OrderBy": {"Field": "DT", "Direction": "Desc"},
 "Deals": [{"ID": 900, "StrategyID": 7, "AccountingSystem": 1, "AccountID": 30, "AccountType": 2, "SignalID": 55, "CommandID": 0, "SOID": 0,
  "SymbolSpecID": 3, "StreamID": 1, "FillRequestID": 40, "ClientID": 101, "WalletID": 88, "DT": "2018-11-23T11:59:12.493", "Type": 0,
  "Symbol": "EURUSD", "Volume": 0.2, "VolumeA": 0.1, "Price": 1.13456, "Commission": 0.01, "Entry": 0, "Profit": 0, "Swap": 0,
  "TotalProfit": -0.01, "DealToID": 0, "Netting": 1, "PrecisionPrice": 5, "PrecisionVolume": 2, "ClientLogin": "investor",
  "ClientEmail": "inv@example.com", "Test": 0, "TurnoverUSD": 22691.2, "StrategyTags": "Postfix: c"}]}"""
EXAMPLES[
    "deals.get"
] = """{"DealID": 900, "StrategyID": 7, "AccountingSystem": 1, "AccountID": 30, "SignalID": 55, "CommandID": 0, "SOID": 0, "SymbolSpecID": 3,
 "StreamID": 1, "FillRequestID": 40, "DT": "2018-11-23T11:59:12.493", "Type": 1, "Symbol": "EURUSD", "Volume": 0.2, "VolumeA": 0.1,
 "Price": 1.13456, "Commission": 0.01, "Entry": 1, "Profit": 3.2, "Swap": 0, "TotalProfit": 3.19, "DealToID": 0, "Netting": 1,
 "PrecisionPrice": 5, "PrecisionVolume": 2, "TurnoverUSD": 22691.2, "CommissionLiquidity": 0, "CommissionBroker": 0,
 "CommissionTrader": 0.01, "CommissionPartner": 0, "Comment": "", "Tag": 0}"""
EXAMPLES[
    "positions.search"
] = """{"Filter": {}, "Pagination": {"TotalRecords": 1, "TotalPages": 1, "CurrentPage": 1, "PerPage": 100, "MaxPerPage": 100},
 "OrderBy": {"Field": "IDStrategy", "Direction": "Asc"},
 "Positions": [{"ID": 61, "AccountingSystem": 0, "Ticket": "123456", "AccountID": 30, "SymbolSpecID": 3, "Symbol": "EURUSD",
  "VolumeRequestLong": 0.2, "VolumeRequestShort": 0, "VolumeOpen": 0.2, "VolumeRejected": 0, "PriceOpen": 1.13456, "Swap": -0.1,
  "SwapDT": "2018-11-24T00:00:00", "MarginRequestLong": 20, "MarginRequestShort": 0, "MarginOpen": 20, "MarginLongTotal": 20,
  "MarginShortTotal": 0, "MarginTotal": 20, "Profit": 1.5, "TotalProfit": 1.4, "ProfitCalcQuote": 1, "ClientID": 101, "WalletID": 88,
  "StrategyID": 7, "StrategyName": "Alpha", "TraderID": 101, "TraderLogin": "trader", "PrecisionPrice": 5, "PrecisionVolume": 2, "Test": 0}]}"""
EXAMPLES[
    "positions.get"
] = """{"PositionID": 61, "AccountingSystem": 1, "Ticket": "", "AccountID": 30, "SymbolSpecID": 3, "Symbol": "EURUSD",
 "VolumeOpen": -0.2, "PriceOpen": 1.13456, "Swap": 0, "Profit": -1.5, "TotalProfit": -1.5, "ProfitCalcQuote": 1, "ClientID": 101,
 "WalletID": 88, "PrecisionPrice": 5, "PrecisionVolume": 2}"""
EXAMPLES[
    "fills.search"
] = """{"Filter": {"FillRequestID": 40}, "Pagination": {"TotalRecords": 1, "TotalPages": 1, "CurrentPage": 1, "PerPage": 100, "MaxPerPage": 100},
 "OrderBy": {"Field": "ID", "OrderDirection": "Asc"},
 "Fills": [{"ID": 70, "FillRequestID": 40, "Symbol": "EURUSD", "Price": 1.13456, "VolumeFilled": 0.1, "VolumeRejected": 0, "CommissionFill": 0,
  "Ticket": "LP-991", "DT": "2018-11-23T11:59:12.493", "DTExecuted": "2018-11-23T13:59:12.400", "DTProcessed": "2018-11-23T11:59:12.500", "Test": 0}]}"""
EXAMPLES[
    "fills.get"
] = """{"ID": 70, "FillRequestID": 40, "Symbol": "EURUSD", "Price": 1.13456, "VolumeFilled": 0.1, "VolumeRejected": 0, "CommissionFill": 0,
 "Ticket": 991, "DT": "2018-11-23T11:59:12.493", "DTExecuted": "2018-11-23T13:59:12.400", "DTProcessed": "2018-11-23T11:59:12.500"}"""
EXAMPLES[
    "fillRequests.search"
] = """{"Filter": {"Symbol": "EURUSD"}, "Pagination": {"TotalRecords": 1, "TotalPages": 1, "CurrentPage": 1, "PerPage": 100},
 "OrderBy": {"Field": "ID", "Direction": "Asc"},
 "FillRequests": [{"ID": 40, "StreamID": 1, "Symbol": "EURUSD", "Volume": 0.1, "DT": "2018-11-23T11:59:12.493", "DTProcessed": "2018-11-23T11:59:12.500",
  "DTLastFill": "2018-11-23T11:59:12.500", "Test": 0}]}"""
EXAMPLES["hb.get"] = (
    """{"ID": 40, "StreamID": 1, "Symbol": "EURUSD", "Volume": -0.1, "DT": "2018-11-23T11:59:12.493", "DTProcessed": null, "DTLastFill": null}"""
)
EXAMPLES[
    "signals.search"
] = """{"Filter": {"StrategyID": 7, "DTFrom": "2018-12-30 00:00:00.000"}, "Pagination": {"TotalRecords": 1, "TotalPages": 1, "CurrentPage": 1, "PerPage": 100},
 "OrderBy": {"Field": "ID", "Direction": "Asc"},
 "Signals": [{"ID": 55, "StrategyID": 7, "DT": "2018-12-30T10:00:00.000", "Symbol": "EURUSD", "TraderLot": -0.3, "TraderEquity": 12000,
  "SymbolsSync": "<Root><Item Symbol='EURUSD'/></Root>", "Status": 1, "Ticket": "", "Comment": "", "DTLastFill": "2018-12-30T10:00:00.100"}]}"""
EXAMPLES[
    "signals.get"
] = """{"ID": 55, "StrategyID": 7, "DT": "2018-12-11 08:22", "Symbol": "EURUSD", "TraderLot": 0.3, "TraderEquity": 12000, "SymbolsSync": "",
 "Status": 2, "Ticket": "42", "Comment": "from MT", "DTLastFill": "2018-12-11T08:22:01"}"""
EXAMPLES[
    "assets.search"
] = """{"Filter": {"Type": 0}, "Pagination": {"TotalRecords": 2, "TotalPages": 1, "CurrentPage": 1, "PerPage": 100},
 "OrderBy": {"Field": "ID", "Direction": "Asc"},
 "Assets": [{"ID": 840, "Type": 0, "Name": "USD", "Precision": 2}, {"ID": 978, "Type": 0, "Name": "EUR", "Precision": 2}]}"""
EXAMPLES["assets.get"] = """{"ID": 840, "Type": 0, "Name": "USD", "Precision": 2}"""
EXAMPLES[
    "symbol.search"
] = """{"Filter": {"Name": "EUR"}, "Pagination": {"TotalRecords": 1, "TotalPages": 1, "CurrentPage": 1, "PerPage": 100},
 "OrderBy": {"Field": "Name", "Direction": "Asc"},
 "Symbols": [{"ID": 3, "IDAssetBase": 978, "AssetBaseName": "EUR", "IDAssetQuote": 840, "AssetQuoteName": "USD", "Name": "EURUSD", "FullName": "Euro vs US Dollar", "Enabled": true}]}"""
EXAMPLES["symbol.get"] = (
    """{"ID": 3, "IDAssetBase": 978, "AssetBaseName": "EUR", "IDAssetQuote": 840, "AssetQuoteName": "USD", "Name": "EURUSD", "FullName": "Euro vs US Dollar", "Enabled": 1}"""
)
EXAMPLES[
    "trading.searchStrategies"
] = """{"Strategies": [{"ID": 7, "Status": 1, "NeedSync": true, "ExternalAccount": "70001", "ExternalServer": "MT5"},
 {"ID": 8, "Status": 2, "NeedSync": true, "ExternalAccount": "70002", "ExternalServer": "MT5"}]}"""
EXAMPLES["trading.addSignal"] = """{"SignalID": 56}"""
EXAMPLES["streams.get"] = """{"IDStream": 1, "Name": "LP"}"""
EXAMPLES["settings.get"] = """{"SettingsKey": "layout", "Settings": "{\\"columns\\": [1, 2]}"}"""
EXAMPLES["error lowercase"] = (
    """{"error": {"code": "invalid_input", "message": "invalid input in field 'ID'"}}"""
)
EXAMPLES["error PascalCase"] = (
    """{"Error": {"Code": "access_denied", "Message": "no right for accounts.pause"}}"""
)


def example(name: str) -> Any:
    return json.loads(EXAMPLES[name])
