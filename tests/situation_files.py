"""The situation files (OpenFisca-style YAML cases) of tests/situations/, for every test that
replays them: the checker's own tests and the browser agreement test."""
from __future__ import annotations

from pathlib import Path

import yaml

SITUATIONS = Path(__file__).resolve().parent / "situations"


def situation_cases() -> list[dict]:
    cases = []
    for path in sorted(SITUATIONS.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append({**case, "file": path.name})
    return cases
