"""French typography in the built pages: the spaces that French puts before « : ; ? ! » and
inside « guillemets », and between a number and « % » or « € », become non-breaking, so that a
phone's narrow column never starts a line with « : » or leaves « « » alone at the end of one.

Authors, the referential's YAML and the theme write ordinary spaces; this plain step rewrites
the text of every built page (never inside <script>, <style>, <pre>, <code>, <textarea>,
<kbd>, <samp>, nor in tags and attributes). It is idempotent: a non-breaking space is left as
it is. `build_scripts.postbuild` runs it before it lists the files kept offline.
"""
from __future__ import annotations

import re

# The rules themselves are the checker's (checker/french.py), which typesets the sentences of a
# verdict the simulator shows: one set of rules for the pages and the results.
from checker.french import NBSP, typeset as french_spacing  # noqa: F401  (french_spacing: public name)

# Markup is split off from text: comments, then any tag.
_MARKUP = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
# Elements whose text is code or a value typed by someone: written as it is.
VERBATIM = frozenset({"script", "style", "pre", "code", "textarea", "kbd", "samp"})


def rewrite_html(html: str) -> str:
    """An HTML page with French spacing in its text, its markup and code untouched."""
    out = []
    verbatim = 0  # depth inside VERBATIM elements
    for i, part in enumerate(_MARKUP.split(html)):
        if i % 2:  # markup
            tag = _TAG.match(part)
            if tag and tag.group(2).lower() in VERBATIM and not part.endswith("/>"):
                verbatim += -1 if tag.group(1) else 1
                verbatim = max(verbatim, 0)
            out.append(part)
        else:
            out.append(part if verbatim or not part else french_spacing(part))
    return "".join(out)
