"""Three people use the simulator as they would (issue 9), on a phone (360 px) and on a desktop
(1280 px), found by labels and roles only: a VAE candidate for the Vendeur conseil à distance
reaches the result of her experience check and what to do next (also with the keyboard alone); a Commercial sédentaire
trainee with her questionnaire and tutor results, before the jury, reads the jury result she
needs; an organism filling its habilitation file sees every missing answer at once.

A yes/no question is answered by its label whatever its control: a checkbox, or a group of
radios (Oui / Non / Je ne sais pas encore) named by the question."""
from __future__ import annotations

import re

import pytest

import checker
from tests.browser.conftest import read

READY = "window.CQP && (CQP.status === 'ready' || CQP.status === 'failed')"
SETTLED = ("() => window.CQP.status === 'ready' && "
           "document.querySelector('[data-cqp-sim]').dataset.pending === '0'")
WIDTHS = (360, 1280)


def fr(x: float) -> str:
    return f"{round(x, 2):.2f}".rstrip("0").rstrip(".").replace(".", ",")


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def person(request, simulator):
    """The simulator as a first visit shows it (the shared page, engine ready), at the width."""
    simulator.set_viewport_size({"width": request.param, "height": 800})
    return simulator


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def keyboard_person(request, browser, base_url):
    """A page of its own, opened on the simulator: the keyboard's path starts at the page's top."""
    ctx = browser.new_context(locale="fr-FR", viewport={"width": request.param, "height": 800}, service_workers="block")
    page = ctx.new_page()
    start(page, base_url)
    yield page
    ctx.close()


def start(page, base_url):
    page.goto(f"{base_url}/simulateur/")
    page.wait_for_function(READY, timeout=90_000)
    assert page.evaluate("CQP.status") == "ready", page.evaluate("CQP.error")


def tool(page, name):
    page.get_by_role("tab", name=name).click()
    return page.get_by_role("tabpanel", name=name)


def result(page, panel):
    page.wait_for_function(SETTLED)
    return panel.get_by_role("region", name="Résultat")


def field(scope, label):
    return scope.get_by_label(label).filter(visible=True).first


def choose(scope, label, option):
    """An option by its value or its words (the subject switch's words repeat under each CQP)."""
    field(scope, label).select_option(option)


def answer(scope, question, yes: bool):
    """Answer a yes/no question by its label: a group of radios named by the question, or a
    checkbox labelled with it."""
    for role in ("radiogroup", "group"):
        group = scope.get_by_role(role, name=question).filter(visible=True)
        if group.count():
            group.first.get_by_role("radio", name="Oui" if yes else "Non", exact=True).check()
            return
    box = scope.get_by_role("checkbox", name=question).filter(visible=True).first
    box.check() if yes else box.uncheck()


# --- keyboard only --------------------------------------------------------------------------

FOCUSED = """() => { const e = document.activeElement; if (!e) return null;
  const label = (e.labels && e.labels[0] && e.labels[0].textContent) || e.getAttribute('aria-label') || e.textContent || '';
  const group = e.closest('[role=radiogroup], fieldset');
  const groupName = group ? ((group.getAttribute('aria-labelledby') && document.getElementById(group.getAttribute('aria-labelledby'))?.textContent)
                             || group.getAttribute('aria-label') || group.querySelector('legend')?.textContent || '') : '';
  return {tag: e.tagName, type: e.type || null, role: e.getAttribute('role'), label: label.replace(/\\s+/g, ' ').trim(),
          group: groupName.replace(/\\s+/g, ' ').trim(), checked: !!e.checked,
          selected: e.tagName === 'SELECT' ? e.selectedOptions[0].textContent.trim() : null}; }"""


