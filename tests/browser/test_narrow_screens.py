"""Phone first: the simulator's tools at 320 and 360 px, each shown in turn (hidden panels have
no width; every page as it loads is checked by the sweep, test_site_sweep.py)."""
from __future__ import annotations

import pytest

from tests.browser.sweep import WIDTHS, fits


def _assert_fits(page, width, where):
    assert not (why := fits(page, width)), f"{where}: {why}"


@pytest.mark.parametrize("width", WIDTHS)
def test_every_simulator_tool_fits(simulator, width):
    page = simulator
    page.set_viewport_size({"width": width, "height": 740})
    for tab in ("Éligibilité", "Score", "Calendrier"):
        page.get_by_role("tab", name=tab).click()
        _assert_fits(page, width, f"simulateur, {tab}")
    # the widest forms: the CS grid and the organism's file
    page.get_by_role("tab", name="Score").click()
    page.get_by_role("tabpanel", name="Score").get_by_label("CQP", exact=True).select_option("commercial-sedentaire")
    _assert_fits(page, width, "simulateur, grille du Commercial sédentaire")
    page.get_by_role("tab", name="Éligibilité").click()
    page.get_by_label("Qui vérifier ?").select_option(index=5)
    _assert_fits(page, width, "simulateur, organisme")


SCROLL_BOXES = """() => [...document.querySelectorAll('#outil-score *')]
    .filter((e) => e.getClientRects().length && e.scrollWidth > e.clientWidth + 1
                   && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
    .map((e) => `${e.tagName}.${e.className} (${e.scrollWidth} > ${e.clientWidth} px)`)"""
WIDER_IN_GRID = """(w) => [...document.querySelectorAll('.cqp-grid-wrap *')]
    .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > w + 1)
    .slice(0, 3).map((e) => `${e.tagName}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`)"""


@pytest.mark.parametrize("width", WIDTHS)
def test_commercial_sedentaire_grid_is_cards_without_inner_scroll(simulator, axe_source, width):
    """The CS score grid (per competence: questionnaire, tutor, jury) fits the phone: one card per
    competence, each input under its own visible label, in reading order, nothing scrolls."""
    from tests.browser.conftest import run_axe

    page = simulator
    page.set_viewport_size({"width": width, "height": 740})
    page.get_by_role("tab", name="Score").click()
    panel = page.get_by_role("tabpanel", name="Score")
    panel.get_by_label("CQP", exact=True).select_option("commercial-sedentaire")
    _assert_fits(page, width, "simulateur, grille du Commercial sédentaire")
    assert page.evaluate(WIDER_IN_GRID, width) == []
    assert page.evaluate(SCROLL_BOXES) == []
    # Each input's label is on screen next to it, and its accessible name stays whole.
    jury = panel.get_by_label("C1.1 — jury (%)", exact=True)
    label = page.locator("label[for='%s']" % jury.get_attribute("id"))
    assert label.is_visible() and label.inner_text().strip().lower().endswith("jury (%)")
    box, input_box = label.bounding_box(), jury.bounding_box()
    assert box["y"] + box["height"] <= input_box["y"] + 1 and abs(box["x"] - input_box["x"]) <= 1
    # The keyboard goes through a card's three inputs, then to the next card.
    order = []
    panel.get_by_label("C1.1 — questionnaire (%)", exact=True).focus()
    for _ in range(4):
        order.append(page.evaluate("document.activeElement.labels[0].textContent"))
        page.keyboard.press("Tab")
    assert order == ["C1.1 — questionnaire (%)", "C1.1 — tuteur (%)", "C1.1 — jury (%)",
                     "C1.2 — questionnaire (%)"]
    violations = [v["id"] for v in run_axe(page, axe_source)]
    assert violations == []


# Every layout shift the page records (the Layout Instability API), kept from the first paint.
LAYOUT_SHIFTS = """window.__shifts = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shifts.push(e.value); })
  .observe({ type: "layout-shift", buffered: true });"""


@pytest.mark.parametrize("path", ["simulateur/", "integrer-score/"])
@pytest.mark.parametrize("width", [320, 412])
def test_the_forms_do_not_move_while_the_engine_loads(browser, base_url, path, width):
    # The engine's status box keeps its height from the first paint to ready (its progress line,
    # its text loading then ready): what a person started reading or filling stays in place.
    ctx = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 740}, service_workers="block")
    try:
        page = ctx.new_page()
        page.add_init_script(LAYOUT_SHIFTS)
        page.goto(f"{base_url}/{path}")
        page.wait_for_function("() => window.CQP && CQP.status === 'ready'", timeout=180_000)
        page.wait_for_timeout(500)
        shifts = page.evaluate("window.__shifts")
        assert sum(shifts) < 0.01, shifts
    finally:
        ctx.close()
