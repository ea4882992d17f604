"""A cohort's results as a CSV for a spreadsheet (the CLI's `batch` without --format json):
`;`-separated, UTF-8 with a BOM so that French spreadsheets open it right, one row per trainee
with the status in words, each domain or block, what is still needed, and the row's problems.

Every cell is text people typed or the checker wrote: a cell a spreadsheet would take for a
formula is neutralised (spreadsheet injection).
"""
from __future__ import annotations

import csv
import io

from .french import percent

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


def _part_decision(part: dict) -> str:
    if part.get("carried_over"):
        until = _date(part.get("valid_until"))
        return ("reporté, valable jusqu'au " if part["validated"] else "reporté, expiré le ") + until
    if not part.get("evaluated"):
        return "non évalué"
    if part.get("complete") is False:
        return "incomplet"
    return "validé" if part["validated"] else "non validé"


def _needed(part_id: str, part: dict) -> str | None:
    if part.get("validated"):
        return None
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
    if check == "score":
        parts = list(dict.fromkeys(p for v in verdicts for p in _parts(v)))
        head += [f"{p} : décision" for p in parts] + ["Ce qu'il faut encore"]
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
            row.append(" ; ".join(f"{e['message']} ({e['path']})" for e in r["errors"]))
        else:
            row.append(_status(check, v))
            if check == "score":
                own = _parts(v)
                row += [_part_decision(own[p]) if p in own else "" for p in parts]
                row.append(" ; ".join(n for p, part in own.items() if (n := _needed(p, part))))
            elif check == "eligibility":
                row.append(" ; ".join(c["title"] for c in v["checks"] if not c["ok"]))
            elif check == "deadlines":
                dates = {d["id"]: _date(d["date"]) for d in v["deadlines"]}
                row += [dates.get(d, "") for d in deadline_ids]
            row.append("")
        writer.writerow([neutral(c) for c in row])
    return BOM + out.getvalue()


def _status(check: str, verdict: dict) -> str:
    if "outcome" in verdict:
        return verdict["outcome"]["title"]
    n = len(verdict.get("deadlines", []))
    return "aucune échéance" if not n else f"{n} échéance" + ("s" if n > 1 else "")
