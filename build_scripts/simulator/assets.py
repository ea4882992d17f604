"""What the simulator page (simulateur/) needs besides its Markdown: Pyodide's core files, the
checker's wheel, and the configuration its template reads (page front matter).

Pyodide comes from node_modules/pyodide (the npm package pinned in package.json; nothing comes
from a CDN). The wheel is loaded by URL and checked against its sha256 (see README).
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from build_scripts.build_wheel import ROOT, build_wheel, integrity


PAGE = "simulateur/index.md"
MARKER = "<!-- simulateur -->"
TEMPLATE = "simulateur/page.html"
PYODIDE = ROOT / "node_modules" / "pyodide"
# Only what loadPyodide fetches: the runtime, its WebAssembly, the standard library, the lock file.
PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json"]


class SimulatorBuildError(Exception):
    pass


def runtime_files() -> tuple[dict[str, Path], Path]:
    """({path under the site: file to copy}, the wheel): Pyodide's core files and the wheel."""
    missing = [f for f in PYODIDE_FILES if not (PYODIDE / f).exists()]
    if missing:
        raise SimulatorBuildError(
            f"node_modules/pyodide lacks {', '.join(missing)}: run `npm ci` (make setup)")
    wheel = build_wheel()
    files = {f"simulateur/pyodide/{name}": PYODIDE / name for name in PYODIDE_FILES}
    files[f"simulateur/wheels/{wheel.name}"] = wheel
    return files, wheel


def page_config(wheel: Path, referentiel: dict) -> dict:
    """What the page's template hands to its scripts (window.__cqpConfig)."""
    return {
        "worker": "worker.mjs?wheel=" + quote(f"wheels/{wheel.name}")
                  + "&integrity=" + quote(integrity(wheel), safe=""),
        "versions": {cid: {"title": c["title"], "version": c["version"]}
                     for cid, c in referentiel["cqps"].items()},
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
