"""``python -m tests.screenshots --out resources/screenshots`` (``make screenshots``): the README's pictures.

The real main window on the embedded simulator (logged in to every venue, live quotes, a few working orders
so the blotter is not empty) in the default, professional and simple layouts, at 1440×900 and 1920×1080, dark
and light, English and Russian: 24 PNGs named ``<layout>-<width>x<height>-<theme>-<language>.png``.

It runs under Xvfb when ``xvfb-run`` is installed (the fonts and rendering of an X server), else on Qt's
offscreen platform. Each language is a process of its own: the translators are installed before the window is
built.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

LAYOUTS = ("default", "professional", "simple")
SIZES = ((1440, 900), (1920, 1080))
THEMES = ("dark", "light")
LANGUAGES = ("en", "ru")
SETTLE_S = 1.5  # after a change of size, layout or theme: docks laid out, quotes and bars redrawn
CHILD = "TESSERA_SCREENSHOTS_LANGUAGE"

log = logging.getLogger("tessera.screenshots")


def file_name(layout: str, size: tuple[int, int], theme: str, language: str) -> str:
    return f"{layout}-{size[0]}x{size[1]}-{theme}-{language}.png"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("resources/screenshots"), help="where the PNGs go")
    parser.add_argument("--languages", nargs="+", choices=LANGUAGES, default=list(LANGUAGES))
    parser.add_argument("--seed", type=int, default=7, help="simulator random seed (default: %(default)s)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    language = os.environ.get(CHILD)
    if language is not None:  # one language's shots, in this process
        return _shoot(language, args.out.resolve(), args.seed)
    failed = 0
    for language in args.languages:
        command = [sys.executable, "-m", "tests.screenshots", "--out", str(args.out)]
        command += ["--seed", str(args.seed)]
        env = {**os.environ, CHILD: language}
        xvfb = shutil.which("xvfb-run")
        if xvfb is not None and "WAYLAND_DISPLAY" not in os.environ:
            command = [xvfb, "-a", "-s", "-screen 0 1920x1080x24 -dpi 96", *command]
            env.pop("QT_QPA_PLATFORM", None)
        else:
            env["QT_QPA_PLATFORM"] = "offscreen"
        print(f"screenshots ({language}): {' '.join(command)}", file=sys.stderr)
        failed += subprocess.run(command, env=env, check=False).returncode != 0
    return 1 if failed else 0


def _shoot(language: str, out: Path, seed: int) -> int:
    import qasync

    from app.bootstrap import create_application

    app = create_application([sys.argv[0]])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        return loop.run_until_complete(_session(app, language, out, seed))


async def _session(app, language: str, out: Path, seed: int) -> int:
    from app.context import AppContext, AppSettings
    from app.credentials import CredentialStore
    from app.demo import launch_demo, start_demo
    from app.i18n import install_translator
    from app.journal import JournalHandler
    from app.panels import builtin_panels
    from app.profiles import ProfileStore
    from app.shell import FIRST_RUN, Shell
    from app.trading.install import install_trading, log_in_all
    from tests.app.memory_keyring import MemoryKeyring

    data = Path(tempfile.mkdtemp(prefix="tessera-screenshots-"))
    try:
        store = ProfileStore(data / "profiles", "trader")
        profile = store.load().profile
        profile.language = install_translator(app, language)
        profile.panel_settings(FIRST_RUN)["hint_dismissed"] = True  # the pictures show the panels
        ctx = AppContext(
            settings=AppSettings("trader", data),
            profiles=store,
            profile=profile,
            credentials=CredentialStore(backend=MemoryKeyring()),
            journal=JournalHandler(),
        )
        ctx.demo, ctx.venues, _notices = await start_demo(launch_demo(seed, 1.0))
        core = install_trading(ctx)
        shell = Shell(ctx, builtin_panels())
        window = shell.window
        window.resize(*SIZES[0])
        shell.show()
        await log_in_all(core, ctx.demo.login, ctx.demo.password)
        await _place_orders(core)
        saved = 0
        for theme in THEMES:
            window.themeRequested.emit(theme)
            for layout in LAYOUTS:
                window.switchLayoutRequested.emit(layout)
                for size in SIZES:
                    window.resize(*size)
                    await asyncio.sleep(0.2)
                    window.reset_layout(undoable=False)  # the layout's own arrangement at this size
                    window.resize(*size)  # an arrangement restored from another size may have widened it
                    await asyncio.sleep(SETTLE_S)
                    path = out / file_name(layout, size, theme, language)
                    picture = window.grab()
                    if picture.size().toTuple() != size:
                        print(f"{path.name}: the window is {picture.size().toTuple()}", file=sys.stderr)
                    if picture.save(str(path)):
                        saved += 1
                        print(f"saved {path}", file=sys.stderr)
                    else:
                        print(f"could not save {path}", file=sys.stderr)
        window.close()
        await ctx.services.aclose()
        await asyncio.to_thread(ctx.demo.stop)
        return 0 if saved == len(THEMES) * len(LAYOUTS) * len(SIZES) else 1
    finally:
        shutil.rmtree(data, ignore_errors=True)


async def _place_orders(core) -> None:
    """A few limit orders well away from the market: they stay working, so the blotter shows them."""
    from services.domain import OrderRequest, OrderType, Side
    from services.errors import TesseraError
    from services.trading.order_entry import new_client_id

    wanted = {("coinweight", "ETH-BTC"): 2, ("coinweight", "BTC-USDT"): 1, ("chp", "GAZP"): 1}
    for (venue, symbol), count in wanted.items():
        session = core.sessions.get(venue)
        if session is None:
            continue
        spec = next((i for i in session.instruments.values() if i.id.symbol == symbol), None)
        if spec is None:
            continue
        for _ in range(20):  # the first quote
            quote = core.quotes.get(spec.id)
            if quote is not None and quote.bid is not None:
                break
            core.subscribe_quotes(_place_orders, [spec.id])
            await asyncio.sleep(0.25)
        quote = core.quotes.get(spec.id)
        if quote is None or quote.bid is None:
            continue
        for n in range(count):
            price = (quote.bid * Decimal(str(0.9 - 0.02 * n))).quantize(spec.price_step)
            quantity = max(spec.min_qty, spec.qty_step)
            request = OrderRequest(spec.id, Side.BUY, OrderType.LIMIT, quantity, new_client_id(), price=price)
            try:
                await core.order_entry.submit(request)
            except TesseraError as exc:
                log.warning("the order for %s was not placed: %s", symbol, exc)
    core.unsubscribe_quotes(_place_orders)


if __name__ == "__main__":
    sys.exit(main())
