"""The service worker that keeps the site for offline use: `site/sw.js`, written after each build
from build_scripts/sw.js with the list of the built files and their sha256 (only known once
MkDocs has written the pages).

Two lists: the pages, the theme, the search and the simulator's page and scripts (about 2 MB,
kept from the first visit of any page), and the simulator's engine, Pyodide and the checker's
wheel (13.5 MB: kept only once someone has used the simulator, since a visitor who reads one
page on a phone should not download it). The build's name is the hash of both lists: any
change makes a new service worker, hence a new cache.
"""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from build_scripts.headers import HASHED

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "build_scripts" / "sw.js"
NAME = "sw.js"
PLACEHOLDER = "const MANIFEST = null; // filled in by build_scripts/offline.py"
ENGINE = ("simulateur/pyodide/", "simulateur/wheels/")
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
    if rel in (NAME, "_headers") or rel.endswith((".map", ".gz")) or rel == "sitemap.xml":
        return False
    return not rel.startswith("assets/javascripts/lunr/") or rel in LUNR_KEPT


def manifest(site: Path) -> dict:
    site_files, engine = [], []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or not _kept(rel):
            continue
        sri = "sha256-" + base64.b64encode(hashlib.sha256(path.read_bytes()).digest()).decode()
        (engine if rel.startswith(ENGINE) else site_files).append([_url(rel), sri])
    if not any(url == "simulateur/" for url, _ in site_files):
        raise OfflineError("site/simulateur/index.html is missing: is the site built?")
    # The service worker's own code counts: a new version of it gets a new cache.
    build = hashlib.sha256(json.dumps([site_files, engine]).encode()
                           + SOURCE.read_bytes()).hexdigest()[:12]
    return {"build": build, "hashed": HASHED.pattern, "site": site_files, "engine": engine}


def service_worker(site: Path) -> str:
    source = SOURCE.read_text(encoding="utf-8")
    if PLACEHOLDER not in source:
        raise OfflineError(f"{SOURCE.relative_to(ROOT)} lacks the line « {PLACEHOLDER} »")
    data = json.dumps(manifest(site), separators=(",", ":"))
    return source.replace(PLACEHOLDER, f"const MANIFEST = {data};", 1)
