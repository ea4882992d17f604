"""The simulator's questions as a person answers them: yes / no / not known yet, numbers and
dates as people write them (with the weekday), the fields the checker reads, and a first visit
that shows nothing negative. Fields are found by their labels and roles."""
from __future__ import annotations

import importlib.util
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

import checker
from checker.french import long_date
from tests.browser.conftest import FORMS_WIRED, cs_vae_tool, read

_spec = importlib.util.spec_from_file_location("simulator_helpers", Path(__file__).with_name("test_simulator.py"))
_helpers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_helpers)
open_simulator, panel, field, answer, wait_verdict = (
    _helpers.open_simulator, _helpers.panel, _helpers.field, _helpers.answer, _helpers.wait_verdict)

# The subject switch's values (its options say the subject under their CQP's heading).
SUBJECTS = ["candidate-vcd", "tutor-vcd", "evaluator-vcd", "jury-vcd", "jury-cs", "organism-vcd"]
# Questions the checker does not require (absent = no, or listed as still to prepare).
OPTIONAL = {"elig-cand-tutor-employer", "elig-tutor-employer", "elig-org-accessible", "elig-org-vae"}
NEGATIVE = ".cqp-outcome--ko, .cqp-outcome--error, .cqp-badge--ko, [aria-invalid='true'], .cqp-field-error"


def outcome(page, tool):
    return wait_verdict(page, tool).locator(".cqp-outcome").first.inner_text()


# --- parse.mjs, in the browser ----------------------------------------------------------------

PARSE = Path(__file__).resolve().parents[2] / "docs" / "simulateur" / "parse.mjs"


def parse(page, function, texts):
    # parse.mjs is bundled into the page's scripts (build_scripts/bundle.py): its source is
    # served at an address of the page's own origin, and imported in the page, which gives it
    # its configuration (the month and weekday names).
    page.route("**/__parse.mjs", lambda route: route.fulfill(path=PARSE, content_type="text/javascript"))
    return page.evaluate(
        """async ([fn, texts]) => {
             const m = await import('./__parse.mjs');
             return texts.map((t) => m[fn](t)); }""",
        [function, texts])


def test_dates_as_people_write_them(simulator):
    # The weekday under a date field reads the forms the checker reads (tests/test_fields.py).
    accepted = {"15/06/2026": "2026-06-15", "15-06-2026": "2026-06-15", "15.06.2026": "2026-06-15",
                "2026-06-15": "2026-06-15", "5/6/2026": "2026-06-05", " 29/02/2028 ": "2028-02-29",
                "15 juin 2026": "2026-06-15", "3 mars 2026": "2026-03-03", "1er AOUT 2026": "2026-08-01",
                "3 février 2026": "2026-02-03"}
    refused = ["12/13/2026", "31/02/2026", "29/02/2026", "32/01/2026", "15/06-2026", "2026/06/15",
               "15 juine 2026", "3 mars", "15/06/26", "", "1" * 400]
    got = parse(simulator, "parseDate", list(accepted) + refused)
    assert got[:len(accepted)] == list(accepted.values())
    assert got[len(accepted):] == [None] * len(refused)
    assert parse(simulator, "longDate", ["2026-06-15", "2026-07-01", "", "2026-02-30"]) == \
        ["lundi 15 juin 2026", "mercredi 1er juillet 2026", "", ""]


def test_dates_are_written_as_the_checker_writes_them(simulator):
    # The page's dates (under a date field, the recap, the cohort's printed sheets) and the
    # verdicts' read alike: every day of two years, leap day and each 1st included.
    days = [date(2027, 1, 1) + timedelta(days=n) for n in range(2 * 366)]
    assert parse(simulator, "longDate", [d.isoformat() for d in days]) == [long_date(d) for d in days]


# --- a first visit: nothing negative, everything « à compléter » -------------------------------

