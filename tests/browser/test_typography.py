"""French typography in what the simulator shows: a result's sentences come typeset from the
checker (checker/french.py, the rules the built pages get through build_scripts/french_typography.py),
so that a phone's column never starts a line with « : » or « % » in a result either. The cohort
page still typesets its own messages with docs/simulateur/typography.mjs, held to the same rules
until it too shows only what the checker writes."""
from __future__ import annotations

import base64
import json
import re

import what_people_read
from build_scripts import screenshots
from build_scripts.french_typography import french_spacing
from tests.browser.conftest import open_shared

# A plain space that French typography makes non-breaking, as the page rules find it.
BREAKABLE = re.compile(r"(?<=\S) +(?=[:;?!»])|« |(?<=\d) +(?=[%€])")


def _corpus() -> list[str]:
    """Every line of text the site and the checker write: the pages' (with their spaces made
    plain again) and every sentence of every verdict."""
    lines = {line.replace("\u00a0", " ") for page in what_people_read.pages().values() for line in page}
    verdicts = what_people_read.verdicts()

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)

    lines |= set(strings(verdicts))
    lines |= {"45 %", "« mot »", " : début", "Fin ?", "1 200 €", "a\t:b", "x\n;", "déjà\u00a0: fait"}
    return sorted(lines)


def test_the_cohort_pages_script_spaces_text_as_the_pages_do(simulator):
    page = simulator
    corpus = _corpus()
    assert len(corpus) > 1000
    got = page.evaluate(
        """async (texts) => {
             const assets = JSON.parse(document.getElementById('cqp-config').textContent).assets;
             const m = await import('./' + assets['typography.mjs']);
             return texts.map((t) => m.frenchText(t)); }""", corpus)
    differ = [(t, g) for t, g in zip(corpus, got) if g != french_spacing(t)]
    assert not differ, differ[:5]
    # and it does something: most lines with « : » get their space made non-breaking
    assert sum(1 for t, g in zip(corpus, got) if g != t) > 200


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
