"""Cohorts (contract v1.1): a CSV of situations, one trainee a row, evaluated row by row.

`situations(check, csv_text)` reads the file into rows (row number, label, situation…) — or raises
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
from datetime import date
from fractions import Fraction

from . import columns, fields, french, wording
from .columns import MEMBER
from .errors import SituationError, public

LABEL_COLUMN = "candidat"
# Member indexes beyond this are typing errors (a jury has a handful of members).
MAX_MEMBERS = 99

_MEMBER_PATH = re.compile(r"members\.(\d+)\.([a-z_]+)")
_BLANK = re.compile(r"[\s;,]*")
_MEMBER_INDEX = re.compile(r"\[(\d+)\]")


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
        where = f"ligne {line}, colonne {column_letters(n)}"
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
            raise CohortFileError(f"{where} : colonne « {_short(name)} » en double (déjà en colonne {column_letters(seen[key])})")
        seen[key] = n
        out.append(col)
    return out


def _example(check: str) -> str:
    return next(iter(columns.known(check)))


def _value(cell: str) -> str:
    """A cell as written, trimmed, at most 60 characters (contract v1.2)."""
    cell = cell.strip()
    return cell if len(cell) <= 60 else cell[:59] + "…"


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

def decode(data: str | bytes | bytearray | memoryview) -> str:
    """The text of a cohort file as spreadsheets write it (contract v1.2): UTF-16 when it starts
    with its byte order mark, else UTF-8 (with or without BOM), else Windows-1252 (what French
    Excel writes for « CSV (séparateur : point-virgule) »). Raises CohortFileError for a file
    that is none of them."""
    if isinstance(data, str):
        return data[1:] if data.startswith("\ufeff") else data
    data = bytes(data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise CohortFileError("le fichier commence comme un texte UTF-16 mais n'en est pas un : "
                                  "enregistrez-le depuis votre tableur au format « CSV UTF-8 »") from None
        return text[1:] if text.startswith("\ufeff") else text
    nul = data.find(b"\0")
    if nul >= 0:
        raise CohortFileError(f"ligne {_line_at(data, nul)} : ce n'est pas un fichier texte "
                              "(enregistrez votre classeur au format « CSV UTF-8 »)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as err:
            raise CohortFileError(f"ligne {_line_at(data, err.start)} : des caractères illisibles, ni UTF-8 ni "
                                  "Windows-1252 (enregistrez le fichier au format « CSV UTF-8 »)") from None
    return text[1:] if text.startswith("\ufeff") else text


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _delimiter(first_line: str) -> str:
    """`;`, tab or `,`, whichever the header uses most outside quotes (ties: `;`, the French
    spreadsheets' choice, then tab, then `,`)."""
    outside = re.sub(r'"[^"]*"', "", first_line)
    return max(";\t,", key=lambda d: (outside.count(d), -";\t,".index(d)))


def column_letters(n: int) -> str:
    """A column's name in a spreadsheet, from its number: 1 → A, 8 → H, 27 → AA."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


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


def situations(check: str, data: str | bytes, fixed: dict | None = None):
    """(row number, label, situation, problems, cells, where) for each data row of a cohort
    CSV; problems are those the checker cannot see (a cell beyond the header's columns, a cell
    contradicting the case fixed by the caller); cells are the row's, and where is {path:
    column index} (the same dict for every row), to place each error in the spreadsheet.
    `fixed`: {cqp, route, subject} chosen for the whole file (contract v1.2), ids or labels.
    A row whose `candidat` starts with « exemple » is the template's example: skipped.
    Raises CohortFileError when the file cannot be read (contract: exit 2)."""
    cohort = read(check, data, fixed)
    yield from cohort.situations(cohort.records)


class Cohort:
    """A cohort file read: its header worked out, its records (line, cells) read, no row built
    yet; `situations(records)` builds the rows of any part of them (the CLI's workers each
    build and evaluate their share)."""

    def __init__(self, check: str, wanted: dict, header: list, records: list):
        self.check, self.wanted, self.header, self.records = check, wanted, header, records
        self.plan = _Plan(header)
        self.where = {LABEL_COLUMN if col == LABEL_COLUMN else columns.dotted(col[0]): n
                      for n, col in enumerate(header) if col is not None}

    def situations(self, records):
        return _situations(self, records)


def read(check: str, data: str | bytes, fixed: dict | None = None) -> Cohort:
    """The file decoded, its header read and every record read (CSV syntax): what makes the whole
    file unreadable is raised here (CohortFileError), before any row is built."""
    if check not in columns.CHECKS:
        raise CohortFileError(f"outil « {_short(check)} » inconnu (attendu : {', '.join(columns.CHECKS)})")
    text = decode(data)
    wanted = fixed_case(check, fixed)
    records = _records(text)
    header = None
    for line, cells in records:
        if any(c.strip() for c in cells):
            header = _read_header(check, cells, line)
            break
    if header is None:
        raise CohortFileError("ligne 1 : fichier vide, sans ligne d'en-tête (attendu : les chemins des champs, "
                              f"par exemple « {LABEL_COLUMN};{_example(check)} »)")
    return Cohort(check, wanted, header, list(records))


def _situations(cohort: Cohort, records):
    check, wanted, header, plan, where = cohort.check, cohort.wanted, cohort.header, cohort.plan, cohort.where
    for line, cells in records:
        if not any(c.strip() for c in cells):
            continue
        label, situation, problems = None, {}, []
        if wanted:
            situation.update(wanted)  # in the situation's order; a cell may say the same
        nodes = plan.nodes(situation)
        for n, cell in enumerate(cells):
            value = cell.strip()
            col = header[n] if n < len(header) else None
            if col == LABEL_COLUMN:
                label = value or None
            elif not value:
                continue  # an empty cell is an absent field; a block all empty, an absent block
            elif col is None:
                problems.append(_stray_cell(n + 1, value))
            elif wanted and len(col[0]) == 1 and col[0][0] in wanted:
                conflict = _contradicts(check, col[0][0], value, wanted[col[0][0]])
                if conflict == "unread":
                    situation[col[0][0]] = value  # the checker names the unknown value
                elif conflict:
                    problems.append(_conflict(check, col[0][0], wanted[col[0][0]], n + 1, value))
            elif plan.parent[n] is None:
                path = col[0]
                _put(situation, path, value)
            else:
                plan.node(nodes, plan.parent[n])[plan.leaf[n]] = value
        if label is not None and fields.plain(label).startswith("exemple"):
            continue  # the template's example row, left as it is
        yield line, label, situation, problems, cells, where


FIXABLE = ("cqp", "route", "subject")


def _choices(key: str) -> dict[str, list[str]]:
    return {option: fields.labels((key,), option) for option in fields.options((key,))}


def fixed_case(check: str, fixed: dict | None) -> dict:
    """The case the caller fixed, as ids ({"cqp": …, "route": …}), in the situation's order;
    ids or labels accepted. An unknown value cannot be read (CohortFileError, naming it)."""
    out = {}
    for key in FIXABLE:
        value = (fixed or {}).get(key)
        if value is None or not str(value).strip():
            continue
        if key == "subject" and check != "eligibility":
            raise CohortFileError(f"« {_short(str(value))} » : le public concerné ne vaut que pour l'éligibilité")
        option = fields.read_choice(str(value), _choices(key))
        if option is None:
            name = wording.label((key,), check)
            raise CohortFileError(f"{name} « {_short(str(value))} » inconnu "
                                  f"(attendu : {', '.join(fields.options((key,)))})")
        out[key] = option
    return out


@functools.lru_cache(maxsize=1024)
def _contradicts(check: str, key: str, value: str, option: str) -> bool | str:
    """False when the cell names the fixed option, "unread" when it names none, True when it
    names another one (cached: a file repeats the same few words in these columns)."""
    read = fields.read_choice(value, _choices(key))
    return "unread" if read is None else read != option


def _conflict(check: str, key: str, option: str, n: int, value: str) -> dict:
    words = fields.labels((key,), option)
    said = words[0] if words else option
    return {**public({"path": key, "kind": "conflict",
                      "expected": f"« {said} », choisi pour tout le tableau, ou une cellule vide",
                      "label": wording.label((key,), check), "problem": "", "said": ""}),
            "column": column_letters(n), "value": _value(value)}


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


def _stray_cell(n: int, value: str) -> dict:
    letters = column_letters(n)
    return {**public({"path": f"(colonne {letters})", "kind": "unknown",
                      "expected": "une cellule sous un en-tête de colonne",
                      "label": f"Colonne {letters}", "problem": "", "said": "cellule en trop"}),
            "column": letters, "value": _value(value)}


def evaluate_batch(check: str, csv_text: str | bytes, leave_out=(), fixed: dict | None = None) -> list[dict]:
    """The contract's array: {"row", "label", "verdict"} or {"row", "label", "errors"} per data
    row; `leave_out` as for evaluate_rows; `fixed`: the case fixed for the whole file ({cqp,
    route, subject}). Raises CohortFileError when the file cannot be read."""
    return evaluate_rows(check, situations(check, csv_text, fixed), frozenset(leave_out))


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
    for row, label, situation, problems, cells, where in rows:
        try:
            verdict = evaluate(situation)
        except SituationError as err:
            first = [p for p in problems if p["kind"] == "conflict"]
            errors = first + [_placed(e, cells, where) for e in err.errors] + [p for p in problems if p not in first]
            out.append({"row": row, "label": label, "errors": errors})
            continue
        if problems:
            out.append({"row": row, "label": label, "errors": problems})
        else:
            out.append({"row": row, "label": label, "verdict": verdict})
    return out


def _placed(error: dict, cells: list[str], where: dict) -> dict:
    """An error with its cell (contract v1.2): the column's letters and the value as written,
    or None for both when no column holds that field."""
    n = where.get(_MEMBER_INDEX.sub(r".\1", error["path"]))  # members[0].role is members.0.role
    if n is None:
        return {**error, "column": None, "value": None}
    return {**error, "column": column_letters(n + 1), "value": _value(cells[n]) if n < len(cells) else ""}


def _without(evaluate, leave_out: frozenset, situation) -> dict:
    verdict = evaluate(situation)
    for key in leave_out:
        verdict.pop(key, None)
    return verdict


# --- templates ----------------------------------------------------------------------------

def template(check: str, cqp: str, route: str | None = None, subject: str | None = None, *,
             part: str | None = None) -> str:
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
    if part is not None:  # one block or domain's template: its columns only
        if check != "score" or part not in [x["id"] for x in referentiel.cqp(cqp).parts]:
            raise CohortFileError(f"bloc ou domaine « {_short(part)} » inconnu pour {cqp}")
        paths = [p for p in paths if p[0] not in ("blocks", "domains") or p[1] == part]
    plain = [p for p in paths if MEMBER not in p]
    # One member after the other, each with all its fields.
    members = [tuple(i if k == MEMBER else k for k in p)
               for i in range(columns.member_count(cqp, route)) for p in paths if MEMBER in p]
    return ";".join([LABEL_COLUMN] + [_cell(p, check, subject, data) for p in plain + members])


EXAMPLE_LABEL = "Exemple (ligne ignorée, à remplacer)"


def example_row(check: str, cqp: str, route: str | None = None, subject: str | None = None, *,
                part: str | None = None) -> str:
    """The template's example row (contract v1.2), after its header: how each value is written,
    from the field table's first example of its type (a choice by the label people read). Its
    `candidat` cell starts with « Exemple »: left as it is, the row is skipped."""
    header = template(check, cqp, route, subject, part=part)  # checks the case, as the header does
    if route is None and (check == "score" or subject == "candidate"):
        route = columns.routes(cqp)[0]
    given = {"cqp": cqp, "route": route, "subject": subject}
    cells = [EXAMPLE_LABEL]
    for cell in next(csv.reader([header], delimiter=";"))[1:]:
        path = header_path(cell)
        name = path.rsplit(".", 1)[-1]
        kind = _column(check, path)[1]
        if name in given and "." not in path:
            words = fields.labels((name,), given[name]) if given[name] else []
            value = words[0] if words else (given[name] or "")
        elif kind == columns.CHOICE:
            keys = tuple(int(k) if k.isdigit() else k for k in path.split("."))
            options = fields.options(keys)
            # A jury's members: each its own option (one of each role), as a jury is made.
            option = options[keys[1] % len(options)] if options and len(keys) > 1 and isinstance(keys[1], int) else \
                options[0] if options else ""
            words = fields.labels(keys, option) if option else []
            value = words[0] if words else option
        elif kind == columns.TEXT:
            value = "Dupont"
        else:
            value = fields.examples(kind)[0] if fields.examples(kind) else ""
        cells.append(value)
    # A field that does not apply to what the example says (a member's question for the other
    # role) is left empty: the checker says which, reading the example as a trainee's row.
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="").writerow(["x"] + cells[1:])
    (read,) = evaluate_batch(check, header + "\n" + out.getvalue() + "\n")
    for error in read.get("errors", []):
        if error["kind"] == "unknown" and error.get("column"):
            cells[_column_number(error["column"]) - 1] = ""
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="").writerow(cells)
    return out.getvalue()


def _column_number(letters: str) -> int:
    n = 0
    for c in letters:
        n = n * 26 + ord(c) - 64
    return n


def _cell(path: tuple, check: str, subject: str | None, cqp: dict) -> str:
    label = " ".join(wording.label(path, check, subject, cqp).split())
    dotted = columns.dotted(path)
    cell = dotted if label in (dotted, wording.path_text(path)) else f"{label} ({dotted})"
    # A label holding the delimiter or a quote is quoted as RFC 4180 says.
    return f'"{cell.replace(chr(34), chr(34) * 2)}"' if any(c in cell for c in ';"\n') else cell


# --- what a cohort table says of each block or domain ---------------------------------------

@functools.lru_cache(maxsize=16384)
def _said(key: str, template: str, values: tuple) -> str:
    # A table of 10,000 rows says the same few hundred cells again and again (« validé (moyenne
    # 72,5 %) »): each is filled and typeset once. Keyed by the template's text too, so that a
    # wording edited meanwhile (mkdocs serve, tests) is said as it now is.
    return wording.sentence(key, **dict(values))


def say(key: str, **values) -> str:
    """The sentence `cohort.<key>` of referentiels/site.yaml, filled and typeset (cached)."""
    key = "cohort." + key
    return _said(key, wording.template(key), tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in values.items()))


def part_notes(verdict: dict) -> dict[str, dict]:
    """For each block or domain of a score verdict that is not validated: {"out_of_reach":
    bool, "why": French}, the cause with both figures (« C3.4 : 48,25 %, sous son minimum de
    50 % »), or why it is out of reach. The cohort page shows it beside the block's state."""
    from . import referentiel

    parts = verdict.get("blocks") or verdict.get("domains") or {}
    if not parts or verdict.get("cqp") not in referentiel.cqp_ids():
        return {}
    cqp = referentiel.cqp(verdict["cqp"])
    out = {}
    for pid, part in parts.items():
        if part.get("validated") or not part.get("evaluated") or part.get("carried_over"):
            continue
        why, beyond = [], False
        if cqp.by_domains:
            minimum = cqp.rule("domain_pass_rate").value
            if part.get("decided") == "out_of_reach":
                beyond = True
                why.append(say("why.domain_out_of_reach", needed=part["needed_positive"], total=part["total"]))
            elif part.get("rate") is not None:
                why.append(say("why.rate_low", rate=part["rate"], minimum=minimum, positive=part["positive"],
                               total=part["total"], needed=part["needed_positive"]))
        elif verdict.get("route") == "vae":
            if part.get("average") is not None:
                why.append(say("why.vae_low", score=part["average"], minimum=cqp.rule("vae_block_min").value))
        else:
            minimum = cqp.rule("competence_mastery_min").value
            average_min = cqp.rule("block_average_min").value
            for cid in part.get("below_minimum", []):
                why.append(say("why.competence_low", competence=cid, mastery=part["competences"][cid], minimum=minimum))
            needed = part.get("needed")
            if needed is not None and not needed.get("reachable", True):
                beyond = True
                lost = [cid for cid, evals in (needed.get("per_competence") or {}).items()
                        if any(v is None for v in evals.values())]
                why.insert(0, say("why.block_out_of_reach_lost", competences=lost, minimum=minimum) if lost
                           else say("why.block_out_of_reach"))
            elif part.get("complete", True) and part.get("average") is not None \
                    and Fraction(str(part["average"])) < average_min:
                why.append(say("why.average_low", average=part["average"], minimum=average_min))
        if why:
            out[pid] = {"out_of_reach": beyond, "why": " ; ".join(why)}
    return out


