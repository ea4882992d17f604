"""The whole site works under the strict Content-Security-Policy of site/_headers, served as a
host reading that file would (`host_url`): the header is sent, the theme (its palette toggle, its
search) and the simulator's engine run. That no page has anything blocked is checked by the
sweep of every page (test_site_sweep.py), which is served the same way."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from build_scripts import headers
from tests.browser.sweep import RECORD_VIOLATIONS


@pytest.fixture
def csp_page(browser, host_url):
    ctx = browser.new_context(locale="fr-FR", service_workers="block")
    ctx.add_init_script(RECORD_VIOLATIONS)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.errors = errors
    yield page
    ctx.close()


def test_the_header_is_sent(csp_page, host_url):
    response = csp_page.goto(host_url + "/")
    assert response.headers["content-security-policy"] == headers.CSP


def test_theme_search_and_palette_work(csp_page, host_url):
    csp_page.goto(host_url + "/glossaire/", wait_until="load")
    before = csp_page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    csp_page.locator("form[data-md-component=palette] label:visible").first.click()
    csp_page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') !== {before!r}")
    csp_page.locator(".md-search__input").click()
    csp_page.keyboard.type("VAE")
    csp_page.locator(".md-search-result__item").first.wait_for(timeout=20_000)
    assert csp_page.evaluate("window.__violations") == []
    assert csp_page.errors == []


def test_simulator_engine_runs(csp_page, host_url):
    csp_page.goto(host_url + "/simulateur/", wait_until="load")
    csp_page.wait_for_function("() => window.CQP && window.CQP.status !== 'loading'", timeout=180_000)
    assert csp_page.evaluate("() => [CQP.status, CQP.error]") == ["ready", None]
    verdict = csp_page.evaluate("""CQP.evaluate('score', {cqp: 'vendeur-conseil-distance', route: 'formation',
        domains: {DC1: {positive: 17, total: 20}, DC2: {positive: 20, total: 20}}})""")
    assert verdict["certified"] is True
    # The theme, loaded on this page when the person reaches for it (the search), runs too.
    csp_page.locator(".md-search__input").click()
    csp_page.wait_for_function("() => typeof window.document$ === 'object'", timeout=20_000)
    csp_page.keyboard.type("jury")
    csp_page.locator(".md-search-result__item").first.wait_for(timeout=20_000)
    assert csp_page.evaluate("window.__violations") == []
    assert csp_page.errors == []


def test_the_service_worker_installs_under_the_policy(browser, host_url):
    """The sweep of every page (test_site_sweep.py) blocks the service worker, which would keep
    the whole site in its cache in the background of every page it loads: the worker, the same
    script on every page, is checked here once, from the first visit until it controls the page
    (the site's files are kept by then), under the strict policy, with nothing blocked, no error
    and no request to another host."""
    ctx = browser.new_context(locale="fr-FR")  # service workers allowed
    ctx.add_init_script(RECORD_VIOLATIONS)
    local = urlparse(host_url).netloc
    elsewhere: list[str] = []
    ctx.on("request", lambda r: urlparse(r.url).scheme in ("http", "https") and urlparse(r.url).netloc != local
           and elsewhere.append(r.url))
    try:
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(host_url + "/glossaire/", wait_until="load")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120_000)
        # A page loaded through the worker, too.
        page.goto(host_url + "/comparer/", wait_until="load")
        assert page.evaluate("navigator.serviceWorker.controller !== null")
        assert page.evaluate("window.__violations") == []
        assert errors == [] and elsewhere == []
    finally:
        ctx.close()