@pytest.mark.parametrize("subject", SUBJECTS)
def test_first_visit_eligibility_is_neutral_with_every_missing_answer_listed(simulator, subject):
    page = simulator
    tool = panel(page, "Éligibilité")
    field(tool, "Qui vérifier ?").select_option(subject)
    box = wait_verdict(page, "Éligibilité")
    assert box.locator(".cqp-outcome").first.inner_text().strip().endswith("À compléter")
    assert tool.locator(NEGATIVE).count() == 0
    # every unanswered question shown is listed, with a link to it
    questions = tool.get_by_role("radio", name="Je ne sais pas encore", exact=True).filter(visible=True)
    links = box.get_by_role("link", name="Aller au champ")
    required = [questions.nth(i).get_attribute("name") for i in range(questions.count())]
    assert links.count() >= len([q for q in required if q not in OPTIONAL]) > 0
    targets = {links.nth(i).get_attribute("href") for i in range(links.count())}
    for i in range(questions.count()):
        assert questions.nth(i).is_checked()
        name = questions.nth(i).get_attribute("name")
        if name not in OPTIONAL:
            assert f"#{name}-unknown" in targets, name
    # listed in the order of the form, as a person goes through it
    assert box.evaluate("""(box) => {
        const fields = [...box.querySelectorAll('a.cqp-goto')].map((a) => document.getElementById(a.hash.slice(1)));
        return fields.every((f, i) => i === 0 || (fields[i - 1].compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING));
    }""")
    # a link takes the focus to its question
    links.first.click()
    assert page.evaluate("document.activeElement.type") in ("radio", "text", "select-one")


@pytest.mark.parametrize("cqp,route", [("vendeur-conseil-distance", None), ("commercial-sedentaire", "formation"),
                                       ("commercial-sedentaire", "vae")])
def test_first_visit_score_is_neutral(simulator, cqp, route):
    page = simulator
    tool = panel(page, "Score")
    field(tool, "CQP", exact=True).select_option(cqp)
    if route:
        field(tool, "Voie d'accès").select_option(route)
    wait_verdict(page, "Score")
    assert "cqp-outcome--none" in wait_verdict(page, "Score").locator(".cqp-outcome").first.get_attribute("class")
    assert tool.locator(NEGATIVE).count() == 0


def test_first_visit_deadlines_and_every_tool_before_any_answer(simulator):
    page = simulator
    for name in ("Éligibilité", "Score", "Calendrier"):
        tool = panel(page, name)
        wait_verdict(page, name)
        assert tool.locator(NEGATIVE).count() == 0, name
        assert "missing" not in tool.inner_text() and "cqp:" not in tool.inner_text()


# --- yes / no / not known yet -------------------------------------------------------------------

def test_yes_no_and_not_known_yet(simulator):
    page = simulator
    tool = panel(page, "Éligibilité")
    field(tool, "Qui vérifier ?").select_option(SUBJECTS[0])
    field(tool, "Voie d'accès").select_option("vae")
    question = checker.wording.label(("telesales_experience",), "eligibility", "candidate")
    group = tool.get_by_role("group", name=question)
    assert group.get_by_role("radio", name="Je ne sais pas encore").is_checked()
    assert outcome(page, "Éligibilité").strip().endswith("À compléter")
    # A VAE candidate's headline names the experience, not « Éligible »: the branch decides (issue 20).
    met, not_met = (checker.wording.outcome("eligibility", s, "vendeur-conseil-distance", subject="candidate_vae")["title"]
                    for s in ("positive", "negative"))
    answer(tool, question, "Oui")
    assert outcome(page, "Éligibilité").strip().endswith(met)
    answer(tool, question, "Non")
    assert outcome(page, "Éligibilité").strip().endswith(not_met)
    answer(tool, question, "Je ne sais pas encore")
    assert outcome(page, "Éligibilité").strip().endswith("À compléter")
    # by keyboard: the arrow keys move between the three answers
    group.get_by_role("radio", name="Je ne sais pas encore").focus()
    page.keyboard.press("ArrowLeft")
    assert group.get_by_role("radio", name="Non").is_checked()
    assert outcome(page, "Éligibilité").strip().endswith(not_met)


# --- numbers and dates in the forms --------------------------------------------------------------

