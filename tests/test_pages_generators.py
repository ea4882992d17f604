"""The page generators on their own (no MkDocs): helpers, invariants over the whole site."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from build_scripts import pages
from build_scripts.pages import md
from build_scripts.pages.anchors import places
from checker.rules import Rule

ROOT = Path(__file__).resolve().parents[1]

DATA = pages.load_all()


@pytest.fixture(scope="module")
def site() -> dict[str, str]:
    return pages.generate_site(DATA)


def test_anchor_scheme():
    assert md.anchor("C2.4") == "c2-4"
    assert md.anchor("UC1.C1") == "uc1-c1"
    assert md.anchor("C1.1-I3") == "c1-1-i3"
    assert md.anchor("domain_pass_rate") == "domain-pass-rate"


def test_numbers_and_amounts_in_french():
    assert md.number(80) == "80"
    assert md.number("0.5") == "0,5"
    assert Rule("", {"value": 15, "unit": "jours_ouvres"}).amount() == "15 jours ouvrés"
    assert Rule("", {"value": 1, "unit": "months"}).amount() == "1 mois"
    assert Rule("", {"value": 2, "unit": "years"}).amount() == "2 ans"
    assert Rule("", {"value": 1, "unit": "years"}).amount() == "1 an"
    assert Rule("", {"value": 70, "unit": "percent"}).amount() == "70\u00a0%"
    assert Rule("", {"value": 70, "unit": "percent", "comparison": ">="}).threshold() == "au moins 70\u00a0%"


def test_rule_text_filled_from_its_value():
    rule = {"text": "Poids : {questionnaire} %, {jury} %.", "value": {"questionnaire": 30, "jury": "50.5"}}
    assert Rule("", rule).text == "Poids : 30 %, 50,5 %."
    assert Rule("", {"text": "Au moins {value} mois.", "value": 6}).text == "Au moins 6 mois."


def test_relative_links():
    assert md.link("candidat.md", "vendeur-conseil-distance/evaluations.md", "resultat") == \
        "vendeur-conseil-distance/evaluations.md#resultat"
    assert md.link("vendeur-conseil-distance/index.md", "glossaire.md") == "../glossaire.md"
    assert md.link("a/b.md", "a/b.md", "x") == "#x"


def test_every_page_kind_generated_for_each_cqp(site):
    for c in pages.cqps_of(DATA):
        for kind in md.cqp_pages():
            assert md.page_of(c, kind) in site
    for name in ("index.md", "candidat.md", "organisme.md", "evaluateur.md", "tuteur.md", "comparer.md",
                 "glossaire.md", "sources.md", "liens.md"):
        assert name in site


def test_generated_pages_are_not_in_docs(site):
    """Generated Markdown lives only in the build: nothing of it is committed under docs/."""
    for src in site:
        assert not (ROOT / "docs" / src).exists(), f"docs/{src} masquerait la page générée"


def test_each_rule_anchor_written_once(site):
    for c in pages.cqps_of(DATA):
        for rule in c.rules:
            target = "{#" + rule.anchor + "}"
            hits = [src for src, text in site.items() if target in text and src.startswith(c.id + "/")]
            assert hits == [md.page_of(c, md.topic_page(rule.topic))], (rule.id, hits)


def test_every_anchor_unique_on_its_page(site):
    for src, text in site.items():
        ids = re.findall(r"\{#([a-z0-9-]+)[ }]", text) + re.findall(r'id="([^"]+)"', text)
        dupes = {i for i in ids if ids.count(i) > 1}
        assert not dupes, f"{src}: ancres en double {sorted(dupes)}"


def test_every_place_has_its_anchor_in_the_generated_markdown(site):
    for c in pages.cqps_of(DATA):
        for p in places(c):
            text = site[p.page]
            assert "{#" + p.fragment in text or f'id="{p.fragment}"' in text, (p.kind, p.item_id)


def test_new_item_in_yaml_appears_without_code_change(monkeypatch):
    import checker.referentiel

    data = copy.deepcopy(DATA)
    cs = data["cqps"]["commercial-sedentaire"]
    comp = copy.deepcopy(cs["blocks"][0]["competences"][-1])
    comp["id"], comp["label"] = "C1.99", "Compétence ajoutée pour le test"
    comp["activities"]["id"] = "A1.99"
    comp["criterion"]["indicators"] = [{"id": "C1.99-I1", "label": "Indicateur ajouté pour le test"}]
    cs["blocks"][0]["competences"].append(comp)
    # The worked example asks the checker, which must see the same referential.
    monkeypatch.setattr(checker.compiled, "load", lambda: {"cqps": data["cqps"], "calendar": data["calendar"],
                                                              "site": data["site"]})
    checker.referentiel.clear_cache()
    try:
        site = pages.generate_site(data)
    finally:
        checker.referentiel.clear_cache()  # the next tests read the real referential again
    ref = site["commercial-sedentaire/referentiel.md"]
    assert "{#c1-99" in ref and "Compétence ajoutée pour le test" in ref
    assert 'id="c1-99-i1"' in ref and "Indicateur ajouté pour le test" in ref
    assert "#c1-99" in site["liens.md"]


def test_interpretation_rendered_as_admonition():
    c = pages.cqps_of(DATA)[0]
    rule = next(r for r in c.rules if r.data.get("interpretation"))
    block = md.rule_block(c, rule)
    assert '!!! interpretation "Interprétation"' in block
    assert f"{{#regle-{md.anchor(rule.id)}}}" in block


def test_version_note_names_the_referential_version():
    cqps = pages.cqps_of(DATA)
    own = pages.version_note(cqps[0].id + "/referentiel.md", DATA)
    assert f"version {cqps[0].version}" in own and "../sources.md#versions" in own
    home = pages.version_note("index.md", DATA)
    assert all(f"version {c.version}" in home for c in cqps)


def test_abbreviations_cover_every_term():
    abbr = pages.abbreviations(DATA)
    for t in DATA["glossary"]["terms"]:
        if t.get("tooltip") is not False:
            assert f"*[{t['term']}]: " in abbr
