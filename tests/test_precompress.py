"""The precompressed siblings of the built site (build_scripts/precompress.py): each `.br` and
`.gz` gives back its file's bytes, every file larger than 1 kB that compresses has both (the
engine's WebAssembly, scripts, pages, the lock file, the cut standard library), and the service
worker keeps none of them (it keeps the files, which the browser receives decompressed)."""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import subprocess
import threading
from pathlib import Path

import pytest

from build_scripts.precompress import MIN_SIZE

pytestmark = pytest.mark.site
ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"

BROTLI_SHA256 = r"""
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { brotliDecompressSync } from "node:zlib";
const out = {};
for (const path of JSON.parse(readFileSync(0, "utf-8"))) {
  out[path] = createHash("sha256").update(brotliDecompressSync(readFileSync(path))).digest("hex");
}
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def site():
    if not (SITE / "sw.js").exists():
        pytest.fail("site/ is not built: run `make site`")
    return SITE


def test_every_sibling_decompresses_to_its_file(site):
    gz = sorted(site.rglob("*.gz"))
    br = sorted(site.rglob("*.br"))
    assert len(br) > 50
    for path in gz:
        assert gzip.decompress(path.read_bytes()) == path.with_suffix("").read_bytes(), path
    proc = subprocess.run(["node", "--input-type=module", "-e", BROTLI_SHA256], input=json.dumps([str(p) for p in br]),
                          capture_output=True, text=True, check=True)
    digests = json.loads(proc.stdout)
    for path in br:
        assert digests[str(path)] == hashlib.sha256(path.with_suffix("").read_bytes()).hexdigest(), path


def test_what_compresses_has_both_siblings(site):
    engine = [p for p in (site / "simulateur").rglob("*") if p.suffix in (".wasm", ".zip", ".json", ".mjs")]
    assert {p.suffix for p in engine} >= {".wasm", ".zip", ".json", ".mjs"}
    kinds = (".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".xml")
    for path in list(site.rglob("*")):
        if path.is_file() and path.stat().st_size > MIN_SIZE and (path.suffix in kinds or path in engine):
            for ext in (".br", ".gz"):
                assert path.with_name(path.name + ext).is_file(), f"{path}{ext}"
    # An archive already compressed gains nothing: no sibling, which would only be slower to serve.
    for archive in (site / "simulateur" / "moteur").rglob("*.tgz"):
        assert not archive.with_name(archive.name + ".gz").exists()


def test_the_service_worker_keeps_no_sibling(site):
    manifest = json.loads(re.search(r"const MANIFEST = (\{.*?\});", (site / "sw.js").read_text()).group(1))
    urls = [url for url, _ in manifest["site"] + manifest["engine"]]
    assert not [u for u in urls if u.endswith((".br", ".gz"))]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    from build_scripts import precompress

    folder = tmp_path / "cache"
    monkeypatch.setattr(precompress, "CACHE", folder)
    monkeypatch.setattr(precompress, "WARMING", folder / "warming.pid")
    return folder


def test_a_warmed_file_is_not_compressed_again_by_the_build(cache, tmp_path, monkeypatch):
    """make setup warms the cache with the engine's WebAssembly from node_modules/ (the same bytes
    the build copies into the site): the build's own pass finds it there."""
    from build_scripts import precompress

    engine = tmp_path / "node_modules" / "moteur.wasm"
    engine.parent.mkdir()
    engine.write_bytes(b"\0asm" + bytes(range(256)) * 40)
    assert precompress.main(["--warm", str(engine)]) == 0
    assert not (cache / "warming.pid").exists()
    site = tmp_path / "site"
    site.mkdir()
    (site / "moteur.wasm").write_bytes(engine.read_bytes())
    asked = []
    real = precompress._compress
    monkeypatch.setattr(precompress, "_compress", lambda todo: (asked.extend(todo), real(todo)))
    assert precompress.precompress(site) == ["moteur.wasm.br", "moteur.wasm.gz"]
    assert asked == []
    assert gzip.decompress((site / "moteur.wasm.gz").read_bytes()) == engine.read_bytes()


def test_the_build_waits_for_a_warming_run_still_going(cache, tmp_path, monkeypatch):
    from build_scripts import precompress

    cache.mkdir()
    running = subprocess.Popen(["sleep", "2"])
    (cache / "warming.pid").write_text(str(running.pid))

    def warming_run_ends():  # as the warming run does, its pid file goes when it is done
        running.wait()
        (cache / "warming.pid").unlink()

    threading.Thread(target=warming_run_ends, daemon=True).start()
    site = tmp_path / "site"
    site.mkdir()
    precompress.precompress(site)
    assert running.poll() is not None  # the build went on only once the run had ended
    (cache / "warming.pid").write_text("999999999")  # a run that died: not waited for
    precompress.precompress(site)


def test_the_warming_command_needs_only_the_standard_library():
    # It runs with the system's python3 before the virtual environment exists (Makefile, setup).
    source = (ROOT / "build_scripts" / "precompress.py").read_text(encoding="utf-8")
    imported = set(re.findall(r"^(?:from|import) (\w+)", source, flags=re.M)) - {"__future__"}
    import sys
    assert imported <= set(sys.stdlib_module_names), imported - set(sys.stdlib_module_names)
