"""The checker as the simulator loads it (build_scripts/bytecode.py): the wheel compiled by
Pyodide, in two archives. Every module of the wheel is there once, compiled; and, run in Pyodide
under Node, the compiled checker gives the verdicts and messages the CLI's Python gives, for every
situation file and cohort file, without the cohorts' archive until a cohort comes."""
from __future__ import annotations

import inspect
import json
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest

import checker
from build_scripts.build_wheel import build_wheel
from build_scripts.bytecode import COHORT_ONLY, PYODIDE, build_bytecode, contents
from situation_files import situation_cases

ROOT = Path(__file__).resolve().parents[1]
COHORTS = sorted((ROOT / "tests" / "cohorts").glob("*.csv"))


@pytest.fixture(scope="module")
def wheel():
    return build_wheel()


@pytest.fixture(scope="module")
def bytecode(wheel):
    return build_bytecode(wheel)


def members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}


def test_every_module_of_the_wheel_is_compiled_in_one_archive(wheel, bytecode):
    with zipfile.ZipFile(wheel) as zf:
        modules = {n for n in zf.namelist() if n.startswith("checker/") and n.endswith(".py")}
        data = {n: zf.read(n) for n in zf.namelist() if n.startswith("checker/data/")}
    core, cohort = members(bytecode.checker), members(bytecode.cohort)
    assert not set(core) & set(cohort)
    assert not [n for n in {**core, **cohort} if n.endswith(".py")]  # no source shipped
    compiled = {n[:-1] for n in {**core, **cohort} if n.startswith("checker/") and n.endswith(".pyc")}
    assert compiled == modules - {"checker/__main__.py"}  # the command line stays out
    assert {n for n in cohort if n.startswith("checker/")} == {f"checker/{m}.pyc" for m in COHORT_ONLY}
    for name, raw in data.items():
        assert core[name] == raw, name  # the referential as the wheel carries it
    report = contents(bytecode)
    assert report["checker"] == sorted(core) and report["cohortes"] == sorted(cohort)


def test_standard_library_modules_are_top_level_ones_of_pyodide(bytecode):
    # A compiled package (or a module of one) would hide the rest of its package.
    with zipfile.ZipFile(PYODIDE / "python_stdlib.zip") as zf:
        stdlib = set(zf.namelist())
    added = [n for archive in (bytecode.checker, bytecode.cohort) for n in members(archive)
             if not n.startswith("checker/")]
    assert "fractions.pyc" in added  # the reason they are here: `import checker` adds it
    for name in added:
        assert "/" not in name and name[:-1] in stdlib, name


REPLAY = r"""
import { loadPyodide } from "%(pyodide)s/pyodide.mjs";
import { readFileSync } from "node:fs";
const input = JSON.parse(readFileSync(0, "utf-8"));
const pyodide = await loadPyodide({ indexURL: "%(pyodide)s/" });
const dir = "/home/pyodide/cqp-checker";
pyodide.unpackArchive(new Uint8Array(readFileSync(input.checker)), "gztar", { extractDir: dir });
pyodide.globals.set("INPUT", JSON.stringify(input));
const run = (code) => pyodide.runPython(code);
run(`
import json, sys
sys.path.insert(0, "${dir}")
import checker
INPUT = json.loads(INPUT)
exec(INPUT["answer"])  # the test's own answer(), below: both sides answer alike

OUT = {"cases": [answer(lambda c=c: checker.evaluate(c["check"], c["situation"])) for c in INPUT["cases"]],
       "from": {m: getattr(sys.modules[m], "__file__", "") for m in ("checker.score", "fractions")},
       "cohort_modules_before": sorted(m for m in sys.modules if m.split(".")[-1] in INPUT["cohort_only"])}
`);
pyodide.unpackArchive(new Uint8Array(readFileSync(input.cohort)), "gztar", { extractDir: dir });
process.stdout.write(run(`
OUT["cohorts"] = [answer(lambda f=f: checker.evaluate_batch(f["check"], f["text"])) for f in INPUT["cohorts"]]
json.dumps(OUT, ensure_ascii=False)
`));
"""


def answer(call):
    """A verdict, the checker's refusal of the situation, or its refusal of a cohort file."""
    try:
        return {"verdict": call()}
    except checker.SituationError as err:
        return {"error": str(err), "errors": err.errors}
    except ValueError as err:
        return {"file_error": str(err)}


def test_the_compiled_checker_answers_as_the_cli_does_in_pyodide(bytecode, tmp_path):
    cases = [{"check": c["check"], "situation": c["situation"]} for c in situation_cases()]
    cohorts = [{"check": "score", "text": p.read_bytes().decode("utf-8", "replace")} for p in COHORTS]
    script = tmp_path / "replay.mjs"
    script.write_text(REPLAY % {"pyodide": PYODIDE.as_posix()}, encoding="utf-8")
    stdin = json.dumps({"checker": str(bytecode.checker), "cohort": str(bytecode.cohort), "cases": cases,
                        "cohorts": cohorts, "cohort_only": list(COHORT_ONLY), "answer": inspect.getsource(answer)})
    proc = subprocess.run(["node", str(script)], input=stdin, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    # the compiled modules were the ones imported, not Pyodide's sources
    assert out["from"]["checker.score"].endswith("checker/score.pyc")
    assert out["from"]["fractions"].endswith("cqp-checker/fractions.pyc")
    assert out["cohort_modules_before"] == []  # no situation needs the cohorts' archive
    assert len(out["cases"]) == len(cases) > 100
    for case, got in zip(cases, out["cases"]):
        assert got == json.loads(json.dumps(answer(lambda: checker.evaluate(case["check"], case["situation"])))), case
    assert len(out["cohorts"]) == len(cohorts) > 10
    for cohort, got in zip(cohorts, out["cohorts"]):
        expected = answer(lambda: checker.evaluate_batch(cohort["check"], cohort["text"]))
        assert got == json.loads(json.dumps(expected))
