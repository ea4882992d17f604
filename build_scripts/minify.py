"""The simulator's scripts and stylesheets as served: minified by esbuild (the npm package pinned in
package.json, run by build_scripts/minify.mjs).

A visitor's browser downloads them before Python is ready; their comments, long names and
indentation are for whoever reads docs/simulateur/. Strings and template literals keep their
text (the worker's Python source is one), and non-ASCII letters stay UTF-8 rather than \\u
escapes. A classic script (`.js`, boot.js) keeps its top-level names: esbuild renames them only
when told the file is a module.

The result is kept in .cache/minify/ under the hash of what went into it: the build runs on every
change under `mkdocs serve`, and starting Node and esbuild costs about half a second.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
ESBUILD = ROOT / "node_modules" / "esbuild"
SCRIPT = Path(__file__).with_suffix(".mjs")
CACHE = ROOT / ".cache" / "minify"

COMMON = {"minify": True, "charset": "utf8", "legalComments": "none"}
OPTIONS = {
    ".mjs": {**COMMON, "loader": "js", "format": "esm"},
    ".js": {**COMMON, "loader": "js"},
    ".css": {**COMMON, "loader": "css"},
}


class MinifyError(Exception):
    pass


def minify(sources: dict[str, str]) -> dict[str, str]:
    """{name: source} → {name: minified}, the kind of each file told by its suffix."""
    if not sources:
        return {}
    options = {}
    for name in sources:
        suffix = PurePosixPath(name).suffix
        if suffix not in OPTIONS:
            raise MinifyError(f"{name}: no minification for {suffix or 'a file without suffix'}")
        options[name] = OPTIONS[suffix]
    node = shutil.which("node")
    if node is None or not (ESBUILD / "package.json").exists():
        missing = "node" if node is None else "node_modules/esbuild"
        raise MinifyError(f"{missing} is missing, needed to minify the simulator's scripts: "
                          "run `npm ci` (make setup)")
    request = json.dumps({"files": sources, "options": options}, sort_keys=True)
    version = json.loads((ESBUILD / "package.json").read_text(encoding="utf-8"))["version"]
    key = hashlib.sha256("\0".join((version, SCRIPT.read_text(encoding="utf-8"), request))
                         .encode("utf-8")).hexdigest()
    cached = CACHE / f"{key}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except FileNotFoundError:  # not built yet, or just replaced by another build's
        pass
    done = subprocess.run([node, str(SCRIPT)], cwd=ROOT, capture_output=True, input=request.encode("utf-8"))
    if done.returncode != 0:
        raise MinifyError("esbuild could not minify the simulator's scripts:\n"
                          + done.stderr.decode("utf-8", "replace").strip())
    minified = json.loads(done.stdout.decode("utf-8"))
    CACHE.mkdir(parents=True, exist_ok=True)
    for old in CACHE.glob("*.json"):  # keep the cache small: one build's worth
        old.unlink(missing_ok=True)
    # Written under another name first: a build running at the same time never reads half a file.
    tmp = cached.with_suffix(f".tmp-{id(minified)}")
    tmp.write_text(json.dumps(minified, ensure_ascii=False), encoding="utf-8")
    tmp.replace(cached)
    return minified
