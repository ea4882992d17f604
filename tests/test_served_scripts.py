"""The simulator's scripts and stylesheets as served (build_scripts/simulator/assets.py
`hashed_scripts`): minified by esbuild (build_scripts/minify.py), then named after their hash.
What is served must still be the same program: it parses, it imports its siblings by the names
they are served under, and the worker's Python source comes through byte for byte."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from build_scripts.minify import minify
from build_scripts.simulator.assets import hashed_scripts

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "simulateur"
SOURCES = {p.name: p for p in sorted(DOCS.iterdir()) if p.suffix in (".mjs", ".js", ".css")}


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> dict[str, Path]:
    """{source name: the served file, written under its hashed name}."""
    files = {f"simulateur/{name}": path for name, path in SOURCES.items()}
    names = hashed_scripts(files)
    out = tmp_path_factory.mktemp("served")
    for name, hashed in names.items():
        (out / hashed).write_text(files[f"simulateur/{hashed}"], encoding="utf-8")
    return {name: out / hashed for name, hashed in names.items()}


def test_every_script_and_stylesheet_is_served(served):
    assert set(served) == set(SOURCES) and {"worker.mjs", "boot.js", "simulateur.css"} <= set(served)


@pytest.mark.parametrize("name", SOURCES)
def test_served_smaller_than_its_source(served, name):
    assert served[name].stat().st_size < SOURCES[name].stat().st_size


@pytest.mark.parametrize("name", [n for n in SOURCES if n.endswith((".mjs", ".js"))])
def test_served_script_parses(served, name):
    # A .mjs name makes node parse it as an ES module; boot.js is a classic script.
    done = subprocess.run(["node", "--check", str(served[name])], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_imports_name_the_served_siblings(served):
    hashed = {path.name for path in served.values()}
    found = 0
    for name, path in served.items():
        text = path.read_text(encoding="utf-8")
        for spec in re.findall(r"""["'`]\./([^"'`/]+\.mjs)["'`]""", text):
            found += 1
            assert spec in hashed, (name, spec)
    # simulateur.mjs imports form.mjs and download.mjs, and the verdict's module on first use
    assert found >= 3


def test_the_workers_python_comes_through_byte_for_byte(served):
    source = SOURCES["worker.mjs"].read_text(encoding="utf-8")
    (glue,) = re.findall(r"^const GLUE = `(.*?)`;$", source, re.S | re.M)
    assert "\n    " in glue and "${" not in glue  # indented Python, no substitution
    assert f"`{glue}`" in served["worker.mjs"].read_text(encoding="utf-8")


def test_french_letters_stay_utf8(served):
    text = served["simulateur.mjs"].read_text(encoding="utf-8")
    assert "é" in text and "\\u00e9" not in text


def test_a_classic_script_keeps_its_top_level_names():
    out = minify({"classic.js": "var cqpState = 1;\nfunction cqpStart(value) { return value + cqpState; }\n",
                  "module.mjs": "const local = 1;\nexport function start(value) { return value + local; }\n"})
    assert "cqpState" in out["classic.js"] and "cqpStart" in out["classic.js"]
    assert "local" not in out["module.mjs"] and "start" in out["module.mjs"]