def _part_text(part: dict, note: dict | None) -> str:
    """A block or domain in its column: its state, and its figure when it has one."""
    if note and note["out_of_reach"]:
        return say("part.out_of_reach")
    if part.get("carried_over"):
        until = date.fromisoformat(part["valid_until"]) if part.get("valid_until") else ""
        return say("part.carried_over_valid" if part.get("validated") else "part.carried_over_expired", until=until)
    if not part.get("evaluated"):
        return say("part.not_evaluated")
    if part.get("complete") is False:
        return say("part.incomplete")
    state = "validated" if part.get("validated") else "not_validated"
    if part.get("rate") is not None:
        return say(f"part.{state}_rate", rate=part["rate"])
    if part.get("average") is not None:
        return say(f"part.{state}_average", average=part["average"])
    return say(f"part.{state}")


def _needed_text(pid: str, part: dict, note: dict | None) -> str | None:
    """What a block or domain not validated still needs, or why it is not validated."""
    if part.get("validated"):
        return None
    needed = part.get("needed")
    if note:
        if needed and needed.get("uniform") is not None and not note["out_of_reach"]:
            return say("needed.why_then_uniform", part=pid, why=note["why"], uniform=needed["uniform"])
        return say("needed.why", part=pid, why=note["why"])
    if needed:
        if needed.get("uniform") is None:
            return say("needed.out_of_reach", part=pid)
        return say("needed.uniform", part=pid, uniform=needed["uniform"])
    if part.get("evaluated") and part.get("needed_positive") is not None:
        return say("needed.positive", part=pid, needed=part["needed_positive"], total=part["total"])
    return None


