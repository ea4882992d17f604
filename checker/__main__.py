"""python -m checker {score,eligibility,deadlines} [--all-errors] FILE   (FILE "-" reads stdin)

Verdict as JSON on stdout, exit 0, whatever it says. Bad input: exit 2, nothing on stdout,
one line on stderr naming the JSON path of the faulty field and what was expected (with
--all-errors, one line per problem). Never a traceback, whatever the input.
"""
from __future__ import annotations

import json
import sys

from . import CHECKS, SituationError, evaluate

USAGE = ("usage: python -m checker {score,eligibility,deadlines} [--all-errors] FILE  "
         "(FILE « - » : entrée standard)")


def _fail(*messages: str) -> int:
    for message in messages:
        print(" ".join(message.split()), file=sys.stderr)  # one line per problem
    return 2


def read_situation(name: str) -> object:
    """The JSON of FILE (or stdin), strictly UTF-8 either way; raises ValueError in French."""
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
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(f"{name}: pas en UTF-8") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"(situation): JSON invalide ligne {err.lineno}, colonne {err.colno} ({err.msg})") from None
    except RecursionError:
        raise ValueError("(situation): JSON trop imbriqué") from None
    except ValueError:  # an integer of thousands of digits
        raise ValueError("(situation): nombre trop long") from None


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if len(args) == 1 and args[0] in ("-h", "--help"):
        print(USAGE)
        return 0
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


if __name__ == "__main__":
    sys.exit(main())
