"""The site's address comes from one setting (mkdocs.yml `site_url`, which CQP_SITE_URL sets):
canonical links, the sitemap and every ready link of /liens/ use it; without it, no address is
written (no canonical link, an empty sitemap, relative ready links made absolute in the browser)
and no placeholder address ships."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts import pages, site_url as setting
from build_scripts.pages import links

SITE = Path(__file__).resolve().parents[1] / "site"


@pytest.fixture
def other_address(monkeypatch):
    monkeypatch.setenv("CQP_SITE_URL", "https://cqp.organisme.test/portail")
    setting.site_url.cache_clear()
    yield "https://cqp.organisme.test/portail/"
    setting.site_url.cache_clear()


def test_the_environment_sets_the_address(other_address):
    assert setting.site_url() == other_address
    assert setting.origin() == "https://cqp.organisme.test"
    page = links.generate(pages.cqps_of(pages.load_all()))[links.HERE]
    hrefs = re.findall(r'href="(https?://[^"]+)"', page)
    assert len(hrefs) > 300
    assert all(h.startswith(other_address) for h in hrefs)
    assert "cqp.example.org" not in page
    assert "https://cqp.organisme.test/portail/integrer-score/" in page


@pytest.fixture
def no_address(monkeypatch):
    monkeypatch.delenv("CQP_SITE_URL", raising=False)
    setting.site_url.cache_clear()
    yield
    setting.site_url.cache_clear()


def test_without_an_address_the_links_are_relative(no_address):
    assert setting.site_url() == "" and setting.origin() == ""
    page = links.generate(pages.cqps_of(pages.load_all()))[links.HERE]
    hrefs = re.findall(r'href="([^"]+)"', page)
    assert len(hrefs) > 300 and all(h.startswith("../") for h in hrefs if not h.startswith("#"))
    assert "example" not in page and "e.origin !== \"" not in page  # the origin is the frame's own


@pytest.mark.site
def test_canonical_links_and_sitemap_use_the_setting():
    if not (SITE / "sitemap.xml").exists():
        pytest.fail("site/ is not built: run make site")
    address = setting.site_url()
    for page in SITE.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "cqp.example.org" not in text, page
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', text)
        if address:
            assert canonical is None or canonical.group(1).startswith(address), page
        else:
            assert canonical is None, page
    locs = re.findall(r"<loc>([^<]+)</loc>", (SITE / "sitemap.xml").read_text(encoding="utf-8"))
    if address:
        assert locs and all(loc.startswith(address) for loc in locs)
    else:
        assert locs == []
