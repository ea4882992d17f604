"""A broken referential stops the site build with a located message (file:line: key: what),
never a traceback — through the generators and through `mkdocs build`."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from build_scripts import pages  # noqa: E402


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


def test_mkdocs_build_fails_with_located_error_and_no_traceback(tmp_path):
    root, line = _copy_with(tmp_path, "vendeur-conseil-distance.yaml", "structure: domains",
                            "structure: domaines")
    env = {**os.environ, "CQP_REFERENTIELS_DIR": str(root), "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    done = subprocess.run([str(mkdocs), "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    out = done.stdout + done.stderr
    assert done.returncode != 0
    assert f"vendeur-conseil-distance.yaml:{line}:" in out, out
    assert "Traceback" not in out, out
    assert not (tmp_path / "site" / "index.html").exists()
