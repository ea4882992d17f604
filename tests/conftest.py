"""Shared set-up: the referential compiled from the YAML of this very checkout before any test
runs; build_scripts/ and tests/ importable (situation_files, the loader)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "build_scripts"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from compile_referentiels import compile_referentiels  # noqa: E402
from referentiel_loader import ReferentielError  # noqa: E402


def pytest_configure(config):
    # The checker reads the compiled JSON: make sure it is the one of these YAML files.
    try:
        compile_referentiels()
    except ReferentielError as err:
        pytest.exit(f"referential broken, nothing can be tested:\n{err}", returncode=1)


@pytest.fixture(scope="session")
def referentiel() -> dict:
    from checker import referentiel

    return referentiel.load()
