"""Errors as data (contract v1.1): every problem of a situation at once, each with its path, its
kind and what was expected in French, plus the field's French label; the CLI prints the first
(or all with --all-errors), on stderr, exit 2, never a traceback — whatever the input."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import checker
from checker.errors import KINDS
from cli_runner import run_cli

ROOT = Path(__file__).resolve().parents[1]
CANDIDATE = {"subject": "candidate", "cqp": "vendeur-conseil-distance", "route": "formation",
             "practice_months": "six", "tutor": {"volunteer": "peut-être"}, "sesion_date": "2026-06-15"}


def run(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=ROOT, input=stdin,
                          capture_output=True)


def _errors(check: str, situation) -> list[dict]:
    with pytest.raises(checker.SituationError) as err:
        checker.evaluate(check, situation)
    return err.value.errors


def test_every_problem_at_once_in_document_order():
    errors = _errors("eligibility", CANDIDATE)
    paths = [e["path"] for e in errors]
    assert paths == ["practice_months", "tutor.volunteer", "tutor.experienced",
                     "tutor.employee_of_host_company", "tutor.chosen_by_employer", "sesion_date",
                     "company_in_branch"]
    assert {e["kind"] for e in errors} == {"type", "missing", "unknown"}
    assert all(set(e) == {"path", "kind", "expected", "label", "message"} for e in errors)


def test_labels_and_messages_are_french_and_name_no_field_id():
    for e in _errors("eligibility", CANDIDATE):
        if e["kind"] == "unknown":
            continue  # a key the person typed: it is named as typed
        assert e["label"] and e["path"] not in e["label"]
        assert e["message"].startswith(e["label"] + " : ")
        assert "missing" not in e["message"] and "_" not in e["message"]


BAD_TYPES = [
    ("eligibility", CANDIDATE),
    ("eligibility", {"subject": "organism", "cqp": "vendeur-conseil-distance", "evaluators_proposed": -3,
                     "roles": 1, "insurance_valid": "peut-être"}),
    ("eligibility", {"subject": "jury", "cqp": "vendeur-conseil-distance", "members": [3, {"habilitated": 1}]}),
    ("eligibility", {"subject": "candidate", "cqp": "vendeur-conseil-distance", "route": "formation", "tutor": 2}),
    ("score", {"cqp": "commercial-sedentaire", "route": "formation", "blocks": {"B1": {"C1.1": 3}, "B2": 4}}),
    ("score", {"cqp": "commercial-sedentaire"}),
    ("score", {"cqp": "vendeur-conseil-distance", "route": "formation", "domains": {"DC1": 3}}),
]


@pytest.mark.parametrize("check, situation", BAD_TYPES)
def test_what_is_expected_is_plain_french_without_json_words_or_symbols(check, situation):
    # What a person reads (the form, the cohort table): « oui ou non », not « true ou false »;
    # no comparison sign, no JSON object written with its keys. An unknown key is named as typed.
    for e in _errors(check, situation):
        for text in (e["expected"],) if e["kind"] == "unknown" else (e["expected"], e["message"]):
            assert not re.search(r"\b(true|false|JSON|objet)\b|[<>{}]|>=|_", text), e


def test_an_unknown_key_is_a_field_and_an_unknown_value_an_answer():
    # « sesion_date » is no field; « x » is not one of the routes: a person reads which it is.
    by_path = {e["path"]: e for e in _errors("score", {"cqp": "vendeur-conseil-distance", "route": "x",
                                                      "sesion_date": "2026-06-15", "domains": {}})}
    assert by_path["sesion_date"]["kind"] == by_path["route"]["kind"] == "unknown"
    assert "champ inconnu" in by_path["sesion_date"]["message"]
    assert by_path["route"]["message"].startswith("Voie d'accès : réponse non prévue — attendu : ")


def test_the_message_is_the_first_problem():
    with pytest.raises(checker.SituationError) as err:
        checker.eligibility(CANDIDATE)
    assert str(err.value).startswith("practice_months: attendu : un nombre de mois")


def test_cqp_then_route_come_first():
    errors = _errors("score", {"domains": 3, "route": "x", "cqp": "vendeur-conseil-distance"})
    assert [e["path"] for e in errors][:2] == ["route", "domains"]
    errors = _errors("score", {"domains": 3, "cqp": "inconnu"})
    assert [e["path"] for e in errors] == ["cqp"]


def test_kinds_are_those_of_the_contract():
    situations = [("score", {"cqp": "commercial-sedentaire", "route": "formation",
                             "blocks": {"B1": {"C1.1": {"jury": 120}}, "B9": {}}}),
                  ("score", {"cqp": "vendeur-conseil-distance", "route": "formation", "session_date": "2026-02-30",
                             "domains": {"DC2": {"validated_on": "2025-01-01", "positive": 3}}}),
                  ("eligibility", CANDIDATE)]
    seen = {e["kind"] for check, s in situations for e in _errors(check, s)}
    assert seen <= set(KINDS) and {"range", "unknown", "date", "conflict", "type", "missing"} <= seen


def test_cli_one_line_or_all_errors():
    payload = json.dumps(CANDIDATE).encode()
    one = run("eligibility", "-", stdin=payload)
    assert one.returncode == 2 and one.stdout == b""
    assert one.stderr.decode().count("\n") == 1
    every = run("eligibility", "--all-errors", "-", stdin=payload)
    lines = every.stderr.decode().splitlines()
    assert every.returncode == 2 and len(lines) == 7 and lines[0] == one.stderr.decode().strip()


def test_huge_integer_is_refused_without_traceback():
    for payload in (b'{"cqp": "vendeur-conseil-distance", "route": "formation", "domains": {"DC1": {"positive": '
                    + b"9" * 5000 + b', "total": 20}}}', b"1" * 5000):
        out = run("score", "-", stdin=payload)
        assert out.returncode == 2 and b"Traceback" not in out.stderr, out.stderr[-300:]
        assert out.stderr.decode().count("\n") == 1


def test_invalid_utf8_is_refused_the_same_from_stdin_and_from_a_file(tmp_path):
    raw = b'{"cqp": "vendeur-conseil-distance", "route": "formation", "domains": {}, "_note": "\xff"}'
    f = tmp_path / "s.json"
    f.write_bytes(raw)
    from_file, from_stdin = run("score", str(f)), run("score", "-", stdin=raw)
    assert from_file.returncode == from_stdin.returncode == 2
    assert b"pas en UTF-8" in from_file.stderr and b"pas en UTF-8" in from_stdin.stderr


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
    | st.sampled_from(["vendeur-conseil-distance", "commercial-sedentaire", "formation", "vae", "jury",
                       "organism", "candidate", "2026-06-15"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["cqp", "route", "subject", "blocks", "domains", "B1", "DC1", "C1.1", "jury", "members",
                         "session_date", "roles", "tutor"]) | st.text(max_size=5), inner, max_size=5),
    max_leaves=20)


@given(check=st.sampled_from(["score", "eligibility", "deadlines"]), situation=_json,
       big=st.booleans())
def test_any_json_on_the_cli_exits_0_or_2_without_traceback(check, situation, big):
    payload = json.dumps(situation).encode()
    if big:  # integers Python cannot even print
        payload = payload.replace(b"0", b"0" * 50, 1) if b"0" in payload else b"9" * 4400
    out = run_cli(check, "-", stdin=payload)
    assert out.returncode in (0, 2), out.stderr[-500:]
    assert "Traceback" not in out.stderr
    if out.returncode == 2:
        assert out.stdout == b"" and out.stderr.count("\n") == 1
    else:
        json.loads(out.stdout)


@given(check=st.sampled_from(["score", "eligibility", "deadlines"]), situation=_json)
def test_any_json_in_python_gives_a_verdict_or_errors_as_data(check, situation):
    try:
        checker.evaluate(check, situation)
    except checker.SituationError as err:
        assert err.errors and all(e["kind"] in KINDS and e["label"] and e["message"] for e in err.errors)