def _proposal(part: dict) -> str:
    if part.get("validated"):
        return say("proposal.carried_over" if part.get("carried_over") else "proposal.validated")
    if part.get("complete") is False or (not part.get("evaluated") and not part.get("carried_over")):
        return say("proposal.to_complete")
    return say("proposal.not_validated")


def problem_text(row: int, error: dict) -> str:
    """A problem of a row where the spreadsheet shows it: line, column letters, value typed."""
    message = error.get("message") or error.get("expected") or ""
    if error.get("column") and error.get("value") is not None:
        key = "problem.cell" if error["value"] != "" else "problem.empty_cell"
        return say(key, row=row, column=error["column"], value=error["value"], message=message)
    return say("problem.row", row=row, message=message)


def table_figures(verdict: dict) -> dict:
    """What the cohort page reads of a score verdict besides the row's words: its CQP, outcome and
    each block's or domain's figure and masteries (the export's numeric columns). The rest stays
    in the worker: a table of 10,000 rows held whole verdicts the page never read (a third of
    the bytes of its messages and of its memory)."""
    parts = "domains" if "domains" in verdict else "blocks"
    return {"cqp": verdict.get("cqp"), "route": verdict.get("route"), "outcome": verdict.get("outcome"),
            parts: {pid: {k: part[k] for k in ("rate", "average", "competences") if k in part}
                    for pid, part in (verdict.get(parts) or {}).items()}}


