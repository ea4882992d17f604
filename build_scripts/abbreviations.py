"""Each abbreviation explained once per section, not at every occurrence.

The pages define the glossary's abbreviations (« CQP », « VAE », « CPNEFP »: build_scripts/pages,
`abbreviations`), and Markdown's `abbr` extension marks every occurrence of each: 282 `<abbr>` on
the VCD's « Acteurs » page. A reader needs the expansion where the abbreviation first appears in
what she reads (WCAG technique G102), and a reader who jumps to a section by its link starts
there: the first occurrence of each abbreviation in each section (from one `<h2>` to the next)
keeps its `<abbr title>`, the later ones are plain text. Each mark also costs: the theme mounts
a tooltip on every `<abbr>` when the page starts (`content.tooltips`), which on that page blocked
a phone's main thread for over a second (`make bench`, build_scripts/bench_pages.py).
"""
from __future__ import annotations

import re

ABBR = re.compile(r"<abbr\b[^>]*>(.*?)</abbr>", re.S)
SECTION = re.compile(r"(?=<h2\b)")
ARTICLE = re.compile(r"(<article\b.*?</article>)", re.S)


def _section(html: str) -> str:
    seen: set[str] = set()

    def once(m: re.Match) -> str:
        if m.group(1) in seen:
            return m.group(1)
        seen.add(m.group(1))
        return m.group(0)

    return ABBR.sub(once, html)


def once_per_section(html: str) -> str:
    """The page with only the first `<abbr>` of each abbreviation in each section of its article."""
    return ARTICLE.sub(lambda m: "".join(_section(part) for part in SECTION.split(m.group(1))), html)
