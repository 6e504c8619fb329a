"""The trading core's Qt side: the bridge of its events to Qt signals (per frame), and its installation.

The core itself (sessions, stores, order entry, links) is Qt-free and lives in :mod:`services.trading`.
"""
