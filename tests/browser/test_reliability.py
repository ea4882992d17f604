"""Never lose what was typed, never stay stuck (issue 21): two tabs of the simulator, bad
responses from the host, a worker that dies after ready, a deploy during a visit."""
from __future__ import annotations

import base64
import json
import re
import shutil
import threading
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest

import checker
from build_scripts import headers
from build_scripts.local_server import HostHandler, QuietServer
from tests.browser.conftest import FORMS_WIRED, read

from test_simulator import READY, field, open_simulator, panel, wait_verdict

KEY = "cqp-simulateur:v1"


def stored(page):
    return json.loads(page.evaluate(f"localStorage.getItem({KEY!r})") or "null")


# --- two tabs ---------------------------------------------------------------------------------

@pytest.fixture
def two_tabs(simulator, base_url):
    """Two tabs of one browser: the shared simulator page (see conftest) and a second one opened
    beside it, which shares its storage; the second is closed after the test."""
    b = simulator.context.new_page()
    open_simulator(b, base_url)
    yield simulator, b
    b.close()


def test_two_tabs_typing_in_two_tools_keep_both(two_tabs):
    a, b = two_tabs
    field(panel(a, "Éligibilité"), re.compile("^Mois de pratique")).fill("18")
    wait_verdict(a, "Éligibilité")
    field(panel(b, "Score"), "Date de la session").fill("15/06/2026")
    wait_verdict(b, "Score")
    saved = stored(b)["tools"]
    assert saved["eligibility"]["situation"]["practice_months"] == "18"  # as typed
    assert saved["score"]["situation"]["session_date"] == "15/06/2026"
    # Tab A shows B's date, and its next keystroke keeps it.
    assert field(panel(a, "Score"), "Date de la session").input_value() == "15/06/2026"
    field(panel(a, "Éligibilité"), re.compile("^Mois de pratique")).fill("19")
    wait_verdict(a, "Éligibilité")
    saved = stored(a)["tools"]
    assert saved["eligibility"]["situation"]["practice_months"] == "19"
    assert saved["score"]["situation"]["session_date"] == "15/06/2026"
    # And B, its form now showing A's 19, writes it back unchanged with its own next change.
    assert b.locator("#elig-cand-practice").input_value() == "19"
    field(panel(b, "Score"), "Date de la session").fill("16/06/2026")
    wait_verdict(b, "Score")
    saved = stored(b)["tools"]
    assert saved["eligibility"]["situation"]["practice_months"] == "19"
    assert saved["score"]["situation"]["session_date"] == "16/06/2026"
    # A reload of either tab shows both (the form is filled from storage before the engine is up).
    a.reload()
    a.wait_for_function(FORMS_WIRED)
    assert a.locator("#elig-cand-practice").input_value() == "19"
    assert a.locator("#score-session-date").input_value() == "16/06/2026"


def test_two_tabs_typing_in_the_same_field_the_last_wins_and_both_show_it(two_tabs):
    a, b = two_tabs
    practice = lambda tab: field(panel(tab, "Éligibilité"), re.compile("^Mois de pratique"))
    practice(a).fill("18")
    wait_verdict(a, "Éligibilité")
    b.wait_for_function("() => document.querySelector('#elig-cand-practice').value === '18'")
    practice(b).fill("24")
    wait_verdict(b, "Éligibilité")
    a.wait_for_function("() => document.querySelector('#elig-cand-practice').value === '24'")
    wait_verdict(a, "Éligibilité")
    assert stored(a)["tools"]["eligibility"]["situation"]["practice_months"] == "24"
    # A types in another field: B's 24 stays.
    field(panel(a, "Éligibilité"), "Date de la session (facultatif)").fill("01/07/2026")
    wait_verdict(a, "Éligibilité")
    situation = stored(a)["tools"]["eligibility"]["situation"]
    assert situation["practice_months"] == "24" and situation["session_date"] == "01/07/2026"
    b.wait_for_function("() => document.querySelector('#elig-cand-session').value === '01/07/2026'")


# --- a host that answers wrong, once; a deploy during a visit ----------------------------------

