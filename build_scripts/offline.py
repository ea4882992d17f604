"""The service worker that keeps the site for offline use: `site/sw.js`, written after each build
from build_scripts/sw.js with the list of the built files and their sha256 (only known once
MkDocs has written the pages).

Two lists: the pages, the theme, the search and the simulator's page and scripts (about 2 MB,
kept from the first visit of any page, in a cache named after the build), and the simulator's
engine, Pyodide, the checker compiled for it and the worker that runs them (13.5 MB: kept only once
someone has used the simulator, since a visitor who reads one page on a phone should not
download it). The engine's files are all hashed, so they live in one cache whatever the build
(ENGINE_CACHE), which the simulator's worker fills itself with the files it has just downloaded
and checked: keeping the engine then downloads nothing again. The build's name is the hash of
both lists: any change makes a new service worker, hence a new cache.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from build_scripts.bundle import HASHED as HASHED_NAME
from build_scripts.headers import HASHED

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "build_scripts" / "sw.js"
NAME = "sw.js"
PLACEHOLDER = "const MANIFEST = null; // filled in by build_scripts/offline.py"
ENGINE = ("simulateur/pyodide/", "simulateur/moteur/")
# The simulator's worker, as esbuild names it: worker.<hash>.mjs (build_scripts/bundle.py).
ENGINE_WORKER = re.compile(r"simulateur/worker" + HASHED_NAME)
# Also named in the worker's URL (build_scripts/simulator/assets.py), so that it writes there.
ENGINE_CACHE = "cqp-engine"
# The search's stemmers: the site's language only (the theme ships thirty).
LUNR_KEPT = {"assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
             "assets/javascripts/lunr/min/lunr.fr.min.js"}


class OfflineError(Exception):
    pass


def _url(rel: str) -> str:
    """A file as a page asks for it: `liens/index.html` → `liens/`."""
    if rel == "index.html":
        return "./"
    return rel[: -len("index.html")] if rel.endswith("/index.html") else rel


def _kept(rel: str) -> bool:
    # The wheel is a download for developers (`pip install`); the simulator runs its archives.
    # .br and .gz: the same files, compressed for the host to send (build_scripts/precompress.py).
    if rel in (NAME, "_headers") or rel.endswith((".map", ".gz", ".br", ".whl")) or rel == "sitemap.xml":
        return False
    return not rel.startswith("assets/javascripts/lunr/") or rel in LUNR_KEPT


def manifest(site: Path) -> dict:
    site_files, engine = [], []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or not _kept(rel):
            continue
        sri = "sha256-" + base64.b64encode(hashlib.sha256(path.read_bytes()).digest()).decode()
        in_engine = rel.startswith(ENGINE) or ENGINE_WORKER.fullmatch(rel)
        (engine if in_engine else site_files).append([_url(rel), sri])
    if not any(url == "simulateur/" for url, _ in site_files):
        raise OfflineError("site/simulateur/index.html is missing: is the site built?")
    # The service worker's own code counts: a new version of it gets a new cache.
    build = hashlib.sha256(json.dumps([site_files, engine]).encode()
                           + SOURCE.read_bytes()).hexdigest()[:12]
    return {"build": build, "hashed": HASHED.pattern, "engineCache": ENGINE_CACHE,
            "site": site_files, "engine": engine}


def service_worker(site: Path) -> str:
    source = SOURCE.read_text(encoding="utf-8")
    if PLACEHOLDER not in source:
        raise OfflineError(f"{SOURCE.relative_to(ROOT)} lacks the line « {PLACEHOLDER} »")
    data = json.dumps(manifest(site), separators=(",", ":"))
    return source.replace(PLACEHOLDER, f"const MANIFEST = {data};", 1)
