"""Snapshots that pin what the site says and what the checker answers, so that a refactoring
can be checked to change nothing a person reads (tests/test_baseline.py).

    python tests/baseline/snapshot.py [pages] [verdicts]   # rewrite pages.json, verdicts.json

Run it only after a deliberate change of wording or verdicts, and read the diff it makes.
"""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SITE = ROOT / "site"

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


def _situation_files():
    # Loaded by path: this script runs from anywhere, without editing sys.path.
    spec = importlib.util.spec_from_file_location("situation_files", ROOT / "tests" / "situation_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def verdicts() -> dict[str, object]:
    import checker

    situation_cases = _situation_files().situation_cases

    out = {}
    for case in situation_cases():
        key = f"{case['file']}::{case['name']}"
        try:
            out[key] = checker.evaluate(case["check"], case["situation"])
        except checker.SituationError as err:
            out[key] = {"error": str(err)}
    return out


def _without(value, keys=("trace",)):
    if isinstance(value, dict):
        return {k: _without(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [_without(v, keys) for v in value]
    return value


def main() -> int:
    if not (SITE / "index.html").exists():
        print("site/ is not built: run make site first", file=sys.stderr)
        return 1
    which = sys.argv[1:] or ["pages", "verdicts"]
    for name, make in (("pages.json", pages), ("verdicts.json", lambda: _without(verdicts()))):
        if name.split(".")[0] not in which:
            continue
        data = make()
        (HERE / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"tests/baseline/{name}: {len(data)} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
