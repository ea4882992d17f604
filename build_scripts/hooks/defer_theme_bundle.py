"""MkDocs hook, optional: on the simulator's two pages (the simulator, the cohort tool),
Material's JavaScript bundle is left inert and docs/simulateur/boot.js loads it when the person
first reaches for it outside the tools (the search, the palette's toggle, a key), so that its
start-up blocks neither Pyodide's boot (CQP.ready about 6 % sooner on a 2-core machine) nor the
forms once Python is ready (about 300 ms of blocking time on a phone, Lighthouse). The page is
plain HTML and usable meanwhile. Without this hook (Zensical ignores hooks) the pages work the
same, with the theme's start-up at load.
"""
from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

PAGES = ("simulateur/index.md", "simulateur/cohorte/index.md")
# Material's bundle (navigation, palette toggle, search).
THEME_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


def on_post_page(output, page, config):
    if page.file.src_uri not in PAGES:
        return output
    output, n = THEME_BUNDLE.subn(r'<script type="text/plain" data-cqp-theme-bundle="\1"></script>', output)
    if n != 1:
        raise PluginError(f"expected one theme bundle <script>, found {n} on {page.file.src_uri}: has the theme changed?")
    return output
