"""Cohorts (contract v1.1): a CSV of situations, one trainee a row, evaluated row by row.

`situations(check, csv_text)` reads the file into (row number, label, situation) — or raises
CohortFileError for what makes the whole file unreadable; `evaluate_batch` gives the contract's
array, a faulty row never stopping the others; `template` writes a header for one case.

A cell is put in the situation as the text it is: the checker reads it as a form or a JSON
string is read (the field table's one reader, `checker.fields`), and reports a cell it cannot
read (kind, French expected, label and message, in column order) exactly as for a JSON situation.
"""
from __future__ import annotations

import csv
import functools
import io
import re

from . import columns, wording
from .columns import MEMBER
from .errors import SituationError, public

LABEL_COLUMN = "candidat"
# Member indexes beyond this are typing errors (a jury has a handful of members).
MAX_MEMBERS = 99

_MEMBER_PATH = re.compile(r"members\.(\d+)\.([a-z_]+)")
_BLANK = re.compile(r"[\s;,]*")


class CohortFileError(ValueError):
    """The file cannot be read as a cohort (no header, unknown or doubled column, not UTF-8);
    the message is French, on one line."""


# --- the header ---------------------------------------------------------------------------

def header_path(cell: str) -> str:
    """The path a header cell names: the content of its last parentheses when they end the cell
    (« Jury C2.1 (blocks.B2.C2.1.jury) »), else the whole cell."""
    cell = cell.strip()
    if cell.endswith(")") and "(" in cell:
        return cell[cell.rindex("(") + 1:-1].strip()
    return cell


def _column(check: str, name: str) -> tuple[tuple, str] | None:
    """(path as a tuple of keys, type) of a header path, None if that check has no such field."""
    known = columns.known(check)
    if name in known:
        return known[name]
    m = _MEMBER_PATH.fullmatch(name)
    if m and int(m.group(1)) <= MAX_MEMBERS and len(m.group(1)) <= len(str(MAX_MEMBERS)):
        pattern = columns.dotted(("members", MEMBER, m.group(2)))
        if pattern in known:
            return ("members", int(m.group(1)), m.group(2)), known[pattern][1]
    return None


def _read_header(check: str, cells: list[str], line: int) -> list:
    """For each column: None (ignored), LABEL_COLUMN, or (path, type)."""
    out: list = []
    seen: dict[str, int] = {}
    for n, cell in enumerate(cells, 1):
        name = header_path(cell)
        where = f"ligne {line}, colonne {n}"
        if not name:
            out.append(None)  # a column without a heading is checked when a row fills it
            continue
        col = LABEL_COLUMN if name.lower() == LABEL_COLUMN else _column(check, name)
        if col is None:
            raise CohortFileError(f"{where} : colonne inconnue « {_short(name)} » "
                                  f"(attendu : un champ de l'outil « {wording.check_name(check)} », écrit comme son chemin, "
                                  f"par exemple « {_example(check)} »)")
        # The field itself, so that members.1.role and members.01.role are the same column.
        key = col if col == LABEL_COLUMN else columns.dotted(col[0])
        if key in seen:
            raise CohortFileError(f"{where} : colonne « {_short(name)} » en double (déjà en colonne {seen[key]})")
        seen[key] = n
        out.append(col)
    return out


def _example(check: str) -> str:
    return next(iter(columns.known(check)))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


# --- the cells ----------------------------------------------------------------------------

def _put(situation: dict, path: tuple, value) -> None:
    node = situation
    for key, nxt in zip(path, path[1:]):
        if isinstance(key, int):  # node is a members list
            while len(node) <= key:
                node.append(None)
            if node[key] is None:
                node[key] = {}
            node = node[key]
        else:
            node = node.setdefault(key, [] if isinstance(nxt, int) else {})
    node[path[-1]] = value


# --- the file -----------------------------------------------------------------------------

def _text(data: str | bytes) -> str:
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as err:
            line = data[:err.start].count(b"\n") + 1
            raise CohortFileError(f"ligne {line} : le fichier n'est pas en UTF-8 "
                                  "(enregistrez-le en « CSV UTF-8 »)") from None
    return data[1:] if data.startswith("\ufeff") else data


