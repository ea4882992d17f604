"""The checker must load in Pyodide: at run time it imports nothing outside the standard library."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = r"""
import json, sys
import checker
checker.score({"cqp": "commercial-sedentaire", "route": "vae", "blocks": {"B1": {"score": 72}}})
checker.deadlines({"cqp": "vendeur-conseil-distance", "session_date": "2026-06-15", "region": "alsace-moselle"})
checker.eligibility({"subject": "jury", "cqp": "commercial-sedentaire",
                     "members": [{"external_to_company": True, "knows_candidate": False}]})
roots = {name.split(".")[0] for name in sys.modules}
outside = sorted(r for r in roots if r not in sys.stdlib_module_names and r not in ("checker", "__main__"))
print(json.dumps({"outside": outside, "site": "site" in sys.modules}))
"""


def test_checker_runs_without_site_packages():
    # -S: no site module, so no site-packages on sys.path; -I would also drop the cwd.
    out = subprocess.run([sys.executable, "-S", "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    assert result == {"outside": [], "site": False}
