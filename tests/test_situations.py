"""Every situation file: the checker's verdict contains the expected values, or the input is
refused with the expected located message."""
from __future__ import annotations

import pytest

import checker
from situation_files import situation_cases

CASES = situation_cases()


def assert_subset(expected, actual, path="verdict"):
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{path}: attendu un objet, obtenu {actual!r}"
        for key, value in expected.items():
            assert key in actual, f"{path}.{key} absent du verdict"
            assert_subset(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, list) and expected and isinstance(expected[0], dict):
        assert isinstance(actual, list) and len(actual) == len(expected), (
            f"{path}: attendu {len(expected)} éléments, obtenu {actual!r}")
        for i, (e, a) in enumerate(zip(expected, actual)):
            assert_subset(e, a, f"{path}[{i}]")
    else:
        assert actual == expected, f"{path}: attendu {expected!r}, obtenu {actual!r}"


def test_there_are_cases_for_every_check():
    assert {c["check"] for c in CASES} == {"score", "eligibility", "deadlines"}


@pytest.mark.parametrize("case", CASES, ids=[f"{c['file']}::{c['name']}" for c in CASES])
def test_situation(case):
    assert ("expected" in case) != ("error" in case), "a case has either expected or error"
    if "error" in case:
        with pytest.raises(checker.SituationError) as err:
            checker.evaluate(case["check"], case["situation"])
        assert str(err.value).startswith(case["error"]), str(err.value)
    else:
        verdict = checker.evaluate(case["check"], case["situation"])
        assert_subset(case["expected"], verdict)
        assert verdict["explanations"], "a verdict always explains itself"
