"""On the simulator page the theme's JavaScript is loaded when the person first reaches for it
outside the simulator's tools (docs/simulateur/boot.js), so that its start-up blocks neither
Pyodide's boot nor the forms: the page must still get the whole theme then, and what the person
did to start it must take effect — palette toggle and search."""
from __future__ import annotations

BUNDLE_LOADED = "[...document.scripts].some((s) => /bundle\\.[0-9a-f]+\\.min\\.js$/.test(s.src))"


def test_theme_starts_when_the_person_reaches_for_it(page, base_url, external_requests):
    page.goto(f"{base_url}/simulateur/")
    # The inert tag left by the build, not a loaded bundle.
    assert page.locator("script[data-cqp-theme-bundle]").count() == 1
    page.wait_for_function("window.CQP && window.CQP.status === 'ready'", timeout=60_000)
    # Neither Python being ready nor filling the forms starts it.
    panel = page.get_by_role("tabpanel", name="Éligibilité")
    panel.get_by_label("Qui vérifier ?").click()
    panel.get_by_label("Qui vérifier ?").select_option(index=1)
    page.wait_for_timeout(500)
    assert not page.evaluate(BUNDLE_LOADED)
    # The palette's toggle: the click that starts the theme switches the palette.
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(BUNDLE_LOADED)
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== {before!r}")
    page.locator(".md-search__input").click()
    page.keyboard.type("VAE")
    page.locator(".md-search-result__item").first.wait_for(timeout=20_000)
    assert external_requests == []


def test_a_query_typed_before_the_theme_is_searched(page, base_url):
    # On a phone the search field is the first thing touched: its first letters come before the
    # theme has started.
    page.goto(f"{base_url}/simulateur/")
    page.wait_for_function("window.CQP && window.CQP.status === 'ready'", timeout=60_000)
    page.locator(".md-search__input").click()
    page.keyboard.type("jury")
    page.locator(".md-search-result__item").first.wait_for(timeout=20_000)


def test_a_phone_in_dark_mode_gets_the_dark_palette_before_the_theme_starts(browser, base_url):
    # What the theme would apply when it starts (nothing chosen yet: the palette whose media query
    # matches), applied from the start, with the toggle that leaves it; the toggle then works.
    ctx = browser.new_context(locale="fr-FR", color_scheme="dark", viewport={"width": 360, "height": 740},
                              has_touch=True, is_mobile=True, service_workers="block")
    try:
        page = ctx.new_page()
        for path in ("simulateur/", "simulateur/cohorte/"):
            page.goto(f"{base_url}/{path}")
            page.wait_for_function("window.CQP && window.CQP.status === 'ready'", timeout=60_000)
            assert not page.evaluate(BUNDLE_LOADED)
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
            toggle = page.locator("form[data-md-component=palette] label:visible")
            assert toggle.count() == 1 and toggle.get_attribute("title") == "Passer au thème clair"
        toggle.tap()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    finally:
        ctx.close()
