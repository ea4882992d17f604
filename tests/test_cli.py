"""python -m checker: JSON verdict and exit 0; bad input: exit 2, nothing on stdout, one line
on stderr naming the field."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args, stdin: str | None = None):
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True)


def test_score_from_a_file(tmp_path):
    f = tmp_path / "s.json"
    f.write_text(json.dumps({"cqp": "commercial-sedentaire", "route": "vae",
                             "blocks": {"B1": {"score": 72}, "B2": {"score": 70}, "B3": {"score": 90}}}))
    out = run("score", str(f))
    assert out.returncode == 0, out.stderr
    verdict = json.loads(out.stdout)
    assert verdict["certified"] is True and verdict["cqp"] == "commercial-sedentaire"
    assert out.stderr == ""


def test_a_negative_verdict_still_exits_0():
    out = run("score", "-", stdin=json.dumps({"cqp": "vendeur-conseil-distance", "route": "vae", "domains": {}}))
    assert out.returncode == 0
    assert json.loads(out.stdout)["certified"] is False


@pytest.mark.parametrize("check, situation, field", [
    ("score", {"cqp": "commercial-sedentaire", "route": "formation", "blocks": {"B1": {"C1.1": {"questionnaire": 120}}}},
     "blocks.B1.C1.1.questionnaire: 120 hors limites"),
    ("score", {"cqp": "vendeur-conseil-distance", "route": "formation", "domains": {"DC1": {"positive": 21, "total": 20}}},
     "domains.DC1.positive:"),
    ("deadlines", {"cqp": "vendeur-conseil-distance", "session_date": "2026-02-30"}, "session_date: date impossible"),
    ("eligibility", {"cqp": "vendeur-conseil-distance", "subject": "ministre"}, "subject:"),
])
def test_bad_input_exits_2_with_one_line_naming_the_field(check, situation, field):
    out = run(check, "-", stdin=json.dumps(situation))
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(field), out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("stdin, start", [
    ("{not json", "(situation): JSON invalide"),
    ("[]", "(situation): attendu : un objet JSON"),
    ('{"cqp": 3}', "cqp:"),
    ("", "(situation): JSON invalide"),
])
def test_unreadable_situations(stdin, start):
    out = run("score", "-", stdin=stdin)
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr.startswith(start) and len(out.stderr.splitlines()) == 1


def test_usage_errors():
    for args in ([], ["score"], ["verdict", "-"], ["score", "a", "b"]):
        out = run(*args)
        assert out.returncode == 2 and out.stdout == "" and len(out.stderr.splitlines()) == 1
    out = run("score", "/nonexistent/situation.json")
    assert out.returncode == 2 and out.stderr.startswith("/nonexistent/situation.json:")
