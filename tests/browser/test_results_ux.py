"""Results as answers (issue 9): what people read on screen is plain French — no JSON, no field
name, no « Verdict » —, a first visit shows nothing negative, each result says what is still
needed and what to do next, reads on a phone (cards, a bar that leads to the result), prints as
a recap with « Vos réponses », and the page does not move when Python is ready."""
from __future__ import annotations

import base64
import importlib.util
import json
import re
from pathlib import Path

import pytest

import checker
from tests.browser.conftest import open_shared, palette, read
from tests.browser.sweep import plain_text_problems, visible_text

_spec = importlib.util.spec_from_file_location("browser_conftest", Path(__file__).with_name("conftest.py"))
_browser = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_browser)
_axe = _browser.run_axe

READY = "window.CQP && (CQP.status === 'ready' || CQP.status === 'failed')"
SETTLED = ("() => window.CQP.status === 'ready' && "
           "document.querySelector('[data-cqp-sim]').dataset.pending === '0'")

CS_PARTIAL = {"cqp": "commercial-sedentaire", "route": "formation",
              "blocks": {"B1": {f"C1.{i}": {"questionnaire": 70, "tuteur": 75} for i in range(1, 8)}}}
VCD_SHORT = {"cqp": "vendeur-conseil-distance", "route": "formation",
             "domains": {"DC1": {"positive": 12, "total": 20}}}
SESSION = {"cqp": "vendeur-conseil-distance", "route": "formation",
           "session_date": "2026-06-15", "deliberation_date": "2026-06-15"}


def fr(x: float) -> str:
    return f"{round(x, 2):.2f}".rstrip("0").rstrip(".").replace(".", ",")


def share(check: str, situation: dict) -> str:
    raw = json.dumps({"check": check, "situation": situation}).encode()
    return "#s=" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def open_simulator(page, base_url, fragment=""):
    page.goto(f"{base_url}/simulateur/{fragment}")
    page.wait_for_function(READY, timeout=90_000)
    assert page.evaluate("CQP.status") == "ready", page.evaluate("CQP.error")
    page.wait_for_function(SETTLED)


def result(page, tool):
    return page.get_by_role("tabpanel", name=tool).get_by_role("region", name="Résultat")


def assert_plain(text: str, where: str):
    assert not (found := plain_text_problems(text)), f"{where} shows {found}"


# --- plain French everywhere -------------------------------------------------------------------

@pytest.mark.parametrize("check,situation,tool", [
    ("score", CS_PARTIAL, "Score"),
    ("score", VCD_SHORT, "Score"),
    ("eligibility", {"subject": "organism", "cqp": "vendeur-conseil-distance", "as_of": "2026-06-15"}, "Éligibilité"),
    ("eligibility", {"subject": "candidate", "cqp": "vendeur-conseil-distance", "route": "vae",
                     "telesales_experience": True}, "Éligibilité"),
    ("deadlines", SESSION, "Calendrier"),
])
def test_results_show_no_dump_nor_id(simulator, check, situation, tool):
    page = simulator
    open_shared(page, share(check, situation))
    box = result(page, tool)
    assert box.is_visible()
    assert_plain(visible_text(page), f"simulateur, {tool}")
    assert not page.locator("pre:visible").count()


def test_first_visit_shows_nothing_negative(simulator):
    page = simulator
    for tool in ("Éligibilité", "Score", "Calendrier"):
        page.get_by_role("tab", name=tool).click()
        page.wait_for_function(SETTLED)
        text = result(page, tool).inner_text()
        assert "Non éligible" not in text and "Saisie à corriger" not in text, (tool, text)
        assert result(page, tool).locator(".cqp-mark--ko").count() == 0, tool
        if tool != "Éligibilité":  # its yes/no questions become tri-state with the forms' work
            assert not page.get_by_role("tabpanel", name=tool).locator('[aria-invalid="true"]').count(), tool


# --- what is missing, what would be needed, what to do next ----------------------------------

def test_cs_block_says_the_result_still_needed(simulator):
    page = simulator
    open_shared(page, share("score", CS_PARTIAL))
    verdict = checker.score(CS_PARTIAL)
    needed = verdict["blocks"]["B1"]["needed"]
    box = result(page, "Score")
    assert "Résultats incomplets" in box.inner_text()
    row = box.get_by_role("row", name=re.compile(r"^Bloc B1\b"))
    text = read(row)
    # said once, in the block's row, with the results it is about
    assert text.count(f"au moins {fr(needed['uniform'])} %") == 1
    assert f"il faut au moins {fr(needed['uniform'])} % à chacun des résultats restants (Jury de C1.1" in text
    per = {c: v["jury"] for c, v in needed["per_competence"].items()}
    assert f"au moins {fr(per['C1.1'])} % (Jury) pour atteindre" in text
    # not evaluated yet: neutral words, no cross
    b2 = box.get_by_role("row", name=re.compile(r"^Bloc B2\b"))
    assert "pas encore évalué" in b2.inner_text() and b2.locator(".cqp-mark--ko").count() == 0


