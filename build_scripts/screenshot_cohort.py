"""The README's picture of the cohort table: the built site served locally, a Commercial
sédentaire promotion filled in the site's own template as an organism would (French Excel's
Windows-1252, labels or nothing in the CQP and route cells, one typo) dropped on the cohort
page, a screenshot of the results.

    python -m build_scripts.screenshot_cohort [OUT]     # OUT defaults to readme/cohorte.png
"""
from __future__ import annotations

import functools
import sys
import threading
from pathlib import Path

from build_scripts.local_server import CHROMIUM, CHROMIUM_ARGS, QuietServer, StaticHandler

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "site" / "simulateur" / "cohorte" / "modeles" / "modele-score-commercial-sedentaire-formation.csv"
CASE = "Résultats — Commercial sédentaire du secteur alimentaire, formation"


def promotion() -> bytes:
    """A CS promotion as French Excel writes it: the template's header and example row, then
    trainees validated, under a competence's minimum, with a typo, out of reach, incomplete."""
    header, example = TEMPLATE.read_text(encoding="utf-8-sig").splitlines()[:2]
    paths = [c.rsplit("(", 1)[-1].rstrip(")") for c in header.split(";")]

    def row(label, cqp, route, value, **cells):
        out = [label, cqp, route, "15/06/2026"] + [value] * (len(paths) - 4)
        for path, v in cells.items():
            out[paths.index(path)] = v
        return ";".join(out)

    weak = {f"blocks.B1.C1.{i}.{e}": v for i in range(2, 8)
            for e, v in (("questionnaire", "50"), ("tuteur", "50"), ("jury", "60"))}
    no_jury = {f"blocks.B{b}.C{b}.{i}.jury": "" for b, n in ((2, 6), (3, 6)) for i in range(1, n + 1)}
    rows = [row("Émilie Bérard", "Commercial sédentaire du secteur alimentaire", "Formation", "72,5"),
            row("Zoé Lefèvre", "", "", "80", **{"blocks.B3.C3.4.questionnaire": "40", "blocks.B3.C3.4.tuteur": "40",
                                                "blocks.B3.C3.4.jury": "50"}),
            row("Loïc Dubœuf", "", "", "75", **{"blocks.B1.C1.2.questionnaire": "7O"}),
            row("Anaïs Œillet", "", "", "80", **weak, **{"blocks.B1.C1.1.questionnaire": "0",
                                                        "blocks.B1.C1.1.tuteur": "0", "blocks.B1.C1.1.jury": ""}),
            row("Hugo Nguyen", "", "", "68", **no_jury)]
    return ("\r\n".join([header, example, *rows]) + "\r\n").encode("cp1252")


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
        page.get_by_label("Vérification, CQP et voie d'accès").select_option(label=CASE)
        page.get_by_label("Choisir un fichier CSV").set_input_files(
            files=[{"name": "promotion.csv", "mimeType": "text/csv", "buffer": promotion()}])
        page.wait_for_function("() => document.querySelector('[data-cqp-cohort]').dataset.done === '1'")
        # The theme's sticky header would cover the table's head in a picture taller than the window.
        page.evaluate("document.querySelector('.md-header').style.position = 'static'")
        page.locator(".cqp-cohort-results").screenshot(path=str(out))
        browser.close()
    server.shutdown()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
