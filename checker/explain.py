"""Writing verdicts for people: French numbers and the references of the rules that decided."""
from __future__ import annotations

from fractions import Fraction

from .referentiel import Rule


def rounded(x: Fraction, places: int = 2) -> float:
    """A figure for display in JSON (never used to decide: decisions compare Fractions)."""
    return round(float(x), places)


def fr(x: Fraction | int, places: int = 2) -> str:
    """72.14 → « 72,14 », 85 → « 85 »."""
    x = Fraction(x)
    if x.denominator == 1:
        return str(x.numerator)
    text = f"{float(x):.{places}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def pct(x: Fraction | int) -> str:
    return f"{fr(x)} %"


class Explainer:
    """Collects the sentences of a verdict and the rules they rest on."""

    def __init__(self):
        self.sentences: list[str] = []
        self._refs: dict[str, dict] = {}

    def say(self, sentence: str, *rules: Rule) -> None:
        self.sentences.append(sentence)
        for rule in rules:
            self._refs.setdefault(rule.id, rule.reference())

    def cite(self, *rules: Rule) -> None:
        for rule in rules:
            self._refs.setdefault(rule.id, rule.reference())

    @property
    def references(self) -> list[dict]:
        return list(self._refs.values())
