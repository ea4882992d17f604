"""The embeddable tools (/integrer-…/) inside an <iframe> of a page served from another origin,
with the snippet the page /liens/ gives: the tool alone, a frame that follows its content's
height, links that open the full site in a new tab, nothing wider than a phone."""
from __future__ import annotations

import functools
import html
import re
import threading

import pytest
from playwright.sync_api import expect

from build_scripts.local_server import QuietServer, StaticHandler
from build_scripts.site_url import origin, site_url


@pytest.fixture
def other_origin(tmp_path):
    """A second local server, on another port: another origin, as an organism's own site."""
    handler = functools.partial(StaticHandler, directory=str(tmp_path))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _snippet(ctx, tool: str, base_url: str, query: str = "") -> str:
    """The code the page /liens/, served at base_url, copies for that tool: built without
    CQP_SITE_URL, its addresses are made absolute from where it is served. With `query`, the
    generator's code for these settings."""
    page = ctx.new_page()
    page.goto(f"{base_url}/liens/")
    if query:
        tool_select = page.get_by_label("Outil", exact=True)
        tool_select.select_option(value=tool)
        for key, label in (("cqp", "CQP proposé d'emblée"), ("voie", "Voie d'accès proposée d'emblée")):
            value = dict(p.split("=") for p in query.split("&")).get(key)
            if value:
                page.get_by_label(label).select_option(value=value)
        code = page.locator("#maker-copy").get_attribute("data-copy")
        # The live preview shows the tool at those settings, once the reader comes near it
        # (not before: it would load a whole tool with the page).
        preview = page.locator("#maker-preview iframe")
        assert preview.get_attribute("src") is None
        preview.scroll_into_view_if_needed()
        expect(preview).to_have_attribute("src", f"{base_url}/integrer-{tool}/?{query}")
    else:
        codes = page.locator("button.cqp-copy[data-frame]").evaluate_all("bs => bs.map(b => b.dataset.copy)")
        code = next(c for c in codes if f"/integrer-{tool}/" in c)
    page.close()
    if not site_url():
        assert f'src="{base_url}/integrer-{tool}/' in code, code
    else:
        code = code.replace(site_url(), base_url + "/").replace(origin(), base_url)
    return code


@pytest.mark.parametrize("tool, panel, query", [
    ("score", "#outil-score", "cqp=commercial-sedentaire&voie=vae"),
    ("cohorte", "[data-cqp-cohort]", "")])
def test_embed_in_another_origin(browser, base_url, host_url, site_dir, other_origin, tool, panel, query):
    # The score's code from the site on one local origin, the cohort's from another: each gives
    # working absolute addresses (the host's is served with the site's headers: its CSP must let
    # another site frame the tool).
    base_url = host_url if tool == "score" else base_url
    folder, host = other_origin
    ctx = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 740}, service_workers="block")
    snippet = _snippet(ctx, tool, base_url, query)
    (folder / "index.html").write_text(
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Organisme</title></head>'
        f'<body style="margin:0"><h1>Notre organisme</h1>{snippet}</body></html>',
        encoding="utf-8")
    try:
        page = ctx.new_page()
        page.goto(host + "/")
        frame = page.frame_locator("iframe")
        frame.locator(panel).wait_for()
        inner = next(f for f in page.frames if "/integrer-" in f.url)
        inner.wait_for_function("() => window.CQP && CQP.status === 'ready'", timeout=60000)
        assert inner.locator(".md-header").count() == 0 and inner.locator(".md-sidebar").count() == 0
        assert inner.locator("base").get_attribute("target") == "_blank"
        if tool == "score":
            assert inner.locator("#outil-score").is_visible()
            assert not inner.locator("#outil-eligibilite").is_visible()
            # Set by its parameters: a CS embed opens on the CS, route VAE.
            assert inner.locator("#score-cqp").input_value() == "commercial-sedentaire"
            assert inner.locator("#score-route-cs").input_value() == "vae"
            # The form follows: the CS's fields shown, the VCD's hidden, nothing to correct.
            inner.locator("#score-route-cs").wait_for(state="visible")
            assert not inner.locator("#score-route-vcd").is_visible()
            assert not inner.get_by_text("Saisie à corriger").is_visible()
        # The frame takes its content's height (the snippet's script sets it from the message).
        page.wait_for_function("() => document.querySelector('iframe').style.height !== ''")
        for _ in range(20):  # the content may still grow (the verdict fills in)
            height = page.evaluate("parseInt(document.querySelector('iframe').style.height)")
            content = inner.evaluate("Math.ceil(document.body.getBoundingClientRect().height)")
            if abs(height - content) <= 2:
                break
            page.wait_for_timeout(200)
        assert abs(height - content) <= 2, (height, content)
        assert height != 900  # the snippet's starting height was replaced
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        wide = inner.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 3).map((e) => `${e.tagName}.${e.className} ${e.getBoundingClientRect().right}`)""")
        assert inner.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), (wide, inner.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth, innerWidth]"))
        # A link inside opens the full site in a new tab.
        link = inner.locator("a[href]:not([href^='#']):not([download]):visible").first
        with ctx.expect_page() as opened:
            link.click()
        assert opened.value.url.startswith(base_url)
        assert "/integrer-" not in opened.value.url
    finally:
        ctx.close()
