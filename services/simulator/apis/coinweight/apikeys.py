"""The API key & Secret key API (/secret/...): a key pair per owner and counterparty, masked secrets."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from services.simulator.apis.coinweight.state import User
from services.simulator.apis.coinweight.venue import COUNTERPARTIES, CoinweightSim, private
from services.simulator.apis.coinweight.wire import ApiError, Code, json_object, ok, text_field

DUPLICATED_SECRET_KEY = 1


def mask(secret: str) -> str:
    """``kkkkkk`` -> ``k****k``: the first and last character kept (nothing kept of a secret that short)."""
    return f"{secret[0]}****{secret[-1]}" if len(secret) > 2 else "****"


def routes(venue: CoinweightSim) -> list[Route]:
    async def list_keys(request: Request, user: User) -> Response:
        owner = request.path_params["owner"]
        CoinweightSim.check_owner(owner, user)
        return ok(
            [
                {
                    "counterParty": cp,
                    "owner": owner,
                    "apiKey": user.api_keys[cp][0],
                    "secretKey": mask(user.api_keys[cp][1]),
                }
                for cp in COUNTERPARTIES
                if cp in user.api_keys
            ]
        )

    async def add_key(request: Request, user: User) -> Response:
        body = await json_object(request)
        CoinweightSim.check_owner(text_field(body, "owner"), user)
        counterparty = CoinweightSim.counterparty(text_field(body, "counterParty"))
        api_key, secret_key = text_field(body, "apiKey"), text_field(body, "secretKey")
        if counterparty in user.api_keys:
            raise ApiError(
                DUPLICATED_SECRET_KEY, f"Duplicated secret key: {counterparty} already has a key pair"
            )
        user.api_keys[counterparty] = (api_key, secret_key)
        return ok()

    async def delete_key(request: Request, user: User) -> Response:
        body = await json_object(request)
        CoinweightSim.check_owner(text_field(body, "owner"), user)
        counterparty = CoinweightSim.counterparty(text_field(body, "counterParty"))
        if user.api_keys.pop(counterparty, None) is None:
            raise ApiError(Code.NOT_FOUND, f"no key pair for {counterparty}")
        return ok()

    return [
        Route("/secret/add", private(venue, add_key), methods=["POST"]),
        Route("/secret/delete", private(venue, delete_key), methods=["POST"]),
        Route("/secret/{owner}", private(venue, list_keys), methods=["GET"]),
    ]
