"""The standard library as the simulator loads it: Pyodide's python_stdlib.zip cut to the files
that run.

Why: Pyodide's zip is 2.55 MB (614 files) and already deflated, so a host's compression gains
nothing on it; Pyodide's start-up and the checker import about a fifth of it. The simulator
passes the cut zip to `loadPyodide({stdLibURL})`, a public option of Pyodide.

How the list is found: not by hand. Pyodide runs under Node with its whole zip, as the
simulator's worker runs it (build_scripts/stdlib_run.mjs: the worker's own GLUE, the checker's
archives unpacked without Python), over every situation file of tests/situations/, every cohort
file of tests/cohorts/ with each check, and the error paths the page can reach (a situation
nested too deep, an unknown check, a Python error reaching JavaScript); every file of the zip
imported by then is kept. tests/test_stdlib_cut.py runs the same with the cut zip and fails if
any import goes unfound.

The files kept are compiled by the same Pyodide (.pyc, unchecked hash, no source, no column
positions, no docstrings), as the checker is (build_scripts/bytecode.py): Pyodide would otherwise compile the
125 modules of its start-up from source at every visit. They are stored, not deflated: the
host's brotli or gzip (build_scripts/precompress.py) then compresses across files, which
per-file deflate cannot. Kept in .cache/simulateur/ under the hash of what goes into the run.

    python -m build_scripts.stdlib_cut     # prints the cut zip's path and its size
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from build_scripts import cache
from build_scripts.build_wheel import CACHE, ROOT
from build_scripts.bytecode import Bytecode

SCRIPT = ROOT / "build_scripts" / "stdlib_run.mjs"
WORKER = ROOT / "docs" / "simulateur" / "worker.mjs"
PYODIDE = ROOT / "node_modules" / "pyodide"
FULL = PYODIDE / "python_stdlib.zip"
SITUATIONS = ROOT / "tests" / "situations"
COHORTS = ROOT / "tests" / "cohorts"
CHECKS = ("score", "eligibility", "deadlines")
NAME = "python_stdlib.zip"


class StdlibCutError(RuntimeError):
    pass


def run_inputs(bytecode: Bytecode) -> dict:
    """What the run replays: the calls the simulator's page and cohort tool make."""
    cases = []
    for path in sorted(SITUATIONS.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append({"check": case["check"], "payload": json.dumps(case["situation"], ensure_ascii=False)})
    # What the page can send beyond a well-formed situation: too deep, not an object, no such check.
    cases += [{"check": "score", "payload": "[" * 5_000 + "]" * 5_000},
              {"check": "score", "payload": "42"}, {"check": "inconnu", "payload": "{}"}]
    # The file's bytes, as the page sends them: Windows-1252 and UTF-16 files need their codecs.
    cohorts = [{"check": check, "bytes": list(path.read_bytes()), "lean": lean,
                "fixed": {"cqp": "commercial-sedentaire"} if lean and check == "score" else {}}
               for path in sorted(COHORTS.glob("*.csv")) for check in CHECKS for lean in (False, True)]
    return {"checker": str(bytecode.checker), "cohort": str(bytecode.cohort), "cases": cases, "cohorts": cohorts}


def run(stdlib: Path, inputs: dict) -> dict:
    """The report of one run of stdlib_run.mjs with this zip."""
    node = shutil.which("node")
    if node is None or not (PYODIDE / "pyodide.mjs").exists():
        raise StdlibCutError("cutting the standard library needs Node and node_modules/pyodide: "
                             "run `npm ci` (make setup)")
    proc = subprocess.run([node, str(SCRIPT), str(PYODIDE), str(stdlib), str(WORKER)],
                          input=json.dumps(inputs), capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise StdlibCutError(f"running the checker in Pyodide failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _glue() -> str:
    # Only the Python the worker runs counts, not the rest of worker.mjs.
    text = WORKER.read_text(encoding="utf-8")
    return text[text.index("const GLUE"):text.index("`;", text.index("const GLUE"))]


def _key(bytecode: Bytecode) -> str:
    h = hashlib.sha256()
    parts = [bytecode.checker.read_bytes(), bytecode.cohort.read_bytes(), SCRIPT.read_bytes(),
             (PYODIDE / "package.json").read_bytes(), _glue().encode(), Path(__file__).read_bytes()]
    parts += [p.read_bytes() for p in sorted(SITUATIONS.glob("*.yaml")) + sorted(COHORTS.glob("*.csv"))]
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:16]


def build_stdlib(bytecode: Bytecode) -> Path:
    """The cut zip for these archives (from the cache when nothing changed); report.json beside it
    holds the run with Pyodide's whole zip (the files used, the answers)."""
    folder = CACHE / f"stdlib-{_key(bytecode)}"
    def complete(f: Path) -> bool:
        return (f / NAME).exists() and (f / "report.json").exists()

    if not complete(folder):
        tmp = cache.scratch(folder)
        report = run(FULL, {**run_inputs(bytecode), "compileTo": str(tmp / NAME)})
        (tmp / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
        cache.publish(tmp, folder, complete)
    return folder / NAME


def report(cut: Path) -> dict:
    return json.loads((cut.parent / "report.json").read_text(encoding="utf-8"))


def main() -> int:
    from build_scripts.build_wheel import build_wheel  # noqa: PLC0415
    from build_scripts.bytecode import build_bytecode  # noqa: PLC0415

    try:
        cut = build_stdlib(build_bytecode(build_wheel()))
    except StdlibCutError as err:
        print(err, file=sys.stderr)
        return 1
    print(cut, cut.stat().st_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