def _delimiter(first_line: str) -> str:
    """`;` or `,`, whichever the header uses more outside quotes (`;` when tied: the French
    spreadsheets' choice)."""
    outside = re.sub(r'"[^"]*"', "", first_line)
    return "," if outside.count(",") > outside.count(";") else ";"


def _records(text: str):
    """(line where the record starts, cells) for every CSV record, blank ones included."""
    # The delimiter is the header's: the first line with something in it.
    first = next((line for line in io.StringIO(text, newline="") if not _BLANK.fullmatch(line)), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first),
                        skipinitialspace=True, strict=False)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as err:
        raise CohortFileError(f"ligne {start} : CSV illisible ({_csv_error(err)})") from None


def _csv_error(err: csv.Error) -> str:
    text = str(err)
    if "field larger" in text:
        return "une cellule beaucoup trop longue, sans doute un guillemet non refermé"
    return "guillemets mal placés"


def situations(check: str, data: str | bytes):
    """(row number, label, situation, problems) for each data row of a cohort CSV; problems are
    those of the row's cells that no field holds (a cell beyond the header's columns).
    Raises CohortFileError when the file cannot be read (contract: exit 2)."""
    if check not in columns.CHECKS:
        raise CohortFileError(f"outil « {_short(check)} » inconnu (attendu : {', '.join(columns.CHECKS)})")
    text = _text(data)
    records = _records(text)
    header = None
    for line, cells in records:
        if any(c.strip() for c in cells):
            header = _read_header(check, cells, line)
            break
    if header is None:
        raise CohortFileError("ligne 1 : fichier vide, sans ligne d'en-tête (attendu : les chemins des champs, "
                              f"par exemple « {LABEL_COLUMN};{_example(check)} »)")
    plan = _Plan(header)
    for line, cells in records:
        if not any(c.strip() for c in cells):
            continue
        label, situation, problems = None, {}, []
        nodes = plan.nodes(situation)
        for n, cell in enumerate(cells):
            value = cell.strip()
            col = header[n] if n < len(header) else None
            if col == LABEL_COLUMN:
                label = value or None
            elif not value:
                continue  # an empty cell is an absent field; a block all empty, an absent block
            elif col is None:
                problems.append(_stray_cell(n + 1))
            elif plan.parent[n] is None:
                path = col[0]
                _put(situation, path, value)
            else:
                plan.node(nodes, plan.parent[n])[plan.leaf[n]] = value
        yield line, label, situation, problems


class _Plan:
    """Where each column's value goes, worked out once from the header: the objects of a row
    are made as _put makes them (in column order, on the first cell that fills them), but each
    is found by its number instead of walking its path for every cell. Paths through a list (a
    jury's members) are left to _put."""

    def __init__(self, header: list):
        self.parent: list[int | None] = []  # per column: the number of the object holding it
        self.leaf: list = []
        self.objects: list[tuple[int, str]] = [(-1, "")]  # number → (its parent's number, key)
        numbers: dict[tuple, int] = {(): 0}
        for col in header:
            if col is None or col == LABEL_COLUMN or any(isinstance(k, int) for k in col[0]):
                self.parent.append(None)
                self.leaf.append(None)
                continue
            path = col[0]
            for i in range(1, len(path)):
                if path[:i] not in numbers:
                    numbers[path[:i]] = len(self.objects)
                    self.objects.append((numbers[path[:i - 1]], path[i - 1]))
            self.parent.append(numbers[path[:-1]])
            self.leaf.append(path[-1])

    def nodes(self, situation: dict) -> list:
        nodes: list = [None] * len(self.objects)
        nodes[0] = situation
        return nodes

    def node(self, nodes: list, number: int) -> dict:
        node = nodes[number]
        if node is None:
            parent, key = self.objects[number]
            holder = self.node(nodes, parent)
            # A cell of a list column may have put it there already (_put's setdefault).
            node = nodes[number] = holder.setdefault(key, {})
        return node


