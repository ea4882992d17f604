"""What `make site` put in site/simulateur/: Pyodide copied from the pinned npm package, the
checker's archives with the sha256 the page checks them against, and nothing from a CDN."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

ROOT = Path(__file__).resolve().parents[2]
PYODIDE = ROOT / "node_modules" / "pyodide"
CORE = {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json"}


def page_config(site_dir: Path) -> dict:
    html = (site_dir / "simulateur" / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="cqp-config">(\{.*?\})</script>', html)
    assert m, "the simulator page lacks its configuration"
    return json.loads(m.group(1))


def test_pyodide_core_files_are_copied_from_the_pinned_package(site_dir):
    (copied,) = (site_dir / "simulateur" / "pyodide").iterdir()  # a folder named after their hash
    # (with their precompressed siblings, build_scripts/precompress.py: tests/test_precompress.py)
    assert {p.name for p in copied.iterdir() if p.suffix not in (".br", ".gz")} == CORE
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    assert json.loads((PYODIDE / "package.json").read_text())["version"] == pinned
    for name in CORE:
        assert (copied / name).read_bytes() == (PYODIDE / name).read_bytes(), name


def test_the_checker_archives_are_served_with_the_integrity_the_worker_checks(site_dir):
    query = parse_qs(urlparse(page_config(site_dir)["worker"]).query)
    for name, suffix in (("checker", ".tgz"), ("cohort", ".tgz"), ("stdlib", ".zip")):
        archive = site_dir / "simulateur" / unquote(query[name][0])
        assert archive.exists() and archive.suffix == suffix, name
        digest = base64.b64encode(hashlib.sha256(archive.read_bytes()).digest()).decode()
        assert query[f"{name}.sri"][0] == f"sha256-{digest}"


def test_the_worker_knows_the_bytes_of_its_boot_decompressed(site_dir):
    # A compressing host's Content-Length is the compressed size: the progress shown counts
    # against the decompressed bytes of what the worker fetches (the WebAssembly, the lock file,
    # the cut standard library, the checker).
    query = parse_qs(urlparse(page_config(site_dir)["worker"]).query)
    pyodide = site_dir / "simulateur" / unquote(query["pyodide"][0])
    fetched = [pyodide / "pyodide.asm.wasm", pyodide / "pyodide-lock.json",
               site_dir / "simulateur" / unquote(query["stdlib"][0]),
               site_dir / "simulateur" / unquote(query["checker"][0])]
    assert int(query["boot.bytes"][0]) == sum(p.stat().st_size for p in fetched)


def test_pyodide_is_loaded_on_the_simulator_page_only(site_dir):
    # the simulator, the organisms' cohort tool and the embedded tools run the checker; no other page
    engines = {"simulateur/index.html", "simulateur/cohorte/index.html"}
    for html in site_dir.rglob("*.html"):
        rel = html.relative_to(site_dir).as_posix()
        if rel in engines or rel.startswith("integrer-"):
            continue
        text = html.read_text(encoding="utf-8")
        assert "cqp-config" not in text and not re.search(r"worker\.[A-Z2-7]{8}\.mjs", text), html


def test_simulator_scripts_name_no_other_host(site_dir):
    # (What the page requests at run time is checked in a browser: test_simulator.py.)
    scripts = [p for p in (site_dir / "simulateur").glob("*.*") if p.suffix in (".mjs", ".css")]
    assert len(scripts) >= 3
    for path in scripts:
        assert not re.search(r"https?://", path.read_text(encoding="utf-8")), path
