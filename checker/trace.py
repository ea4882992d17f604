"""The structured trace of a verdict: one step per rule applied (OpenFisca's computation log,
Publicodes' evaluation tree). The French sentences of `explanations` are written from it by
explain.py, with the display model the browser builds its HTML from: nobody parses sentences.

A step: {"rule", "inputs", "measured", "comparison", "threshold", "ok"} and, where it applies,
"part" (domain or block), "competence", "check", "deadline", and "status":
- "decided": the rule was applied (`ok` true or false);
- "not_evaluated": nothing is known yet for that part (`ok` null: not a failure);
- "not_checked": a condition that needs more input to be checked (`ok` null);
- "computed": a figure or a date worked out by the rule, nothing to pass or fail (`ok` null);
- "incomplete": some results are not known yet; `needed` says what would still be needed.
"""
from __future__ import annotations

from datetime import date
from fractions import Fraction

from .french import rounded


def step(rule: str, *, status: str = "decided", ok: bool | None = None, measured=None,
         comparison: str | None = None, threshold=None, inputs: dict | None = None, **extra) -> dict:
    """One step, in the shape every reader of the trace expects."""
    return {"rule": rule, "status": status, "inputs": inputs or {}, "measured": measured,
            "comparison": comparison, "threshold": threshold, "ok": ok, **extra}


class Trace:
    def __init__(self):
        self.steps: list[dict] = []

    def step(self, rule: str, **fields) -> dict:
        """Records a step made here (a figure computed, a condition answered); a rule applied
        records its own (add(rule.apply(…)))."""
        return self.add(step(rule, **fields))

    def add(self, made: dict) -> dict:
        self.steps.append(made)
        return made

    def of(self, rule: str) -> list[dict]:
        return [s for s in self.steps if s["rule"] == rule]

    def json(self) -> list[dict]:
        return [_json(s) for s in self.steps]


def cited(step: dict) -> bool:
    """Whether a step's rule counts among the verdict's references: it was applied or it
    computed something (a part not evaluated yet, a condition not checked, did not use it)."""
    return step["status"] in ("decided", "computed")


def plain(value):
    """A step (or any value of one) as JSON writes it: exact figures rounded for display, dates
    ISO."""
    return _json(value)


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _json(value):
    # By exact type first: a cohort writes thousands of traces, and isinstance against Fraction
    # (an ABC) was a fifth of its time.
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {k: _json(v) for k, v in value.items() if not k.startswith("_")}
    if kind is Fraction:
        return int(value) if value.denominator == 1 else rounded(value)
    if isinstance(value, Fraction):
        return int(value) if value.denominator == 1 else rounded(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    return value
