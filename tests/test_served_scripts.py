"""The simulator's scripts and stylesheets as served (build_scripts/bundle.py, through
`hashed_scripts` in build_scripts/simulator/assets.py): one esbuild build, bundled, split,
minified and named after their content. What is served must still be the same program: it
parses, it imports the files it is served with, the pages find every file they name, and the
worker's Python source comes through byte for byte."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from build_scripts import headers
from build_scripts.bundle import bundle
from build_scripts.simulator.assets import hashed_scripts

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "simulateur"
SOURCES = {p.name: p for p in sorted(DOCS.iterdir()) if p.suffix in (".mjs", ".js", ".css")}
# What the page templates load by name (page.meta.simulateur.assets['…']), and the worker.
NAMED = {m for p in (ROOT / "overrides").rglob("*.html")
         for m in re.findall(r"assets\['([\w.-]+)'", p.read_text(encoding="utf-8"))} | {"worker.mjs"}
IMPORT = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(?\s*)["'`]\./([^"'`/]+)["'`]""")


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> tuple[dict[str, str], dict[str, Path]]:
    """({entry: its served name}, {served name: the file written})."""
    files = {f"simulateur/{name}": path for name, path in SOURCES.items()}
    entries = hashed_scripts(files)
    out = tmp_path_factory.mktemp("served")
    written = {}
    for rel, text in files.items():
        written[rel.split("/", 1)[1]] = out / rel.split("/", 1)[1]
        written[rel.split("/", 1)[1]].write_text(text, encoding="utf-8")
    return entries, written


def test_every_file_a_page_names_is_served(served):
    entries, written = served
    assert {"simulateur.mjs", "cohort.mjs", "boot.js", "simulateur.css", "recap.mjs", "worker.mjs"} <= NAMED
    for name in NAMED:
        assert name in entries and entries[name] in written, name
    # Only the built files are served: no source goes out under its own name.
    assert not set(SOURCES) & set(written)


def test_every_served_name_is_a_hashed_name(served):
    _, written = served
    for name in written:
        assert headers.is_hashed(f"simulateur/{name}"), name


def test_served_smaller_than_its_sources(served):
    _, written = served
    assert sum(p.stat().st_size for p in written.values()) < 0.7 * sum(p.stat().st_size for p in SOURCES.values())


def test_served_script_parses(served):
    # A .mjs name makes node parse it as an ES module; boot.js is a classic script.
    _, written = served
    scripts = [p for p in written.values() if p.suffix in (".mjs", ".js")]
    assert len(scripts) >= 6
    for path in scripts:
        done = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, (path.name, done.stderr)


def test_imports_name_the_served_files(served):
    entries, written = served
    found = 0
    for name, path in written.items():
        for spec in IMPORT.findall(path.read_text(encoding="utf-8")):
            found += 1
            assert spec in written, (name, spec)
    # the pages share code (dates, downloads), and the verdict's module is imported on first use
    assert found >= 3
    assert re.search(r"""import\(["']\./verdict\.""", written[entries["simulateur.mjs"]].read_text(encoding="utf-8"))


def test_the_workers_python_comes_through_byte_for_byte(served):
    entries, written = served
    source = SOURCES["worker.mjs"].read_text(encoding="utf-8")
    (glue,) = re.findall(r"^const GLUE = `(.*?)`;$", source, re.S | re.M)
    assert "\n    " in glue and "${" not in glue  # indented Python, no substitution
    assert f"`{glue}`" in written[entries["worker.mjs"]].read_text(encoding="utf-8")


def test_french_letters_stay_utf8(served):
    entries, written = served
    text = written[entries["simulateur.mjs"]].read_text(encoding="utf-8")
    assert "é" in text and "\\u00e9" not in text


def test_a_classic_script_keeps_its_top_level_names():
    outputs, entries = bundle({"classic.js": "var cqpState = 1;\nfunction cqpStart(value) { return value + cqpState; }\n",
                               "module.mjs": "const local = 1;\nexport function start(value) { return value + local; }\n"})
    classic, module = outputs[entries["classic.js"]], outputs[entries["module.mjs"]]
    assert "cqpState" in classic and "cqpStart" in classic
    assert "local" not in module and "start" in module


SHARED = {"a.mjs": 'import { f } from "./shared.mjs";\nexport const a = () => f() + 1;\n',
          "c.mjs": 'import { f } from "./shared.mjs";\nexport const c = () => f() + 2;\n',
          "shared.mjs": "export function f() { return 40; }\n"}


def test_shared_code_is_served_once_and_renames_its_importers():
    outputs, entries = bundle(SHARED)
    assert set(entries) == {"a.mjs", "c.mjs"}  # shared.mjs is imported: not an entry
    (chunk,) = set(outputs) - set(entries.values())
    assert "40" in outputs[chunk] and "40" not in outputs[entries["a.mjs"]]
    changed, entries2 = bundle({**SHARED, "shared.mjs": "export function f() { return 41; }\n"})
    # a new chunk, hence new names for both importers, whose own code did not change
    assert (set(changed) - set(entries2.values())) != {chunk}
    assert entries2["a.mjs"] != entries["a.mjs"] and entries2["c.mjs"] != entries["c.mjs"]
    assert bundle(SHARED) == (outputs, entries)  # the same sources, the same names
