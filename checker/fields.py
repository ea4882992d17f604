"""The field table: each input's type and the ways people may write a value of it, from
`referentiels/site.yaml` (`fields` and `input_types`), and the one reading of what they wrote.

Every place a value is typed reads it here: a JSON situation's strings (CLI, API,
`window.CQP.evaluate`), a cohort's cells, the simulator's forms (which send the text as typed).
A form listed in `input_types` is read; a hint shows those examples, and an error names the same
ones, so that a hint never offers what is refused.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from fractions import Fraction
from functools import lru_cache

from . import referentiel, wording
from .french import MONTHS

NUMBER, PERCENTAGE, INTEGER, BOOL, DATE, CHOICE, TEXT = (
    "number", "percentage", "integer", "bool", "date", "choice", "text")

# Spaces a French keyboard or spreadsheet puts in a figure: ordinary, no-break (U+00A0) and
# narrow no-break (U+202F).
_SPACE = "[ \u00a0\u202f]"
# Digits, optionally grouped by threes (« 1 200 »), optionally a decimal part after a comma or a
# point, optionally a percent sign after any spaces (contract v1.1: any number in a cell).
_NUMBER = re.compile(rf"([+-]?)(\d{{1,3}}(?:{_SPACE}\d{{3}})+|\d+)(?:[.,](\d+))?(?:{_SPACE}*%)?")
# Longer figures are left unread (a paste gone wrong): the reader names the field, and Fraction
# never sees thousands of digits.
MAX_DIGITS = 40
# Day first with "/", "-" or "." between parts, or ISO; then « 15 juin 2026 », « 1er juin 2026 ».
_DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_IN_WORDS = re.compile(r"(\d{1,2})(?:er)?\s+([a-z]+)\.?\s+(\d{4})")


def types() -> dict:
    return wording.data()["input_types"]


def kind(path: tuple, check: str | None = None, subject: str | None = None) -> str | None:
    """The type of a field (`input_types`), None for a group of fields or an unknown key."""
    entry = wording.field(path, check, subject)
    return entry.get("type") if entry else None


def unit(path: tuple, check: str | None = None, subject: str | None = None) -> str | None:
    entry = wording.field(path, check, subject)
    return entry.get("unit") if entry else None


def examples(type_name: str) -> list[str]:
    """The written forms of a type, one example each, as a hint shows them."""
    spec = types()[type_name]
    if type_name == BOOL:
        return [spec["yes_words"][0], spec["no_words"][0]]
    return [form["example"] for form in spec.get("forms", [])]


def written_forms(type_name: str) -> list[tuple[str, object]]:
    """(text, the JSON value it means) for every form the table lists (the tests' source)."""
    spec = types()[type_name]
    if type_name == BOOL:
        return [(w, True) for w in spec["yes_words"]] + [(w, False) for w in spec["no_words"]]
    return [(form["example"], form["value"]) for form in spec.get("forms", [])]


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " ou " + items[-1]


def example_text(type_name: str) -> str:
    """« 15/06/2026 », « 2026-06-15 » ou « 15 juin 2026 »: what a hint and an error both offer
    (each in quotes: a decimal comma would otherwise read as the list's)."""
    return _or([f"« {x} »" for x in examples(type_name)])


def hint(type_name: str) -> str:
    """The hint under a field: « Par exemple 15/06/2026, 2026-06-15 ou 15 juin 2026. »"""
    return f"Par exemple {example_text(type_name)}."


def expected(type_name: str, words: str | None = None) -> str:
    """What an error says is expected: the field's own words (or its type's), and the forms."""
    words = words or types()[type_name]["words"]
    if type_name in (CHOICE, TEXT, BOOL):
        return words
    return f"{words}, par exemple {example_text(type_name)}"


# --- reading -------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def read_number(text: str) -> Fraction | None:
    """The exact number written (« 72,5 », « 72.5 », « 72,5 % », « 1 200 »), None if it is not one."""
    # Cached: a cohort's cells repeat the same few figures (Fractions are immutable).
    m = _NUMBER.fullmatch(text.strip())
    if not m:
        return None
    sign, whole, decimals = m.groups()
    whole = re.sub(_SPACE, "", whole)
    if len(whole) + len(decimals or "") > MAX_DIGITS:
        return None
    return Fraction(f"{sign}{whole}.{decimals}" if decimals else f"{sign}{whole}")


@lru_cache(maxsize=4096)
def read_date(text: str) -> date | str | None:
    """The date written, "impossible" for a day that does not exist (31/02/2026), None if the
    text is not written as a date."""
    t = text.strip()
    m = _DAY_FIRST.fullmatch(t)
    if m:
        day, _, month, year = m.groups()
    elif (m := _ISO.fullmatch(t)):
        year, month, day = m.groups()
    elif (m := _IN_WORDS.fullmatch(plain(t))):
        day, name, year = m.groups()
        months = [plain(x) for x in MONTHS]
        if name not in months:
            return None
        month = months.index(name) + 1
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return "impossible"


@lru_cache(maxsize=256)
def read_bool(text: str) -> bool | None:
    """« oui », « Non », « vrai », « 1 »…: True or False, None if the text is neither."""
    spec = types()[BOOL]
    word = plain(text)
    if word in (plain(w) for w in spec["yes_words"]):
        return True
    if word in (plain(w) for w in spec["no_words"]):
        return False
    return None


def plain(text: str) -> str:
    """Text compared as people mean it: any case, with or without accents, hyphens, apostrophes
    and runs of spaces alike (« Commercial-sédentaire » is « commercial sedentaire »)."""
    text = unicodedata.normalize("NFD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[\s\-\u2010-\u2015'\u2019]+", " ", text)
    return text.strip()


def read_choice(text: str, options: dict[str, list[str]]) -> str | None:
    """The option whose id or label is written ({id: [labels]}), None if none is."""
    wanted = plain(text)
    for option, labels in options.items():
        if wanted == plain(option) or any(wanted == plain(x) for x in labels):
            return option
    return None


def labels(path: tuple, option: str) -> list[str]:
    """The words people read for one option of a choice field (its id apart): a CQP's title and
    short title, a route's label and long label, a region's name, a subject's or any other
    choice's label in `choices`."""
    name = path[-1] if path else ""
    if name == "cqp":
        cqp = referentiel.load()["cqps"].get(option, {})
        return [x for x in (cqp.get("title"), cqp.get("short_title")) if x]
    if name == "route":
        return [wording.route_label(option), wording.route_label(option, long=True)]
    if name == "region":
        return [x for r in referentiel.calendar()["regions"] if r["id"] == option
                for x in (r["label"], r.get("choice")) if x]
    said = wording.choice_label(path, option)
    return [said] if said != option else []


def options(path: tuple) -> list[str]:
    """The ids a choice field takes: the CQPs, the routes any CQP has, the calendar's regions,
    or the options named in `choices` (subjects, an organism's kind, a jury member's role)."""
    name = path[-1] if path else ""
    if name == "cqp":
        return referentiel.cqp_ids()
    if name == "route":
        return list(dict.fromkeys(r for c in referentiel.cqp_ids() for r in referentiel.cqp(c).data["routes"]))
    if name == "region":
        return [r["id"] for r in referentiel.calendar()["regions"]]
    keys = tuple("*" if isinstance(k, int) else k for k in path)
    for pattern, named in wording.data()["choices"].items():
        segments = pattern.split(".")
        if len(segments) == len(keys) and all(s in ("*", k) for s, k in zip(segments, keys)):
            return list(named)
    return []
