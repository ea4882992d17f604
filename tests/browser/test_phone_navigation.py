"""On a phone (360 × 640), the way in is on the first screen (issue 20): the home page leads each
reader — candidate, trainee, organism, evaluator, tutor — and the simulator in one tap without
scrolling, and every page's header holds a link to the simulator."""
from __future__ import annotations

import pytest

from build_scripts.pages.home import START

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 640}


def test_the_home_page_first_screen_leads_each_reader_and_the_simulator(page, base_url):
    page.set_viewport_size(PHONE)
    page.goto(f"{base_url}/")
    quick = page.get_by_role("navigation", name="Accès rapide")
    for _, text, _ in START:
        link = quick.get_by_role("link", name=text, exact=True)
        box = link.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (text, box)
        assert box["height"] >= 44, (text, box)  # a finger's target
    quick.get_by_role("link", name="Ouvrir le simulateur").click()
    page.wait_for_url(f"{base_url}/simulateur/")


@pytest.mark.parametrize("path", ["/", "/vendeur-conseil-distance/reglement/", "/commercial-sedentaire/voies-d-acces/",
                                  "/glossaire/", "/evaluateur/"])
def test_every_page_header_leads_to_the_simulator_in_one_tap(page, base_url, path):
    page.set_viewport_size(PHONE)
    page.goto(f"{base_url}{path}")
    link = page.locator("header").get_by_role("link", name="Simulateur", exact=True)
    assert link.is_visible()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert link.is_visible()  # the header stays
    link.click()
    page.wait_for_url(f"{base_url}/simulateur/")


# The header's title beside the « Simulateur » link: never cut (it was « C… » at 320 px), before
# and after the page is scrolled, and within the header.
TITLE = """() => {
  const title = [...document.querySelectorAll('.md-header__topic')]
    .find((t) => getComputedStyle(t).opacity === '1' && getComputedStyle(t).visibility !== 'hidden');
  const text = title.querySelector('.md-ellipsis');
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const box = text.getBoundingClientRect();
  const link = document.querySelector('.cqp-header-simulator').getBoundingClientRect();
  return {text: text.textContent.trim(), cut: text.scrollWidth > text.clientWidth + 1 || text.scrollHeight > text.clientHeight + 1,
          inside: box.top >= header.top - 1 && box.bottom <= header.bottom + 1, overlaps: box.right > link.left + 1};
}"""


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("path", ["/", "/simulateur/", "/commercial-sedentaire/reglement/"])
def test_the_header_title_is_never_cut_on_a_phone(page, base_url, width, path):
    page.set_viewport_size({"width": width, "height": 640})
    page.goto(f"{base_url}{path}")
    for scrolled in (False, True):
        if scrolled:
            page.evaluate("window.scrollTo(0, 600)")
            page.wait_for_timeout(500)  # the theme's swap of the title
        seen = page.evaluate(TITLE)
        assert seen["text"] and not seen["cut"] and seen["inside"] and not seen["overlaps"], (width, path, scrolled, seen)
