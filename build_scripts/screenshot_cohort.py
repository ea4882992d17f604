"""The README's picture of the cohort table: the built site served locally, the worked example
of the developer page dropped on the cohort page, a screenshot of the results.

    python -m build_scripts.screenshot_cohort [OUT]     # OUT defaults to readme/cohorte.png
"""
from __future__ import annotations

import functools
import sys
import threading
from pathlib import Path

from build_scripts.local_server import CHROMIUM, CHROMIUM_ARGS, QuietServer, StaticHandler

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "simulateur" / "cohorte" / "exemple-vendeur-conseil-distance.csv"


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    out = Path(argv[1]) if len(argv) > 1 else ROOT / "readme" / "cohorte.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    server = QuietServer(("127.0.0.1", 0), functools.partial(StaticHandler, directory=str(ROOT / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(locale="fr-FR", viewport={"width": 1100, "height": 800})
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/simulateur/cohorte/")
        page.wait_for_function("() => window.CQP && CQP.status === 'ready'", timeout=120000)
        page.get_by_label("Vérification, CQP et voie d'accès").select_option(
            label="Résultats — Vendeur conseil à distance en commerces de gros, formation")
        page.get_by_label("Choisir un fichier CSV").set_input_files(str(EXAMPLE))
        page.wait_for_function("() => document.querySelector('[data-cqp-cohort]').dataset.done === '1'")
        page.locator(".cqp-cohort-results").screenshot(path=str(out))
        browser.close()
    server.shutdown()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
