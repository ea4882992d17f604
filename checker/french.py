"""French writing of numbers and dates, for everything people read (verdicts, pages, forms).

Figures are written from exact values (Fractions); rounding here is for display only.
"""
from __future__ import annotations

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
    """French agreement: 0 and 1 take the singular (« 1 an », « 0,5 an », « 2 ans »)."""
    return one if Fraction(count) <= 1 else many
