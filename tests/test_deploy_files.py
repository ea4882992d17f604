"""What a host needs from site/ to serve the site cache-safe, under its CSP, and offline:
hashed names for everything the simulator loads, site/_headers, site/sw.js (make site)."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

from build_scripts import bundle, headers, offline

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def site():
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run make site")
    return SITE


def _sri(path: Path) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(path.read_bytes()).digest()).decode()


def test_every_file_the_simulator_loads_has_a_hashed_name(site):
    folder = site / "simulateur"
    for path in folder.rglob("*"):
        rel = path.relative_to(site).as_posix()
        # The cohort page and its CSV templates are pages and downloads, not the simulator's load.
        if path.suffix in (".br", ".gz"):
            continue  # a file's compressed copy, sent in its place: never asked for by its own name
        if path.is_file() and rel != "simulateur/index.html" and not rel.startswith("simulateur/cohorte/"):
            assert headers.is_hashed(rel), rel
            in_folder = re.search(rf"/([0-9a-f]{{{headers.FOLDER_HASH_LENGTH}}})/", rel)
            if in_folder is None:  # a script or stylesheet, named by esbuild after its content
                assert re.search(bundle.HASHED, rel), rel


def test_headers_file_gives_the_csp_and_caches_hashed_files_only(site):
    rules = headers.parse((site / headers.NAME).read_text(encoding="utf-8"))

    def sent(path):
        out = {}
        for pattern, values in rules:
            if pattern.match(path):
                out.update(values)
        return out

    assert sent("/")["Content-Security-Policy"] == headers.CSP
    assert sent("/glossaire/")["Content-Security-Policy"] == headers.CSP
    assert sent("/integrer-score/")["Content-Security-Policy"] == headers.CSP_EMBED  # any site may frame them
    # Netlify and Cloudflare Pages combine two rules giving one header to an address differently
    # (the later wins, or both are joined): no address of the site gets one header twice, and no
    # rule takes one off (`! Name`, read by Cloudflare alone).
    addresses = ["/"] + ["/" + p.relative_to(site).as_posix() for p in site.rglob("*")]
    for address in addresses:
        given = [name for pattern, values in rules if pattern.match(address) for name, _ in values]
        assert len(given) == len(set(given)), (address, given)
    assert all(value is not None for _, values in rules for _, value in values)
    assert "Cache-Control" not in sent("/simulateur/")
    assert sent(headers.SERVICE_WORKER)["Cache-Control"] == headers.SERVICE_WORKER_CACHE  # never kept long
    assert "Cache-Control" not in sent("/search/search_index.json")
    for path in (site / "simulateur").rglob("*.*"):
        rel = "/" + path.relative_to(site).as_posix()
        if rel != "/simulateur/index.html" and not rel.startswith("/simulateur/cohorte/") \
                and path.suffix not in (".br", ".gz"):
            assert sent(rel)["Cache-Control"] == headers.IMMUTABLE, rel


def test_service_worker_lists_the_built_files_with_their_sha256(site):
    text = (site / offline.NAME).read_text(encoding="utf-8")
    assert offline.PLACEHOLDER not in text
    manifest = json.loads(re.search(r"^const MANIFEST = (\{.*\});$", text, flags=re.M).group(1))
    assert manifest == offline.manifest(site)
    urls = {url for url, _ in manifest["site"]}
    assert {"./", "simulateur/", "404.html", "search/search_index.json"} <= urls
    assert all(url.startswith("simulateur/") for url, _ in manifest["engine"])
    # the checker's archives are the engine; the wheel, a download for developers, is not kept
    assert {url.rsplit("/", 1)[1] for url, _ in manifest["engine"]} >= {"verificateur.tgz", "cohortes.tgz"}
    assert not any(url.endswith(".whl") for url, _ in manifest["site"] + manifest["engine"])
    for url, sri in manifest["site"] + manifest["engine"]:
        path = site / (url + "index.html" if url.endswith("/") else url).removeprefix("./")
        assert _sri(path) == sri, url
