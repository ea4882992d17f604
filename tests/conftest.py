"""Shared set-up: the referential compiled from the YAML of this very checkout before any test
runs (by the one compile, build_scripts/compile_referentiels.py). build_scripts and checker are
packages of the editable install; tests/ is on pytest's pythonpath (pyproject.toml)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from build_scripts.compile_referentiels import ReferentielError, compile_referentiels

# Property tests: a quick profile for `make test` (every property, fewer examples), the thorough
# one for `make audit` (`--hypothesis-profile=thorough`), at least as many examples as each test
# had on its own before. Examples call the checker, never a subprocess: no deadline to hit.
_PROPERTIES = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("quick", max_examples=40, **_PROPERTIES)
settings.register_profile("thorough", max_examples=400, **_PROPERTIES)
settings.load_profile("quick")


def pytest_configure(config):
    # The checker reads the compiled JSON: make sure it is the one of these YAML files.
    try:
        compile_referentiels()
    except ReferentielError as err:
        pytest.exit(f"referential broken, nothing can be tested:\n{err}", returncode=1)


@pytest.fixture(scope="session")
def referentiel() -> dict:
    # The whole referential, as the pages see it: the checker's JSON leaves out what only the
    # pages show (compile_referentiels.checker_data).
    from build_scripts.compile_referentiels import load_all

    return load_all()


ROOT = Path(__file__).resolve().parents[1]
# What a build of the site needs; checker/data is left out: every way of building compiles it.
BUILD_SOURCES = ["Makefile", "pyproject.toml", "package.json", "package-lock.json", "mkdocs.yml",
                 "build_scripts", "checker", "referentiels", "docs", "overrides", "build/docs/.gitkeep"]


@pytest.fixture(scope="session")
def repo_copy(tmp_path_factory):
    """copy(name) → a new folder holding what a build of the site needs from this checkout, with
    the worktree's .venv and node_modules linked (never installed into): a test may change and
    build it without touching the checkout."""
    def copy(name: str) -> Path:
        repo = tmp_path_factory.mktemp(name)
        for item in BUILD_SOURCES:
            src, dst = ROOT / item, repo / item
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "data"))
            else:
                shutil.copy2(src, dst)
        for linked in (".venv", "node_modules"):
            (repo / linked).symlink_to(ROOT / linked, target_is_directory=True)
        return repo

    return copy
