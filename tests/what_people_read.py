"""What people read: the text of a built page's article, one block a line, and every verdict of
the situation files. Pinned by the snapshots of tests/test_baseline.py; read by the typography
test as its corpus."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import checker
from situation_files import situation_cases

SITE = Path(__file__).resolve().parents[1] / "site"

# Blocks whose text is a line of its own.
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "dt", "dd", "pre", "caption",
           "summary", "legend", "label", "option", "blockquote", "div", "section", "td", "th"}


class _ArticleText(HTMLParser):
    """The text a person reads in a page's article, one block a line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 inside <article>
        self.skip = 0   # inside <script>/<style>
        self.lines: list[str] = []
        self.cur: list[str] = []

    def _flush(self):
        line = re.sub(r"\s+", " ", "".join(self.cur)).strip()
        if line:
            self.lines.append(line)
        self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in ("script", "style"):
            self.skip += 1
        if tag in _BLOCKS or tag == "br":
            self._flush()

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag in ("script", "style"):
            self.skip -= 1
        if tag in _BLOCKS:
            self._flush()
        if tag == "article":
            self._flush()
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.cur.append(data)


def page_text(html: str) -> list[str]:
    parser = _ArticleText()
    parser.feed(html)
    parser.close()
    # Permalink signs and the like carry no wording.
    return [line for line in parser.lines if line not in ("¶",)]


def pages(site: Path = SITE) -> dict[str, list[str]]:
    out = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        out[rel] = page_text(path.read_text(encoding="utf-8"))
    return out


def verdicts() -> dict[str, object]:
    out = {}
    for case in situation_cases():
        key = f"{case['file']}::{case['name']}"
        try:
            out[key] = checker.evaluate(case["check"], case["situation"])
        except checker.SituationError as err:
            out[key] = {"error": str(err)}
    return out
