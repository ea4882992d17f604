"""Access to the compiled referential (checker/data/referentiels.json, built from referentiels/).

No I/O at import: the file is read on first use and kept. The values of every rule come from
here; code only knows rule ids (see rule_ids.py) and reads each rule through rules.Rule.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "referentiels.json"


@lru_cache(maxsize=1)
def load() -> dict:
    """The compiled referential: {"cqps": {id: …}, "calendar": …, "site": …}."""
    try:
        text = DATA.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuntimeError(
            f"{DATA} is missing: compile the referential first (make data)") from None
    return json.loads(text)


class Cqp:
    """One CQP's compiled referential, with the lookups the checker needs."""

    def __init__(self, data: dict):
        from .rules import Rule

        self.data = data
        self.id: str = data["id"]
        self.title: str = data["title"]
        self._rules = {r["id"]: Rule(self.id, r, data["source_document"]["cite_as"]) for r in data["rules"]}
        self._deadlines = {d["id"]: d for d in data["deadlines"]}

    def rule(self, rule_id: str):
        return self._rules[rule_id]

    def deadline(self, deadline_id: str) -> dict:
        return self._deadlines[deadline_id]

    def deadline_page(self, deadline_id: str) -> str:
        """Site-relative URL of the paragraph that explains a deadline."""
        from . import wording
        from .rules import anchor

        return wording.page_url(self.id, wording.data()["site_map"]["deadlines_page"],
                                "delai-" + anchor(deadline_id))

    @property
    def deadlines(self) -> list[dict]:
        return self.data["deadlines"]

    def source(self, section: str) -> str:
        # People read the document's title, never its file name.
        return f"{self.data['source_document']['cite_as']}, {section}"

    @property
    def parts(self) -> list[dict]:
        """Domains (vendeur-conseil-distance) or blocks (commercial-sedentaire), in order."""
        return self.data["domains"] if self.data["structure"] == "domains" else self.data["blocks"]

    @property
    def by_domains(self) -> bool:
        return self.data["structure"] == "domains"


@lru_cache(maxsize=4)
def cqp(cqp_id: str) -> Cqp:
    return Cqp(load()["cqps"][cqp_id])


def cqp_ids() -> list[str]:
    return list(load()["cqps"])


def calendar() -> dict[str, Any]:
    return load()["calendar"]


def clear_cache() -> None:
    """After the compiled file changed (mkdocs serve, tests on another referential)."""
    from . import rules, wording

    getattr(load, "cache_clear", lambda: None)()  # tests may stand a plain function in for load
    cqp.cache_clear()
    wording._patterns.cache_clear()
    wording._field.cache_clear()
    rules._page.cache_clear()
