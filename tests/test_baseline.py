"""What people read did not change in a refactoring: every situation's verdict (apart from the
trace) and every built page's text equal the snapshot in tests/baseline/, up to the wording
fixes listed (with their reason) in tests/baseline/allowed_changes.yaml."""
from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest
import yaml

from baseline import snapshot

HERE = Path(__file__).resolve().parent / "baseline"
CHANGES = yaml.safe_load((HERE / "allowed_changes.yaml").read_text(encoding="utf-8"))


def normalise(text: str, target: str) -> str:
    for change in CHANGES:
        if change["to"] in (target, "both"):
            text = re.sub(change["pattern"], change["replace"], text)
    return text


# Keys a verdict gained after the baseline was taken (the trace, contract v1.1, the result's
# headline, an organism's file): their content is tested elsewhere.
ADDED_KEYS = {"trace", "outcome", "dossier", "to_prepare", "organism_kind", "next_steps", "counted_from"}


def _without_trace(value):
    if isinstance(value, dict):
        return {k: _without_trace(v) for k, v in value.items() if k not in ADDED_KEYS}
    if isinstance(value, list):
        return [_without_trace(v) for v in value]
    return value


def _dump(value) -> list[str]:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).splitlines()


def _diff(old: list[str], new: list[str]) -> str:
    return "\n".join(list(difflib.unified_diff(old, new, "baseline", "now", lineterm="", n=0))[:40])


def test_every_allowed_change_says_why():
    assert CHANGES and all(c.get("why") and c["to"] in ("both", "pages", "verdicts") for c in CHANGES)


def test_verdicts_unchanged_apart_from_trace():
    old = json.loads((HERE / "verdicts.json").read_text(encoding="utf-8"))
    new = snapshot.verdicts()
    assert set(old) <= set(new), f"situations gone: {sorted(set(old) - set(new))} (update the baseline deliberately)"
    differ = []
    for key in old:
        a = [normalise(line, "verdicts") for line in _dump(_without_trace(old[key]))]
        b = [normalise(line, "verdicts") for line in _dump(_without_trace(new[key]))]
        if a != b:
            differ.append(f"{key}:\n{_diff(a, b)}")
    assert not differ, "\n\n".join(differ[:5])


def test_every_verdict_has_a_trace():
    for key, verdict in snapshot.verdicts().items():
        if "error" not in verdict:
            assert isinstance(verdict.get("trace"), list), key
            assert verdict["trace"] or not verdict.get("deadlines", True), key


@pytest.mark.site
def test_pages_say_the_same():
    old = json.loads((HERE / "pages.json").read_text(encoding="utf-8"))
    new = snapshot.pages()
    assert set(old) <= set(new), f"pages gone: {sorted(set(old) - set(new))}"
    differ = []
    for page, lines in old.items():
        a = [normalise(line, "pages") for line in lines]
        b = [normalise(line, "pages") for line in new[page]]
        if a != b:
            differ.append(f"{page}:\n{_diff(a, b)}")
    assert not differ, "\n\n".join(differ[:5])
