"""The one model of a rule: its value, its comparison, its French wording and its page.

Every consumer — the checker's decisions and sentences, the site's pages, the simulator's forms,
the calendar export — goes through this class, so a rule is read, compared and written one way.
"""
from __future__ import annotations

import operator
from datetime import date
from fractions import Fraction
from functools import lru_cache

from . import french, wording
from .trace import step

_COMPARE = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "==": operator.eq}
# A "before" deadline reverses the sense of its comparison on dates: at least 15 jours ouvrés of
# notice means a date no later than the deadline.
_MIRROR = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "=="}


@lru_cache(maxsize=1024)
def _exact(text: str) -> Fraction:
    # Keyed by the value's writing, not the rule: a referential edited in place still counts.
    # Parsing a Fraction for every comparison was a good part of a cohort's time.
    return Fraction(text)


@lru_cache(maxsize=1024)
def _page(cqp_id: str, topic: str, rule_id: str) -> str:
    # Every verdict cites its rules' pages: worked out once per rule (cleared with the
    # referential, referentiel.clear_cache).
    return wording.page_url(cqp_id, wording.topic_page(topic), rule_anchor(rule_id))


def anchor(item_id: str) -> str:
    """Stable anchor of an id on the site: C2.4 → c2-4, domain_pass_rate → domain-pass-rate."""
    return item_id.lower().replace(".", "-").replace("_", "-")


# The one place where the public anchors of rules and deadlines are composed: verdicts, pages,
# forms and the loader's uniqueness check all name a rule's paragraph through these.
def rule_anchor(rule_id: str) -> str:
    """#regle-domain-pass-rate: where a rule is written on its page."""
    return "regle-" + anchor(rule_id)


def deadline_anchor(deadline_id: str) -> str:
    """#delai-results-due: where a deadline is written on the routes page."""
    return "delai-" + anchor(deadline_id)


