"""The Strategy API (/strategy/...): start, stop or leave, and the status of a user's strategies.

Its answers use the strategy envelope of the doc: ``{"success", "seq_no", "error_code", "data"}`` (refusals
add ``error_msg``); ``seq_no`` counts this simulator's strategy answers from 0.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from services.simulator.apis.coinweight.market_maker import (
    StrategyRunner,
    cancel_strategy_orders,
    quote_params,
)
from services.simulator.apis.coinweight.state import User
from services.simulator.apis.coinweight.strategy_items import validate_strategy
from services.simulator.apis.coinweight.venue import CoinweightSim, private
from services.simulator.apis.coinweight.wire import (
    ApiError,
    Code,
    bool_of,
    json_object,
    parameters_error,
    text_field,
)

log = logging.getLogger("tessera.simulator.coinweight")

RUNNING = "running"
STOPPED = "stopped"


def run(venue: CoinweightSim, uid: int, strategy_id: str, strategy: dict[str, Any]) -> None:
    """Starts (or restarts, with these parameters) a validated runnable strategy: what it left on the book
    goes first (a leave, a restart); it is remembered as started until /strategy/stop."""
    state = venue.state
    runner = StrategyRunner(venue, uid, strategy_id, strategy["exchange"], quote_params(venue, strategy))
    previous = state.runners.get((uid, strategy_id))
    if previous is not None:
        previous.halt()
    cancel_strategy_orders(venue, uid, strategy_id)
    state.runners[(uid, strategy_id)] = runner
    state.started[(uid, strategy_id)] = strategy
    runner.start()


def resume(venue: CoinweightSim) -> None:
    """Starts again the strategies a paper account kept as started (the simulator was restarted); one that no
    longer validates is forgotten."""
    for (uid, strategy_id), strategy in list(venue.state.started.items()):
        if (uid, strategy_id) in venue.state.runners or uid not in venue.state.users:
            continue
        try:
            if validate_strategy(venue, strategy).runnable:
                run(venue, uid, strategy_id, strategy)
                continue
        except ApiError as refusal:
            log.warning("strategy %s of user %s not resumed: %s", strategy_id, uid, refusal)
        venue.state.started.pop((uid, strategy_id), None)


def routes(venue: CoinweightSim) -> list[Route]:
    state = venue.state

    def next_seq() -> int:
        seq = state.seq_no
        state.seq_no += 1
        return seq

    def answer(data: Any) -> JSONResponse:
        return JSONResponse({"success": True, "seq_no": next_seq(), "error_code": 0, "data": data})

    def refusal(error: ApiError) -> JSONResponse:
        body = {
            "success": False,
            "seq_no": next_seq(),
            "error_code": error.code,
            "error_msg": error.message,
            "data": None,
        }
        return JSONResponse(body, status_code=error.http_status)

    async def command(request: Request, user: User) -> dict[str, Any]:
        body = await json_object(request)
        CoinweightSim.check_owner(text_field(body, "userid"), user)
        strategy = body.get("strategy")
        if not isinstance(strategy, dict):
            raise parameters_error("strategy must be a JSON object")
        text_field(strategy, "id")
        return strategy

    async def start(request: Request, user: User) -> Response:
        strategy = await command(request, user)
        strategy_id = str(strategy["id"])
        rules = validate_strategy(venue, strategy)
        if not rules.runnable:
            raise ApiError(
                Code.NOT_RUNNABLE, f"{strategy['strategyType']} strategies cannot run in the simulator yet"
            )
        run(venue, user.uid, strategy_id, strategy)
        return answer({"strategy": {"id": strategy_id, "status": RUNNING}})

    async def stop(request: Request, user: User) -> Response:
        strategy = await command(request, user)
        strategy_id = str(strategy["id"])
        cancel_orders = bool_of(strategy.get("bCancel", True), "bCancel")
        runner = state.runners.get((user.uid, strategy_id))
        if runner is None and strategy_id not in user.strategy_items:
            raise ApiError(Code.NOT_FOUND, f"no strategy {strategy_id}")
        if runner is not None:
            runner.halt()
        state.started.pop((user.uid, strategy_id), None)
        if cancel_orders:
            cancel_strategy_orders(venue, user.uid, strategy_id)
        return answer({"strategy": {"id": strategy_id, "status": STOPPED}})

    async def status(request: Request, user: User) -> Response:
        ids = set(user.strategy_items) | {sid for uid, sid in state.runners if uid == user.uid}
        rows = []
        for strategy_id in sorted(ids, key=lambda s: (not s.isdigit(), int(s) if s.isdigit() else 0, s)):
            runner = state.runners.get((user.uid, strategy_id))
            rows.append({"id": strategy_id, "status": RUNNING if runner and runner.running else STOPPED})
        return answer({"status": rows})

    return [
        Route("/strategy/start", private(venue, start, render=refusal), methods=["POST"]),
        Route("/strategy/stop", private(venue, stop, render=refusal), methods=["POST"]),
        Route(
            "/strategy/status/{uid}", private(venue, status, path_uid="uid", render=refusal), methods=["GET"]
        ),
    ]
