"""The terminal's trading core, shared by every panel: venue sessions, stores, order entry and link groups.

Panels never send orders to a venue adapter directly: they go through :class:`OrderEntry`, which sends
each order once and reconciles an unknown outcome; they read orders, quotes and balances from the stores,
which coalesce bursts and tell their listeners at most once a frame.
"""
