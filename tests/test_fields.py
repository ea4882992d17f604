"""The field table (referentiels/site.yaml `fields` and `input_types`): every written form it lists
for every field of every check is read the same by the Python API, the CLI and a cohort's CSV,
and means the value the table says; a hint offers exactly what an error names.

The browser's side (the form typed, reloaded, opened from a share link, and
`window.CQP.evaluate` with strings) is tests/browser/test_fields_forms.py, from the same forms.
"""
from __future__ import annotations

import json
from datetime import date
from fractions import Fraction

import pytest

import checker
from checker import columns, fields, referentiel, wording
from checker.cohort import evaluate_batch
from cli_runner import run_cli


def _cases():
    for check in columns.CHECKS:
        for cqp in referentiel.cqp_ids():
            subjects = columns.subjects(cqp) if check == "eligibility" else (None,)
            for subject in subjects:
                routes = columns.routes(cqp) if subject not in columns.NO_ROUTE else [None]
                for route in routes:
                    yield check, cqp, route, subject


def _concrete(path: tuple) -> tuple:
    return tuple(0 if k == columns.MEMBER else k for k in path)


def written_forms(path: tuple, kind: str) -> list[tuple[str, object]]:
    """(text, JSON value it means) of every form the table gives that field: its type's forms;
    for a choice, each option's id and labels, also upper-cased and without accents."""
    if kind == fields.CHOICE:
        options = columns.choices("", path) or []
        out = []
        for option in options:
            for said in [option, *fields.labels(path, option)]:
                out += [(said, option), (said.upper(), option), (fields.plain(said), option)]
        return out
    if kind == fields.TEXT:
        return [("Dupont", "Dupont")]
    return fields.written_forms(kind)


def _situation(check, cqp, route, subject, path, value) -> dict:
    s: dict = {"cqp": cqp}
    if subject:
        s["subject"] = subject
    if route:
        s["route"] = route
    node = s
    for key, nxt in zip(path, path[1:]):
        if isinstance(nxt, int):
            node = node.setdefault(key, [{}])
        elif isinstance(key, int):
            node = node[key]
        else:
            node = node.setdefault(key, {})
    node[path[-1]] = value
    if path[-1] == "validated_on":
        s["session_date"] = "2026-06-15"  # a carried-over domain needs the session's date
    return s


def _outcome(check: str, situation: dict):
    try:
        return {"verdict": checker.evaluate(check, situation)}
    except checker.SituationError as err:
        return {"errors": err.errors}


def _cli(check: str, situation: dict):
    run = run_cli(check, "--all-errors", "-", stdin=json.dumps(situation, ensure_ascii=False))
    return json.loads(run.stdout) if run.returncode == 0 else run.stderr


def _csv(check: str, situation: dict, path: tuple, text: str):
    head = [("cqp",)] + ([("subject",)] if "subject" in situation else []) + ([("route",)] if "route" in situation else [])
    cells = [(columns.dotted(p), situation[p[0]]) for p in head if p != path] + [(columns.dotted(path), text)]
    if path[-1] == "validated_on":
        cells.append(("session_date", "2026-06-15"))
    csv_text = ";".join(c for c, _ in cells) + "\n" + ";".join(f'"{v}"' for _, v in cells) + "\n"
    [row] = evaluate_batch(check, csv_text)
    return {k: v for k, v in row.items() if k in ("verdict", "errors")}


def _every_field_form():
    seen = set()
    for check, cqp, route, subject in _cases():
        for path, kind in columns.head(check, subject) + columns.fields(check, cqp, route, subject):
            path = _concrete(path)
            for text, value in written_forms(path, kind):
                case = {"cqp": cqp, "route": route, "subject": subject}
                if path[0] in case and len(path) == 1 and value != case[path[0]]:
                    continue  # the head names this case: its other values are other cases
                key = (check, cqp, route, subject, path, text)
                if key not in seen:
                    seen.add(key)
                    yield check, cqp, route, subject, path, text, value


FORMS = list(_every_field_form())


def test_every_field_of_every_check_has_a_type_and_forms():
    assert len(FORMS) > 500
    for check in columns.CHECKS:
        for dotted, (path, kind) in columns.known(check).items():
            assert kind in fields.types(), dotted
            assert written_forms(_concrete(path), kind), dotted


@pytest.mark.parametrize("check, cqp, route, subject", sorted(set(_cases()), key=str))
def test_api_cli_and_csv_read_every_written_form_as_its_value(check, cqp, route, subject):
    for c, q, r, s, path, text, value in FORMS:
        if (c, q, r, s) != (check, cqp, route, subject):
            continue
        where = wording.path_text(path)
        typed = _outcome(check, _situation(check, cqp, route, subject, path, text))
        meant = _outcome(check, _situation(check, cqp, route, subject, path, value))
        assert typed == meant, (where, text)
        assert not any(e["path"] == where and e["kind"] in ("type", "unknown") for e in typed.get("errors", [])), \
            (where, text, typed)
        cli = _cli(check, _situation(check, cqp, route, subject, path, text))
        assert cli == (typed["verdict"] if "verdict" in typed else cli) and (
            "verdict" in typed or cli.startswith(typed["errors"][0]["path"])), (where, text)
        row = _csv(check, _situation(check, cqp, route, subject, path, value), path, text)
        assert {k: [{x: e[x] for x in ("path", "kind", "expected")} for e in v] if k == "errors" else v
                for k, v in row.items()} == \
            {k: [{x: e[x] for x in ("path", "kind", "expected")} for e in v] if k == "errors" else v
             for k, v in typed.items()}, (where, text)