def test_a_date_shows_its_weekday_and_counts_as_the_iso_date(simulator):
    page = simulator
    tool = panel(page, "Calendrier")
    date = field(tool, "Date de la session d'évaluation")
    date.fill("15.06.2026")
    text = wait_verdict(page, "Calendrier").inner_text()
    assert "lundi 15 juin 2026" in tool.inner_text()
    expected = checker.deadlines({"cqp": "vendeur-conseil-distance", "session_date": "2026-06-15"})
    for said in expected["display"]["rows"]:
        assert said["date"] in text  # « vendredi 15 mai 2026 »: the weekday, as the field shows it
    # the weekday is part of the field's description, said when the field is focused
    described = date.get_attribute("aria-describedby").split()
    assert any(page.locator(f"#{i}").inner_text() == "lundi 15 juin 2026" for i in described)
    date.fill("31/02/2026")
    wait_verdict(page, "Calendrier")
    assert "lundi" not in tool.locator("form.cqp-form").inner_text()
    # not a date: sent as typed, and the checker's French message is shown next to the field
    assert date.get_attribute("aria-invalid") == "true"
    error = page.locator(f"#{date.get_attribute('id')}-error").inner_text()
    assert error.startswith("Date de la session d'évaluation") and "une date" in error


def test_numbers_with_percent_comma_and_spaces_feed_the_checker(simulator):
    page = simulator
    tool = cs_vae_tool(page)
    labels = [checker.wording.label(("blocks", b, "score"), "score",
                                    cqp=checker.referentiel.load()["cqps"]["commercial-sedentaire"])
              for b in ("B1", "B2", "B3")]
    for label, text in zip(labels, ("72 %", "69,99", "1 00")):
        field(tool, label).fill(text)
    box = wait_verdict(page, "Score")
    # "1 00" is no number: it goes as typed, and the checker names the problem at its field
    assert tool.get_by_label(labels[2]).get_attribute("aria-invalid") == "true"
    assert "Saisie à corriger" in box.inner_text()
    field(tool, labels[2]).fill("90\u00a0%")
    box = wait_verdict(page, "Score")
    expected = checker.score({"cqp": "commercial-sedentaire", "route": "vae",
                              "blocks": {"B1": {"score": 72}, "B2": {"score": 69.99}, "B3": {"score": 90}}})
    assert box.locator(".cqp-outcome").first.inner_text().strip().endswith(expected["outcome"]["title"])
    assert "69,99 %" in read(box) and "72 %" in read(box)


# --- the fields the checker reads ---------------------------------------------------------------

def test_organism_kind_vae_support_and_the_new_questions_change_the_result(simulator):
    page = simulator
    tool = panel(page, "Éligibilité")
    field(tool, "Qui vérifier ?").select_option(SUBJECTS[5])
    label = lambda *path: checker.wording.label(path, "eligibility", "organism")  # noqa: E731
    groups = lambda name: tool.get_by_role("group", name=name, exact=True).filter(visible=True)  # noqa: E731
    assert groups(label("declared_training_body")).count() == 1
    assert groups(label("internal_training_service")).count() == 0
    field(tool, label("organism_kind")).select_option("company")
    assert groups(label("declared_training_body")).count() == 0
    assert groups(label("qualiopi")).count() == 0
    assert groups(label("internal_training_service")).count() == 1
    field(tool, label("as_of")).fill("01/10/2026")
    answer(tool, label("internal_training_service"))
    field(tool, label("kbis_dated")).fill("15/09/2026")
    field(tool, label("criminal_record_dated")).fill("15/09/2026")
    answer(tool, label("insurance_valid"))
    field(tool, label("evaluators_proposed")).fill("3")
    field(tool, label("trainers_min_years")).fill("2")
    for k in ("evaluation_lead", "session_lead", "disability_referent", "admin_lead"):
        field(tool, label("roles", k)).fill("Martin")
    box = wait_verdict(page, "Éligibilité")
    assert box.locator(".cqp-outcome").first.inner_text().strip().endswith("Dossier complet pour ce qui est vérifié ici")
    # questions left on « Je ne sais pas encore » are listed as still to prepare, not failed
    to_prepare = box.locator(".cqp-to-prepare").inner_text()
    cqp = checker.referentiel.load()["cqps"]["vendeur-conseil-distance"]
    titles = {r["id"]: r["title"] for r in cqp["rules"]}
    assert titles["organism_accessibility"] in to_prepare
    answer(tool, label("premises_accessible"), "Non")
    box = wait_verdict(page, "Éligibilité")
    assert box.locator(".cqp-outcome").first.inner_text().strip().endswith("Dossier incomplet")
    assert titles["organism_accessibility"] not in box.locator(".cqp-to-prepare").inner_text()
    answer(tool, label("premises_accessible"), "Oui")
    # VAE support: then its own questions (a company has no Qualiopi scope to state)
    assert field(tool, label("vae_accompanists_min_years")).count() == 0
    answer(tool, label("offers_vae_support"))
    assert groups(label("qualiopi_covers_vae")).count() == 0
    field(tool, label("vae_accompanists_min_years")).fill("1")
    box = wait_verdict(page, "Éligibilité")
    assert box.locator(".cqp-outcome").first.inner_text().strip().endswith("Dossier incomplet")
    field(tool, label("organism_kind")).select_option("training_body")
    assert groups(label("qualiopi_covers_vae")).count() == 1
    for question in ("declared_training_body", "qualiopi", "qualiopi_covers_vae"):
        answer(tool, label(question))
    field(tool, label("vae_accompanists_min_years")).fill("40")
    field(tool, label("roles", "cpnefp_referent") + " (facultatif)").fill("Durand")
    box = wait_verdict(page, "Éligibilité")
    assert box.locator(".cqp-outcome").first.inner_text().strip().endswith("Dossier complet pour ce qui est vérifié ici")
    to_prepare = box.locator(".cqp-to-prepare").inner_text()
    assert titles["organism_cpnefp_referent"] not in to_prepare
    assert titles["vae_accompanist_min_years"] not in to_prepare


