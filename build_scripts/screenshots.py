"""The README's pictures of the simulator (`make screenshots`): a Commercial sédentaire trainee's
result before the jury, on a phone (360 px) and on a desktop (1280 px), taken from the built
site/ served locally, in Debian's chromium — so that they show the site as it is, not as it
was drawn. Writes readme/simulateur-telephone.png and simulateur-ordinateur.png."""
from __future__ import annotations

import base64
import functools
import json
import sys
import threading
from pathlib import Path

from build_scripts.local_server import CHROMIUM, CHROMIUM_ARGS, QuietServer, StaticHandler

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
OUT = ROOT / "readme"
# Questionnaire and tutor results known, the jury still to come: the result says what it needs.
SITUATION = {"cqp": "commercial-sedentaire", "route": "formation", "blocks": {"B1": {
    f"C1.{i}": {"questionnaire": q, "tuteur": t}
    for i, (q, t) in enumerate([(62, 68), (74, 81), (58, 66), (81, 72), (69, 77), (66, 88), (71, 63)], 1)}}}
SHOTS = {"simulateur-telephone.png": (360, 800), "simulateur-ordinateur.png": (1280, 860)}


def _fragment() -> str:
    raw = json.dumps({"check": "score", "situation": SITUATION}).encode()
    return "#s=" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def main() -> int:
    if not (SITE / "simulateur" / "index.html").exists():
        print("site/ is not built: run `make site` first", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    server = QuietServer(("127.0.0.1", 0), functools.partial(StaticHandler, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/simulateur/{_fragment()}"
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for name, (width, height) in SHOTS.items():
                context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": height},
                                              device_scale_factor=1, color_scheme="light")
                page = context.new_page()
                page.goto(url)
                page.wait_for_function("window.CQP && CQP.status === 'ready' && "
                                       "document.querySelector('[data-cqp-sim]').dataset.pending === '0'",
                                       timeout=120_000)
                page.wait_for_function("document.documentElement.classList.contains('js')", timeout=30_000)
                # The result's heading just below the theme's fixed header.
                page.evaluate("""() => { const box = document.querySelector('#score-verdict');
                    const header = document.querySelector('.md-header').getBoundingClientRect().height;
                    window.scrollTo(0, box.getBoundingClientRect().top + scrollY - header - 8); }""")
                # The theme (loaded once Python is ready) switches the header to the page's title
                # on scroll, with a transition: wait for the switch, then for it to end.
                page.wait_for_function("document.querySelector('.md-header__title')"
                                       ".classList.contains('md-header__title--active')", timeout=30_000)
                page.wait_for_timeout(100)
                page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
                page.screenshot(path=str(OUT / name))
                context.close()
                print(f"wrote {(OUT / name).relative_to(ROOT)}")
            browser.close()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