def table_row(check: str, result: dict) -> dict:
    """What the cohort page's table shows of one result of evaluate_batch, every word written:
    {"kind": positive | negative | neutral | errors, "status", "parts": {id or deadline: text},
    "needed": [text], "problems": [text], "proposals": {id: text} (the procès-verbal's; a row
    of data to correct has one `proposal` for all),
    "out_of_reach", "incomplete"}; the page only builds HTML from it."""
    row = result["row"]
    verdict = result.get("verdict")
    if verdict is None:
        # `proposal`: what the procès-verbal says in every block's column of such a row.
        return {"kind": "errors", "status": say("to_correct"), "parts": {}, "needed": [], "proposals": {},
                "proposal": say("proposal.to_correct"),
                "problems": [problem_text(row, e) for e in result.get("errors", [])],
                "out_of_reach": False, "incomplete": False}
    outcome = verdict.get("outcome")
    out = {"kind": outcome["status"] if outcome else "neutral", "status": outcome["title"] if outcome else "",
           "parts": {}, "needed": [], "problems": [], "proposals": {}, "out_of_reach": False, "incomplete": False}
    parts = verdict.get("domains") or verdict.get("blocks")
    if parts:
        notes = result["notes"] if "notes" in result else part_notes(verdict)
        for pid, part in parts.items():
            note = notes.get(pid)
            out["parts"][pid] = _part_text(part, note)
            out["proposals"][pid] = _proposal(part)
            needed = _needed_text(pid, part, note)
            if needed:
                out["needed"].append(needed)
            if note and note["out_of_reach"]:
                out["out_of_reach"] = True
            elif part.get("complete") is False or not part.get("evaluated") and not part.get("carried_over"):
                out["incomplete"] = True
    if "checks" in verdict:
        out["needed"] = [c.get("title") or c.get("message") for c in verdict["checks"] if not c["ok"]]
    if "deadlines" in verdict:
        n = len(verdict["deadlines"])
        out["status"] = say("deadlines", n=n) if n else say("deadlines_none")
        for d in verdict["deadlines"]:
            out["parts"][d["label"]] = french.long_date(date.fromisoformat(d["date"])) if d.get("date") else ""
    if out["kind"] == "neutral":
        out["incomplete"] = True
    return out
