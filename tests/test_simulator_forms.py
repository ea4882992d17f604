"""The simulator's build-time parts: forms generated from the referential, and the checker's
wheel that the browser runs (no browser needed here)."""
from __future__ import annotations

import copy
import json
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

from build_scripts.build_wheel import build_wheel, integrity
from build_scripts.simulator import Forms, FormsError, simulator_html
from build_scripts.simulator.forms import field_label
from checker.rules import Rule


class Elements(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.items: list[tuple[str, dict]] = []
        self.labels: dict[str, str] = {}
        self._label_for = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.items.append((tag, attrs))
        if tag == "label":
            self._label_for = attrs.get("for")
            self.labels.setdefault(self._label_for, "")

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_for = None

    def handle_data(self, data):
        if self._label_for:
            self.labels[self._label_for] += data

    def fields(self):
        return [(t, a) for t, a in self.items if "data-key" in a]


@pytest.fixture(scope="module")
def page(referentiel):
    return Elements(simulator_html(Forms(referentiel)))


def test_cs_grid_has_one_labelled_input_per_competence_and_evaluation(page, referentiel):
    cs = referentiel["cqps"]["commercial-sedentaire"]
    weights = next(r for r in cs["rules"] if r["id"] == "evaluation_weights")["value"]
    keyed = {a["data-key"]: a for _, a in page.fields()}
    for block in cs["blocks"]:
        for comp in block["competences"]:
            for kind in weights:
                attrs = keyed[f"blocks/{block['id']}/{comp['id']}/{kind}"]
                assert attrs["aria-label"] == f"{comp['id']} — {kind} (%)"
        assert f"blocks/{block['id']}/score" in keyed  # VAE: one score per block


def test_vcd_domains_have_rate_and_carry_over_fields(page, referentiel):
    keys = {a["data-key"] for _, a in page.fields()}
    for dom in referentiel["cqps"]["vendeur-conseil-distance"]["domains"]:
        for field in ("positive", "total", "validated_on"):
            assert f"domains/{dom['id']}/{field}" in keys


def test_every_deadline_input_has_a_labelled_date_field(page, referentiel):
    by_key = {a["data-key"]: a for _, a in page.fields() if a.get("id", "").startswith("deadlines-")}
    for cqp in referentiel["cqps"].values():
        for deadline in cqp["deadlines"]:
            if "from" in deadline:
                attrs = by_key[deadline["from"]]
                assert attrs["data-type"] == "date"
                assert page.labels[attrs["id"]] == field_label([deadline["from"]], "deadlines")
    regions = [a for t, a in page.items if t == "option" and a.get("value") in ("metropole", "alsace-moselle")]
    assert len(regions) >= 2


def test_every_field_is_labelled(page):
    for tag, attrs in page.fields():
        if attrs.get("type") == "hidden":
            continue
        assert attrs.get("aria-label") or page.labels.get(attrs["id"], "").strip(), attrs


def test_ids_are_unique(page):
    ids = [a["id"] for _, a in page.items if "id" in a]
    assert len(ids) == len(set(ids))


def test_rule_links_point_to_rules_of_the_referential(page, referentiel):
    links = [a["href"] for t, a in page.items if t == "a" and "#regle-" in a.get("href", "")]
    assert links
    known = {"../" + Rule(cid, r).page
             for cid, c in referentiel["cqps"].items() for r in c["rules"]}
    assert set(links) <= known, set(links) - known


def test_hints_show_the_referentials_values(referentiel):
    forms = Forms(referentiel)
    rule = forms.rule("commercial-sedentaire", "evaluation_weights")
    text = forms.rule_text(rule)
    assert "{" not in text
    for value in rule["value"].values():
        assert f"{value} %" in text


def test_an_unknown_deadline_input_fails_the_build(referentiel):
    broken = copy.deepcopy(referentiel)
    deadlines = broken["cqps"]["vendeur-conseil-distance"]["deadlines"]
    deadlines.append({**deadlines[0], "id": "nouveau", "from": "date_inconnue"})
    with pytest.raises(FormsError, match="date_inconnue"):
        Forms(broken).deadlines()


def test_a_missing_rule_fails_the_build(referentiel):
    broken = copy.deepcopy(referentiel)
    rules = broken["cqps"]["commercial-sedentaire"]["rules"]
    broken["cqps"]["commercial-sedentaire"]["rules"] = [r for r in rules if r["id"] != "vae_block_min"]
    with pytest.raises(FormsError, match="vae_block_min"):
        simulator_html(Forms(broken))


def test_wheel_holds_the_checker_and_its_referential_and_runs_alone(tmp_path):
    wheel = build_wheel(tmp_path / "dist")
    assert wheel.name.endswith("-py3-none-any.whl")
    assert integrity(wheel).startswith("sha256-")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        zf.extractall(tmp_path / "unpacked")
    assert "checker/data/referentiels.json" in names
    assert not [n for n in names if not n.startswith(("checker/", "cqp_checker-"))]
    situation = {"cqp": "commercial-sedentaire", "route": "vae",
                 "blocks": {"B1": {"score": 70}, "B2": {"score": 69.99}, "B3": {"score": 90}}}
    # -S -s -E: no site-packages, no user site, no PYTHONPATH, as in Pyodide: the wheel must need
    # only the standard library. `-c` imports from the current directory, the unpacked wheel.
    code = ("import json, sys; import checker; "
            "assert checker.__file__.startswith(sys.argv[1]), checker.__file__; "
            "print(json.dumps(checker.score(json.loads(sys.argv[2]))))")
    out = subprocess.run([sys.executable, "-E", "-S", "-s", "-c", code, str(tmp_path / "unpacked"),
                          json.dumps(situation)], capture_output=True, text=True,
                         cwd=tmp_path / "unpacked", check=True).stdout
    import checker

    assert json.loads(out) == json.loads(json.dumps(checker.score(situation)))
