"""What people read does not change by accident: every situation's verdict (its trace apart) and
the text of every built page are pinned by snapshots (syrupy, tests/__snapshots__/). A deliberate
change of wording or of a verdict is recorded with one flag and read in the diff:

    .venv/bin/python -m pytest tests/test_baseline.py --snapshot-update
"""
from __future__ import annotations

import re

import pytest

from situation_files import situation_cases
from what_people_read import SITE, page_text, verdicts

CASES = {f"{c['file']}::{c['name']}": c for c in situation_cases()}
# Page names known at collection; without a built site (make test-fast) they are not collected,
# and `site` tests are deselected there anyway.
PAGES = sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html")) if SITE.exists() else []


def _without_trace(value):
    # The trace is the verdict's structure, tested by the situation files; what people read of
    # it is in the explanations, which the snapshot keeps.
    if isinstance(value, dict):
        return {k: _without_trace(v) for k, v in value.items() if k != "trace"}
    if isinstance(value, list):
        return [_without_trace(v) for v in value]
    return value


@pytest.fixture(scope="module")
def all_verdicts() -> dict[str, object]:
    return verdicts()


@pytest.mark.parametrize("case", sorted(CASES))
def test_verdict(all_verdicts, snapshot, case):
    assert _without_trace(all_verdicts[case]) == snapshot


def test_every_verdict_has_a_trace(all_verdicts):
    for case, verdict in all_verdicts.items():
        if "error" not in verdict:
            assert isinstance(verdict.get("trace"), list), case
            assert verdict["trace"] or not verdict.get("deadlines", True), case


# The wheel's size on the developer page follows the checker's code, not its wording.
WHEEL_SIZE = re.compile(r"(?<=roue Python, )[\d\u00a0\u202f ]+(?= ko)")


@pytest.mark.site
@pytest.mark.parametrize("page", PAGES)
def test_page_text(snapshot, page):
    lines = page_text((SITE / page).read_text(encoding="utf-8"))
    assert [WHEEL_SIZE.sub("…", line) for line in lines] == snapshot
