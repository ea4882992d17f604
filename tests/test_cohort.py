"""Cohorts (contract v1.1, section Cohorts): CSV files of tests/cohorts/ read row by row, the
same verdicts as the checker on every situation file, the templates read back, the CLI's batch
and template commands, and arbitrary text never raising anything but the file's own error."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import checker
from checker import CohortFileError, columns, evaluate_batch, referentiel, template
from checker.cohort import column_letters, example_row, table_row
from checker.__main__ import main
from situation_files import situation_cases

ROOT = Path(__file__).resolve().parents[1]
COHORTS = ROOT / "tests" / "cohorts"


def batch(check: str, name: str) -> list[dict]:
    return evaluate_batch(check, (COHORTS / name).read_bytes())


def by_row(results: list[dict]) -> dict[int, dict]:
    return {r["row"]: r for r in results}


def error_paths(result: dict) -> list[tuple[str, str]]:
    return [(e["path"], e["kind"]) for e in result["errors"]]


# --- the fixture files ---------------------------------------------------------------------

def test_valid_file_with_the_templates_french_header():
    rows = by_row(batch("score", "valid-cs-formation.csv"))
    assert list(rows) == [2, 3, 4]
    alice, bruno, chloe = rows[2], rows[3], rows[4]
    assert alice["label"] == "Alice Martin" and alice["verdict"]["certified"] is True
    assert [b["average"] for b in alice["verdict"]["blocks"].values()] == [70.0, 70.0, 70.0]
    # Only block 1 filled: the others are absent blocks, not incomplete ones.
    assert bruno["verdict"]["blocks"]["B1"] == {**bruno["verdict"]["blocks"]["B1"], "validated": True,
                                                "average": 80.0}
    assert bruno["verdict"]["blocks"]["B2"]["evaluated"] is False
    assert "needed" not in bruno["verdict"]["blocks"]["B2"]
    assert chloe["verdict"]["blocks"]["B3"]["validated"] is False
    assert chloe["verdict"]["blocks"]["B3"]["below_minimum"] == ["C3.6"]


def test_mixed_valid_and_faulty_rows_with_commas():
    rows = by_row(batch("score", "mixed-vcd-comma.csv"))
    assert list(rows) == [2, 3, 4, 5, 6]
    assert rows[2]["verdict"]["certified"] is True
    assert error_paths(rows[3]) == [("domains.DC1.positive", "range"), ("domains.DC2.positive", "type")]
    faulty = rows[3]["errors"][1]
    assert faulty["label"] == "DC2 — indicateurs évalués positivement"
    assert faulty["message"].startswith("DC2 — indicateurs évalués positivement : réponse non reconnue")
    assert faulty["expected"]
    # A date written JJ/MM/AAAA; a domain carried over.
    assert rows[4]["verdict"]["domains"]["DC2"]["carried_over"] is True
    assert rows[4]["verdict"]["domains"]["DC2"]["valid_until"] == "2027-02-01"
    assert error_paths(rows[5]) == [("cqp", "unknown")]
    assert rows[6]["verdict"]["route"] == "vae" and rows[6]["verdict"]["certified"] is True


def test_french_decimals_and_percent_signs():
    rows = by_row(batch("score", "french-decimals.csv"))
    # 30 % × 14,5 + 20 % × 45 + 50 % × 70,25 = 48,475
    assert rows[2]["verdict"]["blocks"]["B1"]["competences"] == {"C1.1": 48.48}
    assert rows[3]["verdict"]["blocks"]["B2"]["average"] == 72.5      # « 72,5 % » with U+00A0
    assert rows[4]["verdict"]["blocks"]["B2"]["validated"] is False   # 69.99
    assert error_paths(rows[5]) == [("blocks.B2.score", "type")]
    assert "pourcentage" in rows[5]["errors"][0]["expected"]


def test_bom_and_crlf():
    rows = batch("score", "bom-crlf.csv")
    assert [(r["row"], r["label"]) for r in rows] == [(2, "Alice"), (4, "Bruno")]
    assert rows[0]["verdict"]["domains"]["DC1"]["validated"] is True


def test_quoted_cells_and_records_over_several_lines():
    rows = batch("score", "quoted-multiline.csv")
    assert [(r["row"], r["label"]) for r in rows] == [
        (2, "Martin; Paul"), (3, "Durand\nChloé \"la Grande\""), (5, "Petit, Bruno"), (6, "Sans\n\nfin")]
    assert rows[0]["verdict"]["domains"]["DC1"]["positive"] == 16  # the header cell held a « ; »
    assert rows[2]["verdict"]["domains"]["DC1"]["positive"] == 17  # spaces around a quoted cell
    assert error_paths(rows[3]) == [("domains.DC1.positive", "type")]


def test_header_alone_gives_an_empty_array():
    assert batch("score", "header-only.csv") == []


@pytest.mark.parametrize("name, words", [
    ("blank-lines-only.csv", ["sans ligne d'en-tête"]),
    ("unknown-column.csv", ["colonne inconnue", "domains.DC1.positve", "colonne D", "l'outil « Résultats »"]),
    ("doubled-column.csv", ["en double", "domains.DC1.total"]),
    ("doubled-column-parentheses.csv", ["en double", "domains.DC1.total"]),
    ("windows-1252-undefined.csv", ["ni UTF-8 ni Windows-1252", "ligne 3"]),
    ("nul-bytes.csv", ["pas un fichier texte", "ligne 1"]),
])
def test_files_that_cannot_be_read(name, words):
    with pytest.raises(CohortFileError) as err:
        batch("score", name)
    assert isinstance(err.value, ValueError)
    assert all(w in str(err.value) for w in words), str(err.value)
    assert "\n" not in str(err.value)


def test_members_list_by_index_and_booleans_in_any_case():
    rows = by_row(batch("eligibility", "members-vcd-jury.csv"))
    assert rows[2]["verdict"]["eligible"] is True
    assert [c["id"] for c in rows[3]["verdict"]["checks"] if not c["ok"]] == ["jury_member_organism"]
    assert error_paths(rows[4]) == [("members[0].habilitated", "type")]
    assert rows[4]["errors"][0]["label"] == "Membre 1 : habilité"


def test_candidates_booleans_and_dates():
    rows = by_row(batch("eligibility", "candidates-booleans-dates.csv"))
    assert rows[2]["verdict"]["eligible"] is True
    assert rows[3]["verdict"]["eligible"] is False
    assert error_paths(rows[4]) == [("session_date", "date"), ("professional_file_received_on", "date")]
    assert error_paths(rows[5]) == [("telesales_experience", "missing")]


def test_a_block_all_empty_is_an_absent_block():
    rows = by_row(batch("score", "block-all-empty.csv"))
    blocks = rows[2]["verdict"]["blocks"]
    assert blocks["B1"]["validated"] is True
    assert blocks["B2"]["evaluated"] is False and blocks["B3"]["evaluated"] is False
    assert error_paths(rows[3]) == [("blocks", "missing")]  # nothing given at all


def test_the_same_member_field_twice_is_a_doubled_column():
    with pytest.raises(CohortFileError, match="en double"):
        evaluate_batch("eligibility", "cqp;subject;members.1.role;Rôle (members.01.role)\n")


def test_cells_beyond_the_header_are_the_rows_problem():
    rows = evaluate_batch("score", "cqp;route\nvendeur-conseil-distance;formation;;x\n")
    assert error_paths(rows[0])[-1] == ("(colonne D)", "unknown")
    assert rows[0]["errors"][-1]["column"] == "D" and rows[0]["errors"][-1]["value"] == "x"


# --- contract v1.2: the files organisms have, the case fixed by the caller ------------------

LEAN = ("trace", "explanations", "references", "next_steps")


def test_a_file_that_is_not_utf8_is_read_as_windows_1252():
    rows = by_row(batch("score", "not-utf8.csv"))
    assert rows[2]["label"] == "Chloé"


@pytest.mark.parametrize("name", ["excel-windows-1252.csv", "libreoffice-utf16.csv"])
def test_french_excel_and_libreoffice_files_with_the_case_fixed(name):
    rows = by_row(evaluate_batch("score", (COHORTS / name).read_bytes(), LEAN,
                                 {"cqp": "commercial-sedentaire", "route": "vae"}))
    # The example row (line 2) is skipped; accented names, CRLF and decimal commas are read.
    assert list(rows) == [3, 4, 5, 6]
    rene, zoe, anais, loic = rows[3], rows[4], rows[5], rows[6]
    assert rene["label"] == "René Lefèvre" and rene["verdict"]["blocks"]["B2"]["validated"] is False
    assert rene["verdict"]["blocks"]["B1"]["average"] == 72.5
    assert zoe["label"] == "Zoé Müller" and zoe["verdict"]["certified"] is True  # empty cqp and route
    # A route that contradicts the case chosen is the row's error, with its cell.
    assert anais["errors"] == [{**anais["errors"][0], "path": "route", "kind": "conflict", "column": "C",
                                "value": "formation"}]
    assert "VAE" in anais["errors"][0]["expected"]
    # A typo: the value as typed and the spreadsheet's column letter.
    assert [(e["path"], e["column"], e["value"]) for e in loic["errors"]] == [("blocks.B1.score", "D", "7O")]


def test_labels_in_any_case_without_accents_and_the_fixed_case_by_label():
    text = ("candidat;cqp;route;blocks.B1.score\n"
            "a;COMMERCIAL SEDENTAIRE DU SECTEUR ALIMENTAIRE;vae (validation des acquis de l’experience);70\n"
            "b;commercial-sedentaire;vae;70\n")
    for fixed in (None, {"cqp": "Commercial sédentaire", "route": "VAE"}):
        rows = evaluate_batch("score", text, LEAN, fixed)
        assert all("verdict" in r for r in rows), rows


def test_an_unknown_value_in_a_fixed_column_stays_unknown_and_an_unknown_fixed_value_is_the_files():
    rows = evaluate_batch("score", "candidat;cqp;blocks.B1.score\na;CQP inconnu;70\n", LEAN,
                          {"cqp": "commercial-sedentaire", "route": "vae"})
    assert [(e["path"], e["kind"], e["column"], e["value"]) for e in rows[0]["errors"]] == [
        ("cqp", "unknown", "B", "CQP inconnu")]
    with pytest.raises(CohortFileError, match="inconnu"):
        evaluate_batch("score", "candidat;blocks.B1.score\n", fixed={"cqp": "boulangerie"})


def test_an_error_without_a_cell_has_no_column_and_an_empty_cell_its_letter():
    rows = evaluate_batch("score", "cqp;route;session_date;domains.DC2.validated_on\n"
                          "vendeur-conseil-distance;;;01/02/2025\n", LEAN)
    placed = {e["path"]: (e["column"], e["value"]) for e in rows[0]["errors"]}
    assert placed["route"] == ("B", "")
    assert placed["session_date"] == ("C", "")


def test_a_long_value_is_cut_to_60_characters():
    rows = evaluate_batch("score", "cqp;route;blocks.B1.score\ncommercial-sedentaire;vae;" + "9" * 80 + "x\n", LEAN)
    value = rows[0]["errors"][0]["value"]
    assert len(value) == 60 and value.endswith("…")


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_delimiters_and_utf8_bom(delimiter):
    text = delimiter.join(["candidat", "cqp", "route", "blocks.B1.score"]) + "\r\n" + \
        delimiter.join(["Élodie", "commercial-sedentaire", "vae", "70"]) + "\r\n"
    (row,) = evaluate_batch("score", "\ufeff".encode() + text.encode("utf-8"), LEAN)
    assert row["label"] == "Élodie" and row["verdict"]["blocks"]["B1"]["validated"] is True


def test_cli_batch_with_the_case_fixed():
    p = run("batch", "score", str(COHORTS / "excel-windows-1252.csv"), "--format", "json",
            "--cqp", "Commercial sédentaire", "--route", "vae")
    assert p.returncode == 0, p.stderr
    assert [r["row"] for r in json.loads(p.stdout)] == [3, 4, 5, 6]
    p = run("batch", "score", str(COHORTS / "excel-windows-1252.csv"), "--cqp", "boulangerie")
    assert p.returncode == 2 and p.stderr.count(b"\n") == 1 and b"boulangerie" in p.stderr


# --- the same verdicts as the checker, situation file by situation file --------------------

def _unplaced(errors: list[dict]) -> list[dict]:
    """A row's errors without their cell (column, value): what the checker says of the same
    situation given as JSON."""
    return [{k: v for k, v in e.items() if k not in ("column", "value")} for e in errors]


def _flatten(value, path=()) -> list[tuple[tuple, object]] | None:
    """(path, leaf) pairs of a situation, None when a CSV cannot say it (null, an empty object
    or list, a key starting with _, a value that is not a scalar)."""
    if isinstance(value, dict):
        if not value:
            return None
        out = []
        for k, v in value.items():
            if not isinstance(k, str) or k.startswith("_"):
                return None
            sub = _flatten(v, path + (k,))
            if sub is None:
                return None
            out += sub
        return out
    if isinstance(value, list):
        if not value:
            return None
        out = []
        for i, v in enumerate(value):
            sub = _flatten(v, path + (i,))
            if sub is None:
                return None
            out += sub
        return out
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return [(path, value)]


_CELL_TYPES = {columns.NUMBER: (int, float), columns.PERCENTAGE: (int, float), columns.INTEGER: (int, float),
               columns.BOOL: (bool,),
               columns.DATE: (str,), columns.TEXT: (str,), columns.CHOICE: (str,)}


def _cell(value, kind: str, n: int) -> str:
    """A value as a French spreadsheet might write it (forms vary from row to row)."""
    if isinstance(value, bool):
        return [("oui", "non"), ("TRUE", "FALSE"), ("1", "0"), ("Oui", "Non")][n % 4][0 if value else 1]
    if isinstance(value, float):
        text = repr(value)
        return text.replace(".", ",") if n % 2 else text + " %"
    if kind == columns.DATE and n % 2 and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:]}/{value[5:7]}/{value[:4]}"
    return str(value)


def _representable(check: str, situation) -> list[tuple[str, str, object]] | None:
    """(header path, type, value) of each field, or None if the CSV would not say the same."""
    if not isinstance(situation, dict):
        return None
    pairs = _flatten(situation)
    if pairs is None:
        return None
    out = []
    for path, value in pairs:
        dotted = columns.dotted(path)
        from checker.cohort import _column

        col = _column(check, dotted)
        if col is None or not isinstance(value, _CELL_TYPES[col[1]]) or (
                col[1] != columns.BOOL and isinstance(value, bool)) or (
                isinstance(value, str) and value != value.strip()):
            return None
        if isinstance(value, str) and col[1] in (columns.NUMBER, columns.PERCENTAGE, columns.INTEGER, columns.BOOL):
            return None
        if isinstance(value, float) and ("e" in repr(value) or value != value):
            return None
        out.append((dotted, col[1], value))
    return out


def _csv(rows: list[tuple[str, list[tuple[str, str, object]]]]) -> str:
    header: list[str] = []
    for _, fields in rows:
        for dotted, _, _ in fields:
            if dotted not in header:
                header.append(dotted)
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    w.writerow(["candidat"] + header)
    for n, (name, fields) in enumerate(rows):
        cells = {d: _cell(v, kind, n) for d, kind, v in fields}
        w.writerow([name] + [cells.get(h, "") for h in header])
    return out.getvalue()


def _expected(check: str, situation) -> dict:
    try:
        return {"verdict": checker.evaluate(check, situation)}
    except checker.SituationError as err:
        return {"errors": err.errors}


CASES = [c for c in situation_cases()]
CHECKS_IN_FILES = sorted({c["check"] for c in CASES})


@pytest.mark.parametrize("check", CHECKS_IN_FILES)
def test_each_situation_as_one_csv_file(check):
    """One file per situation: the columns in the situation's order, so errors keep their order."""
    done = 0
    for case in CASES:
        fields = _representable(check, case["situation"]) if case["check"] == check else None
        if fields is None:
            continue
        (result,) = evaluate_batch(check, _csv([(case["name"], fields)]))
        assert result["row"] == 2 and result["label"] == case["name"]
        assert {k: _unplaced(v) if k == "errors" else v for k, v in result.items() if k in ("verdict", "errors")} == \
            _expected(check, case["situation"]), case["name"]
        done += 1
    assert done >= 5, f"too few situations of {check} could be written as CSV ({done})"


