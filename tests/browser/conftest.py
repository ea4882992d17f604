"""Fixtures for the browser tests: the built site/ on a local HTTP server, driven by
Playwright in Debian's chromium (Playwright cannot download its own browser here)."""
from __future__ import annotations

import functools
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from build_scripts.local_server import CHROMIUM, CHROMIUM_ARGS, HostHandler, QuietServer, StaticHandler

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


def read(locator) -> str:
    """A locator's text as a person reads it, the French non-breaking spaces that the pages and
    the simulator write (typography.mjs) as plain ones, so that tests compare words."""
    return locator.inner_text().replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run `make site` (make test does it)")
    return SITE


def _serve(handler_class, site_dir: Path):
    """site/ on a free local port for the whole session, by a request handler of local_server."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler_class, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(site_dir):
    yield from _serve(StaticHandler, site_dir)


@pytest.fixture(scope="session")
def host_url(site_dir):
    """The site served as a host reading site/_headers would: strict CSP, hashed files immutable."""
    yield from _serve(HostHandler, site_dir)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


class ExternalRequests(list):
    """Every request the page made to a host other than the local server."""


@pytest.fixture
def context(browser):
    # Without the service worker, which would keep ~2 MB of the site in every fresh context in
    # the background: the tests of offline use (test_offline.py) allow it.
    ctx = browser.new_context(locale="fr-FR", service_workers="block")
    yield ctx
    ctx.close()


@pytest.fixture
def external_requests(context, base_url) -> ExternalRequests:
    local = urlparse(base_url).netloc
    seen = ExternalRequests()

    def record(request):
        parts = urlparse(request.url)
        if parts.scheme in ("data", "blob", "about", "chrome-extension"):
            return
        if parts.netloc != local:
            seen.append(request.url)

    context.on("request", record)
    return seen


@pytest.fixture
def page(context, external_requests):
    p = context.new_page()
    yield p
    p.close()


@pytest.fixture
def phone(browser):
    """A page at a phone's size (360 × 740), in a context of its own."""
    ctx = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 740}, service_workers="block")
    yield ctx.new_page()
    ctx.close()


@pytest.fixture
def cs_vae_score(page, base_url):
    """The simulator's Score tool (its panel), Commercial sédentaire by VAE chosen: the block
    scores are to be typed."""
    from test_simulator import field, open_simulator, panel

    open_simulator(page, base_url)
    tool = panel(page, "Score")
    field(tool, "CQP", exact=True).select_option("commercial-sedentaire")
    field(tool, "Voie d'accès").select_option("vae")
    return tool


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists():
        pytest.fail("node_modules/axe-core is missing: run `make setup`")
    return path.read_text(encoding="utf-8")


def run_axe(page, axe_source: str) -> list[dict]:
    """WCAG 2.1 A/AA violations on the page as it is now."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return result["violations"]
