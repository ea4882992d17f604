"""Fixtures for the browser tests: the built site/ on a local HTTP server, driven by
Playwright in Debian's chromium (Playwright cannot download its own browser here)."""
from __future__ import annotations

import functools
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from build_scripts.local_server import CHROMIUM, CHROMIUM_ARGS, HostHandler, QuietServer, StaticHandler
from tests.browser.sweep import AXE, AXE_COLOURS

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


def read(locator) -> str:
    """A locator's text as a person reads it, the French non-breaking spaces that the pages and
    the checker's sentences carry as plain ones, so that tests compare words."""
    return plain(locator.inner_text())


def plain(text: str) -> str:
    """A text with its French non-breaking spaces made plain: what the checker says (typeset)
    compared with what `read` gives."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


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


def cs_vae_tool(page):
    """The simulator's Score tool (its panel), Commercial sédentaire by VAE chosen: the block
    scores are to be typed."""
    from test_simulator import field, panel

    tool = panel(page, "Score")
    field(tool, "CQP", exact=True).select_option("commercial-sedentaire")
    field(tool, "Voie d'accès").select_option("vae")
    return tool


@pytest.fixture
def cs_vae_score(page, base_url):
    """cs_vae_tool in a fresh page of its own (for tests that reload it or break its storage)."""
    from test_simulator import open_simulator

    open_simulator(page, base_url)
    return cs_vae_tool(page)


# The simulator's engine boots in about two seconds of both cores: the tests that only use the
# page (fill forms, open share links, read results) share one page per worker whose engine is
# booted once. Tests of start-up, storage across reloads, downloads, routes, offline use and
# deploys keep a fresh context (`page`).
READY = "window.CQP && (CQP.status === 'ready' || CQP.status === 'failed')"
# The page's forms are wired and filled from storage or the address (simulateur.mjs): what a
# test of saved input needs, without waiting for the engine.
FORMS_WIRED = "window.CQP && typeof CQP.formsReadyAt === 'number'"
SETTLED = ("() => window.CQP.status === 'ready' && "
           "document.querySelector('[data-cqp-sim]').dataset.pending === '0'")
# Back to what a first visit shows, through the page's own « Effacer les réponses » on each
# tool: forms emptied, overrides dropped, results re-evaluated; then no note, no dialog, the
# first tool shown, no fragment (none still to come), nothing stored.
RESET = """() => {
  // An address still to be written at the end of a pause (the previous test's typing) is written
  // now, as when a page is left, so that it cannot come after the reset.
  dispatchEvent(new Event('pagehide'));
  for (const d of document.querySelectorAll('dialog[open]')) d.close();
  for (const panel of document.querySelectorAll('[data-cqp-sim] [role=tabpanel]')) {
    panel.querySelector('button[data-action=reset]').click();
    panel.querySelector('.cqp-confirm button[value=reset]').click();
    panel.querySelector('.cqp-action-note').replaceChildren();
  }
  document.querySelector('[data-cqp-sim] [role=tab]').click();
  history.replaceState(null, '', location.pathname);
  localStorage.clear();
  sessionStorage.clear();
  window.scrollTo(0, 0);
}"""


@pytest.fixture(scope="session")
def _booted_simulator(browser, base_url):
    ctx = browser.new_context(locale="fr-FR", service_workers="block")
    page = ctx.new_page()
    page.goto(f"{base_url}/simulateur/")
    page.wait_for_function(READY, timeout=90_000)
    assert page.evaluate("CQP.status") == "ready", page.evaluate("CQP.error")
    yield page
    ctx.close()


@pytest.fixture
def simulator(_booted_simulator):
    """The simulator page, engine ready, as on a first visit (see RESET); shared by the tests of
    this worker. Open a share link with `open_shared(simulator, fragment)`."""
    page = _booted_simulator
    page.wait_for_function(READY, timeout=90_000)  # a test may have reloaded it
    page.emulate_media(media="screen")
    palette(page, "light")
    page.set_viewport_size({"width": 1280, "height": 720})  # Playwright's default: a test may narrow it
    page.evaluate(RESET)
    page.wait_for_function(SETTLED)
    return page


@pytest.fixture
def phone_simulator(simulator):
    """The shared simulator page (see `simulator`) at a phone's size, 360 × 740."""
    simulator.set_viewport_size({"width": 360, "height": 740})
    return simulator


def palette(page, scheme: str):
    """The palette a person whose system is in `scheme` (light or dark) sees, on a page already
    open: the theme picks it from the system's preference when the page loads (mkdocs.yml,
    palette media) and does not follow a later change, so the test sets what it would have set."""
    page.emulate_media(color_scheme=scheme)
    # The theme's colours change with a transition (about 0.25 s): axe run at once can read a
    # colour halfway between the two palettes (CI saw a 1.16 contrast on a focused button).
    # Wait until every finite animation the switch started has finished.
    page.evaluate("""s => new Promise(resolve => {
        document.body.setAttribute('data-md-color-scheme', s);
        requestAnimationFrame(() => requestAnimationFrame(() => {
            const running = document.getAnimations().filter(a => a.effect
                && a.effect.getComputedTiming().endTime !== Infinity);
            Promise.all(running.map(a => a.finished.catch(() => null))).then(() => resolve());
        }));
    })""", "slate" if scheme == "dark" else "default")


def open_shared(page, fragment: str):
    """A share link (`#s=…`) opened in the page already on the simulator, as a person pasting it
    in the address bar would: the page applies it on `hashchange`; wait until its result is in.
    The address may already hold that very link (the page writes its own situation there): it is
    then taken out first, as when the link comes from elsewhere, else no `hashchange` would come."""
    page.evaluate("""(h) => new Promise((resolve, reject) => {
        if (location.hash === '#' + h) history.replaceState(history.state, '', location.pathname + location.search);
        addEventListener('hashchange', () => setTimeout(resolve, 0), {once: true});
        setTimeout(() => reject(new Error('no hashchange after 30 s')), 30000);
        location.hash = h; })""", fragment.removeprefix("#"))
    page.wait_for_function(SETTLED)


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists():
        pytest.fail("node_modules/axe-core is missing: run `make setup`")
    return path.read_text(encoding="utf-8")


def run_axe(page, axe_source: str, colours_only: bool = False) -> list[dict]:
    """WCAG 2.1 A/AA violations on the page as it is now. `colours_only`: only the rules that
    read colours, for a page already checked whole in the other palette (see tests/browser/sweep.py)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate(AXE_COLOURS if colours_only else AXE)
