"""RAMM.STORE manager API (copy trading): wire models, the client and its search helpers."""

from services.ramm.client import RammClient
from services.ramm.search import Query

__all__ = ["Query", "RammClient"]
