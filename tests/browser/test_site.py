"""The portal in a real browser: the palette toggle, pages without JavaScript and in print, a
route and a validating score one click from home, the site search. What every page must meet
(axe in both palettes, 320 and 360 px, no other host, no console error, plain French) is
checked in one sweep: test_site_sweep.py. The simulator page has its own tests."""
from __future__ import annotations

import pytest

SCHEMES = ("default", "slate")


def test_palette_toggle_switches_scheme(page, base_url):
    page.goto(base_url + "/", wait_until="load")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert {before, after} == set(SCHEMES)


def test_pages_usable_without_javascript(browser, base_url):
    ctx = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = ctx.new_page()
    page.goto(base_url + "/commercial-sedentaire/referentiel/")
    assert page.locator("h1").is_visible()
    assert page.locator("#c1-1").is_visible()
    assert page.locator("table").first.is_visible()
    # Content tabs are CSS only: the first CQP's tab shows, the second opens with a click.
    page.goto(base_url + "/candidat/")
    tabs = page.locator(".tabbed-set > .tabbed-labels > label")
    assert tabs.count() == 2
    tabs.nth(1).click()
    assert page.locator(".tabbed-content > .tabbed-block").nth(1).is_visible()
    # Collapsed link lists open without script (<details>).
    page.goto(base_url + "/liens/")
    page.locator("details summary").first.click()
    assert page.locator("details").first.locator("a, button").first.is_visible()
    ctx.close()


def test_print_shows_the_referential_only(browser, base_url):
    ctx = browser.new_context(locale="fr-FR", service_workers="block")
    page = ctx.new_page()
    page.goto(base_url + "/vendeur-conseil-distance/referentiel/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-tabs"):
        assert not page.locator(hidden).first.is_visible(), hidden
    tables = page.locator(".md-typeset table")
    assert tables.count() >= 10
    widths = page.evaluate("""() => [...document.querySelectorAll('.md-typeset__table')]
        .map(t => getComputedStyle(t.parentElement).overflowX)""")
    assert set(widths) <= {"visible"}, widths
    pdf = page.pdf(format="A4")
    ctx.close()
    assert pdf[:4] == b"%PDF" and len(pdf) > 20_000


@pytest.mark.parametrize("cqp, route_text", [("vendeur-conseil-distance", "VAE"),
                                             ("commercial-sedentaire", "VAE")])
def test_vae_route_and_validating_score_in_one_click_from_home(browser, base_url, cqp, route_text):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR", service_workers="block")
    page = ctx.new_page()
    page.goto(base_url + "/")
    page.locator(f'a[href="{cqp}/voies-d-acces/#vae"]').first.click()
    page.wait_for_url(f"**/{cqp}/voies-d-acces/#vae")
    assert page.locator("#vae").is_visible()
    assert page.locator("#vae ~ .cqp-timeline h3").count() >= 1
    page.goto(base_url + "/")
    page.locator(f'a[href="{cqp}/evaluations/#resultat"]').first.click()
    page.wait_for_url(f"**/{cqp}/evaluations/#resultat")
    section = page.locator("#resultat ~ div table, #resultat + p + div table").first
    assert "%" in section.inner_text()
    ctx.close()


def _search(page, query: str) -> list[dict]:
    """Types a query in the site search; the result groups as the reader sees them."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.type(query)
    page.wait_for_function(
        """q => document.querySelector('.md-search-result__meta')?.textContent.match(/trouvé/)
             && document.querySelector('input.md-search__input').value === q""", arg=query, timeout=10000)
    page.wait_for_timeout(300)  # results are rendered in one go after the count
    return page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item')].map(li => ({
        href: li.querySelector('a').getAttribute('href'),
        head: (li.querySelector('h1') || li.querySelector('h2')).textContent.trim(),
        text: li.textContent.replace(/\\u00a0/g, ' '),
        count: document.querySelector('.md-search-result__meta').textContent.trim()}))""")


def test_search_ignores_accents_finds_figures_either_way_and_names_the_cqp(page, base_url, external_requests):
    page.goto(base_url + "/", wait_until="networkidle")
    # Typed without accents, the words are found as written on the site.
    def found(results) -> int:
        return int(results[0]["count"].split()[0]) if results else 0

    for query, written in (("televente", "télévente"), ("evaluation", "évaluation"),
                           ("recevabilite", "recevabilité")):
        results, accented = _search(page, query), _search(page, written)
        assert results, query
        assert any(written in r["text"].lower() for r in results[:5]), (query, [r["head"] for r in results])
        # At least every document the accented word finds.
        assert found(results) >= found(accented) > 1, (query, found(results), found(accented))
    assert any("vendeur-conseil-distance/voies-d-acces/" in r["href"] for r in _search(page, "televente"))
    # A figure is one figure, with or without the space before « % ».
    glued, spaced = _search(page, "80%"), _search(page, "80 %")
    assert glued and [r["href"].split("?")[0] for r in glued] == [r["href"].split("?")[0] for r in spaced]
    assert glued[0]["count"] == spaced[0]["count"]
    assert any("80 %" in r["text"] for r in glued[:5])
    # Each result says which CQP it belongs to; the CS livret's answer on the rattrapage is
    # among the first results.
    results = _search(page, "rattrapage")
    names = {"vendeur-conseil-distance/": "Vendeur conseil à distance", "commercial-sedentaire/": "Commercial sédentaire"}
    for r in results:
        for path, name in names.items():
            if path in r["href"]:
                assert name in r["head"], r
    cs = [i for i, r in enumerate(results) if "commercial-sedentaire/reglement/" in r["href"]]
    assert cs and cs[0] < 4, [r["head"] for r in results]
    assert "Ce que le livret ne prévoit pas : rattrapage" in results[cs[0]]["text"]
    # Search loads its index and French stemmer from the site itself.
    assert not external_requests, f"requêtes vers un autre hôte : {external_requests}"


TOOLTIP = """() => { const t = document.getElementById('cqp-tooltip');
  return t && getComputedStyle(t).opacity === '1' ? t.innerText : null; }"""


@pytest.mark.parametrize("width, touch", [(320, True), (1280, False)])
def test_an_abbreviation_shows_its_meaning_when_tapped_or_pointed_at(browser, base_url, width, touch):
    # The theme's tooltip, drawn on demand (docs/assets/javascripts/theme/tooltips.js): on a
    # phone by a tap, on a computer by the mouse; a section's link by the keyboard too.
    ctx = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 740},
                              has_touch=touch, is_mobile=touch, service_workers="block")
    try:
        page = ctx.new_page()
        page.goto(f"{base_url}/glossaire/")
        abbr = page.locator(".md-content abbr[title]").nth(3).element_handle()  # not found again by its title
        meaning = abbr.get_attribute("title")
        assert meaning
        abbr.scroll_into_view_if_needed()
        abbr.tap() if touch else abbr.hover()
        page.wait_for_function(TOOLTIP)
        assert page.evaluate(TOOLTIP) == meaning
        # the browser's own tooltip is not shown over it, and the page does not widen
        assert abbr.get_attribute("title") is None
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.keyboard.press("Escape")
        page.wait_for_function(f"!({TOOLTIP})()")
        assert abbr.get_attribute("title") == meaning
        link = page.locator(".md-content a.headerlink").nth(1).element_handle()
        link.focus()
        page.wait_for_function(TOOLTIP)
        assert page.evaluate(TOOLTIP) == link.get_attribute("data-cqp-title") == "Lien vers cette section"
        assert link.get_attribute("aria-describedby") == "cqp-tooltip"
    finally:
        ctx.close()