class Host:
    """site/ served as a host reading site/_headers would (hashed files immutable for a year),
    with faults: `faults[suffix]` lists the wrong answers to give, in turn, to the next requests
    whose path ends so (404, or "html": an HTML page with status 200, as a host that rewrites
    unknown paths to a page does); `deploy = (patterns, folder)` puts another build online right
    after a path matching each of `patterns` was served, `deploy_on = (pattern, folder)` as soon
    as a path matching `pattern` is asked for (and serves it from there); `delays[suffix]`: seconds to wait
    before answering (then from the build online at that moment)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.faults: dict[str, list] = {}
        self.deploy: tuple[tuple[str, ...], Path] | None = None
        self.deploy_on: tuple[str, Path] | None = None
        self.delays: dict[str, float] = {}
        served: set[str] = set()
        host = self

        class Handler(HostHandler):
            def __init__(handler, *args, **kwargs):
                super().__init__(*args, directory=str(host.folder), **kwargs)

            def do_GET(handler):
                path = urlsplit(handler.path).path
                if host.deploy_on and re.search(host.deploy_on[0], path):
                    host.folder, host.deploy_on = host.deploy_on[1], None
                for suffix, seconds in host.delays.items():
                    if path.endswith(suffix):
                        time.sleep(seconds)
                handler.directory = str(host.folder)
                for suffix, queue in host.faults.items():
                    if path.endswith(suffix) and queue:
                        fault = queue.pop(0)
                        if fault == 404:
                            handler.send_error(404)
                        else:
                            body = b"<!doctype html><html lang=fr><title>Accueil</title><p>Bienvenue</p></html>"
                            handler.send_response(200)
                            handler.send_header("Content-Type", "text/html; charset=utf-8")
                            handler.send_header("Content-Length", str(len(body)))
                            handler.end_headers()
                            handler.wfile.write(body)
                        return
                super().do_GET()
                served.add(path)
                if host.deploy and all(any(re.search(end, p) for p in served) for end in host.deploy[0]):
                    host.folder, host.deploy = host.deploy[1], None

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def host(site_dir):
    h = Host(site_dir)
    yield h
    h.server.shutdown()


@pytest.fixture
def cached_context(browser):
    """A context whose HTTP cache is used as a visitor's is: no request interception (routing
    turns the cache off), no service worker."""
    ctx = browser.new_context(locale="fr-FR", service_workers="block")
    yield ctx
    ctx.close()


def _state(page):
    page.wait_for_function("() => window.CQP && CQP.status !== 'loading'", timeout=120_000)
    return page.evaluate("[CQP.status, CQP.failure]")


def _evaluates(page):
    verdict = page.evaluate(f"CQP.evaluate('score', {VAE})")
    assert verdict["outcome"]["title"] == checker.score(VAE)["outcome"]["title"]


VAE = {"cqp": "commercial-sedentaire", "route": "vae", "blocks": {"B1": {"score": 72}}}


def _wasm_served_once_as_a_page(cached_context, host):
    """A page whose engine failed to start: its wasm came once as an HTML page."""
    host.faults["/pyodide.asm.wasm"] = ["html"]
    page = cached_context.new_page()
    page.goto(host.url + "/simulateur/")
    assert _state(page)[0] == "failed"
    return page


@pytest.mark.audit  # a failure path of the engine's loading: make audit (README, Tests)
def test_a_wasm_served_once_as_a_page_is_not_kept(cached_context, host):
    page = _wasm_served_once_as_a_page(cached_context, host)
    reason = page.locator(".cqp-engine-reason")
    assert "Réessayer" in reason.inner_text() and "Rechargez" not in reason.inner_text()
    # The fault is gone (it was served once): « Réessayer » works, without clearing anything.
    page.get_by_role("button", name="Réessayer").click()
    assert _state(page) == ["ready", None]
    _evaluates(page)
    # So do a reload and the cohort page, from the same HTTP cache.
    page.reload()
    assert _state(page) == ["ready", None]
    page.goto(host.url + "/simulateur/cohorte/")
    assert _state(page) == ["ready", None]


@pytest.mark.audit  # a failure path of the engine's loading: make audit (README, Tests)
def test_a_wasm_served_as_a_page_then_fixed_a_reload_works(cached_context, host):
    page = _wasm_served_once_as_a_page(cached_context, host)
    page.reload()
    assert _state(page) == ["ready", None]
    _evaluates(page)


@pytest.mark.audit  # a failure path of the engine's loading: make audit (README, Tests)
def test_an_archive_answered_once_with_404_is_fetched_again(cached_context, host):
    host.faults["/verificateur.tgz"] = [404]
    page = cached_context.new_page()
    page.goto(host.url + "/simulateur/")
    assert _state(page) == ["ready", None]
    _evaluates(page)
    page.reload()
    assert _state(page) == ["ready", None]


def test_the_local_server_sends_caching_headers_with_successes_only(host):
    pyodide = next((host.folder / "simulateur" / "pyodide").iterdir()).name
    ok = urlopen(f"{host.url}/simulateur/pyodide/{pyodide}/pyodide-lock.json")
    assert ok.headers["Cache-Control"] == headers.IMMUTABLE
    with pytest.raises(HTTPError) as missing:
        urlopen(f"{host.url}/simulateur/pyodide/{pyodide}/nulle-part.wasm")
    assert missing.value.code == 404 and missing.value.headers["Cache-Control"] is None
    # And the _headers file names no folder: a path the build did not write matches no rule.
    rules = headers.parse((host.folder / headers.NAME).read_text(encoding="utf-8"))
    assert not any(dict(values).get("Cache-Control") and pattern.pattern.endswith(".*\\Z")
                   for pattern, values in rules)


# --- a worker that dies after ready ------------------------------------------------------------

def _engine_worker(page):
    return next(w for w in page.workers if "/worker." in w.url)


@pytest.mark.audit  # a failure path of the engine's loading: make audit (README, Tests)
@pytest.mark.parametrize("how", ["closed", "error"])
def test_a_worker_dead_after_ready_is_restarted_and_the_input_kept(context, base_url, how):
    page = context.new_page()
    page.add_init_script("window.__cqpRequestMs = 3000")
    open_simulator(page, base_url)
    tool = panel(page, "Score")
    field(tool, "CQP", exact=True).select_option("commercial-sedentaire")
    field(tool, "Voie d'accès").select_option("vae")
    wait_verdict(page, "Score")
    worker = _engine_worker(page)
    if how == "closed":  # stops answering, without a word
        worker.evaluate("self.close()")
    else:  # an error nobody catches
        worker.evaluate("setTimeout(() => { throw new Error('panne') }, 0)")
    field(tool, re.compile("^B1 — score")).fill("72")
    page.wait_for_function("() => CQP.restarts === 1", timeout=30_000)
    box = wait_verdict(page, "Score")
    page.wait_for_function("() => document.querySelector('#outil-score .cqp-outcome')", timeout=60_000)
    assert checker.score(VAE)["outcome"]["title"] in read(box)
    assert field(tool, re.compile("^B1 — score")).input_value() == "72"
    status = read(page.locator(".cqp-engine-loading"))
    assert "redémarré" in status and "réponses sont conservées" in status
    _evaluates(page)


# --- a deploy during a visit ----------------------------------------------------------------------

# simulateur.GUYSTHYX.mjs (build_scripts/bundle.py), or a folder named after its files' hash.
HASHED_NAME = re.compile(r"(?:^|/)(?:[a-z_-]+\.([A-Z2-7]{8})\.mjs|([0-9a-f]{10}))$")


@pytest.fixture(scope="module")
def two_builds(site_dir, tmp_path_factory):
    """This build, and a next one as a deploy puts it online: the same site, but every file of
    the simulator (its scripts, worker, Pyodide's folder, the checker's archives) under a new
    name, as a build renames an importer with what it imports: the files this build's pages
    name are gone."""
    root = tmp_path_factory.mktemp("builds")
    first, second = root / "1", root / "2"
    shutil.copytree(site_dir, first)
    shutil.copytree(site_dir, second)
    renamed = {}
    for path in sorted((second / "simulateur").rglob("*"), key=lambda p: -len(p.parts)):
        m = HASHED_NAME.search(path.relative_to(second).as_posix())
        if m:
            old = m.group(1) or m.group(2)
            renamed[old] = old[::-1]
            path.rename(path.with_name(path.name.replace(old, old[::-1])))
    # The next build's precompressed siblings would be its own: these, copied from this build,
    # would still name the old files, so the host serves the files themselves.
    for path in [*second.rglob("*.br"), *second.rglob("*.gz")]:
        path.unlink()
    for path in second.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".mjs", ".js", ".json", "") and path.stat().st_size < 5_000_000:
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            changed = text
            for old, new in renamed.items():
                changed = changed.replace(old, new)
            if changed != text:
                path.write_text(changed, encoding="utf-8")
    return first, second


def page_scripts(site: Path) -> tuple[str, ...]:
    """What the simulator page imports at once, as the build names it: its module and the chunks
    that module imports (its result's modules come with the first result)."""
    html = (site / "simulateur" / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'id="cqp-config">(\{.*?\})</script>', html).group(1))
    main = config["assets"]["simulateur.mjs"]
    text = (site / "simulateur" / main).read_text(encoding="utf-8")
    chunks = re.findall(r"""\bfrom\s*["']\./([^"']+\.mjs)["']""", text)
    assert chunks, "the simulator's module imports no shared chunk: is it built by esbuild?"
    return tuple(rf"/simulateur/{re.escape(name)}$" for name in (main, *chunks))