@pytest.mark.parametrize("check", CHECKS_IN_FILES)
def test_all_situations_of_a_check_in_one_csv_file(check):
    """One row per situation: same verdicts, same problems (their order follows the shared
    header's columns)."""
    cases = [(c["name"], f, c["situation"]) for c in CASES if c["check"] == check
             and (f := _representable(check, c["situation"])) is not None]
    results = evaluate_batch(check, _csv([(name, fields) for name, fields, _ in cases]))
    assert [r["row"] for r in results] == list(range(2, len(cases) + 2))
    for (name, _, situation), result in zip(cases, results):
        expected = _expected(check, situation)
        assert result["label"] == name
        if "verdict" in expected:
            assert result.get("verdict") == expected["verdict"], name
        else:
            key = lambda e: (e["path"], e["kind"])  # noqa: E731
            assert sorted(_unplaced(result.get("errors", [])), key=key) == sorted(expected["errors"], key=key), name


# --- templates -----------------------------------------------------------------------------

def _cases():
    for check in columns.CHECKS:
        for cqp in referentiel.cqp_ids():
            subjects = columns.subjects(cqp) if check == "eligibility" else (None,)
            for subject in subjects:
                for route in [None, *(columns.routes(cqp) if subject not in columns.NO_ROUTE else ())]:
                    yield check, cqp, route, subject


