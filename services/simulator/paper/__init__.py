"""A paper account that remembers: the simulated venues' state of a profile, kept in SQLite across restarts.

``EmbeddedSimulator(..., state_path=PATH)`` / ``python -m services.simulator --state PATH`` open (or start)
the account at PATH; ``state_path=None`` is the fresh in-memory simulator of before. The app puts the file in
the profile's folder (``paper-account.sqlite``).

Choice: **snapshots, not row-level tables.** Each kept field of a venue's state (``PAPER_FIELDS`` next to the
state class: coin-weight's users with favourites, layouts, API keys and strategy items; dxRegister's clients,
accounts, transfers; RAMM's strategies, accounts, signals; Aggregion's keys, leases, catalog ...) is one
tagged-JSON document (codec.py) in ``parts(venue, part, body)``; the engine is one ``core`` document
(balances, holds, counters, where each instrument's path had got to) plus its orders and fills in chunks of
500 ids, so the history of a long session is not rewritten each time. Why: the venues' states are many small
dataclass and pydantic graphs that change together inside one request; a table per record type would mean a
second schema to keep in step with every venue, while a snapshot reuses the state classes as they are. Writes
are coalesced: a served request that may have changed something (not a GET) or an order or fill event marks
the account dirty, and at most once a second (``SAVE_PERIOD``) the documents that differ from what the file
holds are written in one transaction; once more at shutdown. WAL mode, one writer: the simulator holds the
file's lock for its life.

On restart the engine comes back first (working orders rest in the book again with their time priority; each
instrument is followed again from where it had got to, at most a week back, so resting orders meet the market
of the time the simulator was not running), then the venues in dependency order (venues.py), which then reuse
their restored state instead of seeding. Prices are a function of (seed, instrument, time): the kept seed is
used and the clock never goes back, so the market goes on from its last prices. Started coin-weight strategies
run again. Not kept: login sessions (the terminal logs in again), the tape's recent prints.

A file that is not a database, is damaged, or has a newer schema is moved aside as ``*.corrupt-<time>`` and a
fresh account starts (``PaperAccount.set_aside`` says where it went); the terminal tells the user."""
