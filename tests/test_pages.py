"""The built portal (site/) shows every item of the referentials on its page, under its anchor.

Cases are derived from the YAML at collection time: a new competence, indicator or rule in a
referential is checked here without touching this file. Needs `make site` (make test does it).
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"

from build_scripts import pages
from build_scripts.site_url import site_url
from build_scripts.pages.anchors import places
from build_scripts.pages.md import one_line, page_of, topic_page

DATA = pages.load_all()
CQPS = pages.cqps_of(DATA)

# These tests read the built site/ (make site): like the browser tests, `make test-fast` skips them.
pytestmark = pytest.mark.site


def _url_dir(src: str) -> Path:
    """site/ file of a source page (directory URLs)."""
    if src.endswith("index.md"):
        return SITE / src[: -len("index.md")] / "index.html"
    return SITE / src[:-3] / "index.html"


@lru_cache(maxsize=None)
def _html(src: str) -> str:
    path = _url_dir(src)
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} missing: run `make site` (make test does it)")
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _text(src: str) -> str:
    """Visible text of a page, tags (abbreviations included) removed, spaces normalised."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", _html(src), flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "", body))
    return one_line(text.replace("\u00a0", " "))


def _norm(s: str) -> str:
    return one_line(s).replace("\u00a0", " ")


