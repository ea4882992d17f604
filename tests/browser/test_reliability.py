"""Never lose what was typed, never stay stuck (issue 21): two tabs of the simulator, bad
responses from the host, a worker that dies after ready, a deploy during a visit."""
from __future__ import annotations

import json
import re

from test_simulator import READY, field, open_simulator, panel, wait_verdict

KEY = "cqp-simulateur:v1"


def stored(page):
    return json.loads(page.evaluate(f"localStorage.getItem({KEY!r})") or "null")


# --- two tabs ---------------------------------------------------------------------------------

def _two_tabs(context, base_url):
    a, b = context.new_page(), context.new_page()
    for tab in (a, b):
        open_simulator(tab, base_url)
    return a, b


def test_two_tabs_typing_in_two_tools_keep_both(context, base_url):
    a, b = _two_tabs(context, base_url)
    field(panel(a, "Éligibilité"), re.compile("^Mois de pratique")).fill("18")
    wait_verdict(a, "Éligibilité")
    field(panel(b, "Score"), "Date de la session").fill("15/06/2026")
    wait_verdict(b, "Score")
    saved = stored(b)["tools"]
    assert saved["eligibility"]["situation"]["practice_months"] == 18
    assert saved["score"]["situation"]["session_date"] == "2026-06-15"
    # Tab A shows B's date, and its next keystroke keeps it.
    assert field(panel(a, "Score"), "Date de la session").input_value() == "15/06/2026"
    field(panel(a, "Éligibilité"), re.compile("^Mois de pratique")).fill("19")
    wait_verdict(a, "Éligibilité")
    saved = stored(a)["tools"]
    assert saved["eligibility"]["situation"]["practice_months"] == 19
    assert saved["score"]["situation"]["session_date"] == "2026-06-15"
    # And B, its form now showing A's 19, writes it back unchanged with its own next change.
    assert b.locator("#elig-cand-practice").input_value() == "19"
    field(panel(b, "Score"), "Date de la session").fill("16/06/2026")
    wait_verdict(b, "Score")
    saved = stored(b)["tools"]
    assert saved["eligibility"]["situation"]["practice_months"] == 19
    assert saved["score"]["situation"]["session_date"] == "2026-06-16"
    # A reload of either tab shows both.
    a.reload()
    a.wait_for_function(READY, timeout=60_000)
    assert a.locator("#elig-cand-practice").input_value() == "19"
    assert a.locator("#score-session-date").input_value() == "16/06/2026"


def test_two_tabs_typing_in_the_same_field_the_last_wins_and_both_show_it(context, base_url):
    a, b = _two_tabs(context, base_url)
    practice = lambda tab: field(panel(tab, "Éligibilité"), re.compile("^Mois de pratique"))
    practice(a).fill("18")
    wait_verdict(a, "Éligibilité")
    b.wait_for_function("() => document.querySelector('#elig-cand-practice').value === '18'")
    practice(b).fill("24")
    wait_verdict(b, "Éligibilité")
    a.wait_for_function("() => document.querySelector('#elig-cand-practice').value === '24'")
    wait_verdict(a, "Éligibilité")
    assert stored(a)["tools"]["eligibility"]["situation"]["practice_months"] == 24
    # A types in another field: B's 24 stays.
    field(panel(a, "Éligibilité"), "Date de la session (facultatif)").fill("01/07/2026")
    wait_verdict(a, "Éligibilité")
    situation = stored(a)["tools"]["eligibility"]["situation"]
    assert situation["practice_months"] == 24 and situation["session_date"] == "2026-07-01"
    b.wait_for_function("() => document.querySelector('#elig-cand-session').value === '01/07/2026'")