class Rule:
    """One rule of a CQP's referential (its YAML item, as compiled)."""

    def __init__(self, cqp_id: str, data: dict, source_title: str | None = None):
        self.cqp_id, self.data = cqp_id, data
        # Pages and forms may hand over a bare {value, unit, …} to be worded.
        self.id: str = data.get("id", "")
        self.title: str = data.get("title", "")
        self.unit: str = data.get("unit", "")
        self.topic: str = data.get("topic", "")
        self._source_title = source_title

    # --- value and comparison ---

    @property
    def has_value(self) -> bool:
        return self.data.get("value") is not None

    @property
    def value(self) -> Fraction:
        return _exact(str(self.data["value"]))

    @property
    def values(self) -> dict[str, Fraction]:
        return {k: _exact(str(v)) for k, v in self.data["value"].items()}

    @property
    def comparison(self) -> str:
        """As written in the referential; ">=" when it says nothing (a threshold reached exactly
        is met)."""
        return self.data.get("comparison", ">=")

    def holds(self, measured) -> bool:
        """measured <comparison> value."""
        return self.compare(measured, self.value)

    def compare(self, left, right) -> bool:
        """left <comparison> right: for a rule whose value is a duration, compared as dates."""
        if type(left) is Fraction and type(right) is Fraction:
            # Exact as Fraction's own comparison (denominators are positive), without its type
            # checks: a cohort compares tens of thousands of figures.
            return _COMPARE[self.comparison](left.numerator * right.denominator,
                                             right.numerator * left.denominator)
        return _COMPARE[self.comparison](left, right)

    def holds_by_deadline(self, given: date, due: date, direction: str) -> bool:
        """A date against the deadline this rule sets: « at least N before » (direction before)
        is met by a date no later than the deadline; « within N after » by a date no later."""
        op = _MIRROR[self.comparison] if direction == "before" else self.comparison
        return _COMPARE[op](given, due)

    def deadline_comparison(self, direction: str) -> str:
        return _MIRROR[self.comparison] if direction == "before" else self.comparison

    # --- applying it: one step of the trace ---

    def apply(self, measured, *, against=None, **extra) -> dict:
        """The rule applied to a measured value: a decided step of the trace carrying its
        comparison and threshold (its value, or `against`: a date worked out from it)."""
        threshold = self.value if against is None else against
        return step(self.id, ok=self.compare(measured, threshold), measured=measured,
                    comparison=self.comparison, threshold=threshold, **extra)

    def apply_by_deadline(self, given: date, due: date, direction: str, **extra) -> dict:
        """A date against the deadline this rule sets (holds_by_deadline), as a step."""
        return step(self.id, ok=self.holds_by_deadline(given, due, direction), measured=given,
                    comparison=self.deadline_comparison(direction), threshold=due, **extra)

    def pending(self, status: str, **extra) -> dict:
        """A step where the rule could not be applied yet (not_evaluated, incomplete): it still
        says what it will compare, and against what."""
        return step(self.id, status=status, comparison=self.comparison, threshold=self.value, **extra)

    # --- inverse: which values meet the rule ---

    def solutions(self, slope: Fraction, offset: Fraction, low: Fraction, high: Fraction,
                  step: Fraction) -> tuple[Fraction, Fraction] | None:
        """The values x = low + k·step, low <= x <= high, whose measure slope·x + offset meets
        this rule, as (least, greatest); None when none does. An affine measure crosses the
        threshold once, so the values that meet a comparison form one run of the grid: solved
        in closed form, in a time that does not depend on the size of the numbers."""
        last = (high - low) // step
        if slope == 0:
            return (low, low + last * step) if self.holds(offset) else None
        # slope·x + offset <op> value  ⇔  x <op'> crossing (op' mirrored for a falling measure),
        # and then k <op'> (crossing − low) / step on the grid's indices.
        op = self.comparison if slope > 0 else _MIRROR[self.comparison]
        at = ((self.value - offset) / slope - low) / step
        floor, ceil = at.__floor__(), at.__ceil__()
        first, final = {">=": (ceil, last), ">": (floor + 1, last), "<=": (0, floor),
                        "<": (0, ceil - 1), "==": (floor, floor) if at == floor else (1, 0)}[op]
        first, final = max(first, 0), min(final, last)
        if first > final:
            return None
        return low + first * step, low + final * step

    # --- wording ---

    def amount(self) -> str:
        """The value with its unit: « 80 % », « 2 ans », « 15 jours ouvrés »."""
        value = self.data.get("value")
        if value is None:
            return ""
        if isinstance(value, dict):
            return ", ".join(f"{k} {french.number(v)} %" for k, v in value.items())
        one, many = wording.unit_words(self.unit)
        word = french.plural(Fraction(str(value)), one, many)
        return f"{french.number(value)} {word}".strip().replace(" %", "\u00a0%")

    def threshold(self) -> str:
        """« au moins 80 % »: the comparison in words and the amount."""
        words = wording.comparison(self.data["comparison"])["words"] if "comparison" in self.data else ""
        return f"{words} {self.amount()}".strip()

    @property
    def text(self) -> str:
        """The rule's wording with its value(s) written in, French style."""
        value = self.data.get("value")
        if isinstance(value, dict):
            return _one_line(self.data["text"]).format(**{k: french.number(v) for k, v in value.items()})
        return _one_line(self.data["text"]).format(value=french.number(value) if value is not None else "")

    # --- where it is written ---

    @property
    def anchor(self) -> str:
        return rule_anchor(self.id)

    @property
    def page(self) -> str:
        """Site-relative URL of the rule's paragraph."""
        return _page(self.cqp_id, self.topic, self.id)

    @property
    def source(self) -> str:
        return f"{self._source_title}, {self.data['source']}" if self._source_title else self.data["source"]

    def reference(self) -> dict:
        """The rule as a verdict cites it, typeset for people to read."""
        return {"rule": self.id, "title": french.typeset(self.title), "page": self.page,
                "source": french.typeset(self.source)}


def _one_line(text: str) -> str:
    # ASCII whitespace only: a no-break space (« 80 % ») must survive.
    out, space = [], False
    for ch in str(text):
        if ch in " \t\r\n":
            space = True
            continue
        if space and out:
            out.append(" ")
        space = False
        out.append(ch)
    return "".join(out)
