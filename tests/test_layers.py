"""The referential's model imports downwards only (issue 18): data → French → wording → rules →
referential → checks → display, with no import hidden inside a function to dodge a circle."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Each module may import only those before it (trace is the shape of a step, which rules make).
LAYERS = ["compiled", "french", "wording", "trace", "rules", "referentiel"]
CHECKS = ["score", "eligibility", "deadlines"]
DISPLAY = ["explain"]


def _imports(path: Path) -> tuple[set[str], set[str]]:
    """Sibling modules imported at the top of a module, and inside its functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top, inner = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names = {node.module.split(".")[0]} if node.module else {a.name for a in node.names}
            (top if node in tree.body else inner).update(names)
    return top, inner


def test_the_model_imports_downwards_only():
    for i, name in enumerate(LAYERS):
        top, inner = _imports(ROOT / "checker" / f"{name}.py")
        assert not inner, f"checker/{name}.py imports {inner} inside a function"
        above = (set(LAYERS[i + 1:]) | set(CHECKS) | set(DISPLAY)) & top
        assert not above, f"checker/{name}.py imports {above}, above it"


def test_checks_and_display_import_no_model_module_inside_a_function():
    for name in CHECKS + DISPLAY:
        _, inner = _imports(ROOT / "checker" / f"{name}.py")
        assert not inner & set(LAYERS + CHECKS + DISPLAY), f"checker/{name}.py: {inner}"
    top, _ = _imports(ROOT / "checker" / "explain.py")
    assert not top & set(CHECKS), "the display reads verdicts, never the checks"


def test_the_forms_import_no_circle():
    forms, inner_forms = _imports(ROOT / "build_scripts" / "simulator" / "forms.py")
    assert "eligibility_forms" not in forms | inner_forms
