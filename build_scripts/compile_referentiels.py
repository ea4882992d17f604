"""The one compile of the referential: referentiels/*.yaml → checker/data/referentiels.json.

Every consumer goes through ``compile_referentiels()`` or reads what it wrote: `make data`, the
generate step (pages, simulator forms, wheel), the tests' conftest. It is also the one place
that decides whether the JSON is up to date: it always loads and checks the YAML (a broken
file must stop every path) and rewrites the JSON only when its text changed, so that watchers
(`mkdocs serve`) and the wheel cache see no change when there is none.

The checker reads JSON because it must run in Pyodide, where PyYAML is absent. A broken
referential stops here with located problems (file:line: key.path: what), exit 1, no traceback.

    python -m build_scripts.compile_referentiels [REFERENTIELS_DIR]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from build_scripts.referentiel_loader import (REFERENTIELS, ROOT, ReferentielError,
                                              load_referentiels, load_yaml)

__all__ = ["OUTPUT", "ReferentielError", "load_all", "checker_data", "compile_referentiels"]

OUTPUT = ROOT / "checker" / "data" / "referentiels.json"


def load_all(root: Path | str | None = None) -> dict:
    """Everything read from referentiels/, checked: {"cqps", "calendar", "site", "glossary"}.

    The one seam where a file of referentiels/ joins the build: a new one is loaded here, and
    both the pages and (through checker_data) the checker see it. Raises ReferentielError
    naming every broken file and line (referentials and glossary).
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


# What only the pages show: the sections of a CQP the checker never reads, and, in every item,
# the document's own words and the site's reading of them. Left out of the checker's JSON, which
# the simulator's wheel carries to every visitor (a third of its bytes).
PAGES_ONLY = ("actors", "reglement", "identity", "public", "trade", "evaluations")
PROSE = ("quote", "interpretation")


def _without_prose(value):
    if isinstance(value, dict):
        return {k: _without_prose(v) for k, v in value.items() if k not in PROSE}
    if isinstance(value, list):
        return [_without_prose(v) for v in value]
    return value


def checker_data(data: dict) -> dict:
    """The part of load_all()'s dict that the checker (and the simulator's forms) read."""
    cqps = {cid: _without_prose({k: v for k, v in cqp.items() if k not in PAGES_ONLY})
            for cid, cqp in data["cqps"].items()}
    # Of the statements written as sections of a page (site_map.sections), what a next step's
    # link needs: the list each belongs to and its title, by id.
    for cid, cqp in data["cqps"].items():
        cqps[cid]["sections"] = {st["id"]: {"in": key, "title": st["title"]}
                                 for key in data["site"]["site_map"].get("sections", {})
                                 for st in cqp.get(key, [])}
    return {"cqps": cqps, "calendar": data["calendar"], "site": data["site"]}


def compile_referentiels(root: Path | str | None = None, output: Path = OUTPUT) -> dict:
    """Load and check referentiels/, write the checker's JSON if it changed; returns load_all()'s dict."""
    data = load_all(root)
    # YAML order is meaningful (weights, steps): no sort_keys.
    text = json.dumps(checker_data(data), ensure_ascii=False, separators=(",", ":"))
    if not output.exists() or output.read_text(encoding="utf-8") != text:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        _forget_checker_copy()
    return data


def _forget_checker_copy() -> None:
    # A long-lived process (mkdocs serve, a test session) keeps the JSON the checker read first.
    reader = sys.modules.get("checker.referentiel")
    if reader is not None:
        reader.clear_cache()


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else None
    try:
        compile_referentiels(root)
    except ReferentielError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"{OUTPUT.relative_to(ROOT)} à jour ({OUTPUT.stat().st_size} octets)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
