"""Lighthouse accessibility 100 on every page of the built site, in both palettes (issue 9).

Lighthouse runs in one Node process over all pages (tests/lighthouse_accessibility.mjs), in
Debian's chromium, against the site served by the browser tests' local server; axe-core covers
much of the same ground (test_site.py), Lighthouse adds its own weighting and audits such as
the accessible name of Material's search dialog."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from build_scripts.local_server import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "lighthouse_accessibility.mjs"
# Material's palettes in mkdocs.yml order: the index stored by its toggle.
PALETTES = {"clair": 0, "sombre": 1}

# About six minutes a palette, mostly Lighthouse waiting for pages to settle: a release check
# (make audit), where the two palettes run side by side on the two workers. `make test` runs
# axe-core, whose rules Lighthouse's accessibility audits are, on every page (test_site_sweep.py).
pytestmark = pytest.mark.audit


def _pages(site_dir: Path) -> list[str]:
    return sorted(
        p.relative_to(site_dir).as_posix().removesuffix("index.html") for p in site_dir.rglob("index.html")
    ) + ["404.html"]


@pytest.mark.parametrize("palette", PALETTES)
def test_lighthouse_accessibility_is_100_on_every_page(base_url, site_dir, palette):
    if not (ROOT / "node_modules" / "lighthouse").exists():
        pytest.fail("node_modules/lighthouse is missing: run `make setup`")
    node = shutil.which("node")
    assert node, "node is needed to run Lighthouse"
    pages = _pages(site_dir)
    run = subprocess.run(
        [node, str(SCRIPT), base_url, str(PALETTES[palette]), *pages],
        capture_output=True, text=True, cwd=ROOT, timeout=1800,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    assert run.returncode == 0, f"Lighthouse failed:\n{run.stderr[-3000:]}"
    results = json.loads(run.stdout)
    assert sorted(results) == sorted(pages), "Lighthouse did not report every page"
    scheme = "slate" if PALETTES[palette] else "default"
    # The embeds (integrer-*) have no palette of their own: they follow the host page.
    themed = [p for p, r in results.items() if r["scheme"] is not None and not p.startswith("integrer-")]
    assert themed and all(results[p]["scheme"] == scheme for p in themed), {
        p: results[p]["scheme"] for p in themed}
    failures = [
        f"/{path} ({round(r['score'] * 100)}): "
        + "; ".join(f"{a['id']} — {a['title']} {a['nodes']}" for a in r["failing"])
        for path, r in results.items()
        if r["score"] != 1
    ]
    assert not failures, "\n".join(failures)
