"""python -m checker {score,eligibility,deadlines} [--all-errors] FILE   (FILE "-" reads stdin)
python -m checker batch CHECK FILE [--format json] [--cqp CQP] [--route ROUTE] [--subject SUBJECT]
python -m checker template CHECK CQP [--route ROUTE] [--subject SUBJECT]

Verdict as JSON on stdout, exit 0, whatever it says. Bad input: exit 2, nothing on stdout,
one line on stderr naming the JSON path of the faulty field and what was expected (with
--all-errors, one line per problem). Never a traceback, whatever the input.

batch (contract v1.1, Cohorts): a CSV of situations; exit 0 when the file could be read, the
faulty rows carrying their errors; exit 2 with one stderr line when it cannot be read. Its
default output is a result table for a spreadsheet; --format json prints the contract's array.
"""
from __future__ import annotations

import json
import os
import sys

from . import CHECKS, SituationError, evaluate, exact_json
from .cohort import evaluate_rows
from .explain import OPTIONAL

USAGE = ("usage: python -m checker {score,eligibility,deadlines} [--all-errors] FILE  "
         "(FILE « - » : entrée standard) | python -m checker batch CHECK FILE [--format json] [--cqp CQP] [--route ROUTE] [--subject SUBJECT] | "
         "python -m checker template CHECK CQP [--route ROUTE] [--subject SUBJECT]")


def _fail(*messages: str) -> int:
    for message in messages:
        print(" ".join(message.split()), file=sys.stderr)  # one line per problem
    return 2


def read_bytes(name: str) -> bytes:
    """FILE (or stdin) as bytes; raises ValueError in French."""
    try:
        if name == "-":
            # Bytes, so that stdin is held to UTF-8 as strictly as a file (a caller may have
            # put a text stream in its place: then it is already text).
            stdin = getattr(sys.stdin, "buffer", None)
            raw = stdin.read() if stdin is not None else sys.stdin.read().encode("utf-8", "surrogatepass")
        else:
            with open(name, "rb") as f:
                raw = f.read()
    except OSError as err:
        raise ValueError(f"{name}: fichier illisible ({err.strerror})") from None
    return raw


