"""Access to the compiled referential (checker/data/referentiels.json, built from referentiels/).

No I/O at import: the file is read on first use and kept. The values of every rule come from
here; code only knows rule ids (see rule_ids.py).
"""
from __future__ import annotations

import json
import operator
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "referentiels.json"

# Where the site writes each topic's rules (URL scheme of the portal, not a rule).
TOPIC_PAGES = {
    "evaluations": "evaluations",
    "routes": "voies-d-acces",
    "reglement": "reglement",
    "evaluateurs": "acteurs",
    "tuteurs": "acteurs",
    "jury": "acteurs",
    "organismes": "acteurs",
}


def anchor(item_id: str) -> str:
    """Stable anchor of an id on the site: C2.4 → c2-4, domain_pass_rate → domain-pass-rate."""
    return item_id.lower().replace(".", "-").replace("_", "-")


@lru_cache(maxsize=1)
def load() -> dict:
    """The compiled referential: {"cqps": {id: …}, "calendar": …}."""
    try:
        text = DATA.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuntimeError(
            f"{DATA} is missing: compile the referential first (make data, or "
            "python build_scripts/compile_referentiels.py)"
        ) from None
    return json.loads(text)


_COMPARE = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "==": operator.eq}


class Rule:
    """One rule of a CQP's referential, as the checker needs it."""

    def __init__(self, cqp: "Cqp", data: dict):
        self.cqp, self.data = cqp, data
        self.id: str = data["id"]
        self.title: str = data["title"]
        self.unit: str = data["unit"]

    @property
    def value(self) -> Fraction:
        return Fraction(str(self.data["value"]))

    @property
    def values(self) -> dict[str, Fraction]:
        return {k: Fraction(str(v)) for k, v in self.data["value"].items()}

    def holds(self, measured) -> bool:
        """measured <comparison> value, with the comparison written in the referential
        (">=" when it says nothing: a threshold reached exactly is met)."""
        return _COMPARE[self.data.get("comparison", ">=")](measured, self.value)

    @property
    def text(self) -> str:
        """The rule's wording with its value written in."""
        value = self.data.get("value")
        fields = dict(value) if isinstance(value, dict) else {}
        return self.data["text"].format(value=value, **fields)

    @property
    def source(self) -> str:
        return self.cqp.source(self.data["source"])

    @property
    def page(self) -> str:
        return f"{self.cqp.id}/{TOPIC_PAGES[self.data['topic']]}/#regle-{anchor(self.id)}"

    def reference(self) -> dict:
        return {"rule": self.id, "title": self.title, "page": self.page, "source": self.source}


class Cqp:
    def __init__(self, data: dict):
        self.data = data
        self.id: str = data["id"]
        self.title: str = data["title"]
        self._rules = {r["id"]: r for r in data["rules"]}
        self._deadlines = {d["id"]: d for d in data["deadlines"]}

    def rule(self, rule_id: str) -> Rule:
        return Rule(self, self._rules[rule_id])

    def deadline(self, deadline_id: str) -> dict:
        return self._deadlines[deadline_id]

    @property
    def deadlines(self) -> list[dict]:
        return self.data["deadlines"]

    def source(self, section: str) -> str:
        return f"{self.data['source_document']['file']}, {section}"

    @property
    def parts(self) -> list[dict]:
        """Domains (vendeur-conseil-distance) or blocks (commercial-sedentaire), in order."""
        return self.data["domains"] if self.data["structure"] == "domains" else self.data["blocks"]

    def page(self, name: str, item_id: str | None = None) -> str:
        return f"{self.id}/{name}/" + (f"#{anchor(item_id)}" if item_id else "")


def cqp(cqp_id: str) -> Cqp:
    return Cqp(load()["cqps"][cqp_id])


def cqp_ids() -> list[str]:
    return list(load()["cqps"])


def calendar() -> dict[str, Any]:
    return load()["calendar"]
