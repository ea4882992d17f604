"""Two builds deployed one after the other on the same origin, every file cached for an hour
(`Cache-Control: max-age=3600`, the hashed ones for a year as site/_headers says): a visitor of
build 1 who reloads after build 2 is deployed gets build 2's verdict, and no file of build 1 is
mixed in (an old wheel would fail its integrity check). With and without the service worker.

Build 2 is the real build of a copy of the repository whose checker differs: the Vendeur conseil
à distance's pass rate is 90 % there (80 % in build 1), so 17 indicators out of 20 pass in
build 1 and fail in build 2."""
from __future__ import annotations

import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from build_scripts.local_server import HostHandler, QuietServer

MAKE = ["make", "--no-print-directory", "-o", ".venv/.installed", "-o", "node_modules/.installed"]
RULE = "referentiels/vendeur-conseil-distance.yaml"
SITUATION = """{cqp: 'vendeur-conseil-distance', route: 'formation',
                domains: {DC1: {positive: 17, total: 20}, DC2: {positive: 20, total: 20}}}"""


@pytest.fixture(scope="module")
def builds(site_dir, tmp_path_factory, repo_copy) -> tuple[Path, Path]:
    first = tmp_path_factory.mktemp("deploys") / "build-1"
    shutil.copytree(site_dir, first)
    repo = repo_copy("deploys-repo")
    rule = repo / RULE
    text = rule.read_text(encoding="utf-8")
    old = "  - id: domain_pass_rate\n"
    start = text.index(old)
    at = text.index("    value: 80\n", start)
    rule.write_text(text[:at] + "    value: 90\n" + text[at + len("    value: 80\n"):], encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    done = subprocess.run([*MAKE, "site"], cwd=repo, env={**env, "NO_MKDOCS_2_WARNING": "1"},
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return first, repo / "site"


class Host:
    """One origin whose files are replaced by a deploy, every file cached for an hour."""

    def __init__(self, folder: Path):
        self.folder = folder

        class Handler(HostHandler):
            extra = {"Cache-Control": "public, max-age=3600"}

            def __init__(handler, *args, **kwargs):
                super().__init__(*args, directory=str(self.folder), **kwargs)

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


# A second complete build of the site: a release check (make audit).
@pytest.mark.audit
@pytest.mark.parametrize("service_workers", ["allow", "block"])
def test_a_reload_after_a_deploy_gets_the_new_build(browser, builds, service_workers):
    first, second = builds
    host = Host(first)
    ctx = browser.new_context(locale="fr-FR", service_workers=service_workers)
    try:
        page = ctx.new_page()
        page.goto(host.url + "/simulateur/")
        page.wait_for_function("() => window.CQP && window.CQP.status === 'ready'", timeout=180_000)
        assert page.evaluate(f"() => CQP.evaluate('score', {SITUATION})")["certified"] is True
        if service_workers == "allow":  # build 1 kept offline: its service worker answers now
            page.wait_for_function("() => document.documentElement.dataset.cqpOffline === 'ready'",
                                   timeout=180_000)
        host.folder = second
        page.reload()
        page.wait_for_function("() => window.CQP && window.CQP.status !== 'loading'", timeout=180_000)
        assert page.evaluate("() => [CQP.status, CQP.error]") == ["ready", None]
        assert page.evaluate(f"() => CQP.evaluate('score', {SITUATION})")["certified"] is False
    finally:
        ctx.close()
        host.server.shutdown()


@pytest.mark.audit  # a failure path of the engine's loading: make audit (README, Tests)
@pytest.mark.parametrize("name", ["pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"])
def test_a_core_file_of_another_build_fails_its_integrity_check(page, base_url, name):
    # Same size, other bytes: what a stale cache or a half-done deploy could serve.
    def serve_other(route):
        response = route.fetch()
        body = response.body()
        route.fulfill(response=response, body=bytes(b ^ 1 for b in body[:64]) + body[64:])

    page.route(f"**/{name}", serve_other)  # Pyodide's folder, or the cut standard library's
    page.goto(base_url + "/simulateur/")
    page.wait_for_function("() => window.CQP && window.CQP.status === 'failed'", timeout=180_000)
    assert page.evaluate("CQP.failure") in ("integrity", "integrity-or-network")
