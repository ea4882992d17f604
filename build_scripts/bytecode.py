"""The checker as the simulator loads it: its wheel compiled to bytecode by Pyodide itself.

Why: Pyodide compiles every module it imports from source, at each visit. Compiling the checker
(145 kB of Python) and the two modules of the standard library it adds (fractions, numbers:
Pyodide's standard library ships as sources) was most of the time between Pyodide being up and
the simulator being ready (about 110 of 130 ms under Node, more in a browser). Compiled once here,
at build time, by the very Pyodide the site serves (only its Python 3.14 writes .pyc files it can
load), a visit unpacks and imports them in about a tenth of that.

What: two gzip'd tar archives of .pyc files (no sources; docstrings and column positions left
out, line numbers kept for tracebacks), built from the wheel (build_scripts/build_wheel.py), so
that the browser runs exactly what `pip install` gives:
- checker.tar.gz: the checker and its compiled referential, and the plain modules of the standard
  library that `import checker` adds, put ahead of the standard library on sys.path (the same
  code, compiled);
- cohortes.tar.gz: the modules only cohorts need (COHORT_ONLY), which the worker fetches with the
  first cohort, so that the simulator's first load does not download them.
The command line (`checker/__main__.py`) is left out. The wheel itself stays on the developer
page, for `pip install`.

Compiling needs Node and the npm Pyodide (node_modules, make setup), about two seconds; archives
are kept in .cache/simulateur/ under the hash of what goes into them, like the wheel.

    python -m build_scripts.bytecode     # prints the archives' paths
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from build_scripts import cache
from build_scripts.build_wheel import CACHE, ROOT

SCRIPT = ROOT / "build_scripts" / "bytecode.mjs"
PYODIDE = ROOT / "node_modules" / "pyodide"
# Imported by checker.evaluate_batch and checker.template only (checker/__init__.py imports them
# lazily); the build fails if `import checker` comes to import one of them.
COHORT_ONLY = ("cohort", "columns", "spreadsheet")
ARCHIVES = ("checker.tar.gz", "cohortes.tar.gz")


class BytecodeError(RuntimeError):
    pass


@dataclass(frozen=True)
class Bytecode:
    checker: Path   # what the simulator needs to be ready
    cohort: Path    # what cohorts add


def _key(wheel: Path) -> str:
    h = hashlib.sha256()
    for part in (wheel.read_bytes(), SCRIPT.read_bytes(), (PYODIDE / "package.json").read_bytes(),
                 ",".join(COHORT_ONLY).encode()):
        h.update(part + b"\0")
    return h.hexdigest()[:16]


def _compile(wheel: Path, out: Path) -> dict:
    node = shutil.which("node")
    if node is None or not (PYODIDE / "pyodide.mjs").exists():
        raise BytecodeError("compiling the checker for the simulator needs Node and node_modules/pyodide: "
                            "run `npm ci` (make setup)")
    out.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([node, str(SCRIPT), str(PYODIDE), str(wheel), str(out), ",".join(COHORT_ONLY)],
                          capture_output=True, text=True)
    if proc.returncode != 0 or not all((out / name).exists() for name in ARCHIVES):
        raise BytecodeError(f"compiling the checker with Pyodide failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def build_bytecode(wheel: Path) -> Bytecode:
    """The archives compiled from this wheel (from the cache when nothing changed)."""
    folder = CACHE / f"bytecode-{_key(wheel)}"
    def complete(f: Path) -> bool:
        return all((f / name).exists() for name in (*ARCHIVES, "contents.json"))

    if not complete(folder):
        tmp = cache.scratch(folder)
        report = _compile(wheel, tmp)
        (tmp / "contents.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
        cache.publish(tmp, folder, complete)
    return Bytecode(folder / ARCHIVES[0], folder / ARCHIVES[1])


def contents(bytecode: Bytecode) -> dict:
    """What the compile step reported: Python's version and each archive's members."""
    return json.loads((bytecode.checker.parent / "contents.json").read_text(encoding="utf-8"))


def main() -> int:
    from build_scripts.build_wheel import WheelError, build_wheel  # noqa: PLC0415
    from build_scripts.compile_referentiels import ReferentielError, compile_referentiels  # noqa: PLC0415

    try:
        compile_referentiels()
        bytecode = build_bytecode(build_wheel())
    except (ReferentielError, WheelError, BytecodeError) as err:
        print(err, file=sys.stderr)
        return 1
    print(bytecode.checker)
    print(bytecode.cohort)
    return 0


if __name__ == "__main__":
    sys.exit(main())