def test_unreachable_block_is_said_plainly(simulator):
    lost = {"cqp": "commercial-sedentaire", "route": "formation",
            "blocks": {"B3": {"C3.1": {"questionnaire": 0, "tuteur": 0, "jury": 0}, "C3.2": {"questionnaire": 80}}}}
    assert checker.score(lost)["blocks"]["B3"]["needed"]["reachable"] is False
    page = simulator
    open_shared(page, share("score", lost))
    row = read(result(page, "Score").get_by_role("row", name=re.compile(r"^Bloc B3\b")))
    assert "ne peut plus être validé" in row
    assert "même 100 % à chacun des résultats restants ne suffirait pas à le valider" in row


def test_vcd_domain_says_the_indicators_needed(simulator):
    page = simulator
    open_shared(page, share("score", VCD_SHORT))
    needed = checker.score(VCD_SHORT)["domains"]["DC1"]["needed_positive"]
    row = read(result(page, "Score").get_by_role("row", name=re.compile(r"^Domaine DC1\b")))
    assert f"il en faut au moins {needed} sur 20" in row


def test_next_steps_links_say_where_they_go(simulator):
    page = simulator
    open_shared(page, share("score", VCD_SHORT))
    box = result(page, "Score")
    assert box.get_by_role("heading", name="Que faire maintenant ?").is_visible()
    steps = checker.score(VCD_SHORT)["next_steps"]
    for step in steps:
        link = box.get_by_role("link", name=f"En savoir plus : {step['title']}")
        assert link.count() >= 1, step["title"]


def test_deadlines_show_their_weekday(simulator):
    page = simulator
    open_shared(page, share("deadlines", SESSION))
    text = read(result(page, "Calendrier").locator("table.cqp-deadlines"))
    # convocation: one month before Monday 15 June 2026, in the one date style of every result
    assert "vendredi 15 mai 2026" in text and "15/05/2026" not in text
    assert "Lundi de Pentecôte (lundi 25 mai 2026)" in text


# --- phone first --------------------------------------------------------------------------------

@pytest.mark.parametrize("check,situation,tool", [("deadlines", SESSION, "Calendrier"),
                                                   ("score", CS_PARTIAL, "Score")])
def test_result_tables_become_cards_on_a_phone(phone_simulator, check, situation, tool):
    page = phone_simulator
    open_shared(page, share(check, situation))
    table = result(page, tool).get_by_role("table").first
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert table.evaluate("(t) => getComputedStyle(t).display") == "block"
    # every column is shown, each value under its header's name
    for cell in table.locator("td").all():
        box = cell.bounding_box()
        assert box and box["width"] > 0 and box["x"] + box["width"] <= 360
    if check == "deadlines":
        assert table.get_by_text("Cahier des charges", exact=False).first.is_visible()
        # no word broken inside (« convocati/on »): each word fits on its line
        assert table.evaluate("""(t) => [...t.querySelectorAll('td, th')].every((c) =>
            getComputedStyle(c).overflowWrap === 'normal' && getComputedStyle(c).wordBreak === 'normal')""")


def test_result_bar_leads_to_the_result_on_a_phone(phone_simulator):
    page = phone_simulator  # reset by its fixture: nothing changed yet
    page.get_by_role("tab", name="Score").click()
    panel = page.get_by_role("tabpanel", name="Score")
    bar_link = panel.get_by_role("link", name="Voir le détail")
    assert not bar_link.is_visible()  # nothing changed yet
    cqp = panel.get_by_label("CQP", exact=True)
    cqp.focus()
    cqp.select_option("commercial-sedentaire")
    page.wait_for_function(SETTLED)
    assert cqp.evaluate("(e) => e === document.activeElement")  # focus stays where it was
    bar_link.wait_for(state="visible")
    headline = result(page, "Score").locator(".cqp-outcome").first.inner_text()
    bar = bar_link.locator("xpath=..")
    assert headline.strip() in bar.inner_text()
    bar_link.click()
    page.wait_for_function("() => { const r = document.querySelector('#score-verdict').getBoundingClientRect();"
                           " return r.top < innerHeight && r.bottom > 0; }")
    bar_link.wait_for(state="hidden")
    assert "#s=" not in page.url or "score-verdict" not in page.url
    # Emptied with « Réinitialiser »: nothing changed by the person since, so no bar, although
    # the result is out of view below again.
    panel.get_by_role("button", name="Réinitialiser").click()
    page.get_by_role("dialog", name="Effacer vos réponses ?").get_by_role("button", name="Effacer les réponses").click()
    page.wait_for_function(SETTLED)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function("() => document.querySelector('#score-verdict').getBoundingClientRect().top >= innerHeight")
    page.wait_for_timeout(100)
    assert not bar_link.is_visible()


