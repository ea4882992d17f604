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


def table(check: str, results: list[dict]) -> str:
    """The CSV text (BOM included) of evaluate_batch's results. Every word is the cohort page's,
    written by checker.cohort.table_row (a row's `table` when the CLI's workers have already
    written it); the figures and dates are numbers a spreadsheet sorts."""
    words = [r["table"] if "table" in r else table_row(check, r) for r in results]
    verdicts = [r["verdict"] for r in results if "verdict" in r]
    head = ["Ligne", "Candidat", "Résultat"]
    parts: list[str] = []
    deadline_ids: dict[str, str] = {}
    competences: list[str] = []
    if check == "score":
        parts = list(dict.fromkeys(p for v in verdicts for p in _parts(v)))
        competences = list(dict.fromkeys(c for v in verdicts for part in _parts(v).values()
                                         for c in part.get("competences") or {}))
        by_domains = any("domains" in v for v in verdicts)
        # The figures as numbers, in columns of their own: a spreadsheet sorts them.
        figures = [f"{p} : {'taux' if by_domains else 'moyenne'} (%)" for p in parts] + \
            [f"{c} : maîtrise (%)" for c in competences]
        head += [f"{p} : décision" for p in parts] + ["Ce qu'il faut encore"] + figures
    elif check == "eligibility":
        head += ["Conditions non remplies"]
    elif check == "deadlines":
        for v in verdicts:
            for d in v["deadlines"]:
                deadline_ids.setdefault(d["id"], d["label"])
        head += list(deadline_ids.values())
    head += ["Problèmes"]

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(head)
    for r, said in zip(results, words):
        row = [str(r["row"]), r["label"] or "", said["status"]]
        v = r.get("verdict")
        if v is None:
            row += [""] * (len(head) - len(row) - 1)
        elif check == "score":
            own = _parts(v)
            row += [said["parts"].get(p, "") for p in parts]
            row.append(" ; ".join(said["needed"]))
            masteries = {c: m for part in own.values() for c, m in (part.get("competences") or {}).items()}
            row += [_figure(own[p].get("rate", own[p].get("average"))) if p in own else "" for p in parts]
            row += [_figure(masteries.get(c)) for c in competences]
        elif check == "eligibility":
            row.append(" ; ".join(said["needed"]))
        elif check == "deadlines":  # a date column stays a date
            dates = {d["id"]: _date(d["date"]) for d in v["deadlines"]}
            row += [dates.get(d, "") for d in deadline_ids]
        row.append(" ; ".join(said["problems"]))
        writer.writerow([neutral(_plain(c)) for c in row])
    return BOM + out.getvalue()


def _plain(cell: str) -> str:
    """A cell with plain spaces: the checker's sentences come typeset for a screen (non-breaking
    spaces before « : » and « % »), a spreadsheet's cell is text people search and filter by
    typing a space."""
    return cell.replace("\u00a0", " ")


def _figure(value) -> str:
    """A figure as a French spreadsheet reads a number: decimal comma, no unit."""
    return "" if value is None else str(value).replace(".", ",").removesuffix(",0")
