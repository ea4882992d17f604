"""Every built page is valid HTML for the Nu HTML checker (vnu, the W3C's validator), apart from
the theme's own known errors, listed and counted in vnu_theme_errors.yaml. A release check
(`make audit`): it needs Java and takes one JVM over the whole site."""
from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
KNOWN = yaml.safe_load((Path(__file__).with_name("vnu_theme_errors.yaml")).read_text(encoding="utf-8"))

pytestmark = [pytest.mark.audit, pytest.mark.site]


def _errors() -> list[dict]:
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run `make site`")
    if not VNU.exists():
        pytest.fail("node_modules/vnu-jar is missing: run `make setup`")
    java = shutil.which("java")
    assert java, "Java is needed by the Nu HTML checker: `make audit` installs it"
    done = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--skip-non-html", str(SITE)],
                          capture_output=True, text=True, timeout=600)
    # vnu writes its report on stderr and exits 1 when it found any error.
    report = json.loads(done.stderr)
    return [m for m in report["messages"] if m["type"] == "error"]


def test_every_page_is_valid_html_but_for_the_themes_known_errors():
    errors = _errors()
    counted: Counter[str] = Counter()
    unknown = []
    for e in errors:
        known = next((k["message"] for k in KNOWN if e["message"].startswith(k["message"])), None)
        if known:
            counted[known] += 1
        else:
            page = e.get("url", "").split("/site/", 1)[-1]
            unknown.append(f"{page}:{e.get('lastLine', '?')}: {e['message']} — {e.get('extract', '').strip()[:120]!r}")
    assert not unknown, f"{len(unknown)} erreurs HTML :\n" + "\n".join(unknown[:30])
    drift = {k["message"]: (k["count"], counted[k["message"]]) for k in KNOWN if counted[k["message"]] != k["count"]}
    assert not drift, f"the theme's known errors changed (listed, found): {drift} — update vnu_theme_errors.yaml"
