"""The coin-weight exchange API v2, simulated (shared/api-docs/coinweight-exchange-api-v2.md, to the letter).

Mount prefix ``/exp/v2`` (the real venue: ``https://api.coin-weight.com/exp/v2``); ``create_app(ctx)`` gives a
Starlette app whose routes are relative to it. Counterparties ``binance``, ``huobi``, ``okcoin``: their
instruments are the engine's (market = counterparty, key ``binance:ETH-BTC``). State lives in
``ctx.venue_state["coinweight"]`` for the simulator's life (and across restarts on a paper account,
services/simulator/paper).

Routes (40 documented endpoints; "leave" is /strategy/stop with ``bCancel: false``)::

    GET  /test-auth                                   POST /user/login            POST /user/signup
    GET  /user/{uid}/info      GET /user/{uid}/position
    POST /user/pwd/change  /user/phone/verify  /user/phone/bind  /user/totp/new  /user/totp/bind  (Not Rel.)
    GET  /config/symbols       GET /config/market/default       GET /config/market/custom/{uid}
    GET  /config/market/custom/{uid}/favorite       POST .../favorite/add       POST .../favorite/delete
    GET  /config/layout/{professional|simple}/default        GET /config/layout/{...}/custom/{uid}
    POST /config/layout/{professional|simple}/custom/{uid}/update
    GET  /config/strategy/default/items               GET /config/strategy/custom/{uid}/items
    POST /config/strategy/custom/{uid}/item/{create|update|delete}
    POST /order/create  /order/update  /order/cancel  /order/cancel-all    GET /order/active  /order/inactive
    GET  /secret/{owner}      POST /secret/add      POST /secret/delete
    POST /strategy/start      POST /strategy/stop   GET /strategy/status/{uid}

Users. The demo user exists at startup: uid 1, login ``demo`` (or its e-mail ``demo@tessera.local``:
/user/login takes a userName or an e-mail in ``userName``), password ``demo``, group ``group1``. Every user
(the demo one and each signup) gets an engine account ``cw:{uid}:{counterParty}`` per counterparty, funded
with 100000 USDT, 2 BTC, 30 ETH, 5000 EOS and, of any other asset traded there, about 10000 USDT's worth at
the instrument's start price.

Auth. ``authToken`` is an HS256 JWT, header ``{"typ": "JWT", "alg": "HS256"}``, claims ``{"uid": 1, "iss":
"ex", "iat": ..., "exp": iat + 24 h, "group": "group1"}`` (epoch seconds of the simulated clock), signed with
32 random bytes made per simulator. Send ``Authorization: Bearer <authToken>``. No, bad, expired or foreign
token: HTTP 403 ``{"success": false, "errorCode": 403, "errorMsg": "Authentication Failure", "data": null}``;
the same (with a reason appended to errorMsg) when a ``{uid}`` in the path is not the token's uid.
``owner``/``uid``/``userid`` in a body or query, and the ``{owner}`` of /secret/{owner}, answer the doc's 500
"Unexpected Error (wrong owner)" (HTTP 200) instead. Unknown paths and wrong verbs answer the error envelope
with errorCode = HTTP status.

Envelopes, as documented: ``{"success", "errorCode", "errorMsg", "data"}``; the ok answers of /user/login,
/user/signup, /user/{uid}/info and /user/{uid}/position have no ``errorMsg`` (as in the doc); /test-auth's ok
answer (``{"uid": 1, "group": "group1"}``), /order/cancel-all's (``{"owner", "canceledCounterParty"}``) and
/user/totp/new's (``{"bind", "hashKey", "qrCodeText"}``) have no envelope; /strategy/* answer ``{"success",
"seq_no", "error_code", "data"}`` and their refusals ``{"success": false, "seq_no", "error_code", "error_msg",
"data": null}`` (seq_no counts the simulator's strategy answers from 0). Every other refusal is the error
envelope, HTTP 200 (403 for authentication). Numbers are strings where the doc sends strings.

Error codes (``errorCode``; per endpoint where the doc has a table):

    ===== ====================================================================================================
    0     ok
    1     /user/login: Account not exist. /user/signup: Username duplication. /secret/add: Duplicated
          secret key (the owner already has a key pair on that counterParty)
    2     /user/signup: Email duplication
    3     /user/login, /user/pwd/change: Password error. /user/signup, /user/phone/verify|bind: Phone
          duplication
    4     /user/login: Parameters error. /user/signup: Account duplication (userName, email, phone all match)
    5     /user/phone/bind, /user/totp/bind: Verification code error
    400   Parameters error (every other endpoint): missing or ill-typed field, body not a JSON object, unknown
          counterParty or symbol (favourites, layouts, strategies), layout position out of range, invalid
          strategy item, page out of range
    403   Authentication Failure (HTTP 403)
    404   not found: strategy item id (update/delete/stop), api key pair (/secret/delete); unknown paths
    409   /config/strategy/.../item/delete of a running strategy (stop it first)
    500   Unexpected Error (wrong owner)
    501   /strategy/start of a type the simulator cannot run ("<type> strategies cannot run in the
          simulator yet")
    1000  /order/update: cannot update the order (not a LIMIT order in EXECUTION_ACK); data = the order
    1001  order: unknown counterParty or symbol (or missing)
    1002  order: price missing (LIMIT), not a number, <= 0, or not a multiple of the tick (priceDecimal)
    1003  order: quantity missing, not a number, <= 0, or not a multiple of the step (quantityDecimal)
    1004  order: quantity below quantityMin
    1005  order: quantity above quantityMax
    1006  order: insufficient balance (BID: quantity x price, or the market cost walking the asks, plus the
          0.1 % fee, of the quote currency available; ASK: quantity of the base currency available)
    1007  /order/update, /order/cancel: no such order of the owner (on that counterParty)
    1008  /order/cancel: the order is already inactive; data = the order
    1009  MARKET order with an empty opposite side of the book
    1010  order: orderType not LIMIT/MARKET, or side not BID/ASK
    ===== ====================================================================================================

A refused /order/create (1001..1010) is checked before anything reaches the engine; its ``data`` is the
request as an Order Model: ``streetOrderId: ""``, the fields as sent (as strings), ``executionType:
"EXECUTION_REJECTED"``. A refused /order/update or /order/cancel carries the current order as ``data``.

Orders. ``streetOrderId`` is the engine's order id ("1", "2", ... unique over the simulator). ``price`` has
priceDecimal places (``"0.00"``-style zero for MARKET orders), ``quantity`` and ``filledQuantity``
quantityDecimal places, ``filledPrice`` is the average fill price rounded to priceDecimal (zero if unfilled);
``owner`` is the uid as a string; times are epoch milliseconds of the simulated clock (processedTime = the
last change). executionType: EXECUTION_ACK (resting, unfilled), EXECUTION_PARTIAL_FILLED, EXECUTION_FILLED,
EXECUTION_CANCELED (nothing filled), EXECUTION_PARTIAL_CANCELED (canceled after a partial fill),
EXECUTION_REJECTED (only in a refusal's data), EXECUTION_CANCELING: /order/cancel-all is asynchronous, its
orders stay EXECUTION_CANCELING (active, and still able to fill) for 0.5 simulated seconds, then are canceled
by the next request (or strategy tick); /order/cancel is immediate. /order/update changes price and/or
quantity of an EXECUTION_ACK LIMIT order (the engine re-queues it if the price changes or the size grows).
/order/active lists EXECUTION_ACK, _PARTIAL_FILLED, _CANCELING; /order/inactive EXECUTION_FILLED, _CANCELED,
_PARTIAL_CANCELED with createTime in [startTime, endTime] (default: the last 24 h), newest first, pageIndex
from 0, pageSize 1..1000 (default 10), ``totalPage = ceil(matches / pageSize)``. ``owner`` of the query
defaults to the token's uid.

/user/{uid}/info: values over all the user's holdings on every counterparty, in USDT at the book mid (an asset
without a USDT market goes through its BTC market): ``estimatedValue`` "<4 decimals> USDT"; ``availableValue``
what open orders do not hold; ``onOrders`` what they hold (both 4 decimals, no unit); ``netUnitValue`` = net
asset value = estimatedValue (no borrowing in the simulator); ``changePercentage`` a fraction (-0.0218 is
-2.18%): today's holdings at the mid now against the same holdings at the prices of 24 h ago; ``avatar`` "";
``phone`` "" until one is bound. /user/{uid}/position: a row per counterparty and currency with a balance,
amounts as plain decimal strings (usedAmount = held by open orders).

Config. /config/symbols: ``priceDecimal``/``quantityDecimal`` are the places of the instrument's tick and
step, ``quantityMin``/``quantityMax`` its limits (JSON numbers, as documented). /config/market/default: a tab
per quote currency (BTC, ETH, USDT, then any other), items by symbol then counterparty, ``favorite: false``;
/config/market/custom/{uid} is the user's copy (made at first use) with ``favorite`` from the user's
favourites. Favourites keep the order they were added in; adding one twice or deleting one that is not there
is ok. Layouts: professional 3 positions, simple 12, copied from the defaults at first use; update replaces a
position.

API keys: one pair per owner and counterParty; reads mask secretKey to its first and last character around
``****`` (``kkkkkk`` -> ``k****k``; ``****`` for secrets of 2 characters or fewer).

Strategies. /config/strategy/default/items: the two documented defaults. Custom items are per uid with ids
"1", "2", ...; create answers ``{"<id>": item}``, delete ``{"<id>": item}``, update the item with its ``id``.
Validation (create, update, start) by strategyType (SingleMarketMaker, VolumeMarketMaker, Arbitrage,
Triangular, AutoSpreadingPct, AutoSpreadingValue, SpeedOrder; see api-notes/coinweight-strategies.md): name,
exchange (a counterparty), a non-empty symbols array, each entry with its type's required fields, numbers
(JSON numbers or numeric strings, stored as sent) not negative, side Both/Bid/Ask, counterparty fields known,
a market maker's ``symbol`` listed on the exchange. The market makers also accept the doc's legacy entry
(``name`` is the symbol, one ``currency``/``margin``). /strategy/start runs SingleMarketMaker and
VolumeMarketMaker for real (see market_maker.py) from the strategy in the request (its ``id`` need not be a
stored item; starting a running id restarts it with the new parameters); other types answer 501. A start first
cancels the orders the strategy id still has on the book (after a leave or for a restart). Orders go to the
user's account on ``exchange``, tagged ``cw-strategy:<id>``; the first ladder is on the book when start
answers. A started strategy stays started until /strategy/stop: a simulator restarted on a paper account
(services/simulator/paper) runs it again. /strategy/stop stops the task; ``bCancel`` true (the default)
cancels the strategy's open orders, false ("leave") keeps them. /strategy/status lists the user's items and
started ids, ``running`` or ``stopped``.

Not Released endpoints (the doc gives requests only): pwd/change checks oldPassword (3) and sets newPassword;
phone/verify "sends" the code ``123456``, phone/bind binds the phone with it; totp/new issues a base32 secret
and an ``otpauth://`` URI (``bind: true`` and empty strings if an authenticator is already bound), totp/bind
checks an RFC 6238 code (wall clock, ±30 s) and sets googleAuthEnabled. Except totp/new (bare, see above),
their ok answers are ``data: null`` envelopes.
"""

from services.simulator.apis.coinweight.app import create_app

__all__ = ["create_app"]