def test_result_bar_never_covers_the_field_being_typed_in(phone_simulator):
    page = phone_simulator
    page.get_by_role("tab", name="Score").click()
    panel = page.get_by_role("tabpanel", name="Score")
    panel.get_by_label("CQP", exact=True).select_option("commercial-sedentaire")
    field = panel.get_by_label("C1.3 — jury (%)")
    field.scroll_into_view_if_needed()
    # bring the field to the bottom edge of the screen, where the bar sits
    page.evaluate("""() => { const r = document.querySelector('#score-c1-3-jury').getBoundingClientRect();
                              window.scrollBy(0, r.bottom - innerHeight + 10); }""")
    field.click()
    page.keyboard.type("55")
    page.wait_for_function(SETTLED)
    page.wait_for_timeout(100)
    bar = panel.get_by_role("link", name="Voir le détail")
    if bar.is_visible():
        b, f = bar.locator("xpath=..").bounding_box(), field.bounding_box()
        assert f["y"] + f["height"] <= b["y"], "the bar covers the field being typed in"


# --- print ---------------------------------------------------------------------------------------

def test_print_view_is_a_recap_with_your_answers(simulator):
    situation = {**VCD_SHORT, "session_date": "2026-06-15"}
    page = simulator
    open_shared(page, share("score", situation))
    page.emulate_media(media="print")
    panel = page.get_by_role("tabpanel", name="Score")
    answers = panel.get_by_role("table", name="Vos réponses")
    assert answers.is_visible()
    text = answers.inner_text()
    assert "Vendeur conseil à distance" in text  # the select's words (its short title)
    assert "lundi 15 juin 2026" in text
    assert "DC1 — indicateurs évalués positivement" in text and "12" in text
    assert "domains" not in text and "." not in re.sub(r"\d[.]\d|\.\.\.|…", "", text.split("\n")[0])
    version = checker.referentiel.load()["cqps"]["vendeur-conseil-distance"]["version"]
    recap = panel.get_by_text("Résultat établi le")
    assert recap.is_visible() and f"version {version}" in recap.inner_text()
    assert re.search(r"le (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) ", recap.inner_text())
    indicative = panel.locator("p", has_text="Résultat indicatif")
    assert "jury paritaire" in indicative.inner_text()
    assert panel.get_by_text("/simulateur/").is_visible()
    assert not panel.locator("form.cqp-form").is_visible()
    page.emulate_media(media="screen")
    assert not answers.is_visible()


# --- stable layout, accessibility -------------------------------------------------------------

LAYOUT_SHIFTS = """window.__cls = 0; new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
}).observe({type: 'layout-shift', buffered: true});"""
HEADER_WIDGETS = """() => ['[data-md-component=palette]', '.md-header__title', '.md-search', 'label.md-header__button[for=__search]']
  .map((s) => { const r = document.querySelector(s).getBoundingClientRect();
                return [s, Math.round(r.x), Math.round(r.width)]; })
  .filter(([, , width]) => width > 0)"""


@pytest.mark.parametrize("width", (360, 1280))
def test_layout_is_stable_until_python_is_ready(browser, base_url, width):
    ctx = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 800}, service_workers="block")
    try:
        page = ctx.new_page()
        page.add_init_script(LAYOUT_SHIFTS)
        page.goto(f"{base_url}/simulateur/", wait_until="domcontentloaded")
        assert page.evaluate("CQP.status") == "loading"
        before = page.evaluate(HEADER_WIDGETS)
        page.wait_for_function(READY, timeout=90_000)
        page.wait_for_timeout(1000)
        assert page.evaluate(HEADER_WIDGETS) == before, "the header's widgets moved or popped in"
        cls = page.evaluate("window.__cls")
        assert cls < 0.02, f"cumulative layout shift {cls:.4f} at {width} px"
        # The theme starts when the person first reaches for it (here the keyboard: boot.js);
        # its widgets were in place from the first paint.
        page.keyboard.press("Tab")
        page.wait_for_function("document.documentElement.classList.contains('js')", timeout=20_000)
        page.wait_for_timeout(1000)
        assert page.evaluate(HEADER_WIDGETS) == before, "the header's widgets moved when the theme started"
    finally:
        ctx.close()


def test_axe_before_and_after_a_result(simulator, axe_source):
    page = simulator
    for scheme in ("light", "dark"):
        palette(page, scheme)
        assert _axe(page, axe_source) == [], scheme
    open_shared(page, share("score", CS_PARTIAL))
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
    for scheme in ("light", "dark"):
        palette(page, scheme)
        assert _axe(page, axe_source) == [], scheme


