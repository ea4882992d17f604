"""Reading a situation: each helper checks one field and, if it is wrong, raises a
SituationError naming its JSON path and what was expected. Nothing here knows a rule."""
from __future__ import annotations

import math
import re
from datetime import date
from fractions import Fraction
from typing import Any, Iterable

from .errors import SituationError

_MISSING = object()
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Dates outside this range are typing errors, and far years would overflow date arithmetic.
MIN_YEAR, MAX_YEAR = 1900, 2199


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def obj(value: Any, path: str, what: str = "un objet JSON") -> dict:
    if not isinstance(value, dict):
        raise SituationError(path, f"attendu : {what}, reçu : {_kind(value)}")
    return value


def only_keys(d: dict, allowed: Iterable[str], path: str) -> None:
    """Unknown keys are refused (a typo would otherwise be silently ignored);
    keys starting with "_" are free for the user's own notes."""
    allowed = list(allowed)
    for key in d:
        if not isinstance(key, str) or key.startswith("_"):
            continue
        if key not in allowed:
            raise SituationError(join(path, key), f"clé inconnue (attendu : {', '.join(allowed)})")


def present(d: dict, key: str) -> bool:
    return d.get(key, None) is not None


def required(d: dict, key: str, path: str, expected: str) -> Any:
    value = d.get(key, _MISSING)
    if value is _MISSING or value is None:
        raise SituationError(join(path, key), f"missing (attendu : {expected})")
    return value


def boolean(d: dict, key: str, path: str) -> bool:
    value = required(d, key, path, "true ou false")
    if not isinstance(value, bool):
        raise SituationError(join(path, key), f"attendu : true ou false, reçu : {_kind(value)}")
    return value


def integer(d: dict, key: str, path: str, minimum: int | None = None, expected: str = "un entier") -> int:
    value = required(d, key, path, expected)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (
        isinstance(value, float) and not value.is_integer()
    ):
        raise SituationError(join(path, key), f"attendu : {expected}, reçu : {_kind(value)}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise SituationError(join(path, key), f"{value} est trop petit (attendu : {expected}, au moins {minimum})")
    return value


def number(d: dict, key: str, path: str, lo: Fraction | None = None, hi: Fraction | None = None,
           expected: str = "un nombre") -> Fraction:
    """An exact number: a JSON float is read from its decimal writing (66.7 is 667/10)."""
    value = required(d, key, path, expected)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SituationError(join(path, key), f"attendu : {expected}, reçu : {_kind(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise SituationError(join(path, key), f"attendu : {expected}, reçu : {value}")
    exact = Fraction(value) if isinstance(value, int) else Fraction(repr(value))
    if (lo is not None and exact < lo) or (hi is not None and exact > hi):
        raise SituationError(join(path, key), f"{_num(exact)} hors limites (attendu : {expected})")
    return exact


def percentage(d: dict, key: str, path: str) -> Fraction:
    return number(d, key, path, Fraction(0), Fraction(100), "un pourcentage entre 0 et 100")


def text(d: dict, key: str, path: str, expected: str = "un texte non vide") -> str:
    value = required(d, key, path, expected)
    if not isinstance(value, str) or not value.strip():
        raise SituationError(join(path, key), f"attendu : {expected}, reçu : {_kind(value)}")
    return value


def choice(d: dict, key: str, path: str, options: Iterable[str]) -> str:
    options = list(options)
    expected = " ou ".join(options) if len(options) <= 2 else "l'un de " + ", ".join(options)
    value = required(d, key, path, expected)
    if value not in options:
        raise SituationError(join(path, key), f"{_short(value)} inconnu (attendu : {expected})")
    return value


def iso_date(d: dict, key: str, path: str) -> date:
    value = required(d, key, path, "une date AAAA-MM-JJ")
    where = join(path, key)
    if not isinstance(value, str) or not _DATE.match(value):
        raise SituationError(where, f"attendu : une date AAAA-MM-JJ, reçu : {_short(value)}")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise SituationError(where, f"date impossible : {value}") from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise SituationError(where, f"année hors de la plage {MIN_YEAR}–{MAX_YEAR} : {value}")
    return parsed


def optional_date(d: dict, key: str, path: str) -> date | None:
    return iso_date(d, key, path) if present(d, key) else None


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, (int, float)):
        return f"le nombre {value}"
    if isinstance(value, str):
        return f"le texte {_short(value)}"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un objet"
    return type(value).__name__


def _short(value: Any) -> str:
    s = repr(value) if not isinstance(value, str) else f"« {value} »"
    return s if len(s) <= 40 else s[:37] + "…»"


def _num(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{float(x):g}"
