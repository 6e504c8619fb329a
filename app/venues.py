"""Where each venue lives: base URLs for the demo simulator or from a JSON file (``--venues FILE``).

The file is one JSON object; every key is required except ``market_data`` and ``chp_server_token``::

    {
      "coinweight": "https://exchange.example/exp/v2",
      "market_data": {"binance": "https://md.example/binance", "huobi": "...", "okcoin": "..."},
      "chp": "https://broker.example",
      "dxregister": "https://backoffice.example/dxweb/rest",
      "ramm": "https://ramm.example",
      "aggregion": "https://ds.example",
      "chp_server_token": "..."
    }

``market_data`` maps each coin-weight counterparty to a Binance-format market-data service; counterparties
left out have no quotes. ``chp_server_token`` is the CHP_Rest server access token that Auth/Connected sends
(issued by the broker out of band; empty when absent, and the simulator's is ``demo``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

VENUE_IDS = ("coinweight", "chp", "dxregister", "ramm", "aggregion")
COUNTERPARTIES = ("binance", "huobi", "okcoin")
VENUE_NAMES = {  # how the venues are written in the UI (product names, not translated)
    "coinweight": "coin-weight",
    "chp": "CHP",
    "dxregister": "dxRegister",
    "ramm": "RAMM",
    "aggregion": "Aggregion",
}


class VenueConfigError(ValueError):
    """The venues file cannot be used; the message says which file and what is wrong."""


@dataclass(frozen=True)
class VenueEndpoints:
    coinweight: str
    chp: str
    dxregister: str
    ramm: str
    aggregion: str
    market_data: dict[str, str] = field(default_factory=dict)
    chp_server_token: str = ""

    def base_url(self, venue: str) -> str:
        return self.by_venue()[venue]

    def by_venue(self) -> dict[str, str]:
        return {
            "coinweight": self.coinweight,
            "chp": self.chp,
            "dxregister": self.dxregister,
            "ramm": self.ramm,
            "aggregion": self.aggregion,
        }


def demo(base_url: str, server_token: str) -> VenueEndpoints:
    """Every venue at its mount on the embedded simulator at ``base_url``."""
    base = base_url.rstrip("/")
    return VenueEndpoints(
        coinweight=f"{base}/exp/v2",
        chp=base,
        dxregister=f"{base}/dxweb/rest",
        ramm=f"{base}/ramm",
        aggregion=f"{base}/aggregion",
        market_data={cp: f"{base}/md/{cp}" for cp in COUNTERPARTIES},
        chp_server_token=server_token,
    )


def load(path: str | Path) -> VenueEndpoints:
    path = Path(path)
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VenueConfigError(f"{path}: no such file") from None
    except OSError as exc:
        raise VenueConfigError(f"{path}: cannot read it ({exc.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise VenueConfigError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise VenueConfigError(f"{path}: expected a JSON object of base URLs per venue")
    unknown = sorted(set(data) - set(VENUE_IDS) - {"market_data", "chp_server_token"})
    if unknown:
        raise VenueConfigError(f"{path}: unknown keys {', '.join(unknown)}; expected {', '.join(VENUE_IDS)}")
    missing = [venue for venue in VENUE_IDS if venue not in data]
    if missing:
        raise VenueConfigError(f"{path}: missing base URLs for {', '.join(missing)}")
    urls = {venue: _url(path, venue, data[venue]) for venue in VENUE_IDS}
    market_data = data.get("market_data", {})
    if not isinstance(market_data, dict):
        raise VenueConfigError(f"{path}: market_data must be an object of counterparty -> base URL")
    feeds = {str(cp): _url(path, f"market_data.{cp}", url) for cp, url in market_data.items()}
    token = data.get("chp_server_token", "")
    if not isinstance(token, str):
        raise VenueConfigError(f"{path}: chp_server_token must be a string")
    return VenueEndpoints(**urls, market_data=feeds, chp_server_token=token)


def _url(path: Path, key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise VenueConfigError(f"{path}: {key} must be a URL string")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise VenueConfigError(f"{path}: {key} is not an http(s) URL: {value!r}")
    return value.rstrip("/")
