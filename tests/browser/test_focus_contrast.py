"""Every control of the simulator page keeps a readable text once focused, in both palettes
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
MEASURE = """async (selector) => {
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
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('[hidden], dialog:not([open])'); };
  const out = [];
  for (const control of document.querySelectorAll(selector)) {
    if (control.disabled || control.tabIndex < 0) continue;
    // A file input is drawn by its label (« Importer… »), which carries the text.
    const shown = control.type === 'file' ? control.closest('label') : control;
    if (!shown || !visible(shown)) continue;
    control.focus({focusVisible: true});
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)));
    const s = getComputedStyle(shown);
    const fg = over(parse(s.color), background(shown)), bg = background(shown);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const name = (shown.innerText || shown.getAttribute('aria-label') || shown.id || shown.name || shown.tagName).trim().slice(0, 60);
    out.push({name, ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100, color: s.color, background: s.backgroundColor});
    control.blur();
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