_FILL = {columns.NUMBER: "50", columns.PERCENTAGE: "50", columns.INTEGER: "20", columns.BOOL: "oui", columns.DATE: "15/06/2026",
         columns.TEXT: "Dupont"}


def _filled(check: str, cqp: str, route: str | None, subject: str | None, path: str, kind: str) -> str:
    name = path.rsplit(".", 1)[-1]
    if kind != columns.CHOICE:
        if name == "validated_on" or (name in ("involved_in_candidate_path", "from_host_company")):
            # A domain is either evaluated or carried over; each role has its own question.
            member = path.split(".")[1] if path.startswith("members.") else None
            if member is None or (name == "involved_in_candidate_path") != (member == "0"):
                return ""
        return _FILL[kind]
    return {"cqp": cqp, "route": route or columns.routes(cqp)[0], "subject": subject or "",
            "region": "metropole", "organism_kind": "training_body"}.get(
        name, "organism" if path == "members.0.role" else "external")


@pytest.mark.parametrize("check, cqp, route, subject", list(_cases()))
def test_every_template_reads_back(check, cqp, route, subject):
    header = template(check, cqp, route, subject)
    cells = next(csv.reader([header], delimiter=";"))
    assert cells[0] == "candidat" and "\n" not in header
    from checker.cohort import _column, header_path

    paths = [header_path(c) for c in cells[1:]]
    assert paths[:2] == ["cqp", "subject"] if check == "eligibility" else paths[:2] == ["cqp", "route"]
    kinds = [_column(check, p)[1] for p in paths]
    assert all("(" in c and c.endswith(f"({p})") for c, p in zip(cells[1:], paths))
    row = ["Dupont Marie"] + [_filled(check, cqp, route, subject, p, k) for p, k in zip(paths, kinds)]
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerow(row)
    (result,) = evaluate_batch(check, header + "\r\n" + out.getvalue())
    assert result["row"] == 2 and result["label"] == "Dupont Marie"
    # Every cell was read as its field's type, under a field the checker knows there.
    assert not [e for e in result.get("errors", []) if e["kind"] in ("type", "unknown")], result


