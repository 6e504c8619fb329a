"""The RAMM.STORE manager API (copy trading), simulated (api-docs/ramm-store-manager-api.md and
api-notes/ramm-manager.md, to the letter where they speak).

PLACEHOLDER
"""

from services.simulator.apis.ramm.app import create_app

__all__ = ["create_app"]
