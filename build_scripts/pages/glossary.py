"""/glossaire/ — the terms of referentiels/glossaire.yaml, alphabetically, each under its anchor;
and the abbreviation definitions that turn them into tooltips on every page."""
from __future__ import annotations

import unicodedata

from .md import Cqp, interpretation, link, one_line, page, source_line

HERE = "glossaire.md"


def _sort_key(term: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", term.casefold()) if not unicodedata.combining(ch))


def generate(glossary: dict, cqps: list[Cqp]) -> dict[str, str]:
    titles = {c.id: c.short for c in cqps}
    body = ["# Glossaire",
            "Les sigles et les termes propres aux deux CQP. Sur toutes les pages du site, ces termes sont "
            "soulignés en pointillé : survolez-les ou touchez-les pour lire leur sens."]
    for t in sorted(glossary["terms"], key=lambda t: _sort_key(t["term"])):
        out = [f"## {t['term']} {{#{t['id']}}}", f"*{one_line(t['expansion'])}*", one_line(t["definition"])]
        concerns = t.get("cqps") or list(titles)
        out.append("Concerne : " + " et ".join(
            f"[CQP {titles[c]}]({link(HERE, c + '/index.md')})" for c in concerns if c in titles))
        out += [source_line(t["source"]), interpretation(t)]
        body.append("\n\n".join(p for p in out if p))
    return {HERE: page("Glossaire", "Sigles et termes des CQP : CPNEFP, OPCO, AKTO, CGF, VAE, jury paritaire, "
                       "jours ouvrés, bloc de compétences…", body)}


def abbreviations(glossary: dict) -> str:
    """Markdown abbreviation definitions (*[term]: expansion) for every page."""
    lines = []
    for t in glossary["terms"]:
        if t.get("tooltip") is False:
            continue
        for form in [t["term"], *t.get("aliases", [])]:
            lines.append(f"*[{form}]: {one_line(t['expansion'])}")
    return "\n".join(lines)
