"""After one visit the site works offline (site/sw.js, build_scripts/offline.py): a visited page,
a page never opened, the search, and the simulator, whose verdicts are computed offline. The site
is served as a host reading site/_headers would (strict CSP)."""
from __future__ import annotations

import functools
import threading
import time
from urllib.parse import urlsplit

import pytest

import checker
from build_scripts import offline
from build_scripts.local_server import QuietServer, StaticHandler

# The service worker's install fetches the whole site behind the page: a release check, make audit.
pytestmark = pytest.mark.audit

SITUATION = """{cqp: 'vendeur-conseil-distance', route: 'formation',
                domains: {DC1: {positive: 17, total: 20}, DC2: {positive: 20, total: 20}}}"""


@pytest.fixture
def sw_context(browser):
    ctx = browser.new_context(locale="fr-FR")  # service workers allowed (the default fixture blocks them)
    yield ctx
    ctx.close()


def _kept_offline(page):
    # clients.claim() comes after the install: the site's files are in the cache by then.
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120_000)


def test_pages_work_offline_after_one_visit(sw_context, host_url):
    page = sw_context.new_page()
    page.goto(host_url + "/glossaire/", wait_until="load")
    _kept_offline(page)
    sw_context.set_offline(True)
    page.reload()
    assert page.locator("h1").first.inner_text().startswith("Glossaire")
    # A page never opened was kept too, and the theme's search works from the cache.
    page.goto(host_url + "/comparer/")
    assert page.locator("h1").first.inner_text().startswith("Comparer les deux")
    page.locator(".md-search__input").click()
    page.keyboard.type("jury")
    page.locator(".md-search-result__item").first.wait_for(timeout=20_000)
    # An address the site does not have: its own page, in French.
    page.goto(host_url + "/nulle-part/")
    assert page.locator("h1").first.inner_text().startswith("Page introuvable")


def test_simulator_works_offline_after_one_visit(sw_context, host_url):
    page = sw_context.new_page()
    page.goto(host_url + "/simulateur/", wait_until="load")
    # The page says so once the engine is kept (not before: it is not offline-ready yet).
    status = page.locator(".cqp-offline")
    assert status.is_hidden()
    page.wait_for_function("() => document.documentElement.dataset.cqpOffline === 'ready'", timeout=180_000)
    assert status.inner_text() == "Le simulateur est prêt à fonctionner hors connexion sur cet appareil."
    assert status.is_visible()
    sw_context.set_offline(True)
    page.reload()
    page.wait_for_function("() => window.CQP && window.CQP.status === 'ready'", timeout=180_000)
    verdict = page.evaluate(f"() => CQP.evaluate('score', {SITUATION})")
    assert verdict["certified"] is True
    # And through the form, as a visitor does: the verdict is shown.
    page.get_by_role("tab", name="Score").click()
    tool = page.get_by_role("tabpanel", name="Score")
    field = lambda label, **kw: tool.get_by_label(label, **kw).filter(visible=True)
    field("CQP", exact=True).select_option("vendeur-conseil-distance")
    field("DC1 — indicateurs évalués positivement").fill("16")
    field("DC1 — indicateurs du référentiel (total, tous à évaluer)").fill("20")
    page.wait_for_function("() => document.querySelector('[data-cqp-sim]').dataset.pending === '0'")
    expected = checker.score({"cqp": "vendeur-conseil-distance", "route": "formation",
                              "domains": {"DC1": {"positive": 16, "total": 20}}})
    assert expected["outcome"]["title"] in tool.locator(".cqp-verdict").inner_text()


class CountingHandler(StaticHandler):
    """The site with no caching header at all (the bench's server, a bare host): every response
    body sent is recorded with when it was asked for."""

    sent: list[tuple[str, float]]

    def do_GET(self):
        self.asked_at = time.time()
        super().do_GET()

    def copyfile(self, source, outputfile):
        super().copyfile(source, outputfile)
        self.sent.append((urlsplit(self.path).path, self.asked_at))


def test_one_visit_downloads_each_engine_file_once_and_the_next_none(browser, site_dir):
    # The worker puts the engine files it has just downloaded and checked in the engine's cache:
    # keeping the simulator offline downloads none of them again, even from a host whose files
    # the HTTP cache does not keep.
    sent: list[tuple[str, float]] = []
    handler = type("Handler", (CountingHandler,), {"sent": sent})
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ctx = browser.new_context(locale="fr-FR")
    try:
        page = ctx.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/simulateur/")
        page.wait_for_function("() => document.documentElement.dataset.cqpOffline === 'ready'", timeout=180_000)
        ready_at = page.evaluate("(performance.timeOrigin + CQP.readyAt) / 1000")
        paths = [path for path, _ in sent]
        for url, _ in offline.manifest(site_dir)["engine"]:
            assert paths.count("/" + url) == 1, url
        # The other pages are kept for offline use after Python is ready, never competing with it.
        early = [path for path, at in sent if at <= ready_at and path in ("/glossaire/", "/comparer/")]
        assert not early and "/glossaire/" in paths
        # A second visit sends no engine byte: the service worker answers with the kept files
        # (their responses themselves, so that the browser's code cache for the WebAssembly
        # applies: docs/simulateur/worker.mjs, build_scripts/sw.js), though this host sends no
        # caching header.
        page.close()
        sent.clear()
        page = ctx.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/simulateur/")
        page.wait_for_function("() => window.CQP && CQP.status === 'ready'", timeout=180_000)
        engine = {"/" + url for url, _ in offline.manifest(site_dir)["engine"]}
        assert [path for path, _ in sent if path in engine] == []
    finally:
        ctx.close()
        server.shutdown()
