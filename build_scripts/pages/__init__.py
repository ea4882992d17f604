"""Page generators of the portal: plain functions from the checked referentials to Markdown.

``generate_site(data)`` returns ``{source path: markdown}`` for every generated page, from the
dict of ``load_all()`` (build_scripts/compile_referentiels.py); the generate step
(build_scripts/generate.py) writes them into build/docs/, the tests call it directly. Each
module holds one kind of page.
"""
from __future__ import annotations

import re
from pathlib import Path

from build_scripts.compile_referentiels import ReferentielError, load_all
from checker.referentiel import Cqp

from . import (actors, audiences, compare, evaluations, glossary, home, links, overview,
               referential_page, routes, rules_page, sources)
from .md import PagesError

__all__ = ["generate_site", "load_all", "cqps_of", "version_note", "abbreviations",
           "PagesError", "ReferentielError"]

PER_CQP = (overview, referential_page, evaluations, routes, rules_page, actors)


# A rule's figure named in the prose of the pages: `{amount:rule}` (« 5 ans ») or
# `{threshold:rule}` (« au moins 2 ans »), as in the next steps of referentiels/site.yaml. The
# figure stays written once, in the rule, and the page says it where it applies (issue 20: « la
# durée fixée » sent the reader to another page for 2 or 5 years).
_FIGURE = re.compile(r"\{(amount|threshold):([a-z0-9_]+)\}")
# The sections whose texts may hold it: those only the pages show, and the routes, whose texts
# the checker never reads (it reads their ids only).
_WITH_FIGURES = ("actors", "reglement", "routes")


def _with_figures(cqp: Cqp, node):
    if isinstance(node, dict):
        return {k: _with_figures(cqp, v) for k, v in node.items()}
    if isinstance(node, list):
        return [_with_figures(cqp, v) for v in node]
    if isinstance(node, str):
        return _FIGURE.sub(lambda m: getattr(cqp.rule(m.group(2)), m.group(1))(), node)
    return node


def cqps_of(data: dict) -> list[Cqp]:
    out = []
    for d in data["cqps"].values():
        cqp = Cqp(d)
        filled = {k: _with_figures(cqp, d[k]) for k in _WITH_FIGURES if k in d}
        out.append(Cqp({**d, **filled}) if filled else cqp)
    return out


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
