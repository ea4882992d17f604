"""Shared set-up: the referential compiled from the YAML of this very checkout before any test
runs (by the one compile, build_scripts/compile_referentiels.py). build_scripts and checker are
packages of the editable install; tests/ is on pytest's pythonpath (pyproject.toml)."""
from __future__ import annotations

import pytest

from build_scripts.compile_referentiels import ReferentielError, compile_referentiels


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