def tab_to(page, matches, limit=250):
    """Press Tab until the focused element matches; return what is focused."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = page.evaluate(FOCUSED)
        if now and matches(now):
            return now
    raise AssertionError("not reachable with the Tab key")


def key_choose(page, label, option):
    now = tab_to(page, lambda f: f["tag"] == "SELECT" and re.search(label, f["label"]))
    for key in ("ArrowDown", "ArrowUp"):
        for _ in range(12):
            if now["selected"] == option:
                return
            page.keyboard.press(key)
            now = page.evaluate(FOCUSED)
    assert now["selected"] == option, now


def key_answer_yes(page, question):
    now = tab_to(page, lambda f: (f["type"] == "checkbox" and re.search(question, f["label"]))
                 or (f["type"] == "radio" and re.search(question, f["group"])))
    if now["type"] == "checkbox":
        if not now["checked"]:
            page.keyboard.press("Space")
        return
    for _ in range(4):  # radios: arrows move and check; « Oui » comes first
        if now["label"] == "Oui" and now["checked"]:
            return
        page.keyboard.press("Space" if now["label"] == "Oui" else "ArrowUp")
        now = page.evaluate(FOCUSED)
    assert now["label"] == "Oui" and now["checked"], now


# --- the personas ---------------------------------------------------------------------------

VAE_QUESTION = re.compile(r"^Expérience de la vente")


def test_vae_candidate_is_eligible_and_knows_what_to_do(person):
    page = person
    panel = tool(page, "Éligibilité")
    choose(panel, "Qui vérifier ?", "candidate-vcd")
    choose(panel, "Voie d'accès", "VAE")
    answer(panel, VAE_QUESTION, True)
    vae_candidate_knows_what_to_do(page, panel)


def test_vae_candidate_with_the_keyboard_alone(keyboard_person):
    page = keyboard_person
    tab_to(page, lambda f: f["role"] == "tab" and f["label"] == "Éligibilité")
    page.keyboard.press("Enter")
    key_choose(page, "Qui vérifier", "Candidat")  # the first, under Vendeur conseil à distance
    key_choose(page, "Voie d'accès", "VAE")
    key_answer_yes(page, VAE_QUESTION.pattern)
    vae_candidate_knows_what_to_do(page, page.get_by_role("tabpanel", name="Éligibilité"))


def vae_candidate_knows_what_to_do(page, panel):
    box = result(page, panel)
    verdict = checker.eligibility({"subject": "candidate", "cqp": "vendeur-conseil-distance", "route": "vae",
                                   "telesales_experience": True})
    # Not « Éligible »: the branch decides on the recevabilité (issue 20).
    assert box.get_by_text(verdict["outcome"]["title"], exact=True).is_visible()
    assert box.get_by_role("heading", name="Que faire maintenant ?").is_visible()
    steps = verdict["next_steps"]
    for step in steps:
        assert box.get_by_text(step["text"]).is_visible()
    assert box.get_by_role("link", name=f"En savoir plus : {steps[0]['title']}").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_cs_trainee_reads_the_jury_result_she_needs(person):
    page = person
    panel = tool(page, "Score")
    choose(panel, "CQP", "Commercial sédentaire")
    choose(panel, "Voie d'accès", "Formation")
    known = {"C1.1": (62, 70), "C1.2": (75, 80), "C1.3": (58, 65), "C1.4": (80, 72),
             "C1.5": (70, 70), "C1.6": (66, 90), "C1.7": (71, 60)}
    for competence, (questionnaire, tutor) in known.items():
        field(panel, f"{competence} — questionnaire (%)").fill(str(questionnaire))
        field(panel, f"{competence} — tuteur (%)").fill(str(tutor))
    verdict = checker.score({"cqp": "commercial-sedentaire", "route": "formation", "blocks": {"B1": {
        c: {"questionnaire": q, "tuteur": t} for c, (q, t) in known.items()}}})
    needed = verdict["blocks"]["B1"]["needed"]
    box = result(page, panel)
    assert box.get_by_text(verdict["outcome"]["title"], exact=True).is_visible()
    b1 = box.get_by_role("row", name=re.compile(r"^Bloc B1\b"))
    b1.scroll_into_view_if_needed()
    sentence = b1.get_by_text(f"il faut au moins {fr(needed['uniform'])} % à chacun des résultats restants")
    assert sentence.is_visible()
    assert "Jury de C1.1" in sentence.inner_text()
    # the least jury result of each competence for its own minimum
    for competence, evaluations in needed["per_competence"].items():
        assert re.search(rf"{re.escape(competence)}\b[^.]*au moins {re.escape(fr(evaluations['jury']))} %",
                         read(b1)) or evaluations["jury"] == 0, competence
    # blocks not evaluated yet are neutral, never a cross
    b2 = box.get_by_role("row", name=re.compile(r"^Bloc B2\b"))
    assert b2.locator(".cqp-mark--ko").count() == 0 and b2.locator(".cqp-mark--none").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_organism_sees_every_missing_answer_at_once(person):
    page = person
    panel = tool(page, "Éligibilité")
    choose(panel, "Qui vérifier ?", "organism-vcd")
    field(panel, "Date du dépôt du dossier").fill("15/06/2026")
    answer(panel, "Organisme de formation déclaré", True)
    answer(panel, "Certifié Qualiopi", True)
    field(panel, "Responsable des évaluations (nom)").fill("Claire Martin")
    box = result(page, panel)
    assert box.get_by_text("À compléter", exact=True).is_visible()
    try:
        checker.eligibility({"subject": "organism", "cqp": "vendeur-conseil-distance", "as_of": "2026-06-15"})
    except checker.SituationError as e:
        labels = {x["path"]: x["label"] for x in e.errors}
    missing = [labels[p] for p in ("kbis_dated", "criminal_record_dated", "evaluators_proposed", "trainers_min_years")]
    items = box.get_by_role("listitem")
    shown = " | ".join(items.all_inner_texts())
    for label in missing:
        assert label in shown, f"{label} is not listed: {shown}"
    # each with a way to its field, and nothing red
    assert box.get_by_role("link", name=re.compile("^Aller au champ")).count() >= len(missing)
    assert box.locator(".cqp-mark--ko").count() == 0 and "Saisie à corriger" not in box.inner_text()
    assert box.locator(".cqp-outcome .cqp-mark--none").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
