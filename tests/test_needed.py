"""Contract v1.1 `needed`: the least value is exact to the cent (it validates; one cent less does
not), whatever the known results; and a complete block is judged as before."""
from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

import checker
from checker import referentiel
from checker.score import block_validated_at, needed_per_competence

CS = referentiel.cqp("commercial-sedentaire")
B1 = CS.parts[0]
EVALS = list(CS.rule("evaluation_weights").values)
CENT = Fraction(1, 100)

result = st.one_of(st.none(), st.integers(0, 100).map(Fraction))
block = st.fixed_dictionaries({c["id"]: st.fixed_dictionaries({k: result for k in EVALS})
                               for c in B1["competences"]})


def _situation(results: dict) -> dict:
    return {"cqp": CS.id, "route": "formation",
            "blocks": {B1["id"]: {c: {k: (None if v is None else int(v)) for k, v in res.items()}
                                  for c, res in results.items()}}}


@given(block)
def test_needed_uniform_is_the_least_cent(results):
    verdict = checker.score(_situation(results))["blocks"][B1["id"]]
    if all(v is not None for res in results.values() for v in res.values()):
        assert verdict["complete"] is True and "needed" not in verdict
        return
    needed = verdict["needed"]
    assert verdict["complete"] is False and verdict["validated"] is False
    assert needed["reachable"] == (needed["uniform"] is not None)
    if needed["uniform"] is None:
        assert not block_validated_at(CS, results, Fraction(100))
        return
    x = Fraction(str(needed["uniform"]))
    assert block_validated_at(CS, results, x)
    if x > 0:
        assert not block_validated_at(CS, results, x - CENT)


@given(st.fixed_dictionaries({k: result for k in EVALS}))
def test_needed_per_competence_is_the_least_cent(res):
    if all(v is not None for v in res.values()):
        return
    y = needed_per_competence(CS, res)
    rule = CS.rule("competence_mastery_min")
    from checker.score import _mastery_at

    if y is None:
        assert not rule.holds(_mastery_at(CS, res, Fraction(100)))
    else:
        assert rule.holds(_mastery_at(CS, res, y))
        if y > 0:
            assert not rule.holds(_mastery_at(CS, res, y - CENT))
