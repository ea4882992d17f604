"""The one model of a referential: a CQP (`Cqp`) with its rules (`rules.Rule`), deadlines,
parts and evaluations, read by the checker, the site's pages and the simulator's forms alike.

Built on the compiled data (compiled.py), the wording (wording.py) and the rule model
(rules.py), which never import it. Code only knows rule ids (rule_ids.py).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from . import compiled, rules, wording
from .rules import Rule, deadline_anchor


def load() -> dict:
    """The compiled referential (compiled.load, kept here for the checker's callers)."""
    return compiled.load()


class UnknownItem(KeyError):
    """An id the referential does not hold (a page or a form naming a rule that is not there)."""

    def __str__(self) -> str:
        return self.args[0]


class Cqp:
    """One CQP's referential: the checker's data (compiled.load) or the pages' fuller one
    (build_scripts.compile_referentiels.load_all), read the same way."""

    def __init__(self, data: dict):
        self.data = data
        self.id: str = data["id"]
        self.title: str = data["title"]
        # Pages say « CQP <name> »: a title that already starts with the name of the
        # certificate is shortened, so that both referentials read the same way.
        self.name: str = _bare(data["title"])
        self.short: str = _bare(data.get("short_title", data["title"]))
        self.version: str = data.get("version", "")
        cite_as = data["source_document"]["cite_as"]
        self.rules: list[Rule] = [Rule(self.id, r, cite_as) for r in data["rules"]]
        self._rules = {r.id: r for r in self.rules}
        self._deadlines = {d["id"]: d for d in data["deadlines"]}
        self.evaluations: dict[str, dict] = {e["id"]: e for e in data.get("evaluations", [])}

    def rule(self, rule_id: str) -> Rule:
        try:
            return self._rules[rule_id]
        except KeyError:
            raise UnknownItem(f"{self.id}: règle inconnue {rule_id!r}") from None

    def has_rule(self, rule_id: str) -> bool:
        return rule_id in self._rules

    def rules_of(self, *topics: str) -> list[Rule]:
        return [r for r in self.rules if r.topic in topics]

    def deadline(self, deadline_id: str) -> dict:
        try:
            return self._deadlines[deadline_id]
        except KeyError:
            raise UnknownItem(f"{self.id}: délai inconnu {deadline_id!r}") from None

    @property
    def deadlines(self) -> list[dict]:
        return self.data["deadlines"]

    def deadline_page(self, deadline_id: str) -> str:
        """Site-relative URL of the paragraph that explains a deadline."""
        return wording.page_url(self.id, wording.data()["site_map"]["deadlines_page"],
                                deadline_anchor(deadline_id))

    def section(self, section_id: str) -> tuple[str, str]:
        """(site-relative URL, title) of a statement written as a section of a page (a next
        step's `section`): the one place such a link is composed, from `site_map.sections`."""
        sections = self.data.get("sections")
        if sections is None:  # the whole referential (the pages' data), not the checker's JSON
            sections = {s["id"]: {"in": key, "title": s["title"]}
                        for key in wording.data()["site_map"].get("sections", {}) for s in self.data.get(key, [])}
        st = sections.get(section_id)
        if st is None:
            raise UnknownItem(f"{self.id}: section inconnue {section_id!r}")
        where = wording.data()["site_map"]["sections"][st["in"]]
        return wording.page_url(self.id, where["page"], where["prefix"] + section_id), st["title"]

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

    @property
    def part_word(self) -> tuple[str, str]:
        return ("domaine", "domaines") if self.by_domains else ("bloc", "blocs")


def _bare(title: str) -> str:
    one_line = re.sub(r"[ \t\r\n]+", " ", str(title)).strip()
    return re.sub(r"^(certificat de qualification professionnelle|cqp)\s+", "", one_line, flags=re.I)


@lru_cache(maxsize=4)
def cqp(cqp_id: str) -> Cqp:
    return Cqp(load()["cqps"][cqp_id])


def cqp_ids() -> list[str]:
    return list(load()["cqps"])


def calendar() -> dict[str, Any]:
    return load()["calendar"]


def clear_cache() -> None:
    """After the compiled file changed (mkdocs serve, tests on another referential)."""
    getattr(compiled.load, "cache_clear", lambda: None)()  # tests may stand a plain function in for load
    cqp.cache_clear()
    wording._patterns.cache_clear()
    wording._field.cache_clear()
    wording._parts.cache_clear()
    rules._page.cache_clear()