def _ids(src: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', _html(src)))


# --- every item of the referential, on its page, under its anchor ------------------------------

ITEMS = [pytest.param(c, p, id=f"{c.id}:{p.kind}:{p.item_id}") for c in CQPS for p in places(c)]


@pytest.mark.parametrize("cqp, place", ITEMS)
def test_item_has_its_anchor(cqp, place):
    assert place.fragment in _ids(place.page), f"#{place.fragment} absent de {place.page}"


REFERENTIEL_ITEMS = []
for _c in CQPS:
    for _part in _c.parts:
        if _c.by_domains:
            for _u in _part["units"]:
                for _k in ("activities", "competences"):
                    REFERENTIEL_ITEMS += [pytest.param(_c, i["id"], i["label"], id=f"{_c.id}:{i['id']}")
                                          for i in _u[_k]]
        else:
            for _comp in _part["competences"]:
                REFERENTIEL_ITEMS.append(pytest.param(_c, _comp["id"], _comp["label"], id=f"{_c.id}:{_comp['id']}"))
                REFERENTIEL_ITEMS.append(pytest.param(_c, _comp["id"], _comp["criterion"]["title"],
                                                      id=f"{_c.id}:{_comp['id']}:critere"))
                REFERENTIEL_ITEMS += [pytest.param(_c, _comp["activities"]["id"], a,
                                                   id=f"{_c.id}:{_comp['activities']['id']}:{n}")
                                      for n, a in enumerate(_comp["activities"]["items"], 1)]
                REFERENTIEL_ITEMS += [pytest.param(_c, i["id"], i["label"], id=f"{_c.id}:{i['id']}")
                                      for i in _comp["criterion"]["indicators"]]


@pytest.mark.parametrize("cqp, item_id, label", REFERENTIEL_ITEMS)
def test_activity_competence_criterion_on_referentiel_page(cqp, item_id, label):
    assert _norm(label) in _text(page_of(cqp, "referentiel")), f"{item_id} : « {label[:60]}… » absent"


RULES = [pytest.param(c, r, id=f"{c.id}:{r.id}") for c in CQPS for r in c.rules]


@pytest.mark.parametrize("cqp, rule", RULES)
def test_rule_written_on_its_topic_page(cqp, rule):
    src = page_of(cqp, topic_page(rule.topic))
    assert f"regle-{rule.id.replace('_', '-')}" in _ids(src)
    text = _text(src)
    assert _norm(rule.text) in text
    assert _norm(rule.data["source"]) in text
    if rule.data.get("interpretation"):
        assert _norm(rule.data["interpretation"]) in text


INTERPRETATIONS = [pytest.param(c, p, id=f"{c.id}:{p.kind}:{p.item_id}")
                   for c in CQPS for p in places(c) if p.item.get("interpretation")]


@pytest.mark.parametrize("cqp, place", INTERPRETATIONS)
def test_interpretation_shown_where_it_applies(cqp, place):
    assert _norm(place.item["interpretation"]) in _text(place.page)


@pytest.mark.parametrize("cqp", CQPS, ids=lambda c: c.id)
def test_evaluation_modalities_described(cqp):
    text = _text(page_of(cqp, "evaluations"))
    for ev in cqp.data["evaluations"]:
        assert ev["id"] in _ids(page_of(cqp, "evaluations"))
        for key in ("title", "description", "evaluators"):
            assert _norm(ev[key]) in text, f"{ev['id']}.{key}"
        assert _norm(ev["duration"]["text"]) in text
        if ev.get("place"):
            assert _norm(ev["place"]) in text


@pytest.mark.parametrize("cqp", CQPS, ids=lambda c: c.id)
def test_worked_example_on_page_is_the_checkers_verdict(cqp):
    """Every explanation of the example, as the checker writes it today, is on the page."""
    from build_scripts.pages import example

    lines = [l[2:] for l in example.generate(cqp).splitlines() if l.startswith("- ")]
    assert len(lines) >= 4
    text = _text(page_of(cqp, "evaluations"))
    for sentence in lines:
        assert _norm(sentence) in text


@pytest.mark.parametrize("cqp", CQPS, ids=lambda c: c.id)
def test_worked_example_comes_from_checker_score(cqp, monkeypatch):
    """Nothing of the example's verdict is written by the page generator itself."""
    import checker
    from build_scripts.pages import example

    calls = []
    real = checker.score

    def spy(situation):
        verdict = real(situation)
        calls.append(situation)
        verdict["explanations"] = ["PHRASE-DU-VERIFICATEUR"]
        return verdict

    monkeypatch.setattr(checker, "score", spy)
    md = example.generate(cqp)
    assert calls and "PHRASE-DU-VERIFICATEUR" in md
    # One case sits exactly at the threshold and passes, another fails: the boundary is shown.
    verdicts = [real(s) for s in calls]
    parts = "domains" if cqp.by_domains else "blocks"
    results = [p["validated"] for v in verdicts for p in v[parts].values() if p.get("evaluated", True)]
    assert True in results and False in results


@pytest.mark.parametrize("cqp", CQPS, ids=lambda c: c.id)
def test_routes_and_deadlines(cqp):
    src = page_of(cqp, "routes")
    ids, text = _ids(src), _text(src)
    for rid, route in cqp.data["routes"].items():
        assert rid in ids
        for st in route["steps"]:
            assert f"{rid}-{st['id']}" in ids and _norm(st["text"]) in text
    for dl in cqp.data["deadlines"]:
        assert f"delai-{dl['id'].replace('_', '-')}" in ids and _norm(dl["label"]) in text


def test_every_page_states_the_referential_version():
    for path in sorted(SITE.rglob("*.html")):
        if path.name == "404.html":
            continue
        rel = path.relative_to(SITE).as_posix()
        own = [c for c in CQPS if rel.startswith(c.id + "/")]
        text = path.read_text(encoding="utf-8")
        expected = own or CQPS
        for c in expected:
            assert f"version {c.version}" in text, f"{rel}: version du référentiel {c.id} absente"


def test_glossary_terms_have_entries_and_tooltips():
    ids = _ids("glossaire.md")
    for t in DATA["glossary"]["terms"]:
        assert t["id"] in ids
        assert _norm(t["definition"]) in _text("glossaire.md")
    tooltips = set(re.findall(r'<abbr title="([^"]+)"', _html("index.md")))
    assert tooltips, "aucune infobulle sur l'accueil"
    # An abbreviation inside a heading must not change its anchor.
    for c in CQPS:
        assert c.parts[0]["id"].lower() in _ids(page_of(c, "referentiel"))


def test_home_leads_to_vae_and_validation_in_one_click():
    """From the home page, one link per CQP reaches the VAE route and the validating score."""
    home = _html("index.md")
    for c in CQPS:
        assert f'href="{c.id}/voies-d-acces/#vae"' in home
        assert f'href="{c.id}/evaluations/#resultat"' in home


# --- links: every internal link and anchor of site/ resolves -----------------------------------

def _all_pages() -> list[Path]:
    return sorted(SITE.rglob("*.html"))


def test_every_internal_link_and_anchor_resolves():
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run `make site`")
    ids: dict[Path, set[str]] = {}
    broken = []
    checked = 0
    for page in _all_pages():
        text = page.read_text(encoding="utf-8")
        ids[page] = set(re.findall(r'\b(?:id|name)="([^"]+)"', text))
    for page in _all_pages():
        text = page.read_text(encoding="utf-8")
        for href in re.findall(r'<a\b[^>]*\bhref="([^"]*)"', text):
            href = html.unescape(href)
            if site_url() and href.startswith(site_url()):
                href = "/" + href[len(site_url()):]  # a ready link of /liens/: the site's own address
            if re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("//"):
                continue  # external (checked by the browser test: nothing leaves the site)
            path, _, fragment = href.partition("#")
            if fragment.startswith("s="):
                continue  # simulator share links: the fragment is data, not an anchor
            if path.startswith("/"):
                target = SITE / path.lstrip("/")
            else:
                target = (page.parent / path) if path else page
            target = target.resolve()
            if target.is_dir() or not target.suffix:
                target = target / "index.html"
            checked += 1
            rel = page.relative_to(SITE)
            if not target.exists():
                broken.append(f"{rel}: {href} → fichier absent")
            elif fragment and target.suffix == ".html" and fragment not in ids.get(target, set()):
                broken.append(f"{rel}: {href} → ancre absente")
    assert checked > 500
    assert not broken, f"{len(broken)} liens cassés :\n" + "\n".join(broken[:40])


def test_no_reference_to_another_host():
    """Stylesheets, scripts, images and fonts all come from the site itself (the canonical
    link names the site's own public address and is never fetched)."""
    offenders = []
    for page in _all_pages():
        text = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:link|script|img|source|iframe|video|audio)\b[^>]*>", text):
            if 'rel="canonical"' in tag:
                continue
            for url in re.findall(r'\b(?:href|src)="([^"]+)"', tag):
                if re.match(r"^(https?:)?//", url):
                    offenders.append(f"{page.relative_to(SITE)}: {tag[:100]}")
        if re.search(r"@import\s+url\(\s*['\"]?https?:", text) or "fonts.googleapis" in text:
            offenders.append(f"{page.relative_to(SITE)}: police ou feuille de style externe")
    assert not offenders, "\n".join(offenders[:20])
