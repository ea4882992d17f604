"""The batch path and the single path cannot drift apart: many generated trainees, with results
on both sides of every threshold of the referential and exactly on it, give through
`evaluate_batch` (whole verdicts, or without the texts a table leaves out) and through the CLI's
table exactly what `checker.score` gives row by row; and its decisions are those of the rules
computed here independently, in plain Fractions (the checker computes masteries in scaled
integers for speed)."""
from __future__ import annotations

import random
from fractions import Fraction

import pytest

import checker
from checker import evaluate_batch, referentiel, template
from checker.cohort import header_path
from checker.explain import OPTIONAL
from checker.spreadsheet import table

CS, VCD = "commercial-sedentaire", "vendeur-conseil-distance"
SESSION = ("15/06/2026", "2026-06-15")


def _value(rule_id: str, cqp: str = CS) -> Fraction:
    return referentiel.cqp(cqp).rule(rule_id).value


def _cell(x: Fraction) -> tuple[str, int | float]:
    """A percentage as a French cell and as the JSON number a situation file would hold."""
    if x.denominator == 1:
        return str(x.numerator), x.numerator
    text = f"{float(x):.2f}"
    return text.replace(".", ","), float(text)


def _targets() -> list[Fraction]:
    """Masteries and scores to aim at: each threshold, a cent either side, the bounds."""
    out = {Fraction(0), Fraction(100)}
    for rule in ("competence_mastery_min", "block_average_min", "vae_block_min"):
        v = _value(rule)
        out |= {v, v - Fraction(1, 100), v + Fraction(1, 100), v - 1, v + 1}
    return sorted(x for x in out if 0 <= x <= 100)


def _results(rng: random.Random, target: Fraction) -> dict[str, Fraction]:
    """Three results whose weighted mastery is exactly target (all equal), or scattered
    around it (the mastery then falls either side)."""
    names = list(referentiel.cqp(CS).rule("evaluation_weights").values)
    if rng.random() < 0.5:
        return {k: target for k in names}
    return {k: min(Fraction(100), max(Fraction(0), target + rng.choice((-3, -1, 0, 1, 3)))) for k in names}


def _header(cqp: str, route: str) -> list[str]:
    return [header_path(c) for c in template("score", cqp, route).split(";")]


def _put(situation: dict, path: str, value) -> None:
    if path.startswith("blocks."):
        _, block, rest = path.split(".", 2)
        competence, _, evaluation = rest.rpartition(".")
        keys = ["blocks", block] + ([competence, evaluation] if competence else [evaluation])
    else:
        keys = path.split(".")
    node = situation
    for key in keys[:-1]:
        node = node.setdefault(key, {})
    node[keys[-1]] = value


