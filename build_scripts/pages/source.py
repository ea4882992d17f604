"""Where the page generators get their data: the checked referentials and the glossary.

One place to read them, so that the generators never touch YAML themselves and a broken file
stops the build with the loader's located message (``<file>:<line>: <key.path>: <problem>``).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from build_scripts.referentiel_loader import (  # noqa: E402
    REFERENTIELS,
    ReferentielError,
    load_referentiels,
    load_yaml,
)

__all__ = ["ReferentielError", "load_all", "REFERENTIELS"]


def load_all(root: Path | str | None = None) -> dict:
    """Both CQPs, the calendar and the glossary: {"cqps", "calendar", "glossary"}.

    Raises ReferentielError naming every broken file and line (referentials and glossary).
    """
    root = Path(root) if root else REFERENTIELS
    problems: list[str] = []
    try:
        data = load_referentiels(root)
    except ReferentielError as err:
        problems += err.problems
        data = {}
    schema_dir = root / "schema" if (root / "schema" / "glossaire.schema.yaml").exists() \
        else REFERENTIELS / "schema"
    try:
        glossary = load_yaml(root / "glossaire.yaml", schema_dir / "glossaire.schema.yaml")
    except ReferentielError as err:
        problems += err.problems
        glossary = None
    if problems:
        raise ReferentielError(problems)
    data["glossary"] = _check_glossary(glossary, root / "glossaire.yaml")
    return data


def _check_glossary(glossary: dict, path: Path) -> dict:
    # Two entries with the same surface form would give a page two different tooltips.
    lines = path.read_text(encoding="utf-8").splitlines()

    def line_of(entry_id: str) -> int:
        return next((n for n, l in enumerate(lines, 1) if l.strip() in (f"- id: {entry_id}", f"id: {entry_id}")), 1)

    try:
        shown = path.resolve().relative_to(ROOT)
    except ValueError:
        shown = path
    seen: dict[str, str] = {}
    problems = []
    for i, entry in enumerate(glossary["terms"]):
        for form in [entry["term"], *entry.get("aliases", [])]:
            if form in seen:
                problems.append(f"{shown}:{line_of(entry['id'])}: terms[{i}]: « {form} » déjà défini "
                                f"par l'entrée {seen[form]}")
            seen.setdefault(form, entry["id"])
        if entry["id"] in [e["id"] for e in glossary["terms"][:i]]:
            problems.append(f"{shown}:{line_of(entry['id'])}: terms[{i}].id: id {entry['id']!r} déjà utilisé")
    if problems:
        raise ReferentielError(problems)
    return glossary
