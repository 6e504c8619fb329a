"""English plurals for counted messages.

A counted message is marked ``tr("%n order(s)", "", n)`` so that a translation gives every plural form its
language needs (Russian has three). English has no translation file: ``plural`` turns the source's "(s)"
into the right English form, and leaves a translated text (which has none) as it is.
"""

from __future__ import annotations


def plural(text: str, n: int) -> str:
    """``text`` (already translated, ``%n`` already replaced) with "(s)" made singular or plural for ``n``."""
    return text.replace("(s)", "" if abs(n) == 1 else "s")