def read_situation(name: str) -> object:
    """The JSON of FILE (or stdin), strictly UTF-8 either way; raises ValueError in French."""
    raw = read_bytes(name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(f"{name}: pas en UTF-8") from None
    # Numbers exactly as written (contract v1.2); an over-long one is refused by its field.
    return exact_json.situation(text)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if len(args) == 1 and args[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    if args and args[0] == "batch":
        return batch(args[1:])
    if args and args[0] == "template":
        return template(args[1:])
    all_errors = "--all-errors" in args
    args = [a for a in args if a != "--all-errors"]
    if len(args) != 2 or args[0] not in CHECKS:
        return _fail(USAGE)
    check, name = args
    try:
        situation = read_situation(name)
    except ValueError as err:
        return _fail(str(err))
    try:
        verdict = evaluate(check, situation)
    except SituationError as err:
        return _fail(*(err.lines() if all_errors else [str(err)]))
    except RecursionError:
        return _fail("(situation): JSON trop imbriqué")
    json.dump(verdict, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _options(args: list[str], names: tuple[str, ...]) -> tuple[list[str], dict[str, str]] | None:
    """Positional arguments and --name VALUE options (also --name=VALUE); None if malformed."""
    positional, options = [], {}
    i = 0
    while i < len(args):
        arg = args[i]
        name, _, value = arg.partition("=")
        if name in names and name not in options:
            if not value:
                if i + 1 >= len(args):
                    return None
                i += 1
                value = args[i]
            options[name] = value
        elif arg.startswith("--"):
            return None
        else:
            positional.append(arg)
        i += 1
    return positional, options


def batch(args: list[str]) -> int:
    from .cohort import read
    from .spreadsheet import table

    parsed = _options(args, ("--format", "--cqp", "--route", "--subject"))
    if parsed is None or len(parsed[0]) != 2 or parsed[0][0] not in CHECKS \
            or parsed[1].get("--format", "csv") not in ("csv", "json"):
        return _fail(USAGE)
    (check, name), options = parsed
    as_json = options.get("--format") == "json"
    # Contract v1.2: the case may be fixed for the whole file (ids or labels).
    fixed = {key: options[f"--{key}"] for key in ("cqp", "route", "subject") if f"--{key}" in options}
    try:
        cohort = read(check, read_bytes(name), fixed)  # the header and the CSV's records, no row built yet
    except ValueError as err:  # CohortFileError is a ValueError
        return _fail(str(err))
    results = _evaluate(check, cohort, as_json)
    if as_json:
        _write_utf8("[\n" + ",\n".join(results) + ("\n]\n" if results else "]\n"))
    else:
        _write_utf8(table(check, results))
    return 0


# Below this many rows, starting processes costs more than it saves.
PARALLEL_FROM = 1000


def _evaluate(check: str, cohort, as_json: bool) -> list:
    """The results of a cohort's rows (checker.cohort.read), as their cells for the table
    ({"cells": checker.spreadsheet.row_cells(…)}) or (as_json) as JSON texts, one per row. A large
    cohort is shared among the machine's cores (10,000 rows: the contract's 5 s on two cores):
    each worker builds its share of the rows from their cells, evaluates them and words them;
    the results keep the rows' order."""
    records = cohort.records
    workers = min(os.cpu_count() or 1, 8)
    if len(records) < PARALLEL_FROM or workers < 2:
        return _chunk(check, cohort, records, as_json)
    try:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork")  # workers inherit the loaded referential
    except (ImportError, ValueError):  # no fork here (another platform): one process
        return _chunk(check, cohort, records, as_json)
    size = -(-len(records) // (workers * 4))
    starts = list(range(0, len(records), size))
    # The workers are forked with the file already read: each is handed where its chunk starts,
    # not the chunk (pickling 10,000 rows of cells took longer than a worker's share of them).
    _FORKED[:] = [cohort]
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return [r for part in pool.map(_forked_chunk, [check] * len(starts), starts, [size] * len(starts),
                                           [as_json] * len(starts))
                    for r in part]
    except (OSError, RuntimeError):  # processes refused (a sandbox): one process
        return _chunk(check, cohort, records, as_json)
    finally:
        _FORKED.clear()


_FORKED: list = []  # the cohort read, as the forked workers inherit it


def _forked_chunk(check: str, start: int, size: int, as_json: bool) -> list:
    cohort = _FORKED[0]
    return _chunk(check, cohort, cohort.records[start:start + size], as_json)


def _chunk(check: str, cohort, records: list, as_json: bool) -> list:
    from .spreadsheet import row_cells

    rows = cohort.situations(records)
    # The table shows each row's outcome and parts only: the sentences, references, next steps
    # and trace are not even written for it (the JSON array carries whole verdicts).
    results = evaluate_rows(check, rows, frozenset() if as_json else OPTIONAL)
    # JSON texts travel back from a worker faster than dicts; json.dumps without indent takes
    # the C encoder (an indented dump of 10,000 verdicts, 180 MB, took longer than computing them).
    if as_json:
        return [json.dumps(r, ensure_ascii=False) for r in results]
    # Each row's cells, worded here, on every core, as the cohort page's worker words them
    # (checker.cohort.table_row): only these strings travel back (a tenth of the verdicts' bytes),
    # and the main process lines them up under the table's columns.
    return [{"cells": row_cells(check, r)} for r in results]


def _write_utf8(text: str) -> None:
    """The result table in UTF-8 whatever the console's encoding (the file is for a spreadsheet)."""
    out = getattr(sys.stdout, "buffer", None)
    if out is None:
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        out.write(text.encode("utf-8"))
        out.flush()


def template(args: list[str]) -> int:
    from .cohort import example_row
    from .cohort import template as header

    parsed = _options(args, ("--route", "--subject"))
    if parsed is None or len(parsed[0]) != 2:
        return _fail(USAGE)
    (check, cqp), options = parsed
    try:
        case = (check, cqp, options.get("--route"), options.get("--subject"))
        line = header(*case) + "\n" + example_row(*case)  # contract v1.2: one example row
    except ValueError as err:
        return _fail(str(err))
    _write_utf8(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
