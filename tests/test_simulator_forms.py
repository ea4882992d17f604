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
from checker import wording
from checker.rules import Rule


class Elements(HTMLParser):
    """Tags with their attributes; the text of each label (by its `for`, or by the id of the
    radio it wraps) and the legend of each fieldset (by the fieldset's id)."""

    def __init__(self, html: str):
        super().__init__()
        self.items: list[tuple[str, dict]] = []
        self.labels: dict[str, str] = {}
        self.legends: dict[str, str] = {}
        self._label_for = None
        self._wrapping: list[str] = []  # labels open around a radio, whose id is not known yet
        self._fieldsets: list[str | None] = []
        self._in_legend = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.items.append((tag, attrs))
        if tag == "label":
            self._label_for = attrs.get("for") or f"#wrap{len(self.items)}"
            self.labels.setdefault(self._label_for, "")
        elif tag == "input" and self._label_for and self._label_for.startswith("#wrap"):
            self._label_for_id = attrs.get("id")
            self.labels[attrs.get("id")] = self.labels.pop(self._label_for)
            self._label_for = attrs.get("id")
        elif tag == "fieldset":
            self._fieldsets.append(attrs.get("id"))
        elif tag == "legend":
            self._in_legend = True
            if self._fieldsets and self._fieldsets[-1]:
                self.legends.setdefault(self._fieldsets[-1], "")

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_for = None
        elif tag == "fieldset" and self._fieldsets:
            self._fieldsets.pop()
        elif tag == "legend":
            self._in_legend = False

    def handle_data(self, data):
        if self._label_for:
            self.labels[self._label_for] += data
        if self._in_legend and self._fieldsets and self._fieldsets[-1]:
            self.legends[self._fieldsets[-1]] += data

    def fields(self):
        return [(t, a) for t, a in self.items if "data-key" in a]


@pytest.fixture(scope="module")
def page(referentiel):
    return Elements(simulator_html(Forms(referentiel)))


def test_cs_grid_has_one_labelled_input_per_competence_and_evaluation(page, referentiel):
    # <label for=…>: its whole text is the input's name (part of it is shown only to screen
    # readers, the card's heading says it on screen).
    labels = page.labels
    cs = referentiel["cqps"]["commercial-sedentaire"]
    weights = next(r for r in cs["rules"] if r["id"] == "evaluation_weights")["value"]
    keyed = {a["data-key"]: a for _, a in page.fields()}
    for block in cs["blocks"]:
        for comp in block["competences"]:
            for kind in weights:
                attrs = keyed[f"blocks/{block['id']}/{comp['id']}/{kind}"]
                assert labels[attrs["id"]] == f"{comp['id']} — {kind} (%)"
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
        name = attrs.get("aria-label") or page.labels.get(attrs["id"], "") or page.legends.get(attrs["id"], "")
        assert name.strip(), attrs


def yes_no_groups(page):
    return [a for t, a in page.fields() if t == "fieldset" and a.get("data-type") == "bool"]


def radios_of(page, group: dict) -> list[dict]:
    return [a for t, a in page.items if t == "input" and a.get("type") == "radio"
            and a.get("name") == group["id"]]


def test_every_yes_no_question_is_a_legended_group_of_three_radios(page):
    groups = yes_no_groups(page)
    assert len(groups) >= 25
    words = [wording.phrase(w) for w in ("answer_yes", "answer_no", "answer_unknown")]
    for group in groups:
        assert page.legends.get(group["id"], "").strip(), group
        radios = radios_of(page, group)
        assert [r["value"] for r in radios] == ["yes", "no", ""], group
        assert [page.labels[r["id"]].strip() for r in radios] == words
        # « Je ne sais pas encore » is the answer until the person gives one.
        assert [("checked" in r) for r in radios] == [False, False, True], group
    # nothing is a checkbox any more: a box cannot tell « no » from « not answered yet »
    assert not [a for t, a in page.items if t == "input" and a.get("type") == "checkbox"]


def test_yes_no_legends_are_the_labels_of_site_yaml(page):
    legends = {page.legends[g["id"]] for g in yes_no_groups(page)}
    for path, subject in ((("company_in_branch",), "candidate"), (("tutor", "volunteer"), "candidate"),
                          (("information_session",), "evaluator"), (("premises_accessible",), "organism"),
                          (("offers_vae_support",), "organism"), (("qualiopi_covers_vae",), "organism"),
                          (("internal_training_service",), "organism"),
                          (("members", 1, "knows_candidate"), "jury")):
        assert wording.label(path, "eligibility", subject) in legends, path


def test_the_new_fields_the_checker_reads_are_asked(page):
    keyed = {a["data-key"]: a for _, a in page.fields()}
    for key in ("organism_kind", "internal_training_service", "offers_vae_support", "qualiopi_covers_vae",
                "vae_accompanists_min_years", "premises_accessible", "roles/cpnefp_referent",
                "domains/DC1/evaluated", "domains/DC2/evaluated"):
        assert key in keyed, key
    label = page.labels[keyed["organism_kind"]["id"]]
    assert label == wording.label(("organism_kind",), "eligibility", "organism")
    options = [a["value"] for t, a in page.items if t == "option" and a.get("value") in ("training_body", "company")]
    assert options == ["training_body", "company"]
    assert page.labels[keyed["domains/DC1/evaluated"]["id"]].startswith(
        wording.label(("domains", "DC1", "evaluated"), "score"))


def test_the_cs_jury_asks_the_route_and_with_vae_only_the_number_of_evaluators(page):
    keyed = {a["data-key"]: a for _, a in page.fields() if a.get("id", "").startswith("elig-jurycs")}
    assert keyed["route"]["data-type"] == "choice"
    count = keyed["members"]
    assert count["data-type"] == "count" and page.labels[count["id"]] == wording.phrase("vae_evaluators_count")


def test_every_date_field_has_a_place_for_its_weekday(page):
    dates = [a for _, a in page.fields() if a.get("data-type") == "date"]
    assert dates
    ids = {a.get("id") for _, a in page.items}
    for attrs in dates:
        assert f"{attrs['id']}-weekday" in ids
        assert f"{attrs['id']}-weekday" in attrs["aria-describedby"].split()
        assert "inputmode" not in attrs  # a phone's numeric pad has no « / »


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
    text = rule.text
    assert "{" not in text
    for value in rule.data["value"].values():
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
