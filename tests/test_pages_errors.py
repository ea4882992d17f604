"""A broken referential stops the page generators with a located message (file:line: key:
what). The build commands themselves (make site, make serve, mkdocs build) are tested in
test_broken_referential_builds.py."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts import pages

ROOT = Path(__file__).resolve().parents[1]


def _copy_with(tmp_path: Path, name: str, old: str, new: str) -> tuple[Path, int]:
    """A copy of referentiels/ where the first `old` of `name` becomes `new`; returns its line."""
    root = tmp_path / "referentiels"
    shutil.copytree(ROOT / "referentiels", root)
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} absent de {name}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root, line


BREAKAGES = [
    # (file, text to replace, replacement, words the message must hold)
    ("vendeur-conseil-distance.yaml", "structure: domains", "structure: domaines", ["structure"]),
    ("commercial-sedentaire.yaml", "    value: 70\n", "    value: soixante-dix\n", ["value"]),
    ("commercial-sedentaire.yaml", "title: Développer l'activité commerciale de l'entreprise\n",
     "title: [Développer l'activité\n", ["syntaxe"]),
    ("glossaire.yaml", "    term: CPNEFP\n", "    terme: CPNEFP\n", ["terms[1]"]),
    ("glossaire.yaml", "    term: OPCO\n", "    term: CPNEFP\n", ["CPNEFP", "déjà défini"]),
]


@pytest.mark.parametrize("name, old, new, words", BREAKAGES, ids=[b[0] + ":" + b[3][0] for b in BREAKAGES])
def test_generators_name_file_and_line(tmp_path, name, old, new, words):
    root, line = _copy_with(tmp_path, name, old, new)
    with pytest.raises(pages.ReferentielError) as err:
        pages.build(root)
    message = str(err.value)
    located = [m for m in message.splitlines() if f"{name}:" in m]
    assert located, message
    lines = {int(m.split(f"{name}:")[1].split(":")[0]) for m in located}
    assert any(abs(n - line) <= 1 for n in lines), f"ligne {line} attendue : {message}"
    for w in words:
        assert w in message
