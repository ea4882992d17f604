"""Exact decimals (contract v1.2): a JSON number is read from its text, never through a binary
float, at every entry — CLI, Python API, cohorts (the browser's in tests/browser/test_simulator.py).
69.999999999999999999 is under 70; a number too long to read is one error naming its field."""
from __future__ import annotations

import json
import time
from decimal import Decimal

import pytest

import checker
from cli_runner import run_cli

ALMOST = "69.999999999999999999"
VAE = '{"cqp": "commercial-sedentaire", "route": "vae", "blocks": {"B1": {"score": %s}}}'
B1 = [c["id"] for c in checker.referentiel.cqp("commercial-sedentaire").parts[0]["competences"]]


def _formation(result: str) -> str:
    """Every result of bloc B1 written `result` in the JSON text."""
    return ('{"cqp": "commercial-sedentaire", "route": "formation", "blocks": {"B1": {'
            + ", ".join(f'"{c}": {{"questionnaire": {result}, "tuteur": {result}, "jury": {result}}}' for c in B1)
            + "}}}")


def _vae_cli(number: str) -> dict:
    run = run_cli("score", "-", stdin=VAE % number)
    assert run.returncode == 0, run.stderr
    return json.loads(run.text)["blocks"]["B1"]


def test_cli_reads_decimals_exactly():
    assert _vae_cli(ALMOST)["validated"] is False
    assert _vae_cli("70.000000000000000000")["validated"] is True
    assert _vae_cli("7.0e1")["validated"] is True


def test_python_api_reads_decimals_exactly():
    # From JSON text (checker.evaluate, checker.loads) and from Decimals in a dict.
    assert checker.evaluate("score", VAE % ALMOST)["blocks"]["B1"]["validated"] is False
    assert checker.score(checker.loads(VAE % ALMOST))["blocks"]["B1"]["validated"] is False
    assert checker.score(json.loads(VAE % ALMOST, parse_float=Decimal))["blocks"]["B1"]["validated"] is False
    assert checker.score(json.loads(VAE % "70", parse_float=Decimal))["blocks"]["B1"]["validated"] is True


def _competence(situation: dict) -> dict:
    return checker.score(situation)["blocks"]["B1"]


def test_a_competence_just_under_50_does_not_count_as_50():
    # Every competence's results at 49.999999999999999999: the mastery is under the minimum of
    # 50 by 10⁻¹⁸, which a float would round away.
    text = _formation("49.999999999999999999")
    b1 = _competence(checker.loads(text))
    assert b1["below_minimum"] == B1
    assert _competence(checker.loads(_formation("50")))["below_minimum"] == []
    run = run_cli("score", "-", stdin=text)
    assert json.loads(run.text)["blocks"]["B1"]["below_minimum"] == b1["below_minimum"]


def test_an_integer_field_takes_integral_decimals_only():
    vcd = '{"cqp": "vendeur-conseil-distance", "route": "formation", "domains": {"DC1": {"positive": %s, "total": 20}}}'
    assert checker.evaluate("score", vcd % "16.0")["domains"]["DC1"]["validated"] is True
    with pytest.raises(checker.SituationError) as err:
        checker.evaluate("score", vcd % "16.000001")
    assert [(e["path"], e["kind"]) for e in err.value.errors] == [("domains.DC1.positive", "type")]


@pytest.mark.parametrize("number", ["0." + "1" * 5000, "1" * 5000, "7" + "0" * 4999 + ".5", "1e999999999",
                                    "1e-999999999",
                                    # beyond the exponents Decimal holds (found by Hypothesis)
                                    "1.797693134862311e+3" + "0" * 47 + "8", "1e-" + "9" * 30])
def test_a_number_too_long_to_read_is_one_error_naming_its_field(number):
    start = time.perf_counter()
    with pytest.raises(checker.SituationError) as err:
        checker.evaluate("score", VAE % number)
    assert time.perf_counter() - start < 1
    assert [(e["path"], e["kind"]) for e in err.value.errors] == [("blocks.B1.score", "range")]
    assert "B1" in err.value.errors[0]["message"] and "trop long" in err.value.errors[0]["message"]
    run = run_cli("score", "-", stdin=VAE % number)
    assert run.returncode == 2 and run.stdout == b""
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("blocks.B1.score: nombre trop long")
    assert "Traceback" not in run.stderr


def test_a_total_of_10_to_the_18_answers_through_the_cli():
    text = ('{"cqp": "vendeur-conseil-distance", "route": "formation", "domains": '
            '{"DC1": {"positive": 800000000000000000, "total": 1000000000000000000}}}')
    start = time.perf_counter()
    run = run_cli("score", "-", stdin=text)
    print(f"CLI, total 10^18: {(time.perf_counter() - start) * 1000:.1f} ms")
    domain = json.loads(run.text)["domains"]["DC1"]
    assert domain["validated"] is True and domain["needed_positive"] == 8 * 10 ** 17


def test_cohort_cells_are_read_exactly():
    header = "cqp;route;blocks.B1.score\n"
    rows = checker.evaluate_batch("score", header + "commercial-sedentaire;vae;69,999999999999999999\n"
                                  "commercial-sedentaire;vae;70\n")
    assert [r["verdict"]["blocks"]["B1"]["validated"] for r in rows] == [False, True]
