"""One writer of French (issue 18): the page's scripts build HTML from what the checker returns,
so none of them names a rule or writes a sentence of a verdict. Both lists come from the
referential — every rule id of every CQP, and every sentence template of
referentiels/site.yaml (`sentences`), outcome title and next step — never from a hand-made list."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker import referentiel, wording

ROOT = Path(__file__).resolve().parents[1]
# Every script the site ships from docs/ (the simulator's, the theme's copies, the pages' own).
SCRIPTS = sorted(p for p in (ROOT / "docs").rglob("*") if p.suffix in (".js", ".mjs"))

_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\"'\w\\])//[^\n]*", re.S)
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _code(path: Path) -> str:
    """A script as it runs: without its comments (which explain in English, and may quote what
    the page shows)."""
    return _plain(_COMMENT.sub(" ", path.read_text(encoding="utf-8")))


def rule_ids() -> set[str]:
    out = set()
    for cqp_id in referentiel.cqp_ids():
        out |= {r["id"] for r in referentiel.cqp(cqp_id).data["rules"]}
    return out


def _texts(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from _texts(v)
    elif isinstance(node, list):
        for v in node:
            yield from _texts(v)


def verdict_fragments() -> set[str]:
    """The literal words of every sentence a verdict says: each template cut at its values
    (« {part} validé : {positive} indicateurs positifs sur {total} » gives « indicateurs positifs
    sur »), outcome titles and next steps; only fragments of three words or more, so that words
    any message may use (« au moins », « est conservé ») do not count."""
    site = wording.data()
    texts = list(_texts(site["sentences"])) + list(_texts(site["outcomes"])) + [
        step["text"] for entry in site["next_steps"] for step in entry["steps"]]
    out = set()
    for text in texts:
        for piece in _PLACEHOLDER.split(_plain(text)):
            piece = piece.strip(" ,;:.()«»")
            if len(piece.split()) >= 3:
                out.add(piece)
    return out


def test_the_lists_come_from_the_referential():
    assert len(rule_ids()) > 50
    fragments = verdict_fragments()
    assert len(fragments) > 60
    # they find what they look for: a script of yesterday would have been caught
    yesterday = 'const s = `Il faut au moins ${n} indicateurs positifs sur ${t}`; if (r === "domain_pass_rate") {}'
    assert any(f in yesterday for f in fragments)
    assert "domain_pass_rate" in rule_ids()


@pytest.mark.parametrize("script", [p.relative_to(ROOT).as_posix() for p in SCRIPTS])
def test_a_page_script_names_no_rule_and_says_no_verdict(script):
    path = ROOT / script
    code = _code(path)
    ids = [i for i in sorted(rule_ids()) if re.search(rf"\b{re.escape(i)}\b", code)]
    assert not ids, f"{script} names rules {ids}: the checker's display says what they mean"
    said = sorted(f for f in verdict_fragments() if f in code)
    assert not said, f"{script} writes sentences of a verdict {said[:5]}: they belong in referentiels/site.yaml"


def test_the_writer_of_french_holds_templates_not_sentences():
    """checker/explain.py chooses templates and hands values: no sentence is written in it (its
    docstrings and comments apart), so that the wording has one place, referentiels/site.yaml."""
    import ast

    tree = ast.parse((ROOT / "checker" / "explain.py").read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    words = re.compile(r"[^\W\d_]{2,} [^\W\d_]{2,}")
    written = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
               and id(n) not in docstrings and words.search(n.value)]
    assert not written, written