@pytest.mark.audit  # a failure path of the engine's loading: make audit (README, Tests)
def test_a_deploy_between_boot_and_the_first_evaluation(cached_context, two_builds):
    first, second = two_builds
    h = Host(first)
    errors = []
    try:
        page = cached_context.new_page()
        page.on("pageerror", lambda err: errors.append(str(err)))
        # Deployed once Python is ready, just as the page asks for the modules of its first result.
        h.deploy_on = (r"/verdict\.[A-Z2-7]{8}\.mjs$", second)
        page.goto(h.url + "/simulateur/")
        assert _state(page) == ["ready", None]
        tool = panel(page, "Score")
        field(tool, "CQP", exact=True).select_option("commercial-sedentaire")
        wait_verdict(page, "Score")
        box = tool.locator(".cqp-verdict")
        page.wait_for_function("() => document.querySelector('#outil-score .cqp-verdict').dataset.state === 'unavailable'")
        assert "rechargez la page" in read(box) and "s'affichera ici" not in read(box)
        assert not errors
        # What the message says works: the answers come back with the new build.
        page.reload()
        assert _state(page) == ["ready", None]
        assert page.locator("#score-cqp").input_value() == "commercial-sedentaire"
        wait_verdict(page, "Score")
        page.wait_for_function("() => ['verdict', 'error'].includes(document.querySelector('#outil-score .cqp-verdict').dataset.state)")
        assert not errors
    finally:
        h.server.shutdown()