def _cohort(rng: random.Random, cqp: str, route: str, rows: int) -> tuple[str, list[dict]]:
    """(CSV text, the situations it holds, built here from the same values)."""
    header = _header(cqp, route)
    lines, situations = [";".join(header)], []
    targets = _targets()
    for i in range(rows):
        cells = {"candidat": f"Stagiaire {i + 1}", "cqp": cqp, "route": route}
        situation = {"cqp": cqp, "route": route}
        if rng.random() < 0.5:
            cells["session_date"] = SESSION[0]
            situation["session_date"] = SESSION[1]
        values: dict[str, tuple[str, int | float]] = {}
        if cqp == VCD:
            for dc in ("DC1", "DC2"):
                total = rng.randint(5, 40)
                # Around the least passing count, derived from the rule's rate.
                least = -(-_value("domain_pass_rate", VCD) * total // 100)
                positive = max(0, min(total, int(least) + rng.choice((-1, 0, 0, 1))))
                if rng.random() < 0.1:
                    continue  # not evaluated
                values[f"domains.{dc}.total"] = (str(total), total)
                values[f"domains.{dc}.positive"] = (str(positive), positive)
                if rng.random() < 0.2:
                    values[f"domains.{dc}.evaluated"] = (str(total - 1), total - 1)
        elif route == "vae":
            for path in header:
                if path.endswith(".score") and rng.random() < 0.9:
                    values[path] = _cell(rng.choice(targets))
        else:
            competences = sorted({p.rsplit(".", 1)[0] for p in header if p.startswith("blocks.")})
            partial = rng.random() < 0.3
            for comp in competences:
                for evaluation, x in _results(rng, rng.choice(targets)).items():
                    if partial and rng.random() < 0.2:
                        continue  # not known yet: the block carries `needed`
                    values[f"{comp}.{evaluation}"] = _cell(x)
        cells.update({p: text for p, (text, _) in values.items()})
        for p, (_, number) in values.items():
            _put(situation, p, number)
        lines.append(";".join(cells.get(p, "") for p in header))
        situations.append(situation)
    return "\r\n".join(lines) + "\r\n", situations


def _plain_mastery(results: dict) -> Fraction:
    weights = referentiel.cqp(CS).rule("evaluation_weights").values
    return sum(weights[k] * Fraction(str(results[k])) for k in weights) / sum(weights.values())


def _independent_block(results: dict) -> bool:
    masteries = [_plain_mastery(r) for r in results.values()]
    average = sum(masteries) / len(masteries)
    return average >= _value("block_average_min") and all(m >= _value("competence_mastery_min") for m in masteries)


CASES = [(CS, "formation", 400), (CS, "vae", 150), (VCD, "formation", 150)]


@pytest.mark.parametrize("cqp,route,rows", CASES)
def test_batch_and_single_paths_agree(cqp, route, rows):
    text, situations = _cohort(random.Random(f"{cqp}-{route}"), cqp, route, rows)
    full = evaluate_batch("score", text)
    lean = evaluate_batch("score", text, leave_out=OPTIONAL)
    assert len(full) == len(lean) == len(situations)
    for got, slim, situation in zip(full, lean, situations):
        try:
            single = checker.score(situation)
        except checker.SituationError as err:  # a faulty row: the same problems, in order
            unplaced = [{k: v for k, v in e.items() if k not in ("column", "value")} for e in got["errors"]]
            assert got["errors"] == slim["errors"] and unplaced == err.errors, got["row"]
            continue
        assert got["verdict"] == single, got["row"]
        assert slim["verdict"] == {k: v for k, v in single.items() if k not in OPTIONAL}, got["row"]
    # The CLI's table, written from verdicts without their texts, is the table of whole ones.
    assert table("score", lean) == table("score", full)


def test_decisions_are_those_of_the_rules_in_plain_fractions():
    text, situations = _cohort(random.Random("oracle"), CS, "formation", 400)
    seen = {True: 0, False: 0}
    on_threshold = 0
    for result, situation in zip(evaluate_batch("score", text, leave_out=OPTIONAL), situations):
        for block, part in result["verdict"]["blocks"].items():
            given = situation.get("blocks", {}).get(block)
            if not part.get("complete"):
                continue
            assert part["validated"] == _independent_block(given), (result["row"], block)
            seen[part["validated"]] += 1
            masteries = [_plain_mastery(r) for r in given.values()]
            on_threshold += sum(m == _value("competence_mastery_min") for m in masteries)
            on_threshold += sum(masteries) / len(masteries) == _value("block_average_min")
    # Both decisions, and exact equalities with the thresholds, occur among the generated rows.
    assert seen[True] > 20 and seen[False] > 20
    assert on_threshold > 20


def test_leaving_texts_out_of_other_checks_drops_only_them():
    from checker.cohort import situations as read

    header = [header_path(c) for c in template("deadlines", VCD, "formation").split(";")]
    cells = {"candidat": "A", "cqp": VCD, "route": "formation", "session_date": SESSION[0]}
    text = ";".join(header) + "\r\n" + ";".join(cells.get(p, "") for p in header) + "\r\n"
    full = evaluate_batch("deadlines", text)
    lean = evaluate_batch("deadlines", text, leave_out=OPTIONAL)
    [(_, _, situation, _, _, _)] = list(read("deadlines", text))
    single = checker.deadlines(situation)
    assert full[0]["verdict"] == single
    assert lean[0]["verdict"] == {k: v for k, v in single.items() if k not in OPTIONAL}
