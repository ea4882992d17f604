"""Reading a situation: a Reader checks each field and records what is wrong with it, so that
every problem is reported at once (contract v1.1); nothing is decided before the whole situation
has been read (`done()` raises SituationError with all the problems). Nothing here knows a rule.

Paths are tuples of keys (("blocks", "B1", "C1.1", "jury"), ("members", 0, "role")): a
competence id with a dot is one key.
"""
from __future__ import annotations

import math
import sys
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any, Iterable

from . import fields, wording
from .errors import SituationError, problem
from .exact_json import MAX_DIGITS as MAX_WRITTEN_DIGITS
from .exact_json import TooLong

# Dates outside this range are typing errors, and far years would overflow date arithmetic.
MIN_YEAR, MAX_YEAR = 1900, 2199
# Longer integers are typing errors (and Python refuses to write ints of over 4,300 digits).
MAX_DIGITS = 30
_TOO_LONG = 10 ** MAX_DIGITS
_ZERO, _HUNDRED = Fraction(0), Fraction(100)  # a percentage's bounds, made once
INVALID = None  # what a reader returns for a field it could not read (its problem is recorded)


class Reader:
    """Reads one situation for one check (and subject), recording every problem."""

    def __init__(self, situation: Any, check: str, cqp: dict | None = None):
        self.situation = situation
        self.check, self.subject, self.cqp = check, None, cqp
        self.problems: list[dict] = []

    # --- problems ---

    def label(self, path: tuple) -> str:
        return wording.label(path, self.check, self.subject, self.cqp)

    def fail(self, path: tuple, kind: str, text: str, expected: str = "", said: str = "") -> None:
        self.problems.append(problem(wording.path_text(path), kind, text, expected, self.label(path), said))

    def expected(self, path: tuple, default: str) -> str:
        """What a valid answer is: the wording data's `expected` for that field, else default."""
        entry = wording.field(path, self.check, self.subject)
        return entry["expected"] if entry and "expected" in entry else default

    @property
    def ok(self) -> bool:
        return not self.problems

    def done(self) -> None:
        """Raise SituationError with every problem, in the situation's order: cqp, then route or
        subject, then the fields in document order (a missing field at its parent's place)."""
        if not self.problems:
            return
        order, ends = _document_order(self.situation)

        def key(indexed):
            # A field that is absent goes after what its nearest present parent holds.
            i, p = indexed
            path = p["path"]
            head = 0 if path == "cqp" else 1 if path in ("route", "subject") else 2
            if path in order:
                return head, order[path], i
            probe = _parent(path)
            while probe and probe not in order:
                probe = _parent(probe)
            return head, (ends[probe] if probe else len(order)) + 0.5, i

        raise SituationError([p for _, p in sorted(enumerate(self.problems), key=key)])

    # --- structure ---

    def obj(self, value: Any, path: tuple, what: str = "un objet JSON") -> dict | None:
        if not isinstance(value, dict):
            self.fail(path, "type", f"attendu : {what}, reçu : {kind_of(value)}", self.expected(path, what))
            return INVALID
        return value

    def only_keys(self, d: dict, allowed: Iterable[str], path: tuple) -> None:
        """Unknown keys are refused (a typo would otherwise be silently ignored); keys starting
        with "_" are free for the user's own notes."""
        if not isinstance(allowed, (list, tuple)):
            allowed = list(allowed)
        for key in d:
            # A known key first: the one test most keys need (a cohort asks it of every object).
            if key in allowed or not isinstance(key, str) or key.startswith("_"):
                continue
            if key not in allowed:
                expected = ", ".join(allowed)
                self.fail(path + (key,), "unknown", f"clé inconnue (attendu : {expected})",
                          "l'un des champs " + ", ".join(self.label(path + (k,)) for k in allowed)
                          if allowed else "aucun champ", said="champ inconnu")

    @staticmethod
    def present(d: dict | None, key: str) -> bool:
        return isinstance(d, dict) and d.get(key, None) is not None

    def required(self, d: dict, key: str, path: tuple, expected: str, said: str | None = None) -> Any:
        """`expected` is written in the v1 line, for whoever writes the JSON ({positive, total},
        true ou false); the wording data's, else `said`, else `expected`, is what a person reads."""
        value = d.get(key, None)
        if value is None:
            self.fail(path + (key,), "missing", f"missing (attendu : {expected})",
                      self.expected(path + (key,), said or expected))
            return INVALID
        return value

    # --- values ---

    def boolean(self, d: dict, key: str, path: tuple) -> bool | None:
        expected = "oui ou non"
        value = self.required(d, key, path, "true ou false", expected)
        if value is INVALID:
            return INVALID
        if isinstance(value, str) and fields.read_bool(value) is not None:
            return fields.read_bool(value)  # « oui », « Non », « vrai »: as a form or a cell says it
        if not isinstance(value, bool):
            self.fail(path + (key,), "type", f"attendu : true ou false, reçu : {kind_of(value)}", expected)
            return INVALID
        return value

    def integer(self, d: dict, key: str, path: tuple, minimum: int | None = None,
                expected: str = "un entier") -> int | None:
        expected = self.expected(path + (key,), expected)
        value = self.required(d, key, path, expected)
        if value is INVALID or self._too_long_to_read(value, path + (key,), expected):
            return INVALID
        # A value that is not read says the forms it may take, wherever it came from.
        said = fields.expected(fields.INTEGER, expected)
        if isinstance(value, str):
            # Text as people type it (« 17 »): read by the field table's one reader.
            exact = fields.read_number(value)
            if exact is None or exact.denominator != 1:
                self.fail(path + (key,), "type", f"attendu : {said}, reçu : {kind_of(value)}", said)
                return INVALID
            value = int(exact)
        if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
            value = int(value)  # 18.0 is the integer 18 (contract v1.2)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (
                isinstance(value, float) and not value.is_integer()) or _too_long(value):
            self.fail(path + (key,), "type", f"attendu : {said}, reçu : {kind_of(value)}", said)
            return INVALID
        value = int(value)
        if minimum is not None and value < minimum:
            self.fail(path + (key,), "range", f"{value} est trop petit (attendu : {expected}, au moins {minimum})",
                      expected)
            return INVALID
        return value

    def number(self, d: dict, key: str, path: tuple, lo: Fraction | None = None,
               hi: Fraction | None = None, expected: str = "un nombre") -> Fraction | None:
        """An exact number: a JSON float is read from its decimal writing (66.7 is 667/10)."""
        value = d.get(key, None)
        # A plain int or float within bounds, the cohorts' every cell, is read without looking
        # up its wording: the words are only needed to tell a problem.
        kind = type(value)
        if kind is Decimal and value.is_finite() and abs(value.adjusted()) <= MAX_WRITTEN_DIGITS:
            # Read from JSON text or a cell (exact_json, cohort): exact as written,
            # 69.999999999999999999 < 70; a percentage's bounds checked once per figure.
            if lo is _ZERO and hi is _HUNDRED:
                exact = _decimal_percentage(value)
                if exact is not None:
                    return exact
            else:
                exact = _decimal_exact(value)
                if (lo is None or exact >= lo) and (hi is None or exact <= hi):
                    return exact
        elif (kind is int and -_TOO_LONG < value < _TOO_LONG) or (kind is float and math.isfinite(value)):
            if lo is _ZERO and hi is _HUNDRED:
                exact = _percentage(repr(value))
                if exact is not None:
                    return exact
            else:
                exact = _exact(repr(value))
                if (lo is None or exact >= lo) and (hi is None or exact <= hi):
                    return exact
        if kind is str:
            # Text as people type it (« 72,5 », « 72,5 % »): read by the field table's one reader.
            if lo is _ZERO and hi is _HUNDRED:
                exact = _text_percentage(value)
                if exact is not None:
                    return exact
            else:
                exact = fields.read_number(value)
                if exact is not None and (lo is None or exact >= lo) and (hi is None or exact <= hi):
                    return exact
        expected = self.expected(path + (key,), expected)
        value = self.required(d, key, path, expected)
        if value is INVALID or self._too_long_to_read(value, path + (key,), expected):
            return INVALID
        # A value that is not read says the forms it may take, wherever it came from.
        said = fields.expected(fields.PERCENTAGE if lo is _ZERO and hi is _HUNDRED else fields.NUMBER, expected)
        if isinstance(value, str):
            exact = fields.read_number(value)
            if exact is None:
                self.fail(path + (key,), "type", f"attendu : {said}, reçu : {kind_of(value)}", said)
                return INVALID
        elif isinstance(value, bool) or not isinstance(value, (int, float, Decimal)) or _too_long(value):
            self.fail(path + (key,), "type", f"attendu : {said}, reçu : {kind_of(value)}", said)
            return INVALID
        elif not (value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)):
            self.fail(path + (key,), "type", f"attendu : {said}, reçu : {value}", said)
            return INVALID
        else:
            exact = _decimal_exact(value) if isinstance(value, Decimal) else _exact(repr(value))
        if (lo is not None and exact < lo) or (hi is not None and exact > hi):
            self.fail(path + (key,), "range", f"{_num(exact)} hors limites (attendu : {expected})", expected)
            return INVALID
        return exact

    def _too_long_to_read(self, value, path: tuple, expected: str) -> bool:
        """A number whose writing has more digits than can be read (contract v1.2): one range
        problem naming its field, never a hang on its conversion."""
        if isinstance(value, Decimal) and value.is_finite() and abs(value.adjusted()) > MAX_WRITTEN_DIGITS:
            value = TooLong(abs(value.adjusted()) + 1)
        if not isinstance(value, TooLong):
            return False
        self.fail(path, "range", f"nombre trop long ({value.digits} chiffres, au plus {MAX_WRITTEN_DIGITS}) "
                  f"(attendu : {expected})", expected, f"nombre trop long (plus de {MAX_WRITTEN_DIGITS} chiffres)")
        return True

    def percentage(self, d: dict, key: str, path: tuple) -> Fraction | None:
        return self.number(d, key, path, _ZERO, _HUNDRED, "un pourcentage entre 0 et 100")

    def text(self, d: dict, key: str, path: tuple, expected: str = "un texte non vide") -> str | None:
        value = self.required(d, key, path, expected)
        if value is INVALID:
            return INVALID
        if not isinstance(value, str) or not value.strip():
            self.fail(path + (key,), "type", f"attendu : {expected}, reçu : {kind_of(value)}", expected)
            return INVALID
        return value

    def choice(self, d: dict, key: str, path: tuple, options: Iterable[str],
               words: Iterable[str] | None = None) -> str | None:
        options = list(options)
        expected = " ou ".join(options) if len(options) <= 2 else "l'un de " + ", ".join(options)
        said = list(words) if words is not None else options
        said_expected = " ou ".join(said) if len(said) <= 2 else "l'un de " + ", ".join(said)
        value = self.required(d, key, path, expected, said_expected)
        if value is INVALID:
            return INVALID
        if isinstance(value, str) and value not in options:
            # A label people read (« Commercial sédentaire », « Formation »), in any case, with
            # or without accents, is that option.
            where = path + (key,)
            value = fields.read_choice(value, {o: fields.labels(where, o) for o in options}) or value
        if not isinstance(value, str) or value not in options:
            self.fail(path + (key,), "unknown" if isinstance(value, str) else "type",
                      f"{short(value)} inconnu (attendu : {expected})", said_expected)
            return INVALID
        return value

    def iso_date(self, d: dict, key: str, path: tuple) -> date | None:
        """A date as people write it (15/06/2026, 2026-06-15, 15 juin 2026: the field table's
        forms)."""
        expected = fields.expected(fields.DATE)
        value = self.required(d, key, path, expected)
        if value is INVALID:
            return INVALID
        where = path + (key,)
        parsed = fields.read_date(value) if isinstance(value, str) else None
        if parsed is None:
            self.fail(where, "type", f"attendu : {expected}, reçu : {short(value)}", expected)
            return INVALID
        if parsed == "impossible":
            self.fail(where, "date", f"date impossible : {value.strip()}", "une date qui existe au calendrier")
            return INVALID
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            self.fail(where, "range", f"année hors de la plage {MIN_YEAR}–{MAX_YEAR} : {value}",
                      f"une année entre {MIN_YEAR} et {MAX_YEAR}")
            return INVALID
        return parsed

    def optional_date(self, d: dict, key: str, path: tuple) -> date | None:
        return self.iso_date(d, key, path) if self.present(d, key) else None