@pytest.mark.parametrize("check, cqp, route, subject", list(_cases()))
def test_every_templates_example_row_is_read_and_skipped(check, cqp, route, subject):
    header, example = template(check, cqp, route, subject), example_row(check, cqp, route, subject)
    assert example.startswith("Exemple")
    assert evaluate_batch(check, header + "\r\n" + example + "\r\n") == []
    # Renamed, the same row is read: every value of the example is written as the checker reads it.
    (row,) = evaluate_batch(check, header + "\r\n" + example.replace("Exemple", "Dupont", 1) + "\r\n")
    assert not [e for e in row.get("errors", []) if e["kind"] in ("type", "unknown")], row


def test_template_of_a_jury_lists_each_member():
    cells = template("eligibility", "vendeur-conseil-distance", subject="jury").split(";")
    assert "Membre 1 : rôle (members.0.role)" in cells and "Membre 2 : nom (members.1.name)" in cells


@pytest.mark.parametrize("args", [("score", "cqp-inconnu", None, None),
                                  ("score", "commercial-sedentaire", "alternance", None),
                                  ("eligibility", "commercial-sedentaire", None, None),
                                  ("eligibility", "commercial-sedentaire", None, "organism"),
                                  ("eligibility", "vendeur-conseil-distance", "vae", "organism"),
                                  ("score", "commercial-sedentaire", None, "jury"),
                                  ("calendrier", "commercial-sedentaire", None, None)])