def _stray_cell(n: int) -> dict:
    where = f"(colonne {n})"
    return public({"path": where, "kind": "unknown", "expected": "une cellule sous un en-tête de colonne",
                   "label": f"Colonne {n}", "problem": "", "said": "cellule en trop"})


def evaluate_batch(check: str, csv_text: str | bytes, leave_out=()) -> list[dict]:
    """The contract's array: {"row", "label", "verdict"} or {"row", "label", "errors"} per data
    row; `leave_out` as for evaluate_rows. Raises CohortFileError when the file cannot be read."""
    return evaluate_rows(check, situations(check, csv_text), frozenset(leave_out))


def evaluate_rows(check: str, rows, leave_out: frozenset = frozenset()) -> list[dict]:
    """The results of rows read by situations() (the CLI shares them among processes).
    `leave_out`: keys of the verdicts not wanted (explain.OPTIONAL: a table shows none of
    them), not written at all by score, dropped for the other checks."""
    from . import CHECKS

    evaluate = CHECKS[check]
    if leave_out and check == "score":
        evaluate = functools.partial(evaluate, leave_out=leave_out)
    elif leave_out:
        evaluate = functools.partial(_without, evaluate, leave_out)
    out = []
    for row, label, situation, problems in rows:
        try:
            verdict = evaluate(situation)
        except SituationError as err:
            out.append({"row": row, "label": label, "errors": err.errors + problems})
            continue
        if problems:
            out.append({"row": row, "label": label, "errors": problems})
        else:
            out.append({"row": row, "label": label, "verdict": verdict})
    return out


def _without(evaluate, leave_out: frozenset, situation) -> dict:
    verdict = evaluate(situation)
    for key in leave_out:
        verdict.pop(key, None)
    return verdict


# --- templates ----------------------------------------------------------------------------

def template(check: str, cqp: str, route: str | None = None, subject: str | None = None) -> str:
    """The header line of a cohort CSV for one case: `candidat`, then « Label (path) » for the
    head (cqp, subject, route) and every field the checker reads there, `;`-separated."""
    from . import referentiel

    if check not in columns.CHECKS:
        raise CohortFileError(f"outil « {_short(check)} » inconnu (attendu : {', '.join(columns.CHECKS)})")
    if cqp not in referentiel.cqp_ids():
        raise CohortFileError(f"CQP « {_short(cqp)} » inconnu (attendu : {', '.join(referentiel.cqp_ids())})")
    if route is not None and route not in columns.routes(cqp):
        raise CohortFileError(f"voie « {_short(route)} » inconnue (attendu : {', '.join(columns.routes(cqp))})")
    if check == "eligibility":
        if subject not in columns.subjects(cqp):
            raise CohortFileError(f"--subject attendu pour eligibility : {', '.join(columns.subjects(cqp))}")
        if route is not None and subject in columns.NO_ROUTE:
            raise CohortFileError(f"--route ne vaut pas pour {subject} : sa situation n'a pas de voie d'accès")
    elif subject is not None:
        raise CohortFileError(f"--subject ne vaut que pour eligibility, pas pour {check}")
    if route is None and (check == "score" or subject == "candidate"):
        route = columns.routes(cqp)[0]  # these checks need a route: the fields of the first one
    data = referentiel.cqp(cqp).data
    paths = [p for p, _ in columns.head(check, subject) + columns.fields(check, cqp, route, subject)]
    plain = [p for p in paths if MEMBER not in p]
    # One member after the other, each with all its fields.
    members = [tuple(i if k == MEMBER else k for k in p)
               for i in range(columns.member_count(cqp, route)) for p in paths if MEMBER in p]
    return ";".join([LABEL_COLUMN] + [_cell(p, check, subject, data) for p in plain + members])


def _cell(path: tuple, check: str, subject: str | None, cqp: dict) -> str:
    label = " ".join(wording.label(path, check, subject, cqp).split())
    dotted = columns.dotted(path)
    cell = dotted if label in (dotted, wording.path_text(path)) else f"{label} ({dotted})"
    # A label holding the delimiter or a quote is quoted as RFC 4180 says.
    return f'"{cell.replace(chr(34), chr(34) * 2)}"' if any(c in cell for c in ';"\n') else cell
