"""The venue facade the coin-weight endpoint modules share: engine, authentication, handler wrappers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from services.simulator.apis.coinweight import tokens
from services.simulator.apis.coinweight.state import CoinweightState, User
from services.simulator.apis.coinweight.wire import (
    ApiError,
    Code,
    auth_failure,
    error_response,
    parameters_error,
    wrong_owner,
)
from services.simulator.context import SimulatorContext
from services.simulator.engine import InstrumentSpec, OrderRejected

log = logging.getLogger("tessera.simulator.coinweight")

COUNTERPARTIES = ("binance", "huobi", "okcoin")
TOKEN_LIFETIME = 24 * 3600.0  # simulated seconds
CANCEL_ALL_LATENCY = 0.5  # simulated seconds an order spends in EXECUTION_CANCELING after /order/cancel-all

PublicHandler = Callable[[Request], Awaitable[Response]]
PrivateHandler = Callable[[Request, User], Awaitable[Response]]
Endpoint = Callable[[Request], Awaitable[Response]]
ErrorRenderer = Callable[[ApiError], Response]


class CoinweightSim:
    def __init__(self, ctx: SimulatorContext) -> None:
        self.ctx = ctx
        self.engine = ctx.engine
        self.clock = ctx.clock
        state = ctx.venue_state.get("coinweight")
        if not isinstance(state, CoinweightState):
            state = ctx.venue_state["coinweight"] = CoinweightState()
        self.state: CoinweightState = state

    def now(self) -> float:
        return self.clock.now()

    def sync(self) -> None:
        """Bring the market to now and land the cancels /order/cancel-all scheduled."""
        self.engine.advance()
        now = self.now()
        for order_id in [o for o, due in self.state.pending_cancels.items() if due <= now]:
            del self.state.pending_cancels[order_id]
            with contextlib.suppress(OrderRejected):  # filled or canceled meanwhile
                self.engine.cancel(order_id)

    # --- identity -------------------------------------------------------------------------------------------

    def issue_token(self, user: User) -> str:
        issued = int(self.now())
        claims = {
            "uid": user.uid,
            "iss": tokens.ISSUER,
            "iat": issued,
            "exp": issued + int(TOKEN_LIFETIME),
            "group": user.group,
        }
        return tokens.encode(claims, self.state.jwt_secret)

    def authenticate(self, request: Request) -> User:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise auth_failure()
        try:
            claims = tokens.decode(token.strip(), self.state.jwt_secret, self.now())
        except tokens.InvalidToken as exc:
            raise auth_failure() from exc
        uid = claims.get("uid")
        user = self.state.users.get(uid) if isinstance(uid, int) else None
        if user is None:
            raise auth_failure()
        return user

    @staticmethod
    def check_owner(value: object, user: User) -> None:
        """A body or query ``owner``/``uid``/``userid`` must be the token's user (doc: 500, wrong owner)."""
        if str(value).strip() != str(user.uid):
            raise wrong_owner()

    # --- instruments and accounts ---------------------------------------------------------------------------

    @staticmethod
    def account(uid: int, counterparty: str) -> str:
        return f"cw:{uid}:{counterparty}"

    @staticmethod
    def counterparty(value: str, code: int = Code.PARAMETERS) -> str:
        if value not in COUNTERPARTIES:
            raise parameters_error(
                f"unknown counterParty {value!r} (one of {', '.join(COUNTERPARTIES)})", code
            )
        return value

    def instrument(self, counterparty: str, symbol: str, code: int = Code.PARAMETERS) -> InstrumentSpec:
        self.counterparty(counterparty, code)
        try:
            return self.engine.instrument(f"{counterparty}:{symbol}")
        except KeyError:
            raise parameters_error(f"unknown symbol {symbol!r} on {counterparty}", code) from None

    def instruments(self, counterparty: str) -> list[InstrumentSpec]:
        return sorted(self.engine.instruments(counterparty), key=lambda spec: spec.symbol)

    # --- lifecycle ------------------------------------------------------------------------------------------

    async def shutdown(self) -> None:
        """Stop every strategy task (their orders stay on the book, as after a leave)."""
        tasks = [runner.halt() for runner in self.state.runners.values()]
        loop = asyncio.get_running_loop()
        mine = [task for task in tasks if task is not None and task.get_loop() is loop]
        await asyncio.gather(*mine, return_exceptions=True)


# --- handler wrappers ---------------------------------------------------------------------------------------


def public(venue: CoinweightSim, handler: PublicHandler) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        try:
            venue.sync()
            return await handler(request)
        except ApiError as error:
            return error_response(error)

    return endpoint


def private(
    venue: CoinweightSim,
    handler: PrivateHandler,
    *,
    path_uid: str | None = None,
    render: ErrorRenderer = error_response,
) -> Endpoint:
    """An endpoint behind ``Authorization: Bearer <authToken>``; ``path_uid`` names a path parameter that must
    be the token's uid (403 otherwise). Refusals other than authentication are rendered by ``render``."""

    async def endpoint(request: Request) -> Response:
        try:
            user = venue.authenticate(request)
            if path_uid is not None and request.path_params[path_uid] != str(user.uid):
                raise auth_failure(f"uid {request.path_params[path_uid]} is not the token's user")
        except ApiError as error:
            return error_response(error)
        try:
            venue.sync()
            return await handler(request, user)
        except ApiError as error:
            return render(error)

    return endpoint
