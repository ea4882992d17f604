"""The theme's palette stylesheet without the rule that restyles the whole page at every start.

Material's `palette.*.min.css` holds `[data-md-color-switching] *, … :after, … :before
{transition-duration: 0s !important}`, and its bundle sets then removes `data-md-color-switching`
on `<body>` when its palette starts, on every page, to stop colour transitions while the palette
changes. A selector on an attribute of `<body>` followed by `*` makes each of those two changes
restyle every element of the page: with Chromium's CPU four times slower, the page's style
recalculations on the VCD's « Acteurs » page went from 744 to 494 ms without the rule (median
of 3 loads; the README, « Pages to read », has the other pages). What is lost: when a person switches palettes, colours fade over the theme's short
transitions (mostly 0.125 to 0.25 s) instead of changing at once.

The copy gets its own hashed name (a hashed file is served as immutable: build_scripts/headers.py),
the pages link it, and the theme's original goes. Run by build_scripts/postbuild.py; running it
again changes nothing.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

RULE = re.compile(r"\[data-md-color-switching\][^{}]*\{[^{}]*\}")


def palette_without_switching_rule(site: Path) -> list[tuple[str, str]]:
    """Writes each palette stylesheet that holds the rule again without it, under its new name,
    and removes the original: [(old path, new path)] relative to the site, for the pages' links."""
    folder = site / "assets" / "stylesheets"
    renamed = []
    for old in sorted(folder.glob("palette.*.min.css")):
        css = old.read_text(encoding="utf-8")
        if not RULE.search(css):
            continue
        new_css = RULE.sub("", css)
        new = folder / f"palette.{hashlib.sha256(new_css.encode()).hexdigest()[:8]}.min.css"
        new.write_text(new_css, encoding="utf-8")
        for stale in (old, old.with_name(old.name + ".br"), old.with_name(old.name + ".gz")):
            stale.unlink(missing_ok=True)
        renamed.append((old.relative_to(site).as_posix(), new.relative_to(site).as_posix()))
    return renamed
