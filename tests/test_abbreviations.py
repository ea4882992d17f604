"""Each abbreviation explained at its first occurrence in each section (build_scripts/abbreviations.py),
on a sample page and on every page of the built site."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts.abbreviations import ABBR, SECTION, once_per_section

SITE = Path(__file__).resolve().parents[1] / "site"
CQP = '<abbr title="Certificat de qualification professionnelle">CQP</abbr>'
VAE = '<abbr title="Validation des acquis de l\'expérience">VAE</abbr>'


def test_first_occurrence_in_each_section_keeps_its_mark():
    page = (f"<header>{CQP}</header><article><h1>Le {CQP}</h1><p>Un {CQP} par la {VAE} ou un {CQP}.</p>"
            f"<h2 id='a'>Suite</h2><p>Le {VAE}, le {CQP}, la {VAE}.</p></article><footer>{CQP}</footer>")
    assert once_per_section(page) == (
        f"<header>{CQP}</header><article><h1>Le {CQP}</h1><p>Un CQP par la {VAE} ou un CQP.</p>"
        f"<h2 id='a'>Suite</h2><p>Le {VAE}, le {CQP}, la VAE.</p></article><footer>{CQP}</footer>")
    assert once_per_section(once_per_section(page)) == once_per_section(page)  # postbuild may run twice


def test_a_page_without_article_is_left_as_it_is():
    page = f"<main><p>{CQP} {CQP}</p></main>"
    assert once_per_section(page) == page


def test_built_pages_mark_each_abbreviation_once_per_section():
    pages = sorted(SITE.rglob("*.html"))
    if not pages:
        pytest.fail("site/ is not built: run make site")
    marked = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        article = re.search(r"<article\b.*?</article>", html, re.S)
        for section in SECTION.split(article.group(0)) if article else []:
            found = ABBR.findall(section)
            assert len(found) == len(set(found)), (path.relative_to(SITE).as_posix(), found)
            marked += len(found)
    assert marked > 100  # the glossary's terms are still explained across the site
