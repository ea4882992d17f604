"""A cohort's results as a CSV for a spreadsheet (the CLI's `batch` without --format json):
`;`-separated, UTF-8 with a BOM so that French spreadsheets open it right, one row per trainee
with the status in words, each domain or block, what is still needed, and the row's problems.

Every cell is text people typed or the checker wrote: a cell a spreadsheet would take for a
formula is neutralised (spreadsheet injection).
"""
from __future__ import annotations

import csv
import io

from .cohort import table_row

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(cell: str) -> str:
    """A cell a spreadsheet would read as a formula, prefixed with ' (shown as typed)."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _date(iso: str | None) -> str:
    if not iso:
        return ""
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def _parts(verdict: dict) -> dict:
    return verdict.get("domains") or verdict.get("blocks") or {}


def _cell(text: str) -> str:
    return neutral(_plain(text))


def row_cells(check: str, result: dict) -> dict:
    """One result of evaluate_batch as its cells, each final (plain spaces, a formula
    neutralised): "row", "label", "status", "problems", and for a verdict "needed", of a score
    {"parts": {id: (decision, figure)}, "competences": {id: mastery}, "domains": bool}, of
    deadlines [(id, label, date)]. Every word is the cohort page's, written by
    checker.cohort.table_row (a row's `table` when it has one); the figures and dates are
    numbers a spreadsheet sorts. The CLI's workers write them, the main process only lines
    them up under the table's columns."""
    said = result["table"] if "table" in result else table_row(check, result)
    out = {"row": str(result["row"]), "label": _cell(result["label"] or ""), "status": _cell(said["status"]),
           "problems": _cell(" ; ".join(said["problems"]))}
    v = result.get("verdict")
    if v is None:
        return out
    out["needed"] = _cell(" ; ".join(said["needed"]))
    if check == "score":
        own = _parts(v)
        out["domains"] = "domains" in v
        out["parts"] = {p: (_cell(said["parts"].get(p, "")), _figure(part.get("rate", part.get("average"))))
                        for p, part in own.items()}
        out["competences"] = {c: _figure(m) for part in own.values() for c, m in (part.get("competences") or {}).items()}
    elif check == "deadlines":  # a date column stays a date
        out["deadlines"] = [(d["id"], d["label"], _date(d["date"])) for d in v["deadlines"]]
    return out


def table(check: str, results: list[dict]) -> str:
    """The CSV text (BOM included) of evaluate_batch's results, or of their cells already
    written ({"cells": row_cells(…)}, as the CLI's workers send them)."""
    rows = [r["cells"] if "cells" in r else row_cells(check, r) for r in results]
    head = ["Ligne", "Candidat", "Résultat"]
    parts: list[str] = []
    deadline_ids: dict[str, str] = {}
    competences: list[str] = []
    if check == "score":
        parts = list(dict.fromkeys(p for r in rows for p in r.get("parts", ())))
        competences = list(dict.fromkeys(c for r in rows for c in r.get("competences", ())))
        by_domains = any(r.get("domains") for r in rows)
        # The figures as numbers, in columns of their own: a spreadsheet sorts them.
        figures = [f"{p} : {'taux' if by_domains else 'moyenne'} (%)" for p in parts] + \
            [f"{c} : maîtrise (%)" for c in competences]
        head += [f"{p} : décision" for p in parts] + ["Ce qu'il faut encore"] + figures
    elif check == "eligibility":
        head += ["Conditions non remplies"]
    elif check == "deadlines":
        for r in rows:
            for d, label, _ in r.get("deadlines", ()):
                deadline_ids.setdefault(d, label)
        head += list(deadline_ids.values())
    head += ["Problèmes"]

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(head)
    blank = ("", "")
    for r in rows:
        line = [r["row"], r["label"], r["status"]]
        if "needed" not in r:  # data to correct: its problems only
            line += [""] * (len(head) - len(line) - 1)
        elif check == "score":
            own = r["parts"]
            line += [own.get(p, blank)[0] for p in parts]
            line.append(r["needed"])
            line += [own.get(p, blank)[1] for p in parts]
            masteries = r["competences"]
            line += [masteries.get(c, "") for c in competences]
        elif check == "eligibility":
            line.append(r["needed"])
        elif check == "deadlines":
            dates = {d: when for d, _, when in r["deadlines"]}
            line += [dates.get(d, "") for d in deadline_ids]
        line.append(r["problems"])
        writer.writerow(line)
    return BOM + out.getvalue()


def _plain(cell: str) -> str:
    """A cell with plain spaces: the checker's sentences come typeset for a screen (non-breaking
    spaces before « : » and « % »), a spreadsheet's cell is text people search and filter by
    typing a space."""
    return cell.replace("\u00a0", " ")


def _figure(value) -> str:
    """A figure as a French spreadsheet reads a number: decimal comma, no unit."""
    return "" if value is None else str(value).replace(".", ",").removesuffix(",0")
