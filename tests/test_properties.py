"""Whatever JSON a user sends, the checker answers with a verdict or a SituationError, never
anything else (hypothesis)."""
from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

import checker
from checker import referentiel

_keys = st.sampled_from(["cqp", "route", "blocks", "domains", "B1", "B2", "B3", "DC1", "DC2", "C1.1",
                         "questionnaire", "tuteur", "jury", "score", "positive", "total", "validated_on",
                         "session_date", "subject", "members", "role", "tutor", "region", "as_of"]) | st.text(
    string.ascii_letters + "._", max_size=8)
_scalars = (st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True, allow_infinity=True)
            | st.sampled_from(["vendeur-conseil-distance", "commercial-sedentaire", "formation", "vae",
                               "2026-06-15", "2026-02-30", "0000-01-01", "candidate", "jury", "organism",
                               "evaluator", "tutor", "alsace-moselle", "metropole", "organism", "external"])
            | st.text(max_size=12))
_json = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(_keys, inner, max_size=6), max_leaves=25)


def _answer(check, situation):
    try:
        verdict = checker.evaluate(check, situation)
    except checker.SituationError as err:
        assert str(err).split(": ", 1)[1]
        return None
    assert isinstance(verdict, dict) and verdict["explanations"]
    return verdict


@given(check=st.sampled_from(["score", "eligibility", "deadlines"]), situation=_json)
def test_any_json_gives_a_verdict_or_a_situation_error(check, situation):
    _answer(check, situation)


def _nearly_valid(cqp_id):
    # Situations shaped like the real ones, so that hypothesis reaches deep fields too.
    cqp = referentiel.cqp(cqp_id)
    if cqp_id == "commercial-sedentaire":
        comp = st.fixed_dictionaries({k: _scalars | st.integers(0, 100) for k in ("questionnaire", "tuteur", "jury")})
        blocks = st.fixed_dictionaries({}, optional={
            b["id"]: st.fixed_dictionaries({c["id"]: comp for c in b["competences"]}) | st.fixed_dictionaries(
                {"score": _scalars | st.integers(0, 100)}) for b in cqp.parts})
        return st.fixed_dictionaries({"cqp": st.just(cqp_id), "route": st.sampled_from(["formation", "vae"]),
                                      "blocks": blocks})
    domain = st.fixed_dictionaries({}, optional={"positive": st.integers(-2, 30) | _scalars,
                                                 "total": st.integers(-2, 30) | _scalars,
                                                 "validated_on": st.dates().map(str) | _scalars})
    return st.fixed_dictionaries({"cqp": st.just(cqp_id), "route": st.sampled_from(["formation", "vae"]),
                                  "domains": st.fixed_dictionaries({}, optional={"DC1": domain, "DC2": domain})},
                                 optional={"session_date": st.dates().map(str)})


@given(situation=st.sampled_from(["commercial-sedentaire", "vendeur-conseil-distance"]).flatmap(_nearly_valid))
def test_nearly_valid_scores(situation):
    _answer("score", situation)


@given(situation=st.fixed_dictionaries({"cqp": st.sampled_from(["commercial-sedentaire", "vendeur-conseil-distance"])},
                                       optional={"route": st.sampled_from(["formation", "vae"]),
                                                 "region": st.sampled_from(["metropole", "alsace-moselle"]),
                                                 "session_date": st.dates().map(str),
                                                 "deliberation_date": st.dates().map(str),
                                                 "certified_on": st.dates().map(str),
                                                 "habilitation_notified_on": st.dates().map(str)}))
def test_any_dates_give_deadlines_or_a_situation_error(situation):
    _answer("deadlines", situation)