@pytest.mark.audit  # a failure path of the engine's loading: make audit (README, Tests)
def test_retry_after_a_deploy_fetches_the_new_builds_files(cached_context, two_builds):
    first, second = two_builds
    h = Host(first)
    # Right after the page and its script: the engine files it names are gone.
    h.deploy = (page_scripts(first), second)
    h.delays["/pyodide.asm.wasm"] = 3
    try:
        page = cached_context.new_page()
        page.goto(h.url + "/simulateur/")
        assert _state(page)[0] == "failed"
        page.get_by_role("button", name="Réessayer").click()
        assert _state(page) == ["ready", None]
        _evaluates(page)
    finally:
        h.server.shutdown()


# --- « today » where the person is --------------------------------------------------------------

# 15:30 on Thursday 3 December 2026 in Tahiti (UTC−10) is already Friday in UTC; 01:30 on Friday
# 4 December in La Réunion (UTC+4) is still Thursday in UTC.
@pytest.mark.parametrize("zone, instant, day, words", [
    ("Pacific/Tahiti", "2026-12-04T01:30:00Z", "2026-12-03", "jeudi 3 décembre 2026"),
    ("Indian/Reunion", "2026-12-03T21:30:00Z", "2026-12-04", "vendredi 4 décembre 2026"),
])
def test_today_is_the_local_day_on_sheets_and_in_file_names(browser, base_url, site_dir, tmp_path,
                                                            zone, instant, day, words):
    from test_cohort_page import CS, _cs_row, _give, _open, _template

    ctx = browser.new_context(locale="fr-FR", timezone_id=zone, service_workers="block", accept_downloads=True)
    try:
        page = ctx.new_page()
        page.clock.install(time=instant)
        _open(page, base_url)
        header = _template(site_dir, "modele-score-commercial-sedentaire-formation.csv")
        cohort = tmp_path / "promotion.csv"
        cohort.write_text(header + "\n" + _cs_row("Alice Martin", "70", header) + "\n", encoding="utf-8")
        _give(page, CS, cohort)
        with page.expect_download() as info:
            page.get_by_role("button", name="Exporter le tableau (CSV)").click()
        assert info.value.suggested_filename.endswith(f"-{day}.csv")
        page.get_by_role("button", name="Imprimer les fiches de résultats").click()
        page.emulate_media(media="print")
        assert words in read(page.locator(".cqp-sheet").first)
        # The simulator's exports too.
        page.emulate_media(media="screen")
        # Saving one's answers needs the form, not the engine: no wait for it to boot.
        page.goto(f"{base_url}/simulateur/")
        page.wait_for_function(FORMS_WIRED)
        tool = panel(page, "Score")
        with page.expect_download() as info:
            tool.get_by_role("button", name="Enregistrer mes réponses dans un fichier").click()
        assert info.value.suggested_filename == f"cqp-score-{day}.json"
    finally:
        ctx.close()


