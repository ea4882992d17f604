"""French typography in what the simulator shows: a result's sentences come typeset from the
checker (checker/french.py, the rules the built pages get through build_scripts/french_typography.py),
so that a phone's column never starts a line with « : » or « % » in a result either. (The cohort
page's table comes typeset from the checker too: tests/browser/test_cohort_page.py.)"""
from __future__ import annotations

import base64
import json
import re

from build_scripts import screenshots
from tests.browser.conftest import open_shared

# A plain space that French typography makes non-breaking, as the page rules find it.
BREAKABLE = re.compile(r"(?<=\S) +(?=[:;?!»])|« |(?<=\d) +(?=[%€])")


def _link(check: str, situation: dict) -> str:
    raw = json.dumps({"check": check, "situation": situation}).encode()
    return "#s=" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def test_a_result_and_its_errors_have_no_breakable_french_space(simulator):
    # A CS trainee before her jury (the README's picture): figures with « % », sentences with
    # « : », next steps.
    page = simulator
    open_shared(page, _link("score", screenshots.SITUATION))
    box = page.locator("#score-verdict")
    box.locator(".cqp-outcome").first.wait_for()
    text = box.inner_text()
    # the figures and sentences are there, and no « % » or « : » after a breakable space
    assert text.count("%") > 7 and text.count(":") > 7
    assert not BREAKABLE.search(text), BREAKABLE.search(text)
    # Missing answers, listed and by their fields
    page.get_by_role("tab", name="Éligibilité").click()
    box = page.locator("#eligibility-verdict")
    box.get_by_text("À compléter", exact=True).wait_for()
    assert not BREAKABLE.search(box.inner_text())
