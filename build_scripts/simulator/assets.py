"""What the simulator page (simulateur/) needs besides its Markdown: Pyodide's core files, the
checker compiled for it, its scripts under content-hashed names, and the configuration its
template reads (page front matter).

Pyodide comes from node_modules/pyodide (the npm package pinned in package.json; nothing comes
from a CDN). The checker is the wheel compiled to bytecode (build_scripts/bytecode.py), loaded by
URL and checked against its sha256 (see README), and so are the core files Pyodide fetches (its
WebAssembly, standard library and lock file). The wheel itself is served for the developer page.
Every file here has a name that changes with its content: the page's scripts as esbuild names
them (build_scripts/bundle.py); Pyodide's, the wheel's and the checker's archives in a folder
named after their hash, since their own names matter.
"""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from urllib.parse import quote

from checker import wording
from checker.french import MONTHS, WEEKDAYS

from build_scripts.build_wheel import ROOT, build_wheel, integrity
from build_scripts.bundle import BundleError, bundle
from build_scripts.bytecode import build_bytecode
from build_scripts.headers import FOLDER_HASH_LENGTH
from build_scripts.offline import ENGINE_CACHE
from build_scripts.stdlib_cut import build_stdlib

def digest(data: bytes) -> str:
    """A folder's name made of its file's hash, as build_scripts/headers.py recognises it."""
    return hashlib.sha256(data).hexdigest()[:FOLDER_HASH_LENGTH]


def hashed_folder(files: dict[str, Path]) -> str:
    """One hash for a set of files that must keep their names ({name: file})."""
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + files[name].read_bytes() + b"\0")
    return h.hexdigest()[:FOLDER_HASH_LENGTH]


PAGE = "simulateur/index.md"
MARKER = "<!-- simulateur -->"
TEMPLATE = "simulateur/page.html"
PYODIDE = ROOT / "node_modules" / "pyodide"
# Only what loadPyodide fetches: the runtime, its WebAssembly, the lock file. Its standard library
# is served cut to what runs (build_scripts/stdlib_cut.py), beside the checker's archives.
PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json"]
# The worker checks those Pyodide fetches against their sha256 as they arrive. The two scripts are
# imported as modules, which a worker cannot check before running them (no import map in
# workers): their folder's name is their hash; the worker checks their sha256 when it keeps them
# for offline use (docs/simulateur/worker.mjs, `cacheEngine`).
# The page's own scripts and styles, in docs/simulateur/, built by esbuild (build_scripts/bundle.py).
SCRIPTS = (".mjs", ".js", ".css")


class SimulatorBuildError(Exception):
    pass


class Runtime:
    """Pyodide's core files, the checker's wheel and its compiled archives, where the site serves them."""

    def __init__(self) -> None:
        missing = [f for f in PYODIDE_FILES + ["python_stdlib.zip"] if not (PYODIDE / f).exists()]
        if missing:
            raise SimulatorBuildError(
                f"node_modules/pyodide lacks {', '.join(missing)}: run `npm ci` (make setup)")
        self.wheel = build_wheel()
        core = {name: PYODIDE / name for name in PYODIDE_FILES}
        self.pyodide = f"pyodide/{hashed_folder(core)}/"
        self.wheel_url = f"wheels/{digest(self.wheel.read_bytes())}/{self.wheel.name}"
        self.bytecode = build_bytecode(self.wheel)
        # moteur/<hash>/verificateur.tgz, moteur/<hash>/cohortes.tgz: not `.gz`, which some
        # servers send as Content-Encoding: gzip (the browser would then hand over other bytes
        # than the ones whose sha256 the worker checks).
        self.checker_url = f"moteur/{digest(self.bytecode.checker.read_bytes())}/verificateur.tgz"
        self.cohort_url = f"moteur/{digest(self.bytecode.cohort.read_bytes())}/cohortes.tgz"
        self.stdlib = build_stdlib(self.bytecode)
        self.stdlib_url = f"moteur/{digest(self.stdlib.read_bytes())}/python_stdlib.zip"
        self.files = {f"simulateur/{self.pyodide}{name}": path for name, path in core.items()}
        self.files[f"simulateur/{self.wheel_url}"] = self.wheel
        self.files[f"simulateur/{self.checker_url}"] = self.bytecode.checker
        self.files[f"simulateur/{self.cohort_url}"] = self.bytecode.cohort
        self.files[f"simulateur/{self.stdlib_url}"] = self.stdlib

    def boot_bytes(self) -> int:
        """What the worker fetches before Python is ready, decompressed: Pyodide's WebAssembly and
        lock file, the cut standard library, the checker (its two scripts are imported, and not
        counted)."""
        fetched = [PYODIDE / "pyodide.asm.wasm", PYODIDE / "pyodide-lock.json", self.stdlib, self.bytecode.checker]
        return sum(path.stat().st_size for path in fetched)

    def worker_query(self, worker: str) -> str:
        """What the worker reads from its URL: where Pyodide and the checker's archives are, and
        their sha256, and its own (worker: its text as served), checked when it keeps itself
        for offline use."""
        params = [("self.sri", "sha256-" + base64.b64encode(hashlib.sha256(worker.encode("utf-8")).digest()).decode()),
                  ("checker", self.checker_url), ("checker.sri", integrity(self.bytecode.checker)),
                  ("cohort", self.cohort_url), ("cohort.sri", integrity(self.bytecode.cohort)),
                  ("stdlib", self.stdlib_url), ("stdlib.sri", integrity(self.stdlib)),
                  ("pyodide", self.pyodide), ("cache", ENGINE_CACHE),
                  ("boot.bytes", str(self.boot_bytes()))]
        params += [(f"sri.{name}", integrity(PYODIDE / name)) for name in PYODIDE_FILES]
        return "&".join(f"{k}={quote(v, safe='/')}" for k, v in params)