def test_a_domain_with_fewer_indicators_evaluated_is_incomplete(simulator):
    page = simulator
    tool = panel(page, "Score")
    field(tool, "CQP", exact=True).select_option("vendeur-conseil-distance")
    field(tool, checker.wording.label(("domains", "DC1"), "score")).select_option("evaluated")
    field(tool, re.compile("^DC1 — indicateurs évalués positivement")).fill("12")
    field(tool, re.compile("^DC1 — indicateurs du référentiel")).fill("20")
    box = wait_verdict(page, "Score")
    assert "60 %" in read(box)
    field(tool, re.compile("^DC1 — indicateurs effectivement évalués")).fill("14")
    box = wait_verdict(page, "Score")
    assert "14 indicateurs évalués sur les 20 du référentiel" in read(box)
    assert tool.locator(".cqp-badge--ko").count() == 0


def test_cs_jury_with_vae_counts_the_evaluators_only(simulator):
    page = simulator
    tool = panel(page, "Éligibilité")
    field(tool, "Qui vérifier ?").select_option(SUBJECTS[4])
    field(tool, "Voie d'accès").select_option("vae")
    assert tool.get_by_role("group", name=re.compile("^Membre 1")).filter(visible=True).count() == 0
    count = field(tool, checker.wording.phrase("vae_evaluators_count"))
    count.fill("2")
    assert outcome(page, "Éligibilité").strip().endswith("Éligible")
    count.fill("1")
    assert outcome(page, "Éligibilité").strip().endswith("Non éligible")
    field(tool, "Voie d'accès").select_option("formation")
    assert outcome(page, "Éligibilité").strip().endswith("À compléter")


# --- state: tabs, reset, address, live region ----------------------------------------------------

def test_a_tab_is_evaluated_when_shown(simulator):
    page = simulator
    tool = cs_vae_tool(page)
    panel(page, "Calendrier")
    # edited while another tab is shown (a restored or imported situation, a script)
    page.evaluate("""() => {
        const input = [...document.querySelectorAll('#outil-score input')].find((i) => i.dataset.key === 'blocks/B1/score');
        input.value = '75';
    }""")
    tool = panel(page, "Score")
    box = wait_verdict(page, "Score")
    assert "75 %" in read(box)
    # a hidden tool keeps its answers: the Calendrier's date is still counted when it comes back
    panel(page, "Calendrier")
    field(page.get_by_role("tabpanel", name="Calendrier"), "Date de la session d'évaluation").fill("15/06/2026")
    panel(page, "Score")
    tool = panel(page, "Calendrier")
    assert "échéance" in wait_verdict(page, "Calendrier").inner_text()


