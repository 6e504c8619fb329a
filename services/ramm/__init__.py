"""RAMM.STORE manager API (copy trading): wire models (schemas, enums, filters), client and searches."""

from services.ramm.client import RammClient
from services.ramm.search import Query

__all__ = ["Query", "RammClient"]
