"""French writing of numbers and dates, for everything people read (verdicts, pages, forms).

Figures are written from exact values (Fractions); rounding here is for display only.
"""
from __future__ import annotations

import re
from datetime import date
from fractions import Fraction

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def number(x, places: int = 2) -> str:
    """72.14 → « 72,14 », 85 → « 85 », 0.5 → « 0,5 »."""
    x = Fraction(str(x)) if isinstance(x, float) else Fraction(x)
    if x.denominator == 1:
        return str(x.numerator)
    return f"{float(x):.{places}f}".rstrip("0").rstrip(".").replace(".", ",")


def percent(x) -> str:
    return f"{number(x)} %"


def rounded(x: Fraction, places: int = 2) -> float:
    """A figure for display in JSON (never used to decide: decisions compare Fractions)."""
    return round(float(x), places)


def long_date(d: date) -> str:
    """« lundi 1er juin 2026 »: a date people read always says its weekday."""
    day = "1er" if d.day == 1 else str(d.day)
    return f"{WEEKDAYS[d.weekday()]} {day} {MONTHS[d.month - 1]} {d.year}"


def plural(count, one: str, many: str) -> str:
    """French agreement: below 2 takes the singular (« 1 an », « 0,5 an », « 1,5 an », « 2 ans »),
    as the Académie française has it: the plural starts at two."""
    return one if abs(Fraction(count)) < 2 else many


def say_list(items) -> str:
    """A list as a sentence says it: « C1.1, C1.2 et C1.3 »."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} et {items[-1]}" if items else ""


NBSP = "\u00a0"
# The spaces French puts before « : ; ? ! » and inside « guillemets », and between a number and
# « % » or « € », are non-breaking: a phone's narrow column never starts a line with « : » or
# « % ». The built pages get the same from build_scripts/french_typography.py, which uses this.
TYPOGRAPHY = (
    # « mot : », « mot ; », « mot ? », « mot ! », « mot » » — after a word, not at the start of
    # a text that follows a tag (« <strong>Voir</strong> : » is handled by the next rule).
    (re.compile(r"(?<=\S)[ \t\n]+(?=[:;?!»])"), NBSP),
    (re.compile(r"^[ \t\n]+(?=[:;?!»])"), NBSP),
    # « « mot »
    (re.compile(r"«[ \t\n]+"), "«" + NBSP),
    # « 45 % », « 1 200 € »
    (re.compile(r"(?<=\d)[ \t\n]+(?=[%€])"), NBSP),
)


def typeset(text: str) -> str:
    """A text people read, with French non-breaking spaces (idempotent)."""
    for pattern, replacement in TYPOGRAPHY:
        text = pattern.sub(replacement, text)
    return text
