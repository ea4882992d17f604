"""A broken referential stops with located problems — file, line, key path, what is wrong —
never a traceback. Each case breaks a copy of the real files in one way."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_scripts.referentiel_loader import ReferentielError, load_referentiels

ROOT = Path(__file__).resolve().parents[1]
LINE = re.compile(r"^(?P<file>referentiels/[\w.-]+|[^:]+):(?P<line>\d+): (?P<path>[^:]+): (?P<what>.+)$")


@pytest.fixture
def copy(tmp_path) -> Path:
    dest = tmp_path / "referentiels"
    shutil.copytree(ROOT / "referentiels", dest)
    return dest


def edit_data(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def problems(root: Path) -> list[dict]:
    with pytest.raises(ReferentielError) as err:
        load_referentiels(root)
    out = []
    for line in str(err.value).splitlines():
        m = LINE.match(line)
        assert m, f"not located: {line!r}"
        out.append(m.groupdict())
    return out


def the_problem(root: Path, file: str) -> dict:
    found = problems(root)
    assert len(found) == 1, found
    (p,) = found
    assert Path(p["file"]).name == file
    return p


def line_of(root: Path, file: str, p: dict) -> str:
    return (root / file).read_text(encoding="utf-8").splitlines()[int(p["line"]) - 1]


def rule_index(data: dict, rule_id: str) -> int:
    return [r["id"] for r in data["rules"]].index(rule_id)


CS = "commercial-sedentaire.yaml"
VCD = "vendeur-conseil-distance.yaml"


def test_the_real_referential_loads():
    data = load_referentiels()
    assert set(data["cqps"]) == {"vendeur-conseil-distance", "commercial-sedentaire"}


def test_missing_value(copy):
    edit_data(copy / CS, lambda d: d["rules"][rule_index(d, "block_average_min")].pop("value"))
    p = the_problem(copy, CS)
    assert re.fullmatch(r"rules\[\d+\]", p["path"]) and "value" in p["what"]
    assert "block_average_min" in line_of(copy, CS, p)


def test_unknown_key(copy):
    edit_data(copy / CS, lambda d: d.update(couleur="rouge"))
    p = the_problem(copy, CS)
    assert p["path"] == "couleur" and "clé inconnue" in p["what"]
    assert line_of(copy, CS, p).startswith("couleur:")


def test_wrong_type(copy):
    edit_data(copy / CS, lambda d: d.update(version=1))
    p = the_problem(copy, CS)
    assert p["path"] == "version" and "string" in p["what"]
    assert line_of(copy, CS, p).startswith("version:")


def test_bad_competence_id(copy):
    edit_data(copy / CS, lambda d: d["blocks"][1]["competences"][3].update(id="C2-4"))
    p = problems(copy)[0]
    assert p["path"] == "blocks[1].competences[3].id" and "C2-4" in p["what"]
    assert "C2-4" in line_of(copy, CS, p)


def test_weights_must_sum_to_100(copy):
    edit_data(copy / CS, lambda d: d["rules"][rule_index(d, "evaluation_weights")]["value"].update(jury=60))
    p = the_problem(copy, CS)
    assert p["path"].endswith(".value") and "100" in p["what"]


def test_percentage_out_of_range(copy):
    edit_data(copy / CS, lambda d: d["rules"][rule_index(d, "competence_mastery_min")].update(value=120))
    p = the_problem(copy, CS)
    assert p["path"].endswith(".value") and "pourcentage" in p["what"]


def test_unknown_placeholder_in_a_rule_text(copy):
    edit_data(copy / CS, lambda d: d["rules"][rule_index(d, "vae_block_min")].update(text="Au moins {valeur} %."))
    p = the_problem(copy, CS)
    assert p["path"].endswith(".text") and "valeur" in p["what"]


def test_rule_read_by_the_checker_is_missing(copy):
    edit_data(copy / CS, lambda d: d["rules"].pop(rule_index(d, "vae_block_min")))
    found = problems(copy)
    assert any(p["path"] == "rules" and "vae_block_min" in p["what"] for p in found), found
    # and every statement still naming it is located too
    assert all("vae_block_min" in p["what"] for p in found)


def test_rule_with_another_unit(copy):
    edit_data(copy / VCD, lambda d: d["rules"][rule_index(d, "domain_benefit")].update(unit="months"))
    found = problems(copy)
    assert any(p["path"].endswith(".unit") and "domain_benefit" in p["what"] for p in found), found


def test_unknown_evaluation_reference(copy):
    edit_data(copy / CS, lambda d: d["blocks"][0]["evaluations"].__setitem__(0, "oral-imaginaire"))
    p = the_problem(copy, CS)
    assert p["path"] == "blocks[0].evaluations[0]" and "oral-imaginaire" in p["what"]


def test_duplicate_competence_id(copy):
    def dup(d):
        d["blocks"][0]["competences"][1]["id"] = "C1.1"
        d["blocks"][0]["competences"][1]["activities"]["id"] = "A1.1"
    edit_data(copy / CS, dup)
    found = problems(copy)
    assert any(p["path"] == "blocks[0].competences[1].id" and "C1.1" in p["what"] for p in found), found


def test_deadline_counted_from_an_unknown_rule(copy):
    edit_data(copy / VCD, lambda d: d["deadlines"][0]["offset"].update(rule="delai_imaginaire"))
    p = the_problem(copy, VCD)
    assert p["path"] == "deadlines[0].offset.rule" and "delai_imaginaire" in p["what"]


def test_deadline_with_both_origins(copy):
    edit_data(copy / VCD, lambda d: d["deadlines"][0].update(relative_to="habilitation_end"))
    p = problems(copy)[0]
    assert p["path"].startswith("deadlines[0]")


def test_yaml_syntax_error(copy):
    lines = (copy / CS).read_text(encoding="utf-8").splitlines()
    lines.insert(5, "  : : oops [")
    (copy / CS).write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = the_problem(copy, CS)
    assert p["path"] == "(syntaxe YAML)" and abs(int(p["line"]) - 6) <= 1


def test_duplicate_key(copy):
    text = (copy / CS).read_text(encoding="utf-8")
    (copy / CS).write_text(text + "version: \"9.9\"\n", encoding="utf-8")
    p = the_problem(copy, CS)
    assert p["path"] == "version" and "double" in p["what"]
    assert int(p["line"]) == len(text.splitlines()) + 1


def test_empty_file(copy):
    (copy / CS).write_text("", encoding="utf-8")
    p = the_problem(copy, CS)
    assert p["line"] == "1" and "vide" in p["what"]


def test_missing_file(copy):
    (copy / CS).unlink()
    p = the_problem(copy, CS)
    assert "introuvable" in p["what"]


def test_impossible_holiday(copy):
    edit_data(copy / "jours-feries.yaml", lambda d: d["holidays"].append({"id": "x", "name": "X", "month": 2, "day": 30}))
    p = the_problem(copy, "jours-feries.yaml")
    assert p["path"].endswith(".day")


def test_holiday_in_an_unknown_region(copy):
    edit_data(copy / "jours-feries.yaml", lambda d: d["holidays"][0].update(regions=["corse"]))
    p = the_problem(copy, "jours-feries.yaml")
    assert p["path"] == "holidays[0].regions[0]" and "corse" in p["what"]


def test_problems_in_two_files_are_all_reported(copy):
    edit_data(copy / CS, lambda d: d.update(version=2))
    edit_data(copy / VCD, lambda d: d.update(version=3))
    files = {Path(p["file"]).name for p in problems(copy)}
    assert files == {CS, VCD}


def test_compile_script_reports_without_traceback(copy):
    edit_data(copy / CS, lambda d: d.update(version=1))
    out = subprocess.run([sys.executable, "-m", "build_scripts.compile_referentiels", str(copy)],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert LINE.match(out.stderr.splitlines()[0]) and "version" in out.stderr
