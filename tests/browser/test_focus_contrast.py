"""Every control of every kind of page keeps a readable text once focused, in both palettes
(issue 20: « Copier le lien de partage » and the other action buttons went white on white after
a click or a Tab, which axe, run on a page at rest, never saw).

Each tab of the tool is shown in turn; each visible control is focused as the keyboard focuses it
(focus-visible), its colour transitions are let finish, and the contrast of its text against the
background actually painted behind it is measured (WCAG 1.4.3: 4.5:1 for the small text of
these controls).
"""
from __future__ import annotations

import pytest

from conftest import palette

pytestmark = pytest.mark.browser

# For each control of the panel shown: focus it, wait for its transitions, measure. The
# background is the first opaque one among the element and its ancestors (the controls' own
# backgrounds are opaque or none; a translucent one is laid over the colour below it).
MEASURE = """async (selector, once = false) => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g) || []; return m.map(Number).concat(m.length === 3 ? [1] : []); };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const over = (top, below) => { const a = top[3]; return [0, 1, 2].map((i) => top[i] * a + below[i] * (1 - a)).concat([1]); };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let colour = [255, 255, 255, 1];
    if (layers.length && layers[layers.length - 1][3] >= 1) colour = layers.pop();
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    if (!(r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('[hidden], dialog:not([open])'))) return false;
    for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).opacity === '0') return false;  // not painted
    return true; };
  // `once`: one control of each kind only (its tag and classes, and those of its five nearest
  // ancestors): the links of a long page look alike, and each focus costs two frames.
  const kind = (el) => { const parts = []; for (let e = el, i = 0; e && i < 6; e = e.parentElement, i++) parts.push(e.tagName + '.' + e.className); return parts.join('<'); };
  const seen = new Set();
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const running = document.getAnimations().filter((a) => a.playState === 'running' && a.effect && a.effect.getComputedTiming().endTime !== Infinity);
      if (!running.length) break;
      // At most a second: an animation that is paused or restarted never settles.
      await Promise.race([Promise.all(running.map((a) => a.finished.catch(() => null))),
                          new Promise((r) => setTimeout(r, 1000))]);
    }
  };
  const out = [];
  for (const control of document.querySelectorAll(selector)) {
    if (control.disabled || control.tabIndex < 0) continue;
    if (once) { const k = kind(control); if (seen.has(k)) continue; seen.add(k); }
    // A file input is drawn by its label (« Importer… »), which carries the text.
    const shown = control.type === 'file' ? control.closest('label') : control;
    if (!shown || !visible(shown)) continue;
    control.focus({focusVisible: true});
    // A text field may start its change a little later, from a script (the theme opens its search
    // on focus, then fades its colours in).
    if (control.matches('input:not([type=checkbox]):not([type=radio]), textarea')) await new Promise((r) => setTimeout(r, 400));
    // Transitions the focus starts (at once, or a frame later from a script), finite ones only:
    // a page may run an endless animation (a spinner), whose `finished` never comes.
    await settle();
    // The text's own element: a focusable box (the theme's search results) may hold its text in
    // a child of another colour.
    const walker = document.createTreeWalker(shown, NodeFilter.SHOW_TEXT,
      {acceptNode: (n) => n.textContent.trim() && visible(n.parentElement) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP});
    const text = walker.nextNode();
    const ink = text ? text.parentElement : shown;
    const s = getComputedStyle(ink);
    const fg = over(parse(s.color), background(ink)), bg = background(ink);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const name = (shown.innerText || shown.getAttribute('aria-label') || shown.id || shown.name || shown.tagName).trim().slice(0, 60);
    out.push({name, ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100, color: s.color, background: s.backgroundColor});
    control.blur();
    if (once) await settle();
  }
  return out;
}"""

CONTROLS = "button, select, input, textarea, a[href], summary, [tabindex]:not([tabindex='-1'])"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_control_of_the_simulator_is_readable_once_focused(simulator, scheme):
    page = simulator
    palette(page, scheme)
    measured = []
    for tab in page.locator("[data-cqp-sim] [role=tab]").all():
        tab.click()
        panel_id = tab.get_attribute("aria-controls")
        measured += page.evaluate(MEASURE, f"#{panel_id} :is({CONTROLS.replace(', ', ', ')})")
    measured += page.evaluate(MEASURE, "[data-cqp-sim] [role=tab]")
    names = {m["name"] for m in measured}
    assert "Copier le lien de partage" in names, names
    assert len(measured) > 20, measured
    low = [m for m in measured if m["ratio"] < 4.5]
    assert not low, low


# One page of each kind besides the simulator (above): the home page, a CQP page, the glossary,
# the links page, the cohort page and an embed. Each is loaded once, in its own context (service
# workers blocked, as every fixture does), and measured in both palettes.
PAGES = ["/", "/commercial-sedentaire/reglement/", "/glossaire/", "/liens/", "/simulateur/cohorte/",
         "/integrer-score/"]


@pytest.mark.parametrize("path", PAGES)
def test_every_control_of_every_kind_of_page_is_readable_once_focused(page, base_url, path):
    page.goto(f"{base_url}{path}")
    page.wait_for_load_state("load")
    low = []
    for scheme in ("light", "dark"):
        palette(page, scheme)
        measured = page.evaluate(f"(s) => ({MEASURE})(s, true)", CONTROLS)
        assert len(measured) > 3, (scheme, measured)
        low += [{**m, "palette": scheme} for m in measured if m["ratio"] < 4.5]
    assert not low, low