def test_template_refuses_a_case_the_checker_does_not_know(args):
    with pytest.raises(CohortFileError):
        template(*args)


# --- the CLI -------------------------------------------------------------------------------

def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *args], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=120)


def test_cli_batch_json_is_the_contracts_array():
    p = run("batch", "score", str(COHORTS / "mixed-vcd-comma.csv"), "--format", "json")
    assert p.returncode == 0 and p.stderr == b""
    assert json.loads(p.stdout) == batch("score", "mixed-vcd-comma.csv")


def test_cli_batch_reads_stdin():
    p = run("batch", "score", "-", "--format=json", stdin=(COHORTS / "bom-crlf.csv").read_bytes())
    assert p.returncode == 0 and [r["row"] for r in json.loads(p.stdout)] == [2, 4]


@pytest.mark.parametrize("name, words", [
    ("blank-lines-only.csv", "en-tête"), ("unknown-column.csv", "domains.DC1.positve"),
    ("doubled-column.csv", "en double"), ("doubled-column-parentheses.csv", "en double"),
    ("windows-1252-undefined.csv", "UTF-8")])
def test_cli_batch_exit_2_on_one_line(name, words):
    for extra in ((), ("--format", "json")):
        p = run("batch", "score", str(COHORTS / name), *extra)
        assert p.returncode == 2 and p.stdout == b""
        err = p.stderr.decode("utf-8")
        assert err.count("\n") == 1 and words in err and "Traceback" not in err


def test_cli_batch_header_alone():
    p = run("batch", "score", str(COHORTS / "header-only.csv"), "--format", "json")
    assert p.returncode == 0 and json.loads(p.stdout) == []


@pytest.mark.parametrize("args", [("batch",), ("batch", "score"), ("batch", "calcul", "x.csv"),
                                  ("batch", "score", "x.csv", "--format", "xml"),
                                  ("batch", "score", "/nonexistent.csv"), ("template", "score"),
                                  ("template", "score", "commercial-sedentaire", "--route"),
                                  ("template", "eligibility", "vendeur-conseil-distance")])
def test_cli_bad_arguments_exit_2(args):
    p = run(*args)
    assert p.returncode == 2 and p.stdout == b"" and p.stderr.count(b"\n") == 1
    assert b"Traceback" not in p.stderr


def test_cli_default_output_is_a_spreadsheet_table():
    p = run("batch", "score", str(COHORTS / "mixed-vcd-comma.csv"))
    assert p.returncode == 0
    assert p.stdout.startswith(b"\xef\xbb\xbf")
    text = p.stdout.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0][:3] == ["Ligne", "Candidat", "Résultat"] and rows[0][-1] == "Problèmes"
    assert [r[0] for r in rows[1:]] == ["2", "3", "4", "5", "6"]
    alice, bruno = rows[1], rows[2]
    # Every word is the cohort page's (checker.cohort.table_row), with plain spaces.
    words = {r["row"]: table_row("score", r) for r in
             evaluate_batch("score", (COHORTS / "mixed-vcd-comma.csv").read_bytes())}
    plain = lambda text: text.replace("\u00a0", " ")  # noqa: E731
    assert alice[2] == "Résultats conduisant à une proposition de validation du CQP"
    assert alice[rows[0].index("DC1 : décision")] == plain(words[2]["parts"]["DC1"])
    # a VCD domain's épreuve is « réussie », never « validé » (000 §5: the seed's words)
    assert alice[rows[0].index("DC1 : décision")].startswith("épreuve réussie")
    for row in rows[1:]:
        said = words[int(row[0])]
        assert row[2] == plain(said["status"])
        assert row[rows[0].index("Ce qu'il faut encore")] == plain(" ; ".join(said["needed"]))
        assert row[-1] == plain(" ; ".join(said["problems"]))
        assert [row[rows[0].index(f"{p} : décision")] for p in ("DC1", "DC2")] == \
            [plain(said["parts"].get(p, "")) for p in ("DC1", "DC2")]
    assert bruno[2] == "Données à corriger"
    assert "DC2 — indicateurs évalués positivement : réponse non reconnue" in bruno[-1]
    assert "domains." not in bruno[-1]  # no path in what people read
    chloe = rows[3]
    assert "valable jusqu'au lundi 1er février 2027" in chloe[rows[0].index("DC2 : décision")]
    assert "DC1 : taux 75 %, sous le minimum de 80 % (15 indicateurs positifs sur 20, il en faut 16)" \
        in chloe[rows[0].index("Ce qu'il faut encore")]
    # The figures as numbers in their own columns; a problem by its column letter and value.
    assert chloe[rows[0].index("DC1 : taux (%)")] == "75" and alice[rows[0].index("DC2 : taux (%)")] == "90"
    assert "colonne G (« abc ») : DC2 — indicateurs évalués positivement" in bruno[-1]


