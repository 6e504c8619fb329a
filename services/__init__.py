"""Tessera services: asyncio + httpx venue clients, the unified domain and the embedded simulator.

Nothing in this package imports Qt; it is usable from a plain asyncio script.
"""
