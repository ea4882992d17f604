"""Exact inverses (issue 18, contract v1.2): every `needed` value is the rule's own closed-form
answer, equal to what a brute-force scan finds on small numbers, and as fast for a total of 10¹⁸
as for one of 20."""
from __future__ import annotations

import time
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

import checker
from checker import referentiel
from checker.rules import Rule
from checker.score import _mastery_at, domain_decided, domain_pass_rate, needed_per_competence, needed_positive

VCD = referentiel.cqp("vendeur-conseil-distance")
CS = referentiel.cqp("commercial-sedentaire")
EVALS = list(CS.rule("evaluation_weights").values)
COMPARISONS = (">=", ">", "<=", "<", "==")


def _brute_solutions(rule: Rule, slope, offset, low, high, step):
    grid = [low + k * step for k in range(int((high - low) // step) + 1)]
    ok = [x for x in grid if rule.holds(slope * x + offset)]
    return (ok[0], ok[-1]) if ok else None


fractions = st.fractions(min_value=-20, max_value=20, max_denominator=7)


@given(st.sampled_from(COMPARISONS), fractions, fractions, fractions,
       st.integers(-5, 5), st.integers(0, 40), st.sampled_from([Fraction(1), Fraction(1, 2), Fraction(3, 4)]))
def test_rule_solutions_agree_with_a_scan(op, value, slope, offset, low, span, step):
    # Every comparison, rising, falling and flat measures: the values that meet the rule form
    # one run of the grid (the measure is affine), found without scanning.
    rule = Rule("", {"id": "x", "value": str(value), "comparison": op})
    low, high = Fraction(low), Fraction(low) + span * step
    assert rule.solutions(slope, offset, low, high, step) == _brute_solutions(rule, slope, offset, low, high, step)


@given(st.integers(1, 60))
def test_needed_positive_agrees_with_a_scan(total):
    scan = next((p for p in range(total + 1) if domain_pass_rate(VCD, p, total)[0]), None)
    assert needed_positive(VCD, total) == scan


@given(st.integers(1, 40).flatmap(lambda total: st.tuples(
    st.just(total), st.integers(0, total).flatmap(lambda ev: st.tuples(st.just(ev), st.integers(0, ev))))))
def test_decided_agrees_with_every_outcome(case):
    # A domain evaluated in part is decided when every way the rest may turn out gives the same
    # verdict; the scan tries them all.
    total, (evaluated, positive) = case
    outcomes = {domain_pass_rate(VCD, positive + more, total)[0] for more in range(total - evaluated + 1)}
    expected = None if len(outcomes) == 2 else "reached" if outcomes == {True} else "out_of_reach"
    assert domain_decided(VCD, positive, evaluated, total) == expected
    if evaluated < total:
        verdict = checker.score({"cqp": VCD.id, "route": "formation", "domains": {
            "DC1": {"positive": positive, "total": total, "evaluated": evaluated}}})["domains"]["DC1"]
        assert verdict.get("decided") == expected and verdict["validated"] is False


result = st.one_of(st.none(), st.integers(0, 100).map(Fraction), st.fractions(0, 100, max_denominator=8))


@given(st.fixed_dictionaries({k: result for k in EVALS}))
def test_needed_per_competence_agrees_with_a_scan(res):
    if all(v is not None for v in res.values()):
        return
    rule = CS.rule("competence_mastery_min")
    scan = next((y for y in (Fraction(k, 100) for k in range(10001)) if rule.holds(_mastery_at(CS, res, y))), None)
    assert needed_per_competence(CS, res) == scan


def _timed(call) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def test_needed_answers_as_fast_for_huge_totals():
    def situation(total: int) -> dict:
        return {"cqp": VCD.id, "route": "formation", "domains": {
            "DC1": {"positive": total // 2, "total": total},
            "DC2": {"positive": total // 2, "total": total, "evaluated": total - 3}}}

    figures = {}
    for exponent in (1, 7, 13, 18):
        total = 2 * 10 ** exponent
        figures[exponent] = _timed(lambda: checker.score(situation(total)))
        verdict = checker.score(situation(total))["domains"]
        assert verdict["DC1"]["needed_positive"] == total * 4 // 5
        assert verdict["DC2"]["decided"] == "out_of_reach"
    print("score, total 2·10^n, best of 5: " + ", ".join(f"n={n}: {t * 1000:.2f} ms" for n, t in figures.items()))
    assert _timed(lambda: needed_positive(VCD, 10 ** 18)) < 0.05
    assert figures[18] < 0.05
