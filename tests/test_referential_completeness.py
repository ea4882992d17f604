"""The YAML referentials hold the whole of their seeds. The seeds are not in this repository
(they are the branch's documents), so what they contain is written down here, once: every id,
and for each unit or competence how many activities, competences or indicators the seed lists.
Then invariants over the whole model (Publicodes style): every item has a source, every rule
a unit, every number a single home."""
from __future__ import annotations

import re

import pytest

# Seed 000 (cahier des charges), §2.3: domain → units; unit → (activities, competences).
VCD_DOMAINS = {"DC1": ["UC1", "UC2"], "DC2": ["UC3", "UC4", "UC5"]}
VCD_UNITS = {"UC1": (3, 2), "UC2": (5, 4), "UC3": (4, 4), "UC4": (4, 2), "UC5": (2, 4)}
# Seed 003 (livret), référentiel: competence → (activity items, evaluation indicators).
CS_COMPETENCES = {
    "B1": {"C1.1": (7, 4), "C1.2": (6, 4), "C1.3": (4, 4), "C1.4": (4, 5), "C1.5": (8, 5), "C1.6": (5, 2), "C1.7": (4, 2)},
    "B2": {"C2.1": (3, 3), "C2.2": (2, 3), "C2.3": (4, 4), "C2.4": (3, 3), "C2.5": (6, 4), "C2.6": (5, 4)},
    "B3": {"C3.1": (5, 4), "C3.2": (6, 4), "C3.3": (4, 2), "C3.4": (5, 4), "C3.5": (4, 4), "C3.6": (5, 4)},
}
# Evaluations of seed 003 per block (questionnaire, tuteur, jury…) and the VAE one.
CS_EVALUATION_KINDS = {"B1": ["questionnaire", "tuteur", "jury", "jury"], "B2": ["questionnaire", "tuteur", "jury"],
                       "B3": ["questionnaire", "tuteur", "jury"]}


@pytest.fixture(scope="module")
def vcd(referentiel):
    return referentiel["cqps"]["vendeur-conseil-distance"]


@pytest.fixture(scope="module")
def cs(referentiel):
    return referentiel["cqps"]["commercial-sedentaire"]


def test_vcd_domains_units_activities_competences(vcd):
    assert [d["id"] for d in vcd["domains"]] == list(VCD_DOMAINS)
    for domain in vcd["domains"]:
        assert [u["id"] for u in domain["units"]] == VCD_DOMAINS[domain["id"]]
        for unit in domain["units"]:
            n_act, n_comp = VCD_UNITS[unit["id"]]
            assert [a["id"] for a in unit["activities"]] == [f"{unit['id']}.A{i}" for i in range(1, n_act + 1)]
            assert [c["id"] for c in unit["competences"]] == [f"{unit['id']}.C{i}" for i in range(1, n_comp + 1)]


def test_vcd_each_domain_has_its_evaluation_on_both_routes(vcd):
    evaluations = {e["id"]: e for e in vcd["evaluations"]}
    for domain in vcd["domains"]:
        (ev,) = [evaluations[e] for e in domain["evaluations"]]
        assert ev["parts"] == [domain["id"]]
        assert set(ev["routes"]) == {"formation", "vae"}
        assert ev["pass_rule"] == "domain_pass_rate"


def test_cs_blocks_competences_activities_criteria(cs):
    assert [b["id"] for b in cs["blocks"]] == list(CS_COMPETENCES)
    for block in cs["blocks"]:
        assert [c["id"] for c in block["competences"]] == list(CS_COMPETENCES[block["id"]])
        for comp in block["competences"]:
            n_items, n_indicators = CS_COMPETENCES[block["id"]][comp["id"]]
            assert comp["activities"]["id"] == "A" + comp["id"][1:]
            assert len(comp["activities"]["items"]) == n_items, comp["id"]
            assert comp["criterion"]["title"]
            assert [i["id"] for i in comp["criterion"]["indicators"]] == [
                f"{comp['id']}-I{k}" for k in range(1, n_indicators + 1)]


def test_cs_evaluations_per_block(cs):
    evaluations = {e["id"]: e for e in cs["evaluations"]}
    for block in cs["blocks"]:
        kinds = [evaluations[e]["kind"] for e in block["evaluations"] if "formation" in evaluations[e]["routes"]]
        assert sorted(kinds) == sorted(CS_EVALUATION_KINDS[block["id"]])
        assert any(evaluations[e]["kind"] == "dossier_vae" for e in block["evaluations"])


def test_both_routes_and_actors(vcd, cs):
    for data in (vcd, cs):
        assert set(data["routes"]) == {"formation", "vae"}
        for route in data["routes"].values():
            assert route["steps"]
    assert {"evaluateurs", "tuteurs", "jury", "organismes"} <= set(vcd["actors"])


def _walk(node, path=""):
    if isinstance(node, dict):
        yield path, node
        for k, v in node.items():
            yield from _walk(v, f"{path}.{k}" if path else k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, f"{path}[{i}]")


@pytest.mark.parametrize("cqp_id", ["vendeur-conseil-distance", "commercial-sedentaire"])
def test_every_item_with_an_id_and_a_title_has_a_source(referentiel, cqp_id):
    data = referentiel["cqps"][cqp_id]
    missing = [p for p, node in _walk(data) if p  # the root names its source_document
               and "id" in node and ("title" in node or "text" in node) and "source" not in node
               and not re.match(r"^(domains|blocks)\[\d+\]\.(units\[\d+\]\.)?(activities|competences|criterion)", p)]
    assert not missing, missing


@pytest.mark.parametrize("cqp_id", ["vendeur-conseil-distance", "commercial-sedentaire"])
def test_rule_texts_write_no_number_of_their_own(referentiel, cqp_id):
    # A number lives in `value`; the text says {value}. Digits in the text would be a second copy.
    offenders = [r["id"] for r in referentiel["cqps"][cqp_id]["rules"] if re.search(r"\d", r["text"])]
    assert not offenders
