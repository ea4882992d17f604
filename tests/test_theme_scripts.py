"""The site runs under a CSP without 'unsafe-inline': the theme's inline scripts are files
(overrides/partials/javascripts/, docs/assets/javascripts/theme/), which must stay the very code
of the installed Material version, and no built page holds an inline script or style."""
from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
PARTIALS = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
OURS = ROOT / "docs" / "assets" / "javascripts" / "theme"
SCOPE = '"{{ config.extra.scope | d(base_url) }}"'


def _code(path: Path) -> str:
    return "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                     if line and not line.startswith("//"))


def _inline(partial: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", (PARTIALS / partial).read_text(encoding="utf-8"))


def test_files_hold_materials_inline_scripts():
    (base,) = _inline("base.html")
    assert _code(OURS / "base.js") == base.replace(SCOPE, "document.currentScript.dataset.mdScope")
    (palette,) = _inline("palette.html")
    assert _code(OURS / "palette.js") == palette
    # content.html: the last script; the first belongs to content.tabs.link (not used, below).
    assert _code(OURS / "content.js") == _inline("content.html")[-1]


def test_no_theme_feature_brings_another_inline_script():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    features = config["theme"].get("features", [])
    assert "content.tabs.link" not in features and "announce.dismiss" not in features
    extra = config.get("extra", {})
    assert "consent" not in extra and "version" not in extra  # consent.html, outdated.html


@pytest.mark.site
def test_no_built_page_has_an_inline_script_or_style():
    pages = sorted(SITE.rglob("*.html"))
    if not pages:
        pytest.fail("site/ is not built: run make site")
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for tag, body in re.findall(r"(<script\b[^>]*>)(.*?)</script>", html, flags=re.S):
            data = re.search(r'type="(application/json|text/plain)"', tag)
            assert "src=" in tag and not body.strip() or data, (path, tag)
        # An attribute, not the text « style= » inside an escaped snippet (the embeds on /liens/).
        assert not re.search(r"<style\b|\sstyle=[\"']", html), path