# --- offline use when the host rewrites a page, or refuses a file once --------------------------

@pytest.fixture
def sw_context(browser):
    ctx = browser.new_context(locale="fr-FR")  # service workers allowed
    yield ctx
    ctx.close()


@pytest.mark.audit  # a failure path of the engine's loading: make audit (README, Tests)
def test_a_page_rewritten_by_the_host_leaves_offline_use_working(sw_context, site_dir, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    with (site / "glossaire" / "index.html").open("ab") as page_file:
        page_file.write(b"<!-- analytics -->\n")  # as a host injecting its script would
    h = Host(site)
    try:
        page = sw_context.new_page()
        page.goto(h.url + "/comparer/", wait_until="load")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120_000)
        sw_context.set_offline(True)
        page.goto(h.url + "/glossaire/")
        assert page.locator("h1").first.inner_text().startswith("Glossaire")
        page.goto(h.url + "/sources/")
        assert not page.locator("h1").first.inner_text().startswith("Page introuvable")
        page.goto(h.url + "/comparer/")
        assert page.locator("h1").first.inner_text().startswith("Comparer les deux")
    finally:
        h.server.shutdown()


@pytest.mark.audit  # a failure path of the engine's loading: make audit (README, Tests)
def test_a_failed_offline_install_is_said_and_tried_again(sw_context, site_dir):
    cohort_script = next((site_dir / "simulateur").glob("cohort.*.mjs")).name
    h = Host(site_dir)
    h.faults["/" + cohort_script] = [404, 404]  # refused to the install, and to its second try
    try:
        page = sw_context.new_page()
        page.add_init_script("window.__cqpOfflineRetryMs = 3000")
        page.goto(h.url + "/simulateur/", wait_until="load")
        page.wait_for_function("() => document.documentElement.dataset.cqpOffline === 'retrying'", timeout=120_000)
        status = page.locator(".cqp-offline")
        assert status.is_visible() and "nouvel essai" in read(status)
        page.wait_for_function("() => document.documentElement.dataset.cqpOffline === 'ready'", timeout=180_000)
        assert read(status) == "Le simulateur est prêt à fonctionner hors connexion sur cet appareil."
    finally:
        h.server.shutdown()


# --- storage refused, or a theme value unreadable; pages without JavaScript ---------------------

REFUSED_STORAGE = """
for (const name of ["localStorage", "sessionStorage"]) {
  Object.defineProperty(window, name, { configurable: true,
    get() { throw new DOMException("The user has denied access to storage.", "SecurityError"); } });
}
"""


def _pages(site_dir):
    return sorted("/" + p.parent.relative_to(site_dir).as_posix() + "/" if p.parent != site_dir else "/"
                  for p in site_dir.rglob("index.html"))


@pytest.mark.audit  # a failure path of the engine's loading: make audit (README, Tests)
def test_storage_refused_throws_no_uncaught_error_on_any_page(context, base_url, site_dir):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append((page.url, str(err))))
    page.add_init_script(REFUSED_STORAGE)
    for path in _pages(site_dir):
        page.goto(base_url + path.replace("//", "/"), wait_until="load")
        page.wait_for_timeout(150)  # the theme's scripts, after load
    assert errors == []


def test_an_unreadable_palette_value_throws_no_uncaught_error(context, base_url):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(base_url + "/glossaire/")
    page.evaluate("localStorage.setItem('/.__palette', '{\"color\": ')")
    for path in ("/glossaire/", "/comparer/"):
        page.goto(base_url + path, wait_until="load")
        page.wait_for_timeout(150)
    assert errors == []


