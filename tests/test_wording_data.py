"""The words people read around the rules live in referentiels/site.yaml: changing a question
there, or adding a label for a context, changes the simulator's form, the pages and the error
messages, with no change to code."""
from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

import pytest
import yaml

import checker
from build_scripts import pages
from checker import compiled, referentiel
from build_scripts.compile_referentiels import compile_referentiels
from build_scripts.simulator import Forms, simulator_html

ROOT = Path(__file__).resolve().parents[1]
CANDIDATE = {"subject": "candidate", "cqp": "vendeur-conseil-distance", "route": "formation",
             "company_in_branch": True,
             "tutor": {"volunteer": True, "experienced": True, "employee_of_host_company": True,
                       "chosen_by_employer": True}}


@pytest.fixture
def edited_wording(tmp_path, monkeypatch):
    """edit(fn): fn(site_yaml_dict) changes the wording in a copy of referentiels/; the copy is
    compiled and the checker reads it. Returns (compiled referential, pages generated)."""
    copy = tmp_path / "referentiels"
    shutil.copytree(ROOT / "referentiels", copy)

    def edit(fn):
        path = copy / "site.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        fn(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        out = tmp_path / "referentiels.json"
        compile_referentiels(copy, out)
        monkeypatch.setattr(compiled, "DATA", out)
        referentiel.clear_cache()
        return referentiel.load(), pages.build(copy)

    yield edit
    referentiel.clear_cache()


def _missing_practice_error() -> dict:
    with pytest.raises(checker.SituationError) as err:
        checker.eligibility(CANDIDATE)
    (problem,) = [e for e in err.value.errors if e["path"] == "practice_months"]
    return problem


def test_changing_a_question_changes_form_and_error(edited_wording):
    new = "Combien de mois avez-vous pratiqué en entreprise de commerce de gros ?"
    assert new not in simulator_html(Forms(referentiel.load()))
    compiled, _ = edited_wording(lambda d: d["fields"]["practice_months"].update(label=new))
    assert f">{escape(new)}</label>" in simulator_html(Forms(compiled))
    problem = _missing_practice_error()
    assert problem["label"] == new and problem["message"].startswith(new)


def test_adding_a_label_for_a_context(edited_wording):
    new = "Votre entreprise relève-t-elle de la convention collective du commerce de gros ?"
    compiled, _ = edited_wording(
        lambda d: d["fields"].update({"eligibility.candidate.company_in_branch": {"label": new}}))
    assert f"<legend>{escape(new)}</legend>" in simulator_html(Forms(compiled))  # a yes/no question
    situation = {k: v for k, v in CANDIDATE.items() if k != "company_in_branch"}
    with pytest.raises(checker.SituationError) as err:
        checker.eligibility({**situation, "practice_months": 6})
    assert err.value.errors[0]["label"] == new


def test_changing_a_date_phrase_changes_the_pages(edited_wording):
    new = "le premier jour de la session d'évaluation"
    before = pages.build(ROOT / "referentiels")["vendeur-conseil-distance/voies-d-acces.md"]
    assert new not in before
    _, site = edited_wording(lambda d: d["fields"]["session_date"].update(phrase=new))
    assert f"avant {new}" in site["vendeur-conseil-distance/voies-d-acces.md"]


def test_changing_a_route_label_changes_pages_and_form(edited_wording):
    compiled, site = edited_wording(lambda d: d["routes"]["vae"].update(
        label="Validation des acquis", long="Validation des acquis de l'expérience (VAE)"))
    # The form's selects show the route's label (short enough for a phone), the long form beside.
    assert f'>{escape("Validation des acquis")}</option>' in simulator_html(Forms(compiled))
    assert "Validation des acquis" in site["vendeur-conseil-distance/index.md"]


def test_next_step_writes_a_rules_threshold_from_the_rule():
    """`{threshold:rule}` in a next step is the rule's comparison and value, never a copy."""
    cs = referentiel.cqp("commercial-sedentaire")
    verdict = checker.score({"cqp": "commercial-sedentaire", "route": "vae", "blocks": {}})
    threshold = cs.rule("vae_block_min").threshold()
    assert any(threshold in step["text"] for step in verdict["next_steps"]), verdict["next_steps"]


def test_who_decides_is_said_only_for_the_statuses_listed(edited_wording):
    """While results are missing, the result opens with what is still needed, not with who
    decides; the statuses for which `who` is said are data (`who_for`)."""
    neutral = checker.score({"cqp": "commercial-sedentaire", "route": "formation", "blocks": {}})
    assert "who" not in neutral["outcome"]
    edited_wording(
        lambda d: d["outcomes"]["score"]["commercial-sedentaire"].update(who_for=["neutral"]))
    neutral = checker.score({"cqp": "commercial-sedentaire", "route": "formation", "blocks": {}})
    assert neutral["outcome"]["who"].startswith("Le livret fixe ces conditions")
