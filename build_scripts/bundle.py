"""The page scripts and stylesheets of docs/simulateur/ as served: one esbuild build (the npm
package pinned in package.json, run by build_scripts/bundle.mjs).

- **Bundled and split.** Each entry (a module no other module imports, which a page or another
  script loads by name; each stylesheet; the classic script boot.js) becomes one file, with
  the code several entries share in chunks and a module imported on first use
  (`import("./verdict.mjs")`) in its own file: a page loads each piece once and in few requests.
- **Minified.** A visitor's browser downloads them before Python is ready; comments, long names
  and indentation are for whoever reads docs/simulateur/. Strings and template literals keep
  their text (the worker's Python source is one), and non-ASCII letters stay UTF-8 rather than
  \\u escapes. boot.js, a classic script, keeps its top-level names.
- **Named after their content** (`simulateur.GUYSTHYX.mjs`, `chunk.EYY4EOI4.mjs`): esbuild's
  hash covers a file and the names of what it imports, so that an importer is renamed with what
  it imports, and a page always gets the very files it was built with (README, « Cache-safe
  deploys »). `HASHED` is that name, for the servers' and the service worker's caching
  (build_scripts/headers.py).

The result is kept in .cache/bundle/ under the hash of what went into it: the build runs on every
change under `mkdocs serve`, and starting Node and esbuild costs about half a second.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
ESBUILD = ROOT / "node_modules" / "esbuild"
SCRIPT = Path(__file__).with_suffix(".mjs")
CACHE = ROOT / ".cache" / "bundle"

NAMES = "[name].[hash]"
# esbuild's [hash]: eight characters of base32 (A–Z, 2–7), between the name and the suffix.
HASHED = r"\.[A-Z2-7]{8}\.(mjs|js|css)$"
OPTIONS = {"minify": True, "charset": "utf8", "legalComments": "none",
           "entryNames": NAMES, "chunkNames": NAMES, "outExtension": {".js": ".mjs"}}
KINDS = (".mjs", ".js", ".css")
# A sibling module named in a string literal: import … from "./form.mjs", import("./form.mjs").
SIBLING = re.compile(r"""(?<=["'])\./([\w.-]+\.mjs)(?=["'])""")


class BundleError(Exception):
    pass


def entries(sources: dict[str, str]) -> tuple[list[str], list[str]]:
    """(modules and stylesheets, classic scripts) that a page loads by name: every stylesheet,
    every classic script, and every module that no sibling imports."""
    imported = {m for text in sources.values() for m in SIBLING.findall(text)}
    for name in sources:
        if PurePosixPath(name).suffix not in KINDS:
            raise BundleError(f"{name}: no build for {PurePosixPath(name).suffix or 'a file without suffix'}")
    modules = sorted(n for n in sources if n.endswith(".css") or (n.endswith(".mjs") and n not in imported))
    classic = sorted(n for n in sources if n.endswith(".js"))
    return modules, classic


def bundle(sources: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """{name: source} of one folder → ({output name: text}, {entry's source name: output name})."""
    if not sources:
        return {}, {}
    modules, classic = entries(sources)
    node = shutil.which("node")
    if node is None or not (ESBUILD / "package.json").exists():
        missing = "node" if node is None else "node_modules/esbuild"
        raise BundleError(f"{missing} is missing, needed to build the simulator's scripts: "
                          "run `npm ci` (make setup)")
    version = json.loads((ESBUILD / "package.json").read_text(encoding="utf-8"))["version"]
    request = json.dumps({"sources": sources, "modules": modules, "classic": classic, "options": OPTIONS},
                         sort_keys=True)
    key = hashlib.sha256("\0".join((version, SCRIPT.read_text(encoding="utf-8"), request))
                         .encode("utf-8")).hexdigest()
    cached = CACHE / f"{key}.json"
    try:
        done = json.loads(cached.read_text(encoding="utf-8"))
        return done["outputs"], done["entries"]
    except FileNotFoundError:  # not built yet, or just replaced by another build's
        pass
    # esbuild resolves imports on disk: the sources (some written by the build, not files of
    # docs/) go into a folder of their own.
    with tempfile.TemporaryDirectory(prefix="cqp-bundle-") as folder:
        for name, text in sources.items():
            (Path(folder) / name).write_text(text, encoding="utf-8")
        ask = json.dumps({"dir": folder, "modules": modules, "classic": classic, "options": OPTIONS})
        run = subprocess.run([node, str(SCRIPT)], cwd=ROOT, capture_output=True, input=ask.encode("utf-8"))
    if run.returncode != 0:
        raise BundleError("esbuild could not build the simulator's scripts:\n"
                          + run.stderr.decode("utf-8", "replace").strip())
    done = json.loads(run.stdout.decode("utf-8"))
    CACHE.mkdir(parents=True, exist_ok=True)
    for old in CACHE.glob("*.json"):  # keep the cache small: one build's worth
        old.unlink(missing_ok=True)
    # Written under another name first: a build running at the same time never reads half a file.
    tmp = cached.with_suffix(f".tmp-{id(done)}")
    tmp.write_text(json.dumps(done, ensure_ascii=False), encoding="utf-8")
    tmp.replace(cached)
    return done["outputs"], done["entries"]
