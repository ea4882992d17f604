"""The page /liens/: every link ready to copy, titles in full and in French, copy buttons that
say what they copy and confirm in French."""
from __future__ import annotations

from build_scripts.site_url import site_url
from tests.browser.conftest import run_axe


def test_copy_buttons_and_full_french_titles(browser, base_url, axe_source):
    ctx = browser.new_context(locale="fr-FR", permissions=["clipboard-read", "clipboard-write"], service_workers="block")
    try:
        page = ctx.new_page()
        page.goto(f"{base_url}/liens/")
        text = page.locator("article").inner_text()
        assert "…" not in text
        assert "domain_pass_rate" not in text and "ADRESSE-DU-SITE" not in text
        for group in page.locator("details.cqp-link-group").all():
            group.locator("summary").click()
        button = page.get_by_role("button", name="Copier le lien : C1.1 — ").first
        href = button.locator("xpath=preceding-sibling::a").get_attribute("href")
        # Without a configured address the link is relative, and copied absolute from where the
        # page is served.
        assert href.startswith(site_url() or "../") and href.endswith("#c1-1")
        if not site_url():
            href = base_url + "/" + href[len("../"):]
        button = page.locator(f'button[data-copy="{href}"]').first  # its name changes once clicked
        button.click()
        status = page.get_by_role("status").filter(has_text="Copié")
        assert href in status.inner_text()
        assert page.evaluate("navigator.clipboard.readText()") == href
        assert button.inner_text().startswith("Copié")
        page.get_by_role("button", name="Copier le code pour intégrer l'outil « Score »").click()
        assert "<iframe" in page.evaluate("navigator.clipboard.readText()")
        assert f'src="{site_url() or base_url + "/"}integrer-score/"' in page.evaluate("navigator.clipboard.readText()")
        # The generator: its code follows the choices.
        page.get_by_label("CQP proposé d'emblée").select_option(value="commercial-sedentaire")
        assert "integrer-eligibilite/?cqp=commercial-sedentaire" in page.locator("#maker-code").inner_text()
        assert run_axe(page, axe_source) == []
    finally:
        ctx.close()
