"""The field table in the browser: every written form it lists is read by `window.CQP.evaluate`
as the CLI reads it, and a value typed in the form is sent, saved, reloaded and shared as typed
(« 72,5 » stays « 72,5 »), with the verdict of the value the table says it means.

The forms come from the table alone (checker.fields, tests/test_fields.py's FORMS); the Python
side of the same agreement (API, CLI, CSV) is tests/test_fields.py.
"""
from __future__ import annotations

import base64
import json

import pytest

from checker import fields
from tests.browser.conftest import READY, open_shared
from test_fields import FORMS, _outcome, _situation
from test_simulator import field, open_simulator, panel, wait_verdict


def test_evaluate_with_strings_reads_every_written_form_as_the_cli_does(simulator):
    cases = [(check, _situation(check, cqp, route, subject, path, text))
             for check, cqp, route, subject, path, text, _ in FORMS]
    got = simulator.evaluate("""async (cases) => {
        const out = [];
        for (const [check, situation] of cases) {
          try { out.push({verdict: await CQP.evaluate(check, situation)}); }
          catch (err) { out.push({errors: err.errors}); }
        }
        return out; }""", cases)
    for (check, situation), answer in zip(cases, got):
        assert answer == json.loads(json.dumps(_outcome(check, situation), ensure_ascii=False)), situation


def _forms(kind: str) -> list[str]:
    return [text for text, _ in fields.written_forms(kind)]


# One field of each type the form types in, each in a tool of its own so that one reload shows
# them all: (tool, check, how to reach the field, its id, type).
def _score_cs_vae(tool):
    field(tool, "CQP", exact=True).select_option("commercial-sedentaire")
    field(tool, "Voie d'accès").select_option("vae")


def _evaluator(tool):
    field(tool, "Qui vérifier ?").select_option("evaluator-vcd")


def _deadlines(tool):
    pass


ROUND_FIELDS = [("Score", "score", _score_cs_vae, "#score-vae-b1", "blocks.B1.score"),
                ("Éligibilité", "eligibility", _evaluator, "#elig-eval-years", "years_in_trade"),
                ("Calendrier", "deadlines", _deadlines, "#deadlines-session-date", "session_date")]


def _kind(check: str, path: str) -> str:
    return fields.kind(tuple(path.split(".")), check)


ROUNDS = max(len(_forms(_kind(check, path))) for _, check, _, _, path in ROUND_FIELDS)


def _share_link(page, tool_name: str) -> str:
    tool = panel(page, tool_name)
    tool.get_by_role("button", name="Copier le lien de partage").click()
    return tool.locator(".cqp-share-link").get_attribute("href")


def _situation_of(link: str) -> dict:
    fragment = link.split("#s=", 1)[1]
    return json.loads(base64.urlsafe_b64decode(fragment + "=" * (-len(fragment) % 4)))


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_typed_then_reloaded_then_shared_every_written_form_stays_as_typed(simulator, round_):
    page = simulator  # the shared page: reloaded below, as a person would (the next test resets it)
    typed = {}
    for tool_name, check, reach, fid, path in ROUND_FIELDS:
        forms = _forms(_kind(check, path))
        text = forms[round_ % len(forms)]
        tool = panel(page, tool_name)
        reach(tool)
        tool.locator(fid).fill(text)
        wait_verdict(page, tool_name)
        typed[tool_name] = (check, fid, text, path)
    # Sent and shared as typed; the verdict shown is the checker's for that situation.
    links = {}
    for tool_name, (check, fid, text, path) in typed.items():
        links[tool_name] = _share_link(page, tool_name)
        shared = _situation_of(links[tool_name])
        assert shared["check"] == check
        assert text in json.dumps(shared["situation"], ensure_ascii=False), (text, shared)
        result = _outcome(check, shared["situation"])
        shown = wait_verdict(page, tool_name).inner_text()
        if "outcome" in result.get("verdict", {}):
            assert result["verdict"]["outcome"]["title"] in shown.replace("\u202f", " ").replace("\xa0", " ")
        # what was typed is read: no problem is said about that field
        assert not any(e["path"] == path for e in result.get("errors", [])), result
        assert "par exemple" not in shown, shown
    # Reloaded: every field shows what was typed.
    page.reload()
    page.wait_for_function(READY, timeout=60_000)
    for tool_name, (check, fid, text, path) in typed.items():
        assert panel(page, tool_name).locator(fid).input_value() == text, (tool_name, text)
    # Opened from its share link, on a page with nothing saved: the same text again.
    page.evaluate("localStorage.clear()")
    for tool_name, (check, fid, text, path) in typed.items():
        open_shared(page, "#" + links[tool_name].split("#", 1)[1])
        assert panel(page, tool_name).locator(fid).input_value() == text, (tool_name, text)


def test_72_5_and_3_mars_2026_typed_stay_as_typed(simulator):
    page = simulator
    tool = panel(page, "Score")
    _score_cs_vae(tool)
    tool.locator("#score-vae-b1").fill("72,5")
    wait_verdict(page, "Score")
    link = _share_link(page, "Score")
    assert _situation_of(link)["situation"]["blocks"]["B1"]["score"] == "72,5"
    calendar = panel(page, "Calendrier")
    calendar.locator("#deadlines-session-date").fill("3 mars 2026")
    box = wait_verdict(page, "Calendrier")
    # the weekday under the field, and deadlines counted from it
    assert page.locator("#deadlines-session-date-weekday").inner_text() == "mardi 3 mars 2026"
    assert "attendu" not in box.inner_text()
    open_shared(page, "#" + link.split("#", 1)[1])
    assert panel(page, "Score").locator("#score-vae-b1").input_value() == "72,5"


def test_a_link_written_by_a_program_shows_its_numbers_in_french_and_says_nothing_is_hidden(simulator):
    # The contract's share links hold JSON numbers and ISO dates: the form shows « 72,5 », and
    # takes them for what it shows (no note that the link holds what the form cannot show).
    situation = {"cqp": "commercial-sedentaire", "route": "vae", "blocks": {"B1": {"score": 72.5}}}
    payload = json.dumps({"check": "score", "situation": situation}).encode()
    open_shared(simulator, "#s=" + base64.urlsafe_b64encode(payload).decode().rstrip("="))
    tool = panel(simulator, "Score")
    assert tool.locator("#score-vae-b1").input_value() == "72,5"
    assert "ne montre pas" not in tool.locator(".cqp-action-note").inner_text()
