"""The trading core: order entry, stores, venue sessions and instrument links, in plain asyncio (no Qt).

``app/`` adapts its psygnal events to Qt signals in one place (:mod:`app.trading.bridge`).
"""
