"""No threshold, weight or duration lives in code: change one in a copy of the referential and
the verdict changes with it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import checker
from checker import compiled, dates, referentiel
from build_scripts.compile_referentiels import compile_referentiels

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def edited_referentiel(tmp_path, monkeypatch):
    """Returns edit(cqp_id, rule_id, value): rewrites one rule's value in a copy of
    referentiels/, compiles it, and points the checker at the copy for this test."""
    copy = tmp_path / "referentiels"
    shutil.copytree(ROOT / "referentiels", copy)

    def edit(cqp_id: str, rule_id: str, value) -> None:
        path = copy / f"{cqp_id}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        (rule,) = [r for r in data["rules"] if r["id"] == rule_id]
        rule["value"] = value
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        out = tmp_path / "referentiels.json"
        compile_referentiels(copy, out)
        monkeypatch.setattr(compiled, "DATA", out)
        referentiel.clear_cache()
        dates.public_holidays.cache_clear()

    yield edit
    referentiel.clear_cache()
    dates.public_holidays.cache_clear()


def _b1(results: dict) -> dict:
    comps = [c["id"] for c in referentiel.cqp("commercial-sedentaire").parts[0]["competences"]]
    return {"cqp": "commercial-sedentaire", "route": "formation", "blocks": {"B1": {c: results for c in comps}}}


def test_block_threshold_comes_from_the_referential(edited_referentiel):
    situation = _b1({"questionnaire": 72, "tuteur": 72, "jury": 72})
    assert checker.score(situation)["blocks"]["B1"]["validated"] is True
    edited_referentiel("commercial-sedentaire", "block_average_min", 75)
    assert checker.score(situation)["blocks"]["B1"]["validated"] is False


def test_weights_come_from_the_referential(edited_referentiel):
    situation = _b1({"questionnaire": 100, "tuteur": 0, "jury": 60})
    assert checker.score(situation)["blocks"]["B1"]["average"] == 60.0  # 30 + 0 + 30
    edited_referentiel("commercial-sedentaire", "evaluation_weights", {"questionnaire": 50, "tuteur": 10, "jury": 40})
    assert checker.score(situation)["blocks"]["B1"]["average"] == 74.0  # 50 + 0 + 24
    assert checker.score(situation)["blocks"]["B1"]["validated"] is True


def test_domain_rate_comes_from_the_referential(edited_referentiel):
    situation = {"cqp": "vendeur-conseil-distance", "route": "formation",
                 "domains": {"DC1": {"positive": 16, "total": 20}}}
    assert checker.score(situation)["domains"]["DC1"]["validated"] is True
    edited_referentiel("vendeur-conseil-distance", "domain_pass_rate", 85)
    assert checker.score(situation)["domains"]["DC1"]["validated"] is False


def test_deadline_amount_comes_from_the_referential(edited_referentiel):
    situation = {"cqp": "vendeur-conseil-distance", "habilitation_notified_on": "2026-01-15"}
    (end,) = [d for d in checker.deadlines(situation)["deadlines"] if d["id"] == "habilitation_end"]
    assert end["date"] == "2031-01-15"
    edited_referentiel("vendeur-conseil-distance", "habilitation_duration", 3)
    (end,) = [d for d in checker.deadlines(situation)["deadlines"] if d["id"] == "habilitation_end"]
    assert end["date"] == "2029-01-15"


def test_eligibility_threshold_comes_from_the_referential(edited_referentiel):
    situation = {"subject": "evaluator", "cqp": "vendeur-conseil-distance", "information_session": True,
                 "years_in_trade": 2, "assessment_experience_or_training": True, "charter_signed": True}
    assert checker.eligibility(situation)["eligible"] is True
    edited_referentiel("vendeur-conseil-distance", "evaluator_trade_years", 3)
    assert checker.eligibility(situation)["eligible"] is False
