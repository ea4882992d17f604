"""The theme's palette stylesheet without its `data-md-color-switching` rule
(build_scripts/theme_styles.py, run by the post-build step)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts import headers
from build_scripts.postbuild import rewrite_pages
from build_scripts.theme_styles import RULE, palette_without_switching_rule

SITE = Path(__file__).resolve().parents[1] / "site"
THEME_CSS = Path(__import__("material").__file__).parent / "templates" / "assets" / "stylesheets"


def test_the_theme_still_has_the_rule_this_step_removes():
    # If a new Material drops or rewrites the rule, this step has nothing left to do: say so.
    [palette] = THEME_CSS.glob("palette.*.min.css")
    assert len(RULE.findall(palette.read_text(encoding="utf-8"))) == 1


def test_the_copy_has_a_new_hashed_name_every_page_links_it_and_a_second_run_changes_nothing(tmp_path):
    [theme] = THEME_CSS.glob("palette.*.min.css")
    folder = tmp_path / "assets" / "stylesheets"
    folder.mkdir(parents=True)
    (folder / theme.name).write_bytes(theme.read_bytes())
    (folder / (theme.name + ".br")).write_bytes(b"stale")
    (tmp_path / "page").mkdir()
    page = tmp_path / "page" / "index.html"
    page.write_text(f'<link rel="stylesheet" href="../assets/stylesheets/{theme.name}">', encoding="utf-8")

    [(old, new)] = palette_without_switching_rule(tmp_path)
    assert old == f"assets/stylesheets/{theme.name}" and new != old
    assert headers.HASHED.search(new)  # served as immutable, as the theme's own names
    assert not (folder / theme.name).exists() and not (folder / (theme.name + ".br")).exists()
    css = (tmp_path / new).read_text(encoding="utf-8")
    assert "data-md-color-switching" not in css
    # Nothing else of the theme's palettes is lost.
    assert css == RULE.sub("", theme.read_text(encoding="utf-8"))
    assert rewrite_pages(tmp_path, lambda html: html.replace(old, new)) == ["page/index.html"]
    assert f"../{new}" in page.read_text(encoding="utf-8")
    assert palette_without_switching_rule(tmp_path) == []


def test_every_built_page_links_a_palette_stylesheet_that_exists_and_lacks_the_rule():
    pages = sorted(SITE.rglob("*.html"))
    if not pages:
        pytest.fail("site/ is not built: run make site")
    linked = set()
    for path in pages:
        for href in re.findall(r'href="([^"]*palette\.[0-9a-f]{8}\.min\.css)"', path.read_text(encoding="utf-8")):
            # 404.html names its files from the site's root (a missing page may be at any depth).
            target = (SITE / href.lstrip("/") if href.startswith("/") else path.parent / href).resolve()
            assert target.is_file(), (path.relative_to(SITE).as_posix(), href)
            linked.add(target)
    assert linked
    for target in linked:
        assert "data-md-color-switching" not in target.read_text(encoding="utf-8")
