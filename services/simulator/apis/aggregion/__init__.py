"""Aggregion DS (licences and the add-on catalog) and the ID service it needs, simulated.

Sources: ``api-docs/aggregion-ds-api.apib`` (DS) and ``api-notes/aggregion-ds.md`` (the newer endpoints, the
models and the ID service). Mounted at ``/aggregion``: DS at ``/aggregion/api`` (the real one:
``https://ds.aggregion.com/api/``), ID at ``/aggregion/id/api`` (``https://id.aggregion.com/api/``), storage
at ``/aggregion/storage/api`` (``https://storage.aggregion.com/api/``).
State: ``ctx.venue_state["aggregion"]``.

Starting data (seed.py): users ``demo``/``demo`` and ``publisher``/``demo``; OAuth client ``tessera`` with
secret ``demo``; the demo user's account "Demo trader" and the publisher's "Tessera Labs" (organization),
each with a default fund; a group "Tessera beta testers" (owner Tessera Labs, member demo). Tessera Labs'
catalog: 7 positions with ``title``/``description`` in ``default``, ``en_US`` and ``ru_RU``, tags,
``platformSupport`` [windows, linux, macos], an SVG cover in storage, ``options.kind`` (product, layout-pack,
strategy-template-pack, indicator-pack, theme-pack, integration, panel) and ``options.slug``; six are
published, "Options Analytics Panel" is not. Each has a bundle ``1.0.0`` whose file (JSON) is in storage:
the layout pack's is ``{"format": "tessera-layouts/1", "layouts": [{name, panels: [...]}]}``, the strategy
pack's ``{"format": "tessera-strategy-templates/1", "templates": [<coin-weight strategy items>]}``. Ten items
of each position (expiring in a year) sit in Tessera Labs' default fund; the demo user holds a lease of
"Tessera Pro" (maxKeys 2) and of the "Scalper Layout Pack" (maxKeys 3) from yesterday to a year from now.

Choices where the doc is open:

- Auth. The ID flow is ``POST /auth/local`` -> ``sessionId``; ``POST /oauth/code`` with ``X-Session-Id`` ->
  ``code`` (single use, 120 s); ``POST /oauth/token`` (``grantType`` ``code`` or ``refreshToken``) ->
  ``{token, refreshToken, expiresIn: 3600}``; every refresh token is single use and rotates (30 days).
  ``/oauth/serverToken`` gives ``{token, expiresIn}`` (its ``auth.expiresIn``, a string or number, else
  3600). DS, ``/users/me*`` and storage take **``Authorization: Bearer <token>``**. Lifetimes run on the
  simulated clock. Scopes (``credentials``) are accepted and not enforced.
- ``X-Account`` is required on every DS call except ``/public/*`` (400 ``account_required`` without it); it
  must be an account whose owner or admin the token's user is (403 otherwise). ``/client/*`` needs it too
  (the doc: "with account context"), but acts for the token's user.
- Refusals (none are documented): ``{"code": "<slug>", "message": "<sentence>"}`` with 400 (bad input;
  ``bad_filter``, ``bad_extend``, ``bad_order``, ``account_required``, ``max_keys_mismatch``), 401 (no,
  unknown or expired token; wrong login, client secret, code or refresh token), 403 (another account's
  object, a field the owner may not edit, an invalid licence), 404 (unknown id or path), 405, 409
  (``has_items``, ``duplicate_version``, ``default_fund``, ``not_enough_items``, ``lease_overlap``,
  ``max_keys``, ``not_bound``, ``lease_inactive``, ``referenced``), 416 (bad Range).
- Ids are 24 hex characters, deterministic for a seed. Dates are ISO UTC with ms and ``Z``; request dates may
  be any ISO-8601 form and are normalised. ``creator``/``owner`` are account ids (strings); users' ids too.
- Lists: ``filter=field(value,sign)`` once per condition (ANDed); ``extend`` and ``order`` one field per
  parameter or comma-separated; ``order=-field`` descending; ``textsearch`` looks in title, description and
  tags (catalog). Fields not in the doc's per-resource lists are refused (400). Filters on a list field match
  any element; ``title`` alone matches any language; ``options.<name>`` matches that option's value,
  ``options.key``/``options.value`` any option's name/value (catalog object or documents' [{key, value}]).
- Range (GET /catalog and GET /public/catalog): ``Range: items=<first>-<last>`` (inclusive, from 0) answers
  206 with ``Content-Range: items <first>-<last>/<total>`` (``items */0`` for an empty list); without Range,
  200 with every row. ``Accept-Ranges: items``. GET /funds/{id}/grouped always answers 206 with
  ``Content-Range`` over all its rows; rows group a fund's items by catalog, then creationDate and
  expirationDate.
- Catalog: GET /catalog lists the current account's positions. POST needs ``title`` and ``description``
  (objects with a ``default`` text); the other fields default to empty and ``maxKeys`` to 1. New positions are
  ``isPublic: false``, ``publishingStatus: "none"``. PATCH (answered 201, as documented) refuses ``id``,
  ``owner`` and ``rejectReason`` (403) and ``publishingStatus`` other than ``none``/``published`` (403);
  ``isPublic`` is the owner's. ``publish`` sets ``isPublic: true, publishingStatus: "published"`` at once
  (no moderation), ``unpublish`` ``false``/``"none"``. DELETE is refused (409) while any item of it exists,
  and removes its bundles.
- Bundles: ``sourceResourceId`` must be a file of the account in storage; the bundle's ``resourceId`` is a
  processed copy, ready at once (``available: true``, ``status: "done"``). (catalog, version) is unique.
- Funds: POST answers 200 (as documented); ``owner`` must be the current account. Deleting a fund (never the
  default one, 409) moves its items to the default fund with a ``displacement`` document and a transaction.
- Items: ``fund`` defaults to the account's default fund. ``/items/multi`` takes qty 1..1000.
  ``moveToAccount``/``moveToFund`` pick free items (no current or future active lease) per
  ``{catalog, expirationDate, qty}`` line (``expirationDate`` optional: any), from ``fromFund`` if given;
  409 if not enough. They answer 201 with no body. ``moveToAccount`` moves to the target's default fund and
  makes an ``invoice`` (squad: catalog, qty, licensePeriod = days to expiry) with ``documentOptions`` (the
  list form, or the short doc's object turned into ``[{key, value}]``); ``moveToFund`` takes ``toFund``
  (HEAD) or ``fund`` (short doc) and makes a ``displacement`` document. One transaction per source fund.
  ``createAndMoveToAccount`` creates the items in ``fromFund`` (default fund) first. ``createLeasesForUsers``
  / ``...Groups`` lease one free item per line to each user (group members), from now to ``expirationDate``,
  maxKeys = the position's; they answer 201 with the created leases.
- Documents: ``number`` counts from 1 over the simulator; ``status`` starts ``new``; PATCH answers 200.
  Transactions: POST ``{receiver, document, oldFund?, newFund, items}`` (201); ``newFund`` must be the
  receiver's; without ``oldFund`` the items keep their fund (as the doc says) and change owner.
- Leases: POST ``{item, user, beginDate?, expirationDate, maxKeys}`` (201); ``beginDate`` defaults to now;
  an active lease of the same item whose dates overlap -> 409; ``maxKeys`` other than the position's -> 400;
  a lease may not outlive its item's ``expirationDate`` (400).
  PATCH is ``/leases/{id}`` (``{isActive: false}`` only). GET /leases lists the account's (owner) leases.
- Client: GET /client/leases lists the token user's active leases (isActive and begin <= now < expiration);
  GET /client/leases/{id} any of the user's leases. bind needs a key of the user (404 otherwise); binding a
  bound key is a no-op; a full lease (``maxKeys`` keys) answers 409. unbind of an unbound key: 409.
  ``license`` needs the key bound and the lease active; the licence file goes to the lease owner's storage,
  readable by the lease's user. Keys: ``number`` is a 10-digit string counting from 1000000001; a user asking
  again for the same ``deviceId`` gets the same key (201); the key body (JSON) is stored; ``GET`` and
  ``PATCH`` (deviceName only) are ``/client/keys/{id}`` (the doc shows no id).
- Licence files are Ed25519-signed JSON (format in ``services/aggregion/licence.py``) bound to lease (+ sn),
  key number, the key's deviceId and the lease's dates. They are signed with one fixed demo key at every
  seed, whose private half lives in ``demo_key.py`` (this package) and whose public half is the one Tessera
  ships and pins: ``resources/keys/aggregion/simulator-demo.pem`` (for loopback hosts, ``keys.json``).
  The public key is also at ``GET /aggregion/api/public/licenseKey`` (``{algorithm, publicKey, keyId}``,
  not in the doc), for tools; Tessera never trusts a key it fetched.
- Bundle signature (``POST /public/catalog/{id}/bundles/{bundleId}/signature``, no auth): ``license`` is the
  base64 of a licence file of that position and ``keyNumber``, whose lease is active with the key bound
  (403 otherwise); the signature (signed JSON: bundle, key, lease, sha256 of the bundle file) is stored as
  ``.signatures/<bundle.id><key.number>`` in the bundle owner's storage, readable by the lease's user.
- Storage (undocumented service): ``POST /resources?name=<file name>`` (raw body, Bearer + X-Account) ->
  201 ``{id, name, size}``; ``GET /resources/{id}`` -> the bytes. Covers are public; other files are
  readable by the owner account's members, by their named readers, and bundle files by users with an active
  lease of the bundle's position.
- ID groups: ``GET /groups`` and ``GET /groups/{id}`` (read-only; filter ``name``, ``parent``; extend
  ``members``) answer the groups owned by the accounts the token's user owns or administers.
- ID accounts carry ``defaultFund`` (DS's addition). POST /users/me/accounts (201) makes one with its
  default fund; PATCH (owner only) takes name, admins, isOrganization, organizationDetails.
"""

from services.simulator.apis.aggregion.app import create_app

__all__ = ["create_app"]
