"""What the built pages hold for assistive technologies, read from site/ (make site)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

SITE = Path(__file__).resolve().parents[1] / "site"
pytestmark = pytest.mark.site


def _pages():
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run make site")
    return sorted(SITE.rglob("*.html"))


def test_every_dialog_has_an_accessible_name():
    """Material's search dialog had none (Lighthouse: aria-dialog-name)."""
    for path in _pages():
        for tag in re.findall(r"<[^>]*role=\"dialog\"[^>]*>", path.read_text(encoding="utf-8")):
            assert "aria-label=" in tag or "aria-labelledby=" in tag, (path, tag)
