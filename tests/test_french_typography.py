"""French spacing: a line never starts with « : ; ? ! » or « % », and « « » never ends one.
The rewrite itself (build_scripts/french_typography.py), then every built page (make site)."""
from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

from build_scripts.french_typography import NBSP, french_spacing, rewrite_html

SITE = Path(__file__).resolve().parents[1] / "site"


@pytest.mark.parametrize("before, after", [
    ("Que faire maintenant ?", f"Que faire maintenant{NBSP}?"),
    ("Voir : la page", f"Voir{NBSP}: la page"),
    ("oui ; non ! « Je ne sais pas »", f"oui{NBSP}; non{NBSP}! «{NBSP}Je ne sais pas{NBSP}»"),
    ("au moins 70 % et 1 200 €", f"au moins 70{NBSP}% et 1 200{NBSP}€"),
    ("s'explique\n: les chiffres", f"s'explique{NBSP}: les chiffres"),
    # What is not French punctuation is left alone.
    ("https://exemple.fr/a?b=1 10:30 C1.1", "https://exemple.fr/a?b=1 10:30 C1.1"),
])
def test_french_spacing(before, after):
    assert french_spacing(before) == after
    assert french_spacing(after) == after  # idempotent


def test_markup_and_code_are_left_as_written():
    html = ('<p title="a : b">Voir <strong>ceci</strong> : oui</p>'
            '<pre><code>python -m checker score --cqp x : y</code></pre>'
            '<script>if (a ? b : c) {}</script><code>x ?</code><p>fin !</p>')
    assert rewrite_html(html) == (
        f'<p title="a : b">Voir <strong>ceci</strong>{NBSP}: oui</p>'
        '<pre><code>python -m checker score --cqp x : y</code></pre>'
        f'<script>if (a ? b : c) {{}}</script><code>x ?</code><p>fin{NBSP}!</p>')


# A breakable space before French punctuation in the visible text of a page.
_BREAKABLE = re.compile(r"\S[ \n]+[:;?!»]|«[ \n]|\d[ \n]+%")


@pytest.mark.site
def test_no_built_page_breaks_a_line_before_french_punctuation():
    pages = sorted(SITE.rglob("*.html"))
    if not pages:
        pytest.fail("site/ is not built: run make site")
    found = {}
    for path in pages:
        body = path.read_text(encoding="utf-8").split("<body", 1)[-1]
        # The text between tags, code and scripts taken out (the spaces as they are: a
        # non-breaking one must stay one).
        body = re.sub(r"<(pre|code|script|style|textarea)\b.*?</\1>", "", body, flags=re.S)
        text = html_lib.unescape(re.sub(r"<!--.*?-->|<[^>]*>", "", body, flags=re.S))
        bad = _BREAKABLE.findall(text)
        if bad:
            found[path.relative_to(SITE).as_posix()] = bad[:3]
    assert not found, found