def test_numbers_as_people_write_them():
    # (The page's own reader, which these cases tested in the browser, is gone: the checker reads.)
    accepted = {"45 %": 45, "45%": 45, "45\u00a0%": 45, "45\u202f%": 45, "14,5": Fraction(29, 2),
                "14.5": Fraction(29, 2), "1 200": 1200, "1\u00a0200": 1200, "1\u202f200": 1200,
                "12 345 678": 12345678, " 6 ": 6, "0": 0, "66,67 %": Fraction(6667, 100), "-3": -3}
    refused = ["7 0", "12 34", "1 2000", "abc", "", "%", "14,5,2", "1e3", "0x10", "4" * 400, "45 % %"]
    assert [fields.read_number(t) for t in accepted] == list(accepted.values())
    assert [fields.read_number(t) for t in refused] == [None] * len(refused)


def test_72_5_is_read_exactly_and_3_mars_2026_is_a_date():
    assert fields.read_number("72,5") == Fraction(145, 2)
    assert fields.read_number("72,5\u202f%") == Fraction(145, 2)
    assert fields.read_number("1\u00a0200") == 1200
    assert fields.read_number("69,999999999999999999") < 70
    assert fields.read_date("3 mars 2026") == date(2026, 3, 3)
    assert fields.read_date("1er MARS 2026") == date(2026, 3, 1)
    assert fields.read_date("15 aout 2026") == date(2026, 8, 15)
    assert fields.read_date("31/02/2026") == "impossible"
    assert fields.read_date("3 marzo 2026") is None


@pytest.mark.parametrize("kind", [fields.NUMBER, fields.PERCENTAGE, fields.INTEGER, fields.DATE])
def test_a_hint_offers_exactly_what_an_error_names_and_the_checker_reads(kind):
    hint = fields.hint(kind)
    error = fields.expected(kind)
    assert fields.example_text(kind) in hint and fields.example_text(kind) in error
    for example in fields.examples(kind):
        assert f"« {example} »" in hint
        read = fields.read_date(example) if kind == fields.DATE else fields.read_number(example)
        assert read not in (None, "impossible"), example


def test_the_cohort_template_s_own_words_are_values():
    # « Commercial sédentaire », « Formation »: what the template and the cohort page show.
    row = _csv("score", {"cqp": "commercial-sedentaire", "route": "formation"}, ("route",), "Formation")
    assert [e["path"] for e in row["errors"]] == ["blocks"]  # the route is read: blocks are asked for
    csv_text = "cqp;route;blocks.B1.score\nCommercial sédentaire;VAE;72,5 %\n"
    [row] = evaluate_batch("score", csv_text)
    assert row["verdict"]["blocks"]["B1"]["validated"] is True


def test_the_rule_a_field_feeds_is_a_rule_of_the_referential():
    # A field's hint in the forms is the text of the rule it feeds (`rule` in the field table,
    # build_scripts/simulator/forms.py `field_hint`): a rule renamed or removed must not leave
    # a field pointing at nothing.
    cqps = [referentiel.cqp(cid) for cid in referentiel.cqp_ids()]
    fed = {path: entry["rule"] for path, entry in wording.data()["fields"].items() if "rule" in entry}
    assert len(fed) >= 30
    for path, rule_id in fed.items():
        assert any(rule_id in {r.id for r in c.rules} for c in cqps), (path, rule_id)


def _rule_ids_in(verdict) -> set:
    """Every rule id a verdict names: its checks, its trace, what it leaves to prepare."""
    found = set()
    if isinstance(verdict, dict):
        for key, value in verdict.items():
            if key in ("id", "rule") and isinstance(value, str):
                found.add(value)
            found |= _rule_ids_in(value)
    elif isinstance(verdict, list):
        for item in verdict:
            found |= _rule_ids_in(item)
    return found


def test_the_rules_said_above_a_group_are_rules_the_checker_applies():
    # `rules` in the field table (a group's, by route) are said above the group's fields by the
    # forms (forms.py `group_hints`): each must be a rule some situation file's verdict names,
    # so that a hint never cites a rule nothing checks.
    from checker import evaluate
    from situation_files import situation_cases

    applied = set()
    for case in situation_cases():
        try:
            applied |= _rule_ids_in(evaluate(case["check"], case["situation"]))
        except Exception:  # a case of bad input: its errors name no rule
            continue
    groups = {path: entry["rules"] for path, entry in wording.data()["fields"].items() if "rules" in entry}
    assert {"members", "roles", "blocks", "route"} <= set(groups)
    for path, rules in groups.items():
        ids = [rid for ids in rules.values() for rid in ids] if isinstance(rules, dict) else rules
        for rule_id in ids:
            assert rule_id in applied, (path, rule_id)
