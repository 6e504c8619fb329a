"""The RAMM client API (``{main domain}/api/client/v1/{method}``), as far as a manager needs it.

The manager API cannot open an account: an investor opens one with the client API's ``accounts.add``
(rammstore/api client.md). A broker opens one for its client through the client API too, logged in with a
one-time password from the manager API's ``clients.getOTP`` instead of the client's password.
:func:`open_follower_account` does that whole errand: OTP, ``session.login`` with it, ``accounts.add`` from
the client's wallet, ``session.logout``. Errors come as the client doc spells them (``{"Error": {"Code",
"Message"}}``) and are raised like the manager API's (:class:`VenueError`, :class:`AuthError`).
"""

from __future__ import annotations

import logging

from services.errors import TransportError, VenueError
from services.ramm import schemas as s
from services.ramm.client import RammApi, RammClient

log = logging.getLogger("tessera.ramm")

CLIENT_API_ROOT = "api/client/"


def client_api_base(venue_url: str) -> str:
    """The client API's root on the main domain: ``https://ramm.store`` -> ``.../api/client/``."""
    return venue_url.rstrip("/") + "/" + CLIENT_API_ROOT


class RammInvestorClient(RammApi):
    """The client API: a client's own session (its token) and the account it opens."""

    async def session_login_otp(self, otp: str) -> s.InvestorLogin:
        answer: s.InvestorLogin = await self._call(
            "session.login", s.to_wire(s.InvestorLoginRequest(OTP=otp)), s.InvestorLogin, read=False
        )
        self.set_token(answer.Session.Token)
        return answer

    async def accounts_add(self, draft: s.FollowerDraft) -> s.FollowerOpened:
        opened: s.FollowerOpened = await self._call(
            "accounts.add", s.to_wire(draft), s.FollowerOpened, read=False
        )
        return opened

    async def session_logout(self) -> None:
        await self._call("session.logout", None, None, read=False)
        self.set_token(None)


async def open_follower_account(
    manager: RammClient, investor: RammInvestorClient, client_id: int, draft: s.FollowerDraft
) -> s.FollowerOpened:
    """A follower account of ``draft.StrategyID`` for client ``client_id``, opened in the client's name.

    ``manager`` is the logged-in manager session (it needs the ``clients.getOTP`` right); ``investor`` a
    client API client without a session. The client's session ends afterwards (best effort).
    """
    otp = await manager.clients_get_otp(client_id)
    await investor.session_login_otp(otp)
    try:
        return await investor.accounts_add(draft)
    finally:
        try:
            await investor.session_logout()
        except (VenueError, TransportError) as exc:
            log.info("RAMM client session not ended: %s", exc)