@lru_cache(maxsize=4096)
def _exact(written: str) -> Fraction:
    # A cohort's results repeat the same few figures: parsing each once saves a good share of
    # its time (Fractions are immutable, so sharing them is safe).
    return Fraction(written)


@lru_cache(maxsize=4096)
def _decimal_exact(value: Decimal) -> Fraction:
    # Cached as _exact is: a cohort's cells repeat the same few figures.
    return Fraction(value)


@lru_cache(maxsize=4096)
def _decimal_percentage(value: Decimal) -> Fraction | None:
    exact = _decimal_exact(value)
    return exact if _ZERO <= exact <= _HUNDRED else None


@lru_cache(maxsize=4096)
def _text_percentage(text: str) -> Fraction | None:
    """A cell's percentage as typed (« 72,5 »), None when it is not one between 0 and 100:
    read and compared once per writing (a cohort's 57 cells a row repeat a few hundred
    writings; two Fraction comparisons a cell were a sixth of its time)."""
    exact = fields.read_number(text)
    return exact if exact is not None and _ZERO <= exact <= _HUNDRED else None


@lru_cache(maxsize=4096)
def _percentage(written: str) -> Fraction | None:
    """The exact number written, None when it is not between 0 and 100: compared once per
    figure (a cohort's results repeat)."""
    exact = _exact(written)
    return exact if _ZERO <= exact <= _HUNDRED else None