def test_pages_needing_scripts_say_what_works_without_them(browser, base_url, site_dir):
    ctx = browser.new_context(locale="fr-FR", java_script_enabled=False)
    try:
        page = ctx.new_page()
        for path in ["simulateur/cohorte"] + sorted(p.name for p in site_dir.glob("integrer-*")):
            page.goto(f"{base_url}/{path}/")
            notice = page.locator(".cqp-noscript")
            assert notice.is_visible(), path
            assert "JavaScript est désactivé" in read(notice) and "aucun résultat" in read(notice), path
    finally:
        ctx.close()


def test_the_embed_snippet_bounds_the_height_it_is_sent(page, base_url):
    page.goto(base_url + "/liens/")
    snippet = page.locator(".cqp-copy[data-copy*='<iframe']").first.get_attribute("data-copy")
    frame_src = re.search(r'<iframe src="([^"]+)"', snippet).group(1)
    # The organism's page, its frame left empty (no request to the real site).
    page.set_content(snippet.replace(frame_src, "about:blank"))
    send = """([origin, height]) => {
      const frame = document.querySelector("iframe");
      window.dispatchEvent(new MessageEvent("message", {origin, source: frame.contentWindow,
                                                        data: {type: "cqp:hauteur", height}}));
      return frame.style.height;
    }"""
    # The snippet takes the message from the origin its frame's address names (here about:blank's).
    assert page.evaluate(send, ["null", 640]) == "640px"
    assert page.evaluate(send, ["https://ailleurs.test", 700]) == "640px"  # another origin: ignored
    assert page.evaluate(send, ["null", 10 ** 9]) == "12000px"
    assert page.evaluate(send, ["null", "100000px; display:none"]) == "12000px"  # not a number: left as it was
    assert page.evaluate(send, ["null", -5]) == "12000px"


# --- the share fragment, written at a pause ----------------------------------------------------

def test_the_address_follows_the_form_at_a_pause_not_at_each_keystroke(page, base_url):
    page.add_init_script("""
      window.__addresses = 0;
      const replace = history.replaceState.bind(history);
      history.replaceState = (state, title, url) => {
        if (url && String(url).includes("#s=")) window.__addresses += 1;
        return replace(state, title, url);
      };
    """)
    open_simulator(page, base_url)
    tool = panel(page, "Éligibilité")
    box = field(tool, "Date de la session (facultatif)")
    box.click()
    page.keyboard.type("15/06/2026", delay=30)
    # On a loaded machine a keystroke can come after the pause: an address holding part of the
    # date may be written first. Wait for the one with all of it.
    page.wait_for_function("""() => location.hash.startsWith('#s=') && atob(location.hash.slice(3)
        .replace(/-/g, '+').replace(/_/g, '/')).includes('15/06/2026')""", timeout=10_000)
    assert page.evaluate("window.__addresses") <= 2
    shared = json.loads(base64.urlsafe_b64decode(page.evaluate("location.hash.slice(3)") + "=="))
    assert shared["situation"]["session_date"] == "15/06/2026"  # as typed: the checker reads it
    # A reload quicker than the pause reopens this tab's earlier address: nothing is asked, and
    # what was typed last stays.
    box.fill("16/06/2026")
    page.reload()
    page.wait_for_function(FORMS_WIRED)
    page.wait_for_timeout(300)
    assert not page.locator("dialog[open]").count()
    assert page.locator("#elig-cand-session").input_value() == "16/06/2026"


@pytest.mark.audit  # a failure path of the engine's loading: make audit (README, Tests)
def test_the_cohort_page_survives_a_dead_worker(context, base_url):
    import checker as cqp_checker

    page = context.new_page()
    page.add_init_script("window.__cqpRequestMs = 2000")
    page.goto(base_url + "/simulateur/cohorte/")
    page.wait_for_function("() => window.CQP && CQP.status === 'ready'", timeout=120_000)
    _engine_worker(page).evaluate("self.close()")
    csv = cqp_checker.template("score", "vendeur-conseil-distance", "formation")
    answer = """csv => Promise.race([CQP.evaluateBatch('score', csv).then((rows) => rows.length),
                                     new Promise((resolve) => setTimeout(() => resolve('no answer'), 60000))])"""
    assert page.evaluate(answer, csv) == 0
    assert page.evaluate("CQP.restarts") == 1
    status = read(page.locator(".cqp-engine-loading"))
    assert "redémarré" in status and "tableau est conservé" in status
