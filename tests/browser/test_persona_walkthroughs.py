"""Persona walkthroughs (issue 20): a person on a 360 px phone starts at the home page and reaches
the result and its « Que faire maintenant ? » block by taps alone (the quick access's « Ouvrir le
simulateur », the tool's tab, the choices of its selects, the answers' radios): no address typed.
Each walk saves what the person reads at the end as a picture: in readme/ (parcours-*.png, beside
the README's other pictures) when `make screenshots` runs them (CQP_PICTURES=readme), else in
the test's own temporary folder, so that a test run leaves the checkout as it was.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import checker

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
READY = "window.CQP && CQP.status === 'ready'"
SETTLED = ("() => window.CQP.status === 'ready' && "
           "document.querySelector('[data-cqp-sim]').dataset.pending === '0'")
PHONE = {"width": 360, "height": 740}

# (name, subject switch, route, yes/no answers by question, the situation the checker is asked)
WALKS = [
    ("cs-formation", "candidate-cs", "formation", [],
     {"subject": "candidate", "cqp": "commercial-sedentaire", "route": "formation"}),
    ("cs-vae", "candidate-cs", "vae", [],
     {"subject": "candidate", "cqp": "commercial-sedentaire", "route": "vae"}),
    ("vcd-vae", "candidate-vcd", "vae", [("telesales_experience", "Oui")],
     {"subject": "candidate", "cqp": "vendeur-conseil-distance", "route": "vae", "telesales_experience": True}),
    ("vcd-formation", "candidate-vcd", "formation",
     [("practice_months", "8"), ("company_in_branch", "Oui"), ("tutor.volunteer", "Oui"),
      ("tutor.experienced", "Oui"), ("tutor.employee_of_host_company", "Oui"), ("tutor.chosen_by_employer", "Oui")],
     {"subject": "candidate", "cqp": "vendeur-conseil-distance", "route": "formation", "practice_months": 8,
      "company_in_branch": True, "tutor": {"volunteer": True, "experienced": True,
                                           "employee_of_host_company": True, "chosen_by_employer": True}}),
]


def open_simulator_from_home(page, base_url: str) -> None:
    """From the home page to a ready simulator, by the quick access's link (a tap)."""
    page.goto(f"{base_url}/")
    page.get_by_role("navigation", name="Accès rapide").get_by_role("link", name="Ouvrir le simulateur").tap()
    page.wait_for_url(f"{base_url}/simulateur/")
    page.wait_for_function(READY, timeout=90_000)


@pytest.fixture
def pictures(tmp_path) -> Path:
    return ROOT / os.environ["CQP_PICTURES"] if os.environ.get("CQP_PICTURES") else tmp_path


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(locale="fr-FR", viewport=PHONE, has_touch=True, is_mobile=True,
                              service_workers="block")
    page = ctx.new_page()
    yield page
    ctx.close()


@pytest.mark.parametrize("name, subject, route, answers, situation", WALKS, ids=[w[0] for w in WALKS])
def test_a_candidate_walks_from_the_home_page_to_what_to_do_next(phone, base_url, pictures, name, subject, route,
                                                                  answers, situation):
    page = phone
    open_simulator_from_home(page, base_url)
    page.get_by_role("tab", name="Éligibilité").tap()
    panel = page.get_by_role("tabpanel", name="Éligibilité")
    panel.get_by_label("Qui vérifier ?").filter(visible=True).first.select_option(subject)
    panel.get_by_label("Voie d'accès").filter(visible=True).first.select_option(route)
    for field, choice in answers:
        question = checker.wording.label(tuple(field.split(".")), "eligibility", "candidate")
        if choice in ("Oui", "Non"):
            panel.get_by_role("radiogroup", name=question).or_(panel.get_by_role("group", name=question)) \
                .filter(visible=True).first.get_by_role("radio", name=choice, exact=True).tap()
        else:  # a figure, typed on the phone's keyboard
            box = panel.get_by_label(question).filter(visible=True).first
            box.tap()
            box.fill(choice)
    page.wait_for_function(SETTLED)
    expected = checker.eligibility(situation)
    outcome = panel.locator(".cqp-outcome").first
    outcome.wait_for()
    assert expected["outcome"]["title"].replace("\u00a0", " ") in outcome.inner_text().replace("\u00a0", " ")
    heading = panel.get_by_role("heading", name="Que faire maintenant ?")
    heading.scroll_into_view_if_needed()
    assert heading.is_visible()
    steps = panel.locator(".cqp-next-steps li")
    assert steps.count() == len(expected["next_steps"]) > 0
    # Nothing wider than the phone: no sideways scrolling on the way.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    region = panel.get_by_role("region", name="Résultat")
    # The picture is the result alone: the header, fixed at the top of the screen, would be painted
    # over it where the viewport stood.
    page.add_style_tag(content=".md-header { visibility: hidden; }")
    region.screenshot(path=str(pictures / f"parcours-{name}.png"))


def test_a_trainee_enters_her_block_2_marks_from_the_home_page(phone, base_url, pictures):
    """The trainee of issue 20: only block 2 known (61,83 % everywhere). She reads block 2 first,
    with its figure, then what to do, the rattrapage step opening what the livret leaves unsaid."""
    page = phone
    open_simulator_from_home(page, base_url)
    page.get_by_role("tab", name="Score").tap()
    panel = page.get_by_role("tabpanel", name="Score")
    panel.get_by_label("CQP", exact=True).filter(visible=True).first.select_option("commercial-sedentaire")
    panel.get_by_label("Voie d'accès").filter(visible=True).first.select_option("formation")
    cs = checker.referentiel.cqp("commercial-sedentaire")
    b2 = next(p for p in cs.parts if p["id"] == "B2")
    for competence in b2["competences"]:
        for evaluation in ("questionnaire", "tuteur", "jury"):
            label = checker.wording.label(("blocks", "B2", competence["id"], evaluation), "score")
            box = panel.get_by_label(label, exact=True).filter(visible=True).first
            box.tap()
            box.fill("61,83")
    page.wait_for_function(SETTLED)
    outcome = panel.locator(".cqp-outcome").first
    assert "Bloc B2 non validé : 61,83 % de moyenne pour 70 % requis" in outcome.inner_text().replace("\u00a0", " ")
    heading = panel.get_by_role("heading", name="Que faire maintenant ?")
    heading.scroll_into_view_if_needed()
    assert heading.is_visible()
    links = panel.locator(".cqp-next-steps a[href*='silences-du-livret']")
    assert links.count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.add_style_tag(content=".md-header { visibility: hidden; }")
    panel.get_by_role("region", name="Résultat").screenshot(path=str(pictures / "parcours-cs-stagiaire.png"))
