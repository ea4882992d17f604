"""Content-hashed names (build_scripts/fingerprint.py): a file's name changes with its content,
and a module's with the modules it imports, so that a page never mixes two builds."""
from __future__ import annotations

import pytest

from build_scripts.fingerprint import CycleError, fingerprint


def names(sources):
    return {name: hashed for name, (hashed, _) in fingerprint(sources).items()}


def test_an_importer_is_renamed_with_what_it_imports():
    v1 = {"a.mjs": 'import { f } from "./b.mjs";\n', "b.mjs": "export const f = 1;\n",
          "c.mjs": "export const g = 2;\n", "s.css": "p {}\n"}
    v2 = {**v1, "b.mjs": "export const f = 2;\n"}
    one, two = names(v1), names(v2)
    assert one["b.mjs"] != two["b.mjs"] and one["a.mjs"] != two["a.mjs"]
    assert one["c.mjs"] == two["c.mjs"] and one["s.css"] == two["s.css"]
    assert one["s.css"].startswith("s.") and one["s.css"].endswith(".css")
    text = fingerprint(v2)["a.mjs"][1]
    assert f'from "./{two["b.mjs"]}"' in text


def test_dynamic_imports_and_other_folders():
    out = fingerprint({"a.mjs": 'await import("./b.mjs"); import("./pyodide/pyodide.mjs");',
                       "b.mjs": ""})
    text = out["a.mjs"][1]
    assert f'import("./{out["b.mjs"][0]}")' in text and '"./pyodide/pyodide.mjs"' in text


def test_minified_imports_are_renamed():
    # as esbuild writes them (build_scripts/minify.py): no spaces around the specifiers
    out = fingerprint({"a.mjs": 'import{f as o}from"./b.mjs";const r=()=>import("./c.mjs");',
                       "b.mjs": "export const f=1;", "c.mjs": ""})
    text = out["a.mjs"][1]
    assert text == (f'import{{f as o}}from"./{out["b.mjs"][0]}";'
                    f'const r=()=>import("./{out["c.mjs"][0]}");')


def test_a_cycle_is_refused():
    with pytest.raises(CycleError):
        fingerprint({"a.mjs": 'import "./b.mjs";', "b.mjs": 'import "./a.mjs";'})
