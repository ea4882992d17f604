"""The portal in a real browser: WCAG 2.1 A/AA (axe-core) on every page in both palettes, no
request to another host, readable on a phone, without JavaScript, and in print.

One browser page is reused for the whole module (2 cores: each page is loaded once per test).
The simulator page has its own tests (tests/browser/test_simulator*.py).
"""
from __future__ import annotations

import importlib.util
from pathlib import Path
from urllib.parse import urlparse

import pytest

# Loaded by path: the name `conftest` is shared by tests/ and tests/browser/.
_spec = importlib.util.spec_from_file_location("browser_conftest", Path(__file__).with_name("conftest.py"))
_browser = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_browser)
run_axe, SITE = _browser.run_axe, _browser.SITE

PAGES = sorted(
    "/" + p.relative_to(SITE).as_posix().removesuffix("index.html")
    for p in SITE.glob("**/index.html")
    if not p.relative_to(SITE).as_posix().startswith(("simulateur/", "assets/", "search/"))
) + ["/404.html"] if SITE.exists() else []
SCHEMES = ("default", "slate")


@pytest.fixture(scope="module")
def shared(browser, base_url):
    """One context and page for the module, recording requests to any other host."""
    ctx = browser.new_context(locale="fr-FR")
    local = urlparse(base_url).netloc
    external: list[str] = []

    def record(request):
        parts = urlparse(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != local:
            external.append(request.url)

    ctx.on("request", record)
    page = ctx.new_page()
    yield page, external
    ctx.close()


def _violations(page, axe_source) -> list[str]:
    out = []
    for v in run_axe(page, axe_source):
        targets = [", ".join(n["target"]) for n in v["nodes"][:5]]
        out.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nœuds) : {v['help']} — {targets}")
    return out


def test_site_has_pages():
    assert len(PAGES) >= 20, PAGES


@pytest.mark.parametrize("path", PAGES)
def test_axe_wcag_aa_light_and_dark(shared, base_url, axe_source, path):
    page, external = shared
    page.goto(base_url + path, wait_until="load")
    # Colours change with a short CSS transition: measure the final colours, not mid-way ones.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    problems = {}
    for scheme in SCHEMES:
        page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        found = _violations(page, axe_source)
        if found:
            problems[scheme] = found
    assert not problems, "\n".join(f"[{s}] {v}" for s, vs in problems.items() for v in vs)
    assert not external, f"requêtes vers un autre hôte : {external}"


def test_palette_toggle_switches_scheme(shared, base_url):
    page, _ = shared
    page.goto(base_url + "/", wait_until="load")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert {before, after} == set(SCHEMES)


def test_no_request_leaves_the_site_while_browsing(shared, base_url):
    page, external = shared
    extra = ["/simulateur/"] if (SITE / "simulateur" / "index.html").exists() else []
    for path in PAGES + extra:
        page.goto(base_url + path, wait_until="networkidle")
    # Search loads its index and French stemmer from the site itself.
    page.keyboard.press("/")
    page.keyboard.type("compétence")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    assert not external, f"requêtes vers un autre hôte : {external}"


@pytest.mark.parametrize("path", PAGES)
def test_phone_width_no_horizontal_scroll(phone, base_url, path):
    phone.goto(base_url + path, wait_until="load")
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{path}: la page déborde de {overflow}px à 360px de large"


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
    ctx = browser.new_context(locale="fr-FR")
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
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
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


def test_search_ignores_accents_finds_figures_either_way_and_names_the_cqp(browser, base_url):
    ctx = browser.new_context(locale="fr-FR")
    page = ctx.new_page()
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
    ctx.close()
