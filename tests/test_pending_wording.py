"""What is not known yet is never said as a failure (issue 9): while a score's outcome is neutral
(a block or domain not evaluated yet, or incomplete, and none failed), no sentence of the
result says « non validé », « non remplies » or « Pas de proposition »; it says what is still to
come. Cases are every score situation of tests/situations/ and the parts left out of each
CQP's referential in turn."""
from __future__ import annotations

import re

import pytest

import checker
from checker import referentiel
from situation_files import situation_cases

# A Vendeur conseil à distance épreuve is « non réussie » (issue 20: the jury paritaire validates).
FAILURE = re.compile(r"\bnon validée?s?\b|\bnon réussies?\b|\bnon remplies?\b|Pas de proposition|\bne suffirait pas\b")


def _score_verdicts():
    for case in situation_cases():
        if case["check"] == "score" and "expected" in case:
            yield f"{case['file']}::{case['name']}", checker.score(case["situation"])


def _empty_situations():
    # Each CQP with nothing evaluated yet, by each of its routes.
    for cqp_id in referentiel.cqp_ids():
        cqp = referentiel.cqp(cqp_id)
        key = "domains" if cqp.by_domains else "blocks"
        for route in cqp.data["routes"]:
            yield f"{cqp_id}/{route}", checker.score({"cqp": cqp_id, "route": route, key: {}})


VERDICTS = dict(_score_verdicts()) | dict(_empty_situations())
NEUTRAL = {k: v for k, v in VERDICTS.items() if v["outcome"]["status"] == "neutral"}
NEGATIVE = {k: v for k, v in VERDICTS.items() if v["outcome"]["status"] == "negative"}


def test_there_are_neutral_and_negative_results():
    assert len(NEUTRAL) >= 4 and len(NEGATIVE) >= 4


@pytest.mark.parametrize("key", sorted(NEUTRAL))
def test_a_result_not_known_yet_is_not_said_as_a_failure(key):
    said = NEUTRAL[key]["explanations"]
    assert not [s for s in said if FAILURE.search(s)], said
    # The sentence on the whole CQP says what is still to come.
    assert any(re.search(r"pas encore (réunies|de proposition)|Pas encore de proposition", s) for s in said), said


@pytest.mark.parametrize("key", sorted(NEGATIVE))
def test_a_failure_is_still_said(key):
    said = NEGATIVE[key]["explanations"]
    assert any(FAILURE.search(s) for s in said), said
