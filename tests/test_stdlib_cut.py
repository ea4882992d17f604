"""The standard library cut to what runs (build_scripts/stdlib_cut.py): run in Pyodide under Node
with the cut zip, as the worker runs it, every situation file and cohort file (each check), and
the error paths, import nothing the cut zip lacks, the same files as with Pyodide's whole zip
(compiled), and give the same answers."""
from __future__ import annotations

import zipfile

import pytest

from build_scripts.build_wheel import build_wheel
from build_scripts.bytecode import build_bytecode
from build_scripts.stdlib_cut import FULL, build_stdlib, report, run, run_inputs


@pytest.fixture(scope="module")
def cut():
    bytecode = build_bytecode(build_wheel())
    path = build_stdlib(bytecode)
    return path, run(path, run_inputs(bytecode))


def module_names(zip_path) -> set[str]:
    names = set()
    with zipfile.ZipFile(zip_path) as zf:
        for name in zf.namelist():
            if name.endswith((".py", ".pyc")):
                dotted = name.rsplit(".", 1)[0].replace("/", ".")
                names.add(dotted.removesuffix(".__init__"))
    return names


def test_the_checker_imports_nothing_the_cut_zip_lacks(cut):
    path, got = cut
    lacking = module_names(FULL) - module_names(path)
    assert lacking  # the point: most of the standard library is left out
    assert [name for name in got["missed"] if name in lacking] == []
    # the same files as with the whole zip, compiled
    assert got["used"] == [name + "c" for name in report(path)["used"]]


def test_the_cut_zip_gives_the_answers_of_the_whole_one(cut):
    path, got = cut
    whole = report(path)
    assert len(got["cases"]) > 100 and len(got["cohorts"]) > 30
    assert got["cases"] == whole["cases"]
    assert got["cohorts"] == whole["cohorts"]
    assert got["raised"] == whole["raised"] == "RuntimeError: essai"


def test_the_cut_zip_holds_pyodides_files_compiled_and_far_fewer(cut):
    path, _ = cut
    with zipfile.ZipFile(FULL) as full, zipfile.ZipFile(path) as small:
        names = small.namelist()
        assert names and all(name.endswith(".pyc") for name in names)  # compiled, no source
        assert {name[:-1] for name in names} <= set(full.namelist())
        for info in small.infolist():
            assert info.compress_type == zipfile.ZIP_STORED  # the host's compression works across files
        assert len(names) < len(full.namelist()) / 3