def test_reset_asks_and_empties_only_its_tool(simulator):
    page = simulator
    calendar = panel(page, "Calendrier")
    field(calendar, "Date de la session d'évaluation").fill("15/06/2026")
    wait_verdict(page, "Calendrier")
    score = panel(page, "Score")
    field(score, "CQP", exact=True).select_option("commercial-sedentaire")
    field(score, "Voie d'accès").select_option("vae")
    b1 = field(score, re.compile("^B1 — score"))
    b1.fill("72")
    wait_verdict(page, "Score")
    reset = score.get_by_role("button", name="Réinitialiser")
    # cancelled: nothing changes, and the focus comes back to the button
    reset.click()
    dialog = page.get_by_role("dialog", name="Effacer vos réponses ?")
    assert dialog.is_visible()
    assert "Score" in dialog.inner_text()
    dialog.get_by_role("button", name="Annuler").click()
    assert not dialog.is_visible()
    assert b1.input_value() == "72"
    assert page.evaluate("document.activeElement.textContent") == "Réinitialiser"
    # Échap cancels too
    reset.click()
    page.keyboard.press("Escape")
    assert b1.input_value() == "72"
    # confirmed: this tool only
    reset.click()
    page.get_by_role("dialog").get_by_role("button", name="Effacer les réponses").click()
    # the dialog's close event, which resets, comes in a task of its own: wait for it
    expect(field(score, "CQP", exact=True)).to_have_value("vendeur-conseil-distance")
    box = wait_verdict(page, "Score")
    assert "cqp-outcome--none" in box.locator(".cqp-outcome").first.get_attribute("class")
    calendar = panel(page, "Calendrier")
    assert field(calendar, "Date de la session d'évaluation").input_value() == "15/06/2026"
    # and after a reload too (the saved answers of the other tools are kept)
    page.reload()
    page.wait_for_function(FORMS_WIRED)  # the form is filled from storage before the engine is up
    assert field(panel(page, "Calendrier"), "Date de la session d'évaluation").input_value() == "15/06/2026"


def test_the_address_keeps_the_situation_and_can_be_bookmarked(simulator, base_url, browser):
    page = simulator
    tool = cs_vae_tool(page)
    field(tool, re.compile("^B1 — score")).fill("72")
    wait_verdict(page, "Score")
    page.wait_for_function("() => location.hash.startsWith('#s=')")  # written at a pause (issue 21)
    url = page.url
    history = page.evaluate("history.length")
    field(tool, re.compile("^B2 — score")).fill("69")
    wait_verdict(page, "Score")
    page.wait_for_function("url => location.href !== url", arg=url)
    assert "#s=" in page.url
    assert page.evaluate("history.length") == history  # replaced, not one entry per keystroke
    bookmark = page.url
    # opened elsewhere (no saved answers): the same answers and result, and the link stays
    other = browser.new_context(locale="fr-FR", service_workers="block").new_page()
    open_simulator(other, base_url, "#s=" + bookmark.split("#s=")[1])
    assert "#s=" in other.url
    other_tool = other.get_by_role("tabpanel", name="Score")
    assert field(other_tool, re.compile("^B1 — score")).input_value() == "72"
    assert field(other_tool, re.compile("^B2 — score")).input_value() == "69"
    assert "69 %" in read(wait_verdict(other, "Score"))
    # the other tab's situation replaces it when that tab is shown
    panel(other, "Calendrier")
    assert other.url != bookmark
    other.context.close()


def test_the_live_region_announces_once_after_typing(simulator):
    page = simulator
    tool = panel(page, "Calendrier")
    wait_verdict(page, "Calendrier")
    page.wait_for_timeout(1000)  # the first result is said; count from here
    page.evaluate("""() => {
        window.__announced = [];
        const region = document.querySelector('#outil-calendrier [aria-live]');
        new MutationObserver(() => window.__announced.push(region.textContent))
            .observe(region, {childList: true, subtree: true, characterData: true});
    }""")
    date = field(tool, "Date de la session d'évaluation")
    date.click()
    page.keyboard.type("15/06/2026", delay=80)
    wait_verdict(page, "Calendrier")
    page.wait_for_timeout(1500)
    announced = page.evaluate("window.__announced")
    assert len(announced) == 1, announced
    assert "échéance" in announced[0]
    # focus stayed where the person types
    assert page.evaluate("document.activeElement.id") == date.get_attribute("id")