def _too_long(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and \
        abs(value) >= _TOO_LONG


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, int) and _too_long(value):
        return f"un nombre de plus de {MAX_DIGITS} chiffres"
    if isinstance(value, TooLong):
        return repr(value)
    if isinstance(value, (int, float, Decimal)):
        written = str(value)
        return f"le nombre {written if len(written) <= 40 else written[:39] + '…'}"
    if isinstance(value, str):
        return f"le texte {short(value)}"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un objet"
    return type(value).__name__


def short(value: Any) -> str:
    if isinstance(value, int) and _too_long(value):
        return kind_of(value)
    s = f"« {value} »" if isinstance(value, str) else str(value) if isinstance(value, Decimal) else repr(value)
    return s if len(s) <= 40 else s[:37] + "…»"


def _num(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{float(x):g}"


def _parent(path: str) -> str:
    if path.endswith("]"):
        return path[:path.rindex("[")]
    # competence ids hold dots: the parent of blocks.B1.C1.1.jury is found by the order map
    return path[:path.rindex(".")] if "." in path else ""


def _document_order(situation: Any) -> tuple[dict[str, int], dict[str, int]]:
    """Each path's rank in the document, and the last rank within its subtree."""
    order: dict[str, int] = {}
    ends: dict[str, int] = {}
    limit = sys.getrecursionlimit() // 4

    def walk(node: Any, path: tuple, depth: int) -> None:
        if depth > limit:
            return
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            sub = path + (key,)
            text = wording.path_text(sub)
            order.setdefault(text, len(order))
            walk(value, sub, depth + 1)
            ends[text] = len(order) - 1

    walk(situation, (), 0)
    return order, ends