def test_cli_table_says_what_an_incomplete_block_needs():
    csv_text = "candidat;cqp;route;blocks.B1.C1.1.questionnaire;blocks.B1.C1.1.tuteur\n" \
               "Alice;commercial-sedentaire;formation;70;70\n"
    p = run("batch", "score", "-", stdin=csv_text.encode())
    rows = list(csv.reader(io.StringIO(p.stdout.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[1][rows[0].index("B1 : décision")] == "incomplet"
    assert rows[1][rows[0].index("Ce qu'il faut encore")] == "B1 : au moins 70 % à chaque résultat manquant"


def test_cli_table_neutralises_formulas():
    csv_text = ("candidat;cqp;route;domains.DC1.positive;domains.DC1.total\n"
                "=HYPERLINK(\"http://x\");vendeur-conseil-distance;formation;16;20\n"
                "+33 6;vendeur-conseil-distance;formation;16;20\n"
                "-1;vendeur-conseil-distance;formation;16;20\n"
                "@SUM(A1);vendeur-conseil-distance;formation;16;20\n"
                "Paul;vendeur-conseil-distance;=1+1;16;20\n")
    p = run("batch", "score", "-", stdin=csv_text.encode())
    rows = list(csv.reader(io.StringIO(p.stdout.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [r[1] for r in rows[1:]] == ["'=HYPERLINK(\"http://x\")", "'+33 6", "'-1", "'@SUM(A1)", "Paul"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)


def test_cli_template():
    p = run("template", "score", "vendeur-conseil-distance", "--route", "vae")
    assert p.returncode == 0
    line = p.stdout.decode("utf-8")
    case = ("score", "vendeur-conseil-distance", "vae")
    assert line == template(*case) + "\n" + example_row(*case) + "\n"
    p = run("template", "eligibility", "commercial-sedentaire", "--subject", "jury", "--route", "vae")
    assert p.returncode == 0 and "(members.1.knows_candidate)" in p.stdout.decode("utf-8")


def test_python_api():
    assert checker.evaluate_batch is not None and "evaluate_batch" in checker.__all__
    with pytest.raises(ValueError):
        checker.evaluate_batch("score", "\n\n")


# --- arbitrary text -------------------------------------------------------------------------

_PIECES = st.sampled_from(["cqp", "route", "candidat", "domains.DC1.positive", "blocks.B1.C1.1.jury",
                           "members.0.role", "members.99999.role", "Jury (blocks.B1.score)", ";", ",",
                           "\"", "\n", "\r\n", "\r", " ", "\u202f%", "oui", "14,5", "1" * 50,
                           "vendeur-conseil-distance", "commercial-sedentaire", "formation", "vae",
                           "31/02/2026", "\ufeff", "\x00", "(", ")", "=1+1"])
_TEXTS = st.one_of(st.text(), st.lists(_PIECES, max_size=40).map("".join),
                   st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=40).map("".join))


@given(check=st.sampled_from(columns.CHECKS), text=_TEXTS)
def test_arbitrary_text_raises_only_the_files_error(check, text):
    try:
        results = evaluate_batch(check, text)
    except CohortFileError as err:
        assert str(err) and "\n" not in str(err)
        return
    assert isinstance(results, list)
    for r in results:
        assert set(r) in ({"row", "label", "verdict"}, {"row", "label", "errors"})
        json.dumps(r)


@given(check=st.sampled_from(columns.CHECKS), data=st.one_of(st.binary(), _TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       as_json=st.booleans())
def test_arbitrary_bytes_on_the_cli_never_give_a_traceback(check, data, as_json):
    stdin, stdout, stderr = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    sys.stderr = io.StringIO()
    try:
        code = main(["batch", check, "-"] + (["--format", "json"] if as_json else []))
        err = sys.stderr.getvalue()
    finally:
        sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
    assert code in (0, 2)
    assert (code == 2) == bool(err) and err.count("\n") == (1 if code == 2 else 0)


@pytest.mark.parametrize("n, letters", [(1, "A"), (8, "H"), (26, "Z"), (27, "AA"), (52, "AZ"),
                                        (53, "BA"), (702, "ZZ"), (703, "AAA")])
def test_a_column_is_named_as_spreadsheets_name_it(n, letters):
    assert column_letters(n) == letters


# --- the cohort page's table: every cell in words, from the checker (checker.cohort.table_row) ---

def _table(check: str, name: str, **fixed) -> dict:
    from checker.cohort import table_row

    return {r["label"] or r["row"]: table_row(check, r)
            for r in evaluate_batch(check, (COHORTS / name).read_bytes(), leave_out=OPTIONAL_KEYS, fixed=fixed)}


OPTIONAL_KEYS = ("explanations", "references", "trace", "next_steps", "display")
NBSP = "\u00a0"


def test_table_rows_say_each_block_why_and_what_is_needed_typeset():
    rows = _table("score", "mixed-vcd-comma.csv")
    alice, bruno, chloe = rows["Alice"], rows["Bruno"], rows["Chloé"]
    assert alice["kind"] == "positive" and alice["parts"] == {"DC1": f"épreuve réussie (80{NBSP}%)",
                                                              "DC2": f"épreuve réussie (90{NBSP}%)"}
    assert alice["status"] == "Résultats conduisant à une proposition de validation du CQP"
    assert alice["proposals"] == {"DC1": "proposé à la validation", "DC2": "proposé à la validation"}
    # data to correct: its own neutral state, each problem with its line, column and value typed
    assert bruno["kind"] == "errors" and bruno["status"] == "Données à corriger" and bruno["parts"] == {}
    assert f"ligne 3, colonne E («{NBSP}25{NBSP}»){NBSP}: DC1 — indicateurs" in bruno["problems"][0]
    assert bruno["proposal"] == "données à corriger"
    # why a domain is not validated, both figures; a carried-over domain with its date in words
    assert chloe["kind"] == "negative"
    assert chloe["needed"] == [f"DC1{NBSP}: taux 75{NBSP}%, sous le minimum de 80{NBSP}% (15 indicateurs positifs "
                               "sur 20, il en faut 16)"]
    assert chloe["parts"]["DC2"] == "épreuve réussie antérieurement, bénéfice valable jusqu'au lundi 1er février 2027"
    assert chloe["proposals"]["DC2"] == "épreuve déjà réussie (bénéfice conservé)"
    # and nothing is left for a page to word: no breakable space before « : » or « % »
    for row in rows.values():
        text = json.dumps(row, ensure_ascii=False)
        assert " :" not in text and " %" not in text and "« " not in text, text


def test_table_rows_of_blocks_incomplete_out_of_reach_and_below_a_minimum():
    header = "candidat;cqp;route;" + ";".join(f"blocks.B1.C1.{i}.{e}" for i in range(1, 8)
                                              for e in ("questionnaire", "tuteur", "jury"))
    cells = lambda values: ";".join(values)  # noqa: E731
    ok = ["80"] * 21
    low = ["80"] * 18 + ["40", "40", "50"]  # C1.7 at 45 %, under its 50 %
    lost = ["0", "0", ""] + ["50", "50", "60"] * 6  # B1's average out of reach whatever C1.1's jury
    waiting = ["70", "70", ""] + ["70"] * 18
    text = "\n".join([header] + [f"{name};commercial-sedentaire;formation;{cells(v)}" for name, v in
                                 (("ok", ok), ("low", low), ("lost", lost), ("waiting", waiting))]) + "\n"
    from checker.cohort import table_row

    rows = {r["label"]: table_row("score", r) for r in evaluate_batch("score", text, leave_out=OPTIONAL_KEYS)}
    assert rows["ok"]["parts"]["B1"] == f"validé (moyenne 80{NBSP}%)" and rows["ok"]["parts"]["B2"] == "pas encore évalué"
    assert rows["ok"]["kind"] == "neutral" and rows["ok"]["incomplete"] and not rows["ok"]["out_of_reach"]
    assert rows["low"]["parts"]["B1"].startswith("non validé (moyenne 75")
    assert f"B1{NBSP}: C1.7{NBSP}: 45{NBSP}%, sous son minimum de 50{NBSP}%" in rows["low"]["needed"]
    assert rows["lost"]["parts"]["B1"] == "hors d'atteinte" and rows["lost"]["out_of_reach"]
    assert rows["lost"]["needed"][0].startswith(f"B1{NBSP}: hors d'atteinte{NBSP}: même 100{NBSP}% à chaque")
    assert rows["lost"]["proposals"]["B1"] == "à compléter"
    assert rows["waiting"]["parts"]["B1"] == "incomplet" and rows["waiting"]["proposals"]["B1"] == "à compléter"
    assert rows["waiting"]["needed"] == [f"B1{NBSP}: au moins 70{NBSP}% à chaque résultat manquant"]


def test_table_rows_of_eligibility_and_deadlines():
    from checker.cohort import table_row

    for check in ("eligibility", "deadlines"):
        for path in sorted(COHORTS.glob("*.csv")):
            try:
                results = evaluate_batch(check, path.read_bytes(), leave_out=OPTIONAL_KEYS)
            except CohortFileError:
                continue
            for r in results:
                row = table_row(check, r)
                assert row["status"] and row["kind"] in ("positive", "negative", "neutral", "errors")
                if check == "deadlines" and "verdict" in r:
                    n = len(r["verdict"]["deadlines"])
                    assert row["status"] == (f"{n} échéance" + ("s" if n > 1 else "") if n else "aucune échéance")
                    assert all(not d["date"] or row["parts"][d["label"]].split()[0] in
                               ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
                               for d in r["verdict"]["deadlines"])
                if check == "eligibility" and "verdict" in r:
                    assert row["needed"] == [c["title"] for c in r["verdict"]["checks"] if not c["ok"]]


def test_a_large_cohort_shared_among_processes_gives_the_table_of_one_process(monkeypatch):
    """From checker.__main__.PARALLEL_FROM rows the CLI forks workers that inherit the file read
    (its header and records), build their share of the rows, evaluate and word them: the same
    table, row for row, as in one process, and as the rows evaluated whole."""
    import checker.__main__ as cli
    from checker.spreadsheet import table

    header = "candidat;cqp;route;" + ";".join(f"blocks.B1.C1.{i}.{e}" for i in range(1, 8)
                                              for e in ("questionnaire", "tuteur", "jury"))
    lines = [header] + [f"S{n};commercial-sedentaire;formation;" + ";".join(str(40 + (n * 7 + k) % 60) for k in range(21))
                        for n in range(cli.PARALLEL_FROM + 7)]
    text = "\n".join(lines) + "\n"
    cohort = checker.cohort.read("score", text)
    shared = cli._evaluate("score", cohort, False)
    monkeypatch.setattr(cli, "PARALLEL_FROM", 10 ** 9)
    alone = cli._evaluate("score", cohort, False)
    assert [int(r["cells"]["row"]) for r in shared] == list(range(2, len(cohort.records) + 2))
    assert table("score", shared) == table("score", alone) == table("score", evaluate_batch("score", text))
    assert any("sous son minimum" in r for r in table("score", shared).splitlines())
    assert cli._FORKED == []  # nothing kept once the workers are done


def test_a_table_cell_follows_its_wording_when_it_is_edited(monkeypatch):
    """The table's cells are cached (a cohort repeats them), but by their template's text too: a
    wording edited in referentiels/site.yaml (mkdocs serve) is said as it now is."""
    from checker import wording
    from checker.cohort import say

    def forget():  # the wording's own caches of templates, whatever their names
        for cached in vars(wording).values():
            if callable(getattr(cached, "cache_clear", None)):
                cached.cache_clear()

    assert say("part.validated_rate", rate=80) == "épreuve réussie (80\u00a0%)"
    sentences = wording.data()["sentences"]
    monkeypatch.setitem(sentences["cohort"]["part"], "validated_rate", "réussi ({rate:%})")
    forget()
    try:
        assert say("part.validated_rate", rate=80) == "réussi (80\u00a0%)"
    finally:
        monkeypatch.undo()
        forget()
    assert say("part.validated_rate", rate=80) == "épreuve réussie (80\u00a0%)"


def test_the_table_keeps_of_a_score_verdict_its_figures_only():
    from checker.cohort import table_figures

    (alice, *_), = [[r for r in evaluate_batch("score", (COHORTS / "mixed-vcd-comma.csv").read_bytes())
                     if r["label"] == "Alice"]]
    slim = table_figures(alice["verdict"])
    assert slim == {"cqp": "vendeur-conseil-distance", "route": "formation", "outcome": alice["verdict"]["outcome"],
                    "domains": {"DC1": {"rate": 80}, "DC2": {"rate": 90}}}
    blocks = evaluate_batch("score", (COHORTS / "french-decimals.csv").read_bytes())
    part = next(r["verdict"] for r in blocks if "verdict" in r)
    figures = table_figures(part)["blocks"]
    assert set(figures) == set(part["blocks"])
    assert all(set(p) <= {"average", "competences"} and "average" in p for p in figures.values())


def test_a_lean_score_says_what_the_whole_one_says():
    """A cohort's table asks for lean verdicts (explain.OPTIONAL left out), which record fewer
    trace steps (no mastery's computed step, only the failing competences): every key they keep
    is the whole verdict's, outcome and headline included, complete, incomplete or absent blocks."""
    import random

    from checker.explain import OPTIONAL

    cqp = referentiel.cqp("commercial-sedentaire")
    rng = random.Random(19)
    for _ in range(300):
        blocks = {}
        for part in cqp.parts:
            if rng.random() < 0.25:
                continue
            blocks[part["id"]] = {c["id"]: {k: None if rng.random() < 0.05 else rng.randint(20, 100)
                                            for k in ("questionnaire", "tuteur", "jury")} for c in part["competences"]}
        situation = {"cqp": "commercial-sedentaire", "route": "formation", "blocks": blocks}
        whole, lean = checker.score(situation), checker.score(situation, leave_out=OPTIONAL)
        assert {k: whole[k] for k in lean} == lean
