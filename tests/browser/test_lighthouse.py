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
# (make audit). `make test` runs axe-core, whose rules Lighthouse's accessibility audits are, on
# every page (test_site_sweep.py).
pytestmark = pytest.mark.audit


def _pages(site_dir: Path) -> list[str]:
    return sorted(
        p.relative_to(site_dir).as_posix().removesuffix("index.html") for p in site_dir.rglob("index.html")
    ) + ["404.html"]


def _start(base_url: str, pages: list[str], palette: str) -> subprocess.Popen:
    node = shutil.which("node")
    assert node, "node is needed to run Lighthouse"
    return subprocess.Popen([node, str(SCRIPT), base_url, str(PALETTES[palette]), *pages],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**os.environ, "CHROME_PATH": CHROMIUM})


def _failures(palette: str, pages: list[str], run: subprocess.Popen) -> list[str]:
    out, err = run.communicate(timeout=1800)
    assert run.returncode == 0, f"Lighthouse failed ({palette}):\n{err[-3000:]}"
    results = json.loads(out)
    assert sorted(results) == sorted(pages), f"Lighthouse did not report every page ({palette})"
    scheme = "slate" if PALETTES[palette] else "default"
    # The embeds (integrer-*) have no palette of their own: they follow the host page.
    themed = [p for p, r in results.items() if r["scheme"] is not None and not p.startswith("integrer-")]
    assert themed and all(results[p]["scheme"] == scheme for p in themed), {
        p: results[p]["scheme"] for p in themed}
    return [f"[{palette}] /{path} ({round(r['score'] * 100)}): "
            + "; ".join(f"{a['id']} — {a['title']} {a['nodes']}" for a in r["failing"])
            for path, r in results.items() if r["score"] != 1]


def test_lighthouse_accessibility_is_100_on_every_page_in_both_palettes(base_url, site_dir):
    if not (ROOT / "node_modules" / "lighthouse").exists():
        pytest.fail("node_modules/lighthouse is missing: run `make setup`")
    pages = _pages(site_dir)
    # Both palettes side by side: Lighthouse mostly waits on the pages, each run in its own
    # Node process and chromium.
    runs = {palette: _start(base_url, pages, palette) for palette in PALETTES}
    failures = [f for palette, run in runs.items() for f in _failures(palette, pages, run)]
    assert not failures, "\n".join(failures)
