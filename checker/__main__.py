"""python -m checker {score,eligibility,deadlines} FILE   (FILE "-" reads stdin)

Verdict as JSON on stdout, exit 0, whatever it says. Bad input: exit 2, nothing on stdout,
one line on stderr naming the JSON path of the faulty field and what was expected.
"""
from __future__ import annotations

import json
import sys

from . import CHECKS, SituationError, evaluate

USAGE = "usage: python -m checker {score,eligibility,deadlines} FILE  (FILE « - » : entrée standard)"


def _fail(message: str) -> int:
    print(" ".join(message.split()), file=sys.stderr)  # always one line
    return 2


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) == 1 and args[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    if len(args) != 2 or args[0] not in CHECKS:
        return _fail(USAGE)
    check, name = args
    try:
        text = sys.stdin.read() if name == "-" else open(name, encoding="utf-8").read()
    except OSError as err:
        return _fail(f"{name}: fichier illisible ({err.strerror})")
    except UnicodeDecodeError:
        return _fail(f"{name}: pas en UTF-8")
    try:
        situation = json.loads(text)
    except json.JSONDecodeError as err:
        return _fail(f"(situation): JSON invalide ligne {err.lineno}, colonne {err.colno} ({err.msg})")
    except RecursionError:
        return _fail("(situation): JSON trop imbriqué")
    try:
        verdict = evaluate(check, situation)
    except SituationError as err:
        return _fail(str(err))
    json.dump(verdict, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
