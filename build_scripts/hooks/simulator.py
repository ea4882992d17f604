"""MkDocs hook for the simulator page (simulateur/): its forms, Pyodide and the checker's wheel.

- on_config: builds (or reuses) the checker's wheel and generates the forms from the compiled
  referential, so that `mkdocs build` / `mkdocs serve` need no other step;
- on_page_markdown / on_page_content: gives the page its template and configuration and puts the
  forms where docs/simulateur/index.md has `<!-- simulateur -->`;
- on_post_page: on this page the theme's JavaScript bundle is loaded once Python is ready
  (overrides/simulateur/boot.html), so that it does not compete with Pyodide's boot;
- on_post_build: copies Pyodide's core files from node_modules/pyodide (the npm package pinned
  in package.json; nothing comes from a CDN) and the wheel into site/simulateur/.

Fails the build loudly when Pyodide, the referential or the marker is missing.
"""
from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
for _p in (ROOT, ROOT / "build_scripts"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

from build_wheel import DATA, build_wheel, integrity  # noqa: E402
from simulator import Forms, simulator_html  # noqa: E402

PAGE = "simulateur/index.md"
MARKER = "<!-- simulateur -->"
PYODIDE = ROOT / "node_modules" / "pyodide"
# Only what loadPyodide fetches: the runtime, its WebAssembly, the standard library, the lock file.
PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json"]

_state: dict = {}


class SimulatorBuildError(Exception):
    pass


def on_config(config):
    missing = [f for f in PYODIDE_FILES if not (PYODIDE / f).exists()]
    if missing:
        raise SimulatorBuildError(
            f"node_modules/pyodide lacks {', '.join(missing)}: run `npm ci` (make setup)")
    wheel = build_wheel()
    referentiel = json.loads(DATA.read_text(encoding="utf-8"))
    _state.update(
        wheel=wheel,
        forms=simulator_html(Forms(referentiel)),
        config={
            "worker": "worker.mjs?wheel=" + quote(f"wheels/{wheel.name}")
                      + "&integrity=" + quote(integrity(wheel), safe=""),
            "versions": {cid: {"title": c["title"], "version": c["version"]}
                         for cid, c in referentiel["cqps"].items()},
            "fieldLabels": {f: r["label"] for f, r in referentiel["site"]["fields"].items() if "phrase" in r},
        },
    )
    return config


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri == PAGE:
        page.meta.setdefault("template", "simulateur/page.html")
        page.meta["simulateur"] = _state["config"]
    return markdown


def on_page_content(html, page, config, files):
    if page.file.src_uri != PAGE:
        return html
    if MARKER not in html:
        raise SimulatorBuildError(f"docs/{PAGE} lacks the marker {MARKER} where the forms go")
    return html.replace(MARKER, _state["forms"], 1)


# Material's bundle (navigation, palette toggle, search). Measured on this 2-core machine: loading
# it after Python is ready makes CQP.ready about 6 % sooner; the page works without it meanwhile.
THEME_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


def on_post_page(output, page, config):
    if page.file.src_uri != PAGE:
        return output
    output, n = THEME_BUNDLE.subn(r'<script data-cqp-theme-bundle="\1">/* loaded once Python is ready */</script>', output)
    if n != 1:
        raise SimulatorBuildError(f"expected one theme bundle <script> on {PAGE}, found {n}: has the theme changed?")
    return output


def on_post_build(config):
    out = Path(config["site_dir"]) / "simulateur"
    if not (out / "index.html").exists():
        raise SimulatorBuildError(f"{out}/index.html was not built: is {PAGE} in docs/?")
    (out / "pyodide").mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        src, dst = PYODIDE / name, out / "pyodide" / name
        if not dst.exists() or dst.stat().st_size != src.stat().st_size \
                or dst.stat().st_mtime < src.stat().st_mtime:
            shutil.copy2(src, dst)
    wheels = out / "wheels"
    if wheels.exists():
        shutil.rmtree(wheels)
    wheels.mkdir()
    shutil.copy2(_state["wheel"], wheels / _state["wheel"].name)


def on_serve(server, config, builder):
    # The page depends on the checker and the referential, outside docs/.
    for path in (ROOT / "checker", ROOT / "referentiels", ROOT / "build_scripts" / "simulator"):
        server.watch(str(path))
    return server
