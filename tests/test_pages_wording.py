"""What the pages say, checked against the seeds (issue 8): readings of the rattrapage, of remote
evaluation, of the holder surveys and of a CS block passed by VAE; who decides the CQP; no list
announced by « : » and left empty; no id on screen; the glossary's anglicisms; the seeds' slips
marked [sic]; the French 404 page and the accent-insensitive search index.

The Markdown tests need no build; those marked `site` read the built site/ (make site).
"""
from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
# The seeds sit in shared/ beside the checkout (CI clones main next to it); when they are not
# there, the tests that quote them are skipped, the others run.
SEEDS = ROOT.parent / "shared" / "seeds"

from build_scripts import pages  # noqa: E402
from build_scripts.pages.md import one_line, page_of  # noqa: E402

DATA = pages.load_all()
CQPS = {c.id: c for c in pages.cqps_of(DATA)}
VCD, CS = CQPS["vendeur-conseil-distance"], CQPS["commercial-sedentaire"]


@pytest.fixture(scope="module")
def site() -> dict[str, str]:
    return pages.generate_site(DATA)


def _flat(text: str) -> str:
    return one_line(text).replace("\u00a0", " ")


def _section(markdown: str, anchor: str) -> str:
    """The Markdown of one heading's section (up to the next heading of the same or a higher level)."""
    m = re.search(r"^(#+) [^\n]*\{#" + re.escape(anchor) + r"[ }]", markdown, flags=re.M)
    assert m, f"#{anchor} absent"
    level = len(m.group(1))
    rest = markdown[m.end():]
    end = re.search(r"^#{1,%d} " % level, rest, flags=re.M)
    return _flat(rest[: end.start()] if end else rest)


def _seed_says(name: str, *passages: str, after: str | None = None) -> None:
    """The seed holds each passage (after the heading `after`, when given). The seeds live
    outside the repository: where they are absent, only our own text is checked."""
    path = SEEDS / name
    if not path.exists():
        return
    text = _flat(path.read_text(encoding="utf-8"))
    if after:
        assert after in text, after
        text = text[text.index(after):][:1500]
    for passage in passages:
        assert passage in text, passage


