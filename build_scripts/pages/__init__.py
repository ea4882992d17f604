"""Page generators of the portal: plain functions from the checked referentials to Markdown.

``generate_site(data)`` returns ``{source path: markdown}`` for every generated page; the MkDocs
hook (build_scripts/hooks/pages.py) adds them to the build, the tests call it directly. Each
module holds one kind of page.
"""
from __future__ import annotations

from pathlib import Path

from . import (accueil, acteurs, comparer, evaluations, glossaire, liens, presentation, publics,
               referentiel, reglement, sources, voies)
from .md import Cqp, PagesError
from .source import ReferentielError, load_all

__all__ = ["generate_site", "load_all", "cqps_of", "version_note", "abbreviations",
           "PagesError", "ReferentielError"]

PER_CQP = (presentation, referentiel, evaluations, voies, reglement, acteurs)


def cqps_of(data: dict) -> list[Cqp]:
    return [Cqp(d) for d in data["cqps"].values()]


def generate_site(data: dict) -> dict[str, str]:
    """Every generated page, from the dict of load_all()."""
    cqps = cqps_of(data)
    pages: dict[str, str] = {}
    for cqp in cqps:
        for module in PER_CQP:
            pages.update(module.generate(cqp))
    pages.update(accueil.generate(cqps))
    pages.update(publics.generate(cqps))
    pages.update(comparer.generate(cqps))
    pages.update(glossaire.generate(data["glossary"], cqps))
    pages.update(sources.generate(cqps, data["calendar"], data["glossary"]))
    pages.update(liens.generate(cqps))
    return pages


def abbreviations(data: dict) -> str:
    return glossaire.abbreviations(data["glossary"])


def version_note(src_uri: str, data: dict) -> str:
    """The line that ends every page: which referential version it was built from."""
    cqps = cqps_of(data)
    own = [c for c in cqps if src_uri.startswith(c.id + "/")]
    if own:
        c = own[0]
        text = f"Page construite à partir du référentiel du CQP {c.title}, version {c.version}."
    else:
        text = ("Page construite à partir des référentiels "
                + " et ".join(f"{c.short} (version {c.version})" for c in cqps)
                + f", glossaire version {data['glossary']['version']}.")
    depth = src_uri.count("/")
    sources = "../" * depth + "sources.md#versions"
    return f'\n\n<p class="cqp-version" markdown>{text} [Les sources]({sources})</p>\n'


def build(root: Path | str | None = None) -> dict[str, str]:
    """Load and generate in one call (tests, scripts)."""
    return generate_site(load_all(root))
