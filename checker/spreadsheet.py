"""A cohort's results as a CSV for a spreadsheet (the CLI's `batch` without --format json):
`;`-separated, UTF-8 with a BOM so that French spreadsheets open it right, one row per trainee
with the status in words, each domain or block, what is still needed, and the row's problems.

Every cell is text people typed or the checker wrote: a cell a spreadsheet would take for a
formula is neutralised (spreadsheet injection).
"""
from __future__ import annotations

import csv
import io
from datetime import date

from .cohort import part_notes
from .french import long_date, percent

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


def _part_decision(part: dict, note: dict | None = None) -> str:
    if note and note["out_of_reach"]:
        return "hors d'atteinte"
    if part.get("carried_over"):  # in words, its weekday said (a date column stays a date)
        until = long_date(date.fromisoformat(part["valid_until"])) if part.get("valid_until") else ""
        return ("reporté, valable jusqu'au " if part["validated"] else "reporté, expiré le ") + until
    if not part.get("evaluated"):
        return "non évalué"
    if part.get("complete") is False:
        return "incomplet"
    return "validé" if part["validated"] else "non validé"


def _needed(part_id: str, part: dict, note: dict | None = None) -> str | None:
    if part.get("validated"):
        return None
    if note:  # why it is not validated, both figures (cohort.part_notes)
        return f"{part_id} : {note['why']}"
    if "needed" in part:
        uniform = part["needed"]["uniform"]
        if uniform is None:
            return f"{part_id} : hors d'atteinte, quels que soient les résultats manquants"
        return f"{part_id} : {percent(uniform)} à chaque résultat manquant"
    if part.get("evaluated") and part.get("needed_positive") is not None:
        return f"{part_id} : {part['needed_positive']} indicateurs positifs sur {part['total']}"
    return None


def _parts(verdict: dict) -> dict:
    return verdict.get("domains") or verdict.get("blocks") or {}


def table(check: str, results: list[dict]) -> str:
    """The CSV text (BOM included) of evaluate_batch's results."""
    verdicts = [r["verdict"] for r in results if "verdict" in r]
    head = ["Ligne", "Candidat", "Résultat"]
    parts: list[str] = []
    deadline_ids: dict[str, str] = {}
    figures: list[str] = []
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
    for r in results:
        row = [str(r["row"]), r["label"] or ""]
        v = r.get("verdict")
        if v is None:
            row.append("Données à corriger")
            row += [""] * (len(head) - len(row) - 1)
            row.append(" ; ".join(_problem(e) for e in r["errors"]))
        else:
            row.append(_status(check, v))
            if check == "score":
                own = _parts(v)
                notes = r["notes"] if "notes" in r else part_notes(v)  # the CLI's workers write them
                row += [_part_decision(own[p], notes.get(p)) if p in own else "" for p in parts]
                row.append(" ; ".join(n for p, part in own.items() if (n := _needed(p, part, notes.get(p)))))
                masteries = {c: m for part in own.values() for c, m in (part.get("competences") or {}).items()}
                row += [_figure(own[p].get("rate", own[p].get("average"))) if p in own else "" for p in parts]
                row += [_figure(masteries.get(c)) for c in competences]
            elif check == "eligibility":
                row.append(" ; ".join(c["title"] for c in v["checks"] if not c["ok"]))
            elif check == "deadlines":
                dates = {d["id"]: _date(d["date"]) for d in v["deadlines"]}
                row += [dates.get(d, "") for d in deadline_ids]
            row.append("")
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


def _problem(error: dict) -> str:
    """A row's problem where the spreadsheet shows it: column letters and the value as typed."""
    if error.get("column"):
        value = f" (« {error['value']} »)" if error.get("value") else " (cellule vide)"
        return f"colonne {error['column']}{value} : {error['message']}"
    return error["message"]


def _status(check: str, verdict: dict) -> str:
    if "outcome" in verdict:
        return verdict["outcome"]["title"]
    n = len(verdict.get("deadlines", []))
    return "aucune échéance" if not n else f"{n} échéance" + ("s" if n > 1 else "")