def _strings(node, path=""):
    """Every string of a YAML tree, with its key path."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


# --- point 4: one rattrapage guaranteed, nothing said of more ----------------------------------

def test_rattrapage_one_session_guaranteed_at_no_extra_cost(site):
    _seed_says("000_4a2d85e21070ab15.txt", "sans modification des conditions tarifaires")
    reglement = site[page_of(VCD, "reglement")]
    rule = _section(reglement, "regle-rattrapage")
    assert "sans modification des conditions tarifaires" in rule
    assert "garantit une session de rattrapage" in rule and "ne dit rien d'éventuelles sessions suivantes" in rule
    statement = _section(reglement, "rattrapage")
    assert "Une session de rattrapage est garantie" in statement
    for src, text in site.items():
        assert "ne limite pas le nombre" not in text, src


# --- point 6: a CS block passed by VAE ----------------------------------------------------------

def test_cs_vae_block_delivery_reading_on_the_pages(site):
    _seed_says("003_6d76e15fd85beffe.txt", "obtient tous les blocs de compétences",
               "Pour obtenir un CQP ou un bloc de compétences le composant")
    rule = CS.rule("block_delivery")
    assert "obtient tous les blocs" in rule.data["interpretation"]
    assert "la VAE" in rule.data["interpretation"]
    reglement = _section(site[page_of(CS, "reglement")], "regle-block-delivery")
    assert _flat(rule.data["interpretation"]) in reglement
    vae = _section(site[page_of(CS, "routes")], "vae")
    assert _flat(CS.data["routes"]["vae"]["interpretation"]) in vae
    assert "acquis pour lui-même" in vae and "ne dit pas expressément" in vae


# --- point 8: remote evaluation, two rules ------------------------------------------------------

def test_remote_evaluation_two_rules_not_merged(site):
    _seed_says("000_4a2d85e21070ab15.txt", "sauf refus du candidat",
               "à la condition que le candidat donne son accord")
    section = _section(site[page_of(VCD, "reglement")], "evaluation-a-distance")
    items = re.findall(r"- (voie de la [^;.]*)", section)
    assert any("formation" in i and "refuse" in i for i in items), items
    assert any("VAE" in i and "accord" in i for i in items), items
    rule = VCD.rule("remote_evaluation")
    assert "sauf si le candidat le refuse" in rule.data["text"] and "donne son accord" in rule.data["text"]
    assert "de la même façon" not in rule.data["interpretation"]
    for ev in VCD.data["evaluations"]:
        if "vae" in ev["routes"] and ev.get("remote"):
            assert "accord" in ev["remote"] and "refus" in ev["remote"], ev["id"]


# --- point 10: surveys, evaluators' duty, dc1 place, B1 duration --------------------------------

def test_holder_surveys_are_the_least_follow_up_not_earliest_dates(site):
    for item in [VCD.rule("survey_first").data, VCD.deadline("survey_6_months"), VCD.deadline("survey_2_years")]:
        text = item["interpretation"]
        assert "premier jour" not in text and "première à laquelle" not in text
        assert "minimum" in text or "minimal" in text
    assert "au moins {value} mois après" not in VCD.rule("survey_first").data["text"]


def test_evaluator_information_sessions_are_a_duty_the_simulator_does_not_check(site):
    for src in ("evaluateur.md", page_of(VCD, "actors")):
        text = _flat(site[src])
        assert "devoir de suivre les séances d'information" in text, src
        assert "Le simulateur ne vérifie pas ce devoir" in text, src


def test_dc1_place_is_not_invented_and_b1_role_play_duration_is_the_livret_s(site):
    assert "locaux de l'organisme" not in VCD.evaluations["dc1-entretien"]["place"]
    assert "ne le précise pas" in VCD.evaluations["dc1-entretien"]["place"]
    _seed_says("003_6d76e15fd85beffe.txt", "20 minutes de présentation et 10 minutes de Q/R",
               after="Evaluation 4 : jeu de rôle et entretien")
    duration = CS.evaluations["b1-jeu-de-role-entretien"]["duration"]["text"]
    assert duration.startswith("20 minutes de présentation")
    assert duration in _flat(site[page_of(CS, "evaluations")])


# --- point 3, text side: results lead to a proposal; who decides --------------------------------

def test_examples_say_who_decides_not_cqp_obtenu(site):
    vcd = _flat(site[page_of(VCD, "evaluations")])
    assert "Conditions de validation du CQP réunies" in vcd
    assert "jury paritaire de certification : c'est ce jury qui décide" in vcd
    cs = _flat(site[page_of(CS, "evaluations")])
    assert "Conditions de validation du CQP réunies" in cs and "ne désigne pas l'instance" in cs
    for src, text in site.items():
        assert "CQP obtenu : **" not in text, src
    for c in CQPS.values():
        for path, text in _strings(c.data):
            assert not re.search(r"CQP (est )?obtenu", text), f"{c.id}: {path}"


# --- pages: no « : » announcing a list that does not follow -------------------------------------

LIST_ITEM = re.compile(r"([-*+]|\d+\.) ")


def _dangling_colons_md(markdown: str) -> list[str]:
    """Lines ending with « : » whose list does not follow: a paragraph must be followed by a
    list (or a code block), a list item by a list nested under it."""
    lines = markdown.splitlines()
    bad = []
    for i, line in enumerate(lines):
        body = line.strip()
        if not body.endswith(":") or body.startswith(("|", "#", "```", "*[")):
            continue
        indent = len(line) - len(line.lstrip())
        nxt = next((l for l in lines[i + 1:] if l.strip()), "")
        nxt_indent = len(nxt) - len(nxt.lstrip())
        if LIST_ITEM.match(body):
            ok = bool(LIST_ITEM.match(nxt.strip())) and nxt_indent > indent
        else:
            ok = bool(LIST_ITEM.match(nxt.strip())) or nxt.strip().startswith("```")
        if not ok:
            bad.append(body[-100:])
    return bad


def test_no_generated_line_ends_with_a_colon_without_its_list(site):
    bad = {src: found for src, text in site.items() if (found := _dangling_colons_md(text))}
    assert not bad, bad


def test_colon_detector_catches_the_old_audience_pages():
    assert _dangling_colons_md("- [Pièces](x) : Le candidat évaluateur adresse à la CGF :\n- [Suite](y) : …")
    assert not _dangling_colons_md("Il doit :\n\n- a ;\n- b.")
    assert not _dangling_colons_md("- [Pièces](x) : il adresse :\n    - un CV ;\n- [Suite](y) : …")


class _Blocks(HTMLParser):
    """Paragraphs and list items of a page's article: own text, and whether a list follows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.article = 0
        self.stack: list[dict] = []
        self.done: list[dict] = []
        self.last_closed: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.article += 1
        if not self.article:
            return
        code = tag == "pre" or (tag == "div" and "highlight" in (dict(attrs).get("class") or ""))
        if tag in ("ul", "ol", "table") or code:
            if self.stack and self.stack[-1]["tag"] == "li":
                self.stack[-1]["list_inside"] = True
            if self.last_closed is not None and self.last_closed["tag"] == "p":
                self.last_closed["list_after"] = True
        if tag in ("p", "li"):
            self.stack.append({"tag": tag, "text": "", "list_inside": False, "list_after": False})
        self.last_closed = None

    def handle_endtag(self, tag):
        if tag == "article":
            self.article -= 1
        if tag in ("p", "li") and self.stack and self.stack[-1]["tag"] == tag:
            block = self.stack.pop()
            self.done.append(block)
            self.last_closed = block

    def handle_data(self, data):
        if self.stack and not self.stack[-1]["list_inside"]:
            self.stack[-1]["text"] += data
        if data.strip():
            self.last_closed = None