CS_THREE_STATES = {"cqp": "commercial-sedentaire", "route": "formation", "blocks": {
    "B1": {f"C1.{i}": {"questionnaire": 80, "tuteur": 80, "jury": 80} for i in range(1, 8)},
    "B2": {f"C2.{i}": {"questionnaire": 20, "tuteur": 20, "jury": 20} for i in range(1, 7)}}}
MARKS = """() => {
  const lum = (c) => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map((x) => x / 255)
      .map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const page = getComputedStyle(document.querySelector('.md-main')).backgroundColor;
  const bg = getComputedStyle(document.body).backgroundColor;
  const bgColor = page === 'rgba(0, 0, 0, 0)' ? bg : page;
  return Object.fromEntries(['ok', 'ko', 'none'].map((s) => {
    const m = document.querySelector(`#outil-score .cqp-result .cqp-mark--${s}`);
    if (!m) return [s, null];
    const st = getComputedStyle(m), r = m.getBoundingClientRect();
    return [s, {w: r.width, h: r.height, disc: st.backgroundColor, hidden: m.getAttribute('aria-hidden'),
                sign: ratio(st.color, st.backgroundColor), page: ratio(st.backgroundColor, bgColor)}];
  }));
}"""


def test_neutral_mark_weighs_as_much_as_the_others_and_is_not_a_failure(simulator):
    """« Pas encore évalué » / « À compléter » gets a mark like ✓ and ✗ (same disc, same size,
    readable in both palettes), in a colour of its own, never the negative one."""
    page = simulator
    open_shared(page, share("score", CS_THREE_STATES))
    b3 = result(page, "Score").get_by_role("row", name=re.compile(r"^Bloc B3\b"))
    assert "pas encore évalué" in b3.inner_text() and b3.locator(".cqp-mark--none").is_visible()
    for scheme in ("light", "dark"):
        palette(page, scheme)
        # the palette's colours change with a short transition: the final ones are measured
        page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
        marks = page.evaluate(MARKS)
        assert all(marks.values()), marks
        for state, m in marks.items():
            assert m["w"] >= 12 and abs(m["w"] - marks["ok"]["w"]) < 0.5 and abs(m["h"] - m["w"]) < 0.5, (scheme, state, m)
            # non-text contrast (WCAG 1.4.11): the sign on its disc, the disc on the page
            assert m["sign"] >= 3 and m["page"] >= 3, (scheme, state, m)
            # the words next to it say the state; the sign is not read twice
            assert m["hidden"] == "true"
        assert marks["none"]["disc"] != marks["ko"]["disc"]


# --- each fact once (issue 18): a `needed` figure is stated once per screen --------------------

def _needed_situations() -> dict[str, tuple[dict, list[tuple[str, str]]]]:
    """Situations whose result states a `needed` figure, built from the referential's own
    values, each with the figures as people read them (« au moins 16 », « au moins 68 % »)."""
    out = {}
    for cqp_id in checker.referentiel.cqp_ids():
        cqp = checker.referentiel.cqp(cqp_id)
        if cqp.by_domains:
            total = 20
            needed = checker.score({"cqp": cqp_id, "route": "formation",
                                    "domains": {"DC1": {"positive": 0, "total": total}}})["domains"]["DC1"]["needed_positive"]
            # one short of the threshold, and a domain evaluated in part
            situation = {"cqp": cqp_id, "route": "formation", "domains": {
                "DC1": {"positive": needed - 1, "total": total},
                "DC2": {"positive": needed // 2, "total": total, "evaluated": total // 2}}}
            out[f"{cqp_id}/domaines"] = situation
        else:
            block = cqp.parts[0]
            at = int(cqp.rule("block_average_min").value)  # every known result at the threshold
            situation = {"cqp": cqp_id, "route": "formation", "blocks": {block["id"]: {
                c["id"]: {"questionnaire": at, "tuteur": at} for c in block["competences"]}}}
            out[f"{cqp_id}/jury-a-venir"] = situation
    return out


NEEDED = _needed_situations()


@pytest.mark.parametrize("key", sorted(NEEDED))
def test_a_needed_figure_is_stated_once(simulator, key):
    situation = NEEDED[key]
    verdict = checker.score(situation)
    figures = []
    for part in verdict["display"]["parts"]:
        if part["needed"] is not None:
            figures.append(f"au moins {fr(part['needed'])}" + ("" if part["rule"] == "domain_pass_rate" else " %"))
    assert figures, verdict["display"]
    page = simulator
    open_shared(page, share("score", situation))
    text = read(result(page, "Score"))
    for figure in figures:
        # each part's figure, and no other part's sentence with the same words
        said = len(re.findall(re.escape(figure) + r"(?![\d,])", text))
        assert said == sum(1 for f in figures if f == figure), (figure, text)
