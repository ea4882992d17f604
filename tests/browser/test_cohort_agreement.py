"""window.CQP.evaluateBatch answers as `python -m checker batch CHECK FILE --format json`, row for
row, on every cohort file of tests/cohorts/, for every check: the same array, or the same
French message when the file cannot be read."""
from __future__ import annotations

import json
from pathlib import Path

from cli_runner import run_cli

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "tests" / "cohorts").glob("*.csv"))
CHECKS = ("score", "eligibility", "deadlines")


def _cli(check: str, path: Path) -> dict:
    run = run_cli("batch", check, str(path), "--format", "json")
    if run.returncode == 0:
        return {"rows": json.loads(run.stdout)}
    assert run.returncode == 2 and not run.stdout, run.stderr
    return {"error": run.stderr.strip()}


def test_evaluate_batch_agrees_with_the_cli(simulator):
    page = simulator
    compared = 0
    for path in FILES:
        # The file's bytes (contract v1.2): decoded by the checker as the CLI decodes them.
        data = list(path.read_bytes())
        for check in CHECKS:
            expected = _cli(check, path)
            got = page.evaluate("""async ([check, data]) => {
                try { return {rows: await CQP.evaluateBatch(check, new Uint8Array(data))}; }
                catch (err) { return {error: err.message}; } }""", [check, data])
            assert got == expected, f"{path.name}, {check}"
            compared += 1
    assert compared >= 30