def _dangling_colons_html(text: str) -> list[str]:
    parser = _Blocks()
    parser.feed(text)
    return [_flat(b["text"])[-100:] for b in parser.done
            if _flat(b["text"]).endswith(":") and not (b["list_inside"] or b["list_after"])]


@pytest.mark.site
def test_no_paragraph_or_list_item_of_the_site_ends_with_a_colon_without_its_list():
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run `make site`")
    bad = {}
    for path in sorted(SITE.rglob("*.html")):
        if path.relative_to(SITE).as_posix().startswith(("assets/", "search/")):
            continue
        found = _dangling_colons_html(path.read_text(encoding="utf-8"))
        if found:
            bad[path.relative_to(SITE).as_posix()] = found
    assert not bad, bad


def test_html_colon_detector():
    assert _dangling_colons_html("<article><ul><li>Pièces : Il adresse à la CGF :</li></ul></article>")
    assert not _dangling_colons_html("<article><ul><li>Pièces : il adresse :<ul><li>un CV</li></ul></li></ul></article>")
    assert not _dangling_colons_html("<article><p>Il doit :</p>\n<ul><li>a</li></ul></article>")
    assert _dangling_colons_html("<article><p>Il doit :</p><p>rien</p></article>")


# --- no id on screen ----------------------------------------------------------------------------

@pytest.mark.site
def test_no_rule_or_deadline_id_in_the_visible_text():
    ids = {i for c in CQPS.values() for i in [*(r.id for r in c.rules), *(d["id"] for d in c.deadlines)] if "_" in i}
    offenders = []
    for path in sorted(SITE.rglob("*.html")):
        rel = path.relative_to(SITE).as_posix()
        if rel.startswith(("assets/", "search/", "liens/", "simulateur/")):
            continue  # /liens/ shows anchors to copy, on purpose; the simulator has its own tests
        body = re.sub(r"<(script|style|code)\b.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", " ", body))
        offenders += [f"{rel}: {i}" for i in ids if re.search(r"\b" + re.escape(i) + r"\b", text)]
    assert not offenders, offenders


# --- glossary: the referential's anglicisms ------------------------------------------------------

ANGLICISMS = {"cross-selling": "cross-selling", "sourcing": "sourcing", "reporting": "reporting",
              "SONCASE": "soncase", "Brief": "brief", "posts": "posts", "mail": "e-mail"}


def test_every_anglicism_of_the_referential_has_a_glossary_entry():
    terms = {t["id"]: t for t in DATA["glossary"]["terms"]}
    texts = " ".join(s for c in CQPS.values() for _, s in _strings(c.data))
    for word, term_id in ANGLICISMS.items():
        assert re.search(r"\b" + re.escape(word) + r"\b", texts), f"{word} n'est plus dans le référentiel"
        term = terms[term_id]
        assert word in [term["term"], *term.get("aliases", [])], term_id
        assert len(term["definition"]) > 80 and term["expansion"].lower() != term["term"].lower()


# --- seeds' slips: corrected in our prose, [sic] where we quote ---------------------------------

SLIPS = ("au vue", "la plus optimum")


def test_seed_slips_marked_sic_where_quoted_and_absent_from_our_prose():
    found = 0
    for c in CQPS.values():
        for path, text in _strings(c.data):
            for slip in SLIPS:
                for m in re.finditer(re.escape(slip), text, flags=re.I):
                    found += 1
                    quoted = text[: m.start()].count("«") > text[: m.start()].count("»")
                    assert text[m.end():].startswith(" [sic]") or quoted, f"{c.id}: {path}: {text[:80]}"
    for _, text in _strings(DATA["glossary"]):
        assert not any(s in text for s in SLIPS)
    assert found >= 2


# --- 404 and search -------------------------------------------------------------------------------

@pytest.mark.site
def test_404_page_is_french():
    text = (SITE / "404.html").read_text(encoding="utf-8")
    assert "Not found" not in text and "Page introuvable" in text
    assert '<html lang="fr"' in text


@pytest.mark.site
def test_search_index_holds_accent_free_words_and_cuts_figures():
    index = json.loads((SITE / "search" / "search_index.json").read_text(encoding="utf-8"))
    config = index["config"]
    assert config["fields"]["text_ascii"] == config["fields"]["text"]
    assert config["fields"]["title_ascii"] == config["fields"]["title"]
    separator = re.compile(config["separator"])
    assert [t for t in separator.split("80%") if t] == ["80", "%"]
    assert [t for t in separator.split("80\u00a0%") if t] == ["80", "%"]
    assert [t for t in separator.split("l'évaluation") if t] == ["l", "évaluation"]
    words = {w for d in index["docs"] for w in d.get("text_ascii", "").split()}
    assert {"televente", "evaluation", "recevabilite"} <= words
    for doc in index["docs"]:
        assert "text_ascii" not in doc or not re.search(r"[^\x00-\x7f]", doc["text_ascii"])


def test_no_page_names_a_seed_file():
    """Sources are cited by their titles (« Cahier des charges du CQP …, §3.4 »), never a file name."""
    site = pages.build()
    for src, markdown in site.items():
        assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt", markdown), src