def hashed_scripts(files: dict[str, Path | str]) -> dict[str, str]:
    """Replaces, in files, the scripts and styles of docs/simulateur/ by what esbuild builds of
    them (build_scripts/bundle.py); returns {entry's name: its name as served}, for the pages
    that load them."""
    folder = PAGE.rsplit("/", 1)[0] + "/"
    names = [rel for rel in files if rel.startswith(folder) and "/" not in rel[len(folder):]
             and rel.endswith(SCRIPTS)]
    sources = {}
    for rel in names:
        source = files.pop(rel)
        sources[rel[len(folder):]] = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    try:
        outputs, entries = bundle(sources)
    except BundleError as err:
        raise SimulatorBuildError(str(err)) from None
    for name, text in outputs.items():
        files[folder + name] = text
    return entries


def page_config(runtime: Runtime, scripts: dict[str, str], referentiel: dict, files: dict[str, Path | str]) -> dict:
    """What the page's template hands to its scripts (its JSON configuration); files: the site's
    sources, the built scripts among them."""
    if "worker.mjs" not in scripts:
        raise SimulatorBuildError("docs/simulateur/worker.mjs is missing")
    worker = files[PAGE.rsplit("/", 1)[0] + "/" + scripts["worker.mjs"]]
    return {
        "worker": scripts["worker.mjs"] + "?" + runtime.worker_query(worker),
        "assets": scripts,
        "versions": {cid: {"title": c["title"], "version": c["version"]}
                     for cid, c in referentiel["cqps"].items()},
        # The month names the checker reads in a date (« 3 mars 2026 ») and the weekdays it
        # writes, for the dates a page shows before and beside the engine (docs/simulateur/parse.mjs).
        "months": list(MONTHS),
        "weekdays": list(WEEKDAYS),
        # The result screen's words around the checker's sentences (headings, table headers).
        "words": wording.screen_words(),
    }


def simulator_page(markdown: str, forms_html: str, config: dict) -> str:
    """docs/simulateur/index.md with its forms in place of the marker and its configuration in
    the front matter (`simulateur:`, read by overrides/simulateur/page.html)."""
    if MARKER not in markdown:
        raise SimulatorBuildError(f"docs/{PAGE} lacks the marker {MARKER} where the forms go")
    if not markdown.startswith("---\n") or "\n---\n" not in markdown[4:]:
        raise SimulatorBuildError(f"docs/{PAGE} has no front matter to hold its configuration")
    head, body = markdown[4:].split("\n---\n", 1)
    if not any(line.startswith("template:") for line in head.splitlines()):
        head += f"\ntemplate: {TEMPLATE}"
    # JSON is YAML: the configuration goes in as one line, the hand-written lines stay as they are.
    head += "\nsimulateur: " + json.dumps(config, ensure_ascii=False)
    # On a line of its own between blank lines, the forms are one raw HTML block for Markdown.
    return f"---\n{head}\n---\n" + body.replace(MARKER, forms_html, 1)
