"""The simulator's scripts are served without their comment lines (build_scripts/strip_comments.py):
what stays is the same program, strings and template literals untouched."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from build_scripts.strip_comments import StripError, strip, strip_script

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted(p for p in (ROOT / "docs" / "simulateur").iterdir() if p.suffix in (".mjs", ".js"))


def test_comment_lines_and_indentation_go_strings_and_templates_stay():
    source = ("// header\nconst a = 1; // kept: the line holds code\n  if (a) {\n    // why\n"
              "    f(`x\n  // not a comment: inside a template ${a /* c */}\n  y`, '//', /\\/\\//g);\n  }\n")
    assert strip_script(source) == ("const a = 1; // kept: the line holds code\nif (a) {\n"
                                    "f(`x\n  // not a comment: inside a template ${a /* c */}\n  y`, '//', /\\/\\//g);\n}\n")
    assert strip_script("const r = x / 2 / y;\n  // gone\n") == "const r = x / 2 / y;\n"
    with pytest.raises(StripError):
        strip_script("const s = 'not closed\n")


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed (make setup installs the npm packages with it)")
@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_every_script_still_parses(path, tmp_path):
    stripped = strip(path.name, path.read_text(encoding="utf-8"))
    assert len(stripped) < path.stat().st_size
    out = tmp_path / path.name
    out.write_text(stripped, encoding="utf-8")
    done = subprocess.run(["node", "--check", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
