"""Page generators of the portal: plain functions from the checked referentials to Markdown.

``generate_site(data)`` returns ``{source path: markdown}`` for every generated page, from the
dict of ``load_all()`` (build_scripts/compile_referentiels.py); the generate step
(build_scripts/generate.py) writes them into build/docs/, the tests call it directly. Each
module holds one kind of page.
"""
from __future__ import annotations

from pathlib import Path

from build_scripts.compile_referentiels import ReferentielError, load_all
from checker.referentiel import Cqp

from . import (actors, audiences, compare, evaluations, glossary, home, links, overview,
               referential_page, routes, rules_page, sources)
from .md import PagesError

__all__ = ["generate_site", "load_all", "cqps_of", "version_note", "abbreviations",
           "PagesError", "ReferentielError"]

PER_CQP = (overview, referential_page, evaluations, routes, rules_page, actors)


def cqps_of(data: dict) -> list[Cqp]:
    return [Cqp(d) for d in data["cqps"].values()]


def generate_site(data: dict) -> dict[str, str]:
    """Every generated page, from the dict of load_all()."""
    cqps = cqps_of(data)
    pages: dict[str, str] = {}
    for cqp in cqps:
        for module in PER_CQP:
            pages.update(module.generate(cqp))
    pages.update(home.generate(cqps))
    pages.update(audiences.generate(cqps))
    pages.update(compare.generate(cqps))
    pages.update(glossary.generate(data["glossary"], cqps))
    pages.update(sources.generate(cqps, data["calendar"], data["glossary"]))
    pages.update(links.generate(cqps))
    return pages


def abbreviations(data: dict) -> str:
    return glossary.abbreviations(data["glossary"])


def version_note(src_uri: str, data: dict) -> str:
    """The line that ends every page: which referential version it was built from."""
    cqps = cqps_of(data)
    own = [c for c in cqps if src_uri.startswith(c.id + "/")]
    if own:
        c = own[0]
        text = f"Page construite à partir du référentiel du CQP {c.name}, version {c.version}."
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
