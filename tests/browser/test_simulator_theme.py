"""On the simulator page the theme's JavaScript is loaded once Python is ready (so as not to slow
Pyodide's boot): the page must still get the whole theme then — palette toggle and search."""
from __future__ import annotations


def test_theme_starts_after_python_is_ready(page, base_url, external_requests):
    page.goto(f"{base_url}/simulateur/")
    # The inert tag left by the build, not a loaded bundle, until Python is ready.
    assert page.locator("script[data-cqp-theme-bundle]").count() == 1
    page.wait_for_function("window.CQP && window.CQP.status === 'ready'", timeout=60_000)
    page.wait_for_function("[...document.scripts].some((s) => /bundle\\.[0-9a-f]+\\.min\\.js$/.test(s.src))")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== {before!r}")
    page.locator(".md-search__input").click()
    page.keyboard.type("VAE")
    page.locator(".md-search-result__item").first.wait_for(timeout=20_000)
    assert external_requests == []
