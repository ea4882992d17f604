"""MkDocs hook, optional: on the simulator page, Material's JavaScript bundle is left inert and
docs/simulateur/boot.js loads it once Python is ready, so that it does not compete with
Pyodide's boot for the CPU. Measured on a 2-core machine: CQP.ready about 6 % sooner; the page
is plain HTML and usable meanwhile. Without this hook (Zensical ignores hooks) the page works
the same, a little slower to get Python ready.
"""
from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

PAGE = "simulateur/index.md"
# Material's bundle (navigation, palette toggle, search).
THEME_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


def on_post_page(output, page, config):
    if page.file.src_uri != PAGE:
        return output
    output, n = THEME_BUNDLE.subn(r'<script type="text/plain" data-cqp-theme-bundle="\1"></script>', output)
    if n != 1:
        raise PluginError(f"expected one theme bundle <script> on {PAGE}, found {n}: has the theme changed?")
    return output
