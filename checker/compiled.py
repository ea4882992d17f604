"""The compiled referential as data (checker/data/referentiels.json, built from referentiels/):
the lowest layer, read by everything above it (wording, rules, the referential model).

No I/O at import: the file is read on first use and kept (referentiel.clear_cache forgets it).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "referentiels.json"


@lru_cache(maxsize=1)
def load() -> dict:
    """The compiled referential: {"cqps": {id: …}, "calendar": …, "site": …}."""
    try:
        text = DATA.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuntimeError(
            f"{DATA} is missing: compile the referential first (make data)") from None
    return json.loads(text)
