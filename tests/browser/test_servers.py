"""The site served by Debian's nginx, Apache and Caddy started from the shipped configurations
of deploy/ (tests/servers.py), and the same smoke test against each: every address's status and
content type, the Content-Security-Policy, `immutable` on the hashed files only and with status
200 only, the precompressed siblings, the simulator ready under the policy and evaluating, an
embed framed from another origin, the site offline after one visit. And the line the README once
gave, a `types` block in nginx's `server`, fails it by the content type. A release check:
`make audit` installs the three servers."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts import headers
from servers import SERVERS, Server, installed, readable_site, smoke
from test_embed import _snippet, other_origin  # noqa: F401 (a fixture)
from tests.browser.conftest import READY
from tests.browser.sweep import RECORD_VIOLATIONS

pytestmark = pytest.mark.audit

# As a function: Playwright evaluates a bare expression with eval(), which the policy forbids.
READY_FN = f"() => {READY}"
SITUATION = """{cqp: 'vendeur-conseil-distance', route: 'formation',
                domains: {DC1: {positive: 17, total: 20}, DC2: {positive: 20, total: 20}}}"""


@pytest.fixture(scope="module")
def served(site_dir) -> Path:
    return readable_site(site_dir)


@pytest.fixture(scope="module", params=SERVERS)
def server(request, served, tmp_path_factory):
    if not installed(request.param):
        pytest.fail(f"{request.param} is not installed: make audit installs Debian's nginx, apache2 and caddy")
    started = Server(request.param, served, tmp_path_factory.mktemp(request.param))
    yield started
    started.stop()


def test_what_the_server_sends(server, served):
    problems = smoke(server.url, served)
    assert not problems, f"{server.name}: {len(problems)} problem(s)\n" + "\n".join(problems)


def test_the_simulator_is_ready_under_the_policy_and_evaluates(server, browser):
    ctx = browser.new_context(locale="fr-FR", service_workers="block")
    ctx.add_init_script(RECORD_VIOLATIONS)
    try:
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        response = page.goto(server.url + "/simulateur/")
        assert response.headers["content-security-policy"] == headers.CSP
        page.wait_for_function(READY_FN, timeout=180_000)
        assert page.evaluate("() => [CQP.status, CQP.error]") == ["ready", None]
        assert page.evaluate(f"() => CQP.evaluate('score', {SITUATION})")["certified"] is True
        assert page.evaluate("window.__violations") == [] and errors == []
    finally:
        ctx.close()


def test_an_embed_is_framed_from_another_origin(server, browser, other_origin):  # noqa: F811
    folder, host = other_origin
    ctx = browser.new_context(locale="fr-FR", service_workers="block")
    try:
        # The code /liens/ copies, served by this server: absolute from where it is served.
        (folder / "index.html").write_text(
            '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Organisme</title></head>'
            f'<body><h1>Notre organisme</h1>{_snippet(ctx, "score", server.url)}</body></html>',
            encoding="utf-8")
        page = ctx.new_page()
        page.goto(host + "/")
        page.frame_locator("iframe").locator("#outil-score").wait_for(timeout=60_000)
        inner = next(f for f in page.frames if "/integrer-score/" in f.url)
        inner.wait_for_function(READY_FN, timeout=180_000)
        assert inner.evaluate("CQP.status") == "ready"
    finally:
        ctx.close()


def test_the_site_works_offline_after_one_visit(server, browser):
    ctx = browser.new_context(locale="fr-FR")  # service workers allowed
    try:
        page = ctx.new_page()
        page.goto(server.url + "/simulateur/", wait_until="load")
        page.wait_for_function("() => document.documentElement.dataset.cqpOffline === 'ready'", timeout=240_000)
        ctx.set_offline(True)
        page.reload()
        page.wait_for_function(READY_FN, timeout=180_000)
        assert page.evaluate("CQP.status") == "ready"
        assert page.evaluate(f"() => CQP.evaluate('score', {SITUATION})")["certified"] is True
        page.goto(server.url + "/comparer/")  # never opened: kept by the one visit
        assert page.locator("h1").first.inner_text().startswith("Comparer les deux")
    finally:
        ctx.close()


def test_a_types_block_in_nginx_server_fails_by_the_content_type(served, tmp_path):
    # What the README once gave: a `types` block in `server` replaces the whole MIME table.
    if not installed("nginx"):
        pytest.fail("nginx is not installed: make audit installs it")
    from build_scripts import deploy

    text = deploy.files()["nginx.conf"].replace(
        "    index index.html;\n", "    index index.html;\n    types { application/wasm wasm; text/javascript mjs js; }\n")
    broken = Server("nginx", served, tmp_path, nginx_text=text)
    try:
        problems = smoke(broken.url, served)
    finally:
        broken.stop()
    assert "/glossaire/: Content-Type application/octet-stream, expected text/html" in problems
    assert "/assets/stylesheets/cqp.css: Content-Type application/octet-stream, expected text/css" in problems
