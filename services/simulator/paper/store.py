"""PaperStore: the SQLite file of one profile's paper account (standard library ``sqlite3``, WAL, one writer).

Tables: ``meta(key, value)`` (the seed, the simulated time of the last save) and ``parts(venue, part, body)``,
one tagged-JSON document (codec.py) per venue and part. ``PRAGMA user_version`` is the schema version. The
connection holds the file's lock for its life (``locking_mode=EXCLUSIVE``): a second simulator on the same
profile is refused with :class:`PaperStoreBusy` instead of both writing.

A file that is not a database, fails its quick check, lacks the tables or has a newer schema raises
:class:`PaperStoreUnreadable`; :func:`set_aside` then moves it (and its ``-wal``/``-shm``) to
``<name>.corrupt-<time>`` so a fresh account can start in its place.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Collection, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

log = logging.getLogger("tessera.simulator.paper")

SCHEMA_VERSION = 1
_SIDE_FILES = ("-wal", "-shm", "-journal")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS parts (
    venue TEXT NOT NULL, part TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (venue, part)
);
"""

Parts = dict[tuple[str, str], str]  # (venue, part) -> document


class PaperStoreUnreadable(Exception):
    """The file is damaged or from a newer Tessera; ``reason`` says which, in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PaperStoreBusy(Exception):
    """Another simulator holds the file (the same profile open twice)."""


class PaperStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()  # loads happen on the caller's thread, saves on the server's
        self._closed = False
        try:
            self._db = sqlite3.connect(self.path, timeout=0.5, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise PaperStoreUnreadable(f"cannot open: {exc}") from exc
        try:
            self._prepare()
        except BaseException:
            self._db.close()
            raise

    def _prepare(self) -> None:
        db = self._db
        try:
            db.execute("PRAGMA locking_mode=EXCLUSIVE")
            mode = db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise PaperStoreUnreadable(f"journal mode {mode} instead of WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise PaperStoreUnreadable(f"written by a newer Tessera (schema {version}, this one reads "
                                           f"{SCHEMA_VERSION})")
            check = db.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise PaperStoreUnreadable(f"damaged ({check})")
            db.execute("BEGIN IMMEDIATE")  # takes the exclusive lock now, not at the first save
            for statement in filter(str.strip, _SCHEMA.split(";")):
                db.execute(statement)
            if version == 0:
                db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            db.execute("COMMIT")
            columns = {row[1] for row in db.execute("PRAGMA table_info(parts)")}
            if columns != {"venue", "part", "body"}:
                raise PaperStoreUnreadable(f"unexpected columns {sorted(columns)}")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise PaperStoreBusy(f"{self.path} is in use by another Tessera") from exc
            raise PaperStoreUnreadable(str(exc)) from exc
        except sqlite3.DatabaseError as exc:
            raise PaperStoreUnreadable(str(exc)) from exc

    # --- reading --------------------------------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        with self._lock:
            return dict(self._read("SELECT key, value FROM meta"))

    def parts(self) -> Parts:
        with self._lock:
            rows = self._read("SELECT venue, part, body FROM parts")
        return {(venue, part): body for venue, part, body in rows}

    def _read(self, query: str) -> list[Any]:
        try:
            return self._db.execute(query).fetchall()
        except sqlite3.DatabaseError as exc:
            raise PaperStoreUnreadable(str(exc)) from exc

    # --- writing --------------------------------------------------------------------------------------------
    def write(self, meta: Mapping[str, str], changed: Parts, gone: Collection[tuple[str, str]] = ()) -> None:
        """One transaction: ``meta`` keys set, ``changed`` parts replaced, ``gone`` parts deleted."""
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta.items())
                db.executemany(
                    "INSERT OR REPLACE INTO parts (venue, part, body) VALUES (?, ?, ?)",
                    [(venue, part, body) for (venue, part), body in changed.items()],
                )
                db.executemany("DELETE FROM parts WHERE venue = ? AND part = ?", list(gone))
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def close(self) -> None:
        """Idempotent; the WAL is folded back into the file first."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.close()


def set_aside(path: Path, now: datetime | None = None) -> Path:
    """Moves a damaged or newer file (and its side files) to ``<name>.corrupt-<time>``; returns where."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    path.replace(target)
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(target.with_name(target.name + suffix))
    return target


def wipe(path: Path) -> None:
    """Deletes the paper account's file and its side files (Reset paper account)."""
    for file in (path, *(path.with_name(path.name + suffix) for suffix in _SIDE_FILES)):
        with contextlib.suppress(FileNotFoundError):
            file.unlink()
