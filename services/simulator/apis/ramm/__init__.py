"""The RAMM.STORE manager API (copy trading), simulated: api-docs/ramm-store-manager-api.md (method names) and
api-notes/ramm-manager.md (fields, enums, search convention, errors, login flow), to the letter where they
speak.

Mount prefix ``/ramm``. Main domain: ``{server}/ramm/api/manager/v1/{method}`` (the real one is
``https://ramm.store/api/manager/v1/{method}``), and the few client API methods of client_api.py at
``{server}/ramm/api/client/v1/{method}``. Each company's ``URL`` is an access server on the same
server, ``{server}/ramm/dc1`` (demo company) or ``{server}/ramm/dc2``, serving
``{URL}/api/manager/v1/{method}``; the URL is absolute, built from the request's own scheme, host and mount.
Every method is POST with a JSON object body (an empty body counts as ``{}``) and, except session.login, the
header ``Token: <token>``. State lives in ``ctx.venue_state["ramm"]``; the book is seeded on first use (see
seed.py) and priced from the shared engine.

Design choices where the notes leave the shape open:

- Login. session.login without a ``CompanyID`` key (anywhere) answers ``{"Companies": [{ID, Name, Demo,
  URL}]}`` for the companies the manager has rights in; with it, only on that company's access server, it
  opens a session (on the main domain or another DC: ``invalid_input`` on CompanyID). ExpirationMinutes
  defaults to 10. A token works only on the access server that issued it. A session expires after
  ExpirationMinutes of the simulated clock without a call (any call counts, session.heartbeat included).
- Managers: ``demo``/``demo`` has every right in companies 1 (demo, ``Demo: true``) and 2 (its child);
  ``viewer``/ ``demo`` has the read rights (gets, searches, profile, settings, password.set) in company 1. The
  six session.* methods need no right. A missing right: HTTP 403 ``access_denied``. managers.setMethods may
  grant only rights the caller holds, and stamps the manager's DTRightsLastUpdate; session.heartbeat then
  answers ``UpdateImportance: 3`` until that session calls session.getMethods (otherwise 0). companies.add
  makes a child of the session's company on the same access server, keeping the given URL, and copies the
  caller's rights to it.
- Errors: ``{"error": {"code", "message"}}`` (the manager doc's spelling) with HTTP statuses: invalid_input
  400 (message ``invalid input in field 'X'``, a reason may follow), an unknown id 404 (code invalid_input),
  bad_credentials 401, missing/unknown/expired token 401 ``unauthorized`` (a code the doc does not list;
  trading.md pairs 401 with a missing or expired token), login_blocked/access_denied/forbidden 403,
  incorrect_method 404 (also for any other path; a verb other than POST: 405), invalid_status 422. Records of
  another company answer as not found.
- Methods documented without a response body answer HTTP 200 with an empty body. settings.get answers
  ``{"SettingsKey", "Settings"}`` (Settings null when the key is not set). streams.get answers one object, as
  the example. sessions.search includes tokens (as the table and example). managers.getMethods answers
  ``[{"Method"}]``; session.getMethods ``{"Methods": [...]}``, session.* first.
- URLs: the documented ``accountStatements.get``, ``hb.get``, ``symbol.search`` and ``symbol.get`` are served,
  and so are the method names ``accounts.getStatement``, ``fillRequests.get``, ``symbols.search``,
  ``symbols.get``.
- Shapes where table and example disagree: the table wins for wallets.get (``DTCreated``) and
  walletTransfers.get (``WalletID``, no Test); signals carry ``DTProcessed``; managers.get has ``Tag`` as a
  string; positions.get takes ``ID`` or ``PositionID``; ``ExecutionAccount``/``Ticket`` are strings;
  ``Mobile`` a string; booleans are JSON booleans (search rows' ``Test`` is 0/1 where the notes type it int);
  company.getEquity numbers are numbers.
- Searches: Filter/Pagination/OrderBy all optional; CurrentPage from 1, PerPage default and maximum 100
  (larger is capped), OrderBy defaults to the method's first order field (ID) Asc. An unknown filter or order
  field is invalid_input. ``Value`` is a case-insensitive substring over the method's text columns; Name,
  Login and similar text filters are substrings; ``*From`` dates are inclusive and ``*To`` dates exclusive,
  ``YieldTo``/``PriceTo`` inclusive; ``Test`` 0 real, 1 test, 2 all; ``Statuses`` a list. The answer echoes
  the Filter, prints ``MaxPerPage`` except where the notes say the examples lack it, and accounts.search puts
  ``OrderByField``/``OrderDirection`` into Pagination with no OrderBy block, as its example. fills.search
  refuses a DTProcessed range over 31 days without FillRequestID, Symbol or Ticket.
- Dates: UTC, ``2018-11-23T11:59:12.493``; filters accept ``T`` or a space, with or without
  seconds/milliseconds. DTExecuted of a fill equals DT (the simulated LP runs on UTC).

The copy-trading book (book.py, priced by instruments.py):

- Symbols: the engine's MOEX stocks (``SBER``, RUB) and binance USDT pairs named MT-style (``ETHUSDT``). Money
  is USD: USDT 1:1, RUB at a fixed 90 per USD (ProfitCalcQuote). Volumes are in units (shares, coins), 2
  decimals; signals' Lot must have at most 2. Assets: ISO ids for USD/RUB/EUR (840/643/978), shares 2001..,
  crypto 3001...
- Accounts: the trader's own account (Type 0, IsSecurity 1, Factor 1) is opened by strategies.add with Money
  from the wallet; followers are Type 2 (seeded, or opened through the client API's accounts.add: the manager
  API has no method to open one, see client_api.py). Netting for every account (a hedging strategy keeps one
  position per symbol too). Margin = notional / 10 (LeverageMax 10,
  MCLevel 50; margin calls are not simulated). Swaps are 0.
- A signal (trading.addSignal) is the strategy's new net lot in a symbol; every active account of the strategy
  goes to ``round(Lot x Factor, 2)`` (the trader's own to Lot). The differences are one aggregated order per
  symbol: a fill request whose Volume is the A-book part (sum of delta x ABook; StreamID 1), a fill of that
  volume (none when it is 0) at the engine's touch (ask for a net buy, bid for a net sell, mid when it nets
  out), and a deal per account at that price (Type 0/1, Entry In/Out/InOut, VolumeA = volume x ABook, profit
  realised on the closing part). Signals are processed at once (Status 1, DTProcessed = DT). A strategy that
  is not active: invalid_status. trading.addSync sets several symbols at once (one signal each, SymbolsSync
  ``<Root><Item Symbol='X'/>...</Root>``); a hard sync (SoftSync false/absent) also flattens symbols it leaves
  out, a soft one only sets those listed; either clears NeedSync (new strategies start with NeedSync true).
- Commission: CommissionRate USD per 1M USD turnover, charged to followers on each deal and paid into the
  trader's wallet once per execution (transfer Type 7; Strategy.Commission is that rate / 1e6). Performance
  fee: FeeRate x (balance - ProfitBase) when a follower's account is closed, as a Fee deal (Type 7) and a
  transfer Type 6 into the trader's wallet. Protection/Target: after a signal, a follower whose equity is at
  or below ProtectionEquity (or at or above TargetEquity) gets status 3 and its positions closed. The
  Protection/Target of strategies.add are kept on the trader's own account (shown, with their equities, in
  accounts.get and the statement) but never stop the trader.
- Commands answer ``CommandID`` and are carried out at once: accounts.pause (status 4, positions closed at
  market), accounts.resume (status 1, the trader's positions x Factor reopened at market), accounts.close
  (status 6, fee, rest to the wallet as transfer Type 5), strategies.close (every account closed, status 4).
  Pause/resume of the trader's own account, resume of an account not paused, etc.: invalid_status.
  accounts.set answers 0 for the command it did not need.
- Equity: a day-end point per account and per company (company.getEquity) for the seeded history, plus a live
  point now. Strategy Yield = trader equity / Money - 1 (%); Yields day/week/month/quarter compare with the
  day-end point that long ago; Chart = the day-end yields (strategies.get adds DT); UnitPrice = equity /
  Money.
"""

from services.simulator.apis.ramm.app import create_app

__all__ = ["create_app"]
