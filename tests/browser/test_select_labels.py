"""Nothing cut that a person must choose (issue 20): on a 360 px phone, every option of every
select of the simulator fits its select, so that the closed select shows the whole choice
(« VAE (validation des acquis de l'expéri… » was cut). Each select is measured where it sits
(its tool and group shown for the time of the measure), its options' text in its own font
against its inner width, less the room Chromium keeps for the arrow."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Chromium draws a select's arrow inside its box, on the right, beside the padding.
ARROW = 24

MEASURE = """([arrow, name]) => {
  const root = [...document.querySelectorAll('[role=tabpanel]')].find((p) => p.getAttribute('aria-labelledby')
    && document.getElementById(p.getAttribute('aria-labelledby')).textContent.trim() === name) || document.body;
  const hidden = [...root.querySelectorAll('[hidden]')];
  hidden.forEach((el) => el.removeAttribute('hidden'));
  const ctx = document.createElement('canvas').getContext('2d');
  const out = [];
  try {
    for (const select of root.querySelectorAll('select')) {
      const cs = getComputedStyle(select);
      if (cs.display === 'none' || !select.clientWidth) continue;
      ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      const room = select.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - arrow;
      const label = select.labels && select.labels[0] ? select.labels[0].textContent.trim() : select.id;
      for (const option of select.options) {
        const width = ctx.measureText(option.textContent.trim()).width;
        out.push({select: label, option: option.textContent.trim(), width: Math.ceil(width), room: Math.floor(room)});
      }
    }
  } finally {
    hidden.forEach((el) => el.setAttribute('hidden', ''));
  }
  return out;
}"""


TOOLS = ("Éligibilité", "Score", "Calendrier")


def test_every_select_option_fits_its_select_at_360_px(phone_simulator):
    page = phone_simulator
    measured = []
    for name in TOOLS:
        page.get_by_role("tab", name=name).click()
        found = page.evaluate(MEASURE, [ARROW, name])
        assert found, name  # the tool's selects were found and laid out
        measured += found
    cut = [f"{m['select']} : « {m['option']} » ({m['width']} px pour {m['room']})"
           for m in measured if m["width"] > m["room"]]
    assert not cut, "\n".join(cut)
