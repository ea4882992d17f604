"""The accent-free search index is written by the plain post-build step (no MkDocs hook), so
that a site generator that ignores hooks (Zensical) still gets it: here on a tiny site/ as any
generator would leave it."""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from build_scripts import search_index
from build_scripts.postbuild import postbuild

INDEX = {"config": {"lang": ["fr"], "separator": "[\\s\\-]+", "fields": {"title": {"boost": 1000.0},
                                                                        "text": {"boost": 1.0}}},
         "docs": [{"location": "", "title": "Télévente", "text": "<p>Évaluation de l'œuvre, 80 %</p>"},
                  {"location": "liens/", "title": "Liens", "text": "<p>Adresses stables</p>"}]}


def _site(tmp_path: Path) -> Path:
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(INDEX), encoding="utf-8")
    (tmp_path / "simulateur").mkdir()
    (tmp_path / "simulateur" / "index.html").write_text("<!doctype html>", encoding="utf-8")
    return tmp_path


def test_the_post_build_step_adds_the_accent_free_fields_before_the_service_worker_lists_them(tmp_path):
    site = _site(tmp_path)
    assert postbuild(site)[:3] == ["search/search_index.json", "sw.js", "_headers"]  # then .br/.gz
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    assert index["config"]["fields"]["title_ascii"] == {"boost": 1000.0}
    assert index["config"]["fields"]["text_ascii"] == {"boost": 1.0}
    first, second = index["docs"]
    assert first["title_ascii"] == "televente"
    assert first["text_ascii"].split() == ["evaluation", "oeuvre"]
    assert "title_ascii" not in second and "text_ascii" not in second
    sri = "sha256-" + base64.b64encode(hashlib.sha256(path.read_bytes()).digest()).decode()
    assert ["search/search_index.json", sri] in json.loads(
        (site / "sw.js").read_text(encoding="utf-8").split("const MANIFEST = ", 1)[1].split(";\n", 1)[0])["site"]
    # Run again (make site after the hook of mkdocs build): nothing changes.
    assert postbuild(site) == []


def test_without_a_search_index_nothing_is_written():
    assert search_index.accent_free_index(Path("/nonexistent")) is None
