"""Every page of the built site, each loaded once (tests/browser/sweep.py), served as a host
reading site/_headers would (`host_url`: the strict Content-Security-Policy): at 320 and 360 px
wide without sideways scroll, WCAG 2.1 A/AA by axe-core in both palettes, no request to another
host, no console error, nothing the policy blocks, plain French on screen. Each test reports
every failing page at once."""
from __future__ import annotations

import functools
import threading

import pytest

from build_scripts.local_server import QuietServer, StaticHandler
from tests.browser.sweep import KINDS, sweep

def site_pages(site_dir) -> list[str]:
    return sorted("/" + p.relative_to(site_dir).as_posix().removesuffix("index.html")
                  for p in site_dir.rglob("index.html")) + ["/404.html"]


class _EveryOtherPage:
    """Half of the pages, every other one in their order (so that the two pages that boot the
    engine, /simulateur/ and /simulateur/cohorte/, fall in different halves): each half is a class,
    which pytest-xdist's loadscope gives to one worker, so that both cores sweep."""
    start: int

    @pytest.fixture(scope="class")
    @classmethod
    def report(cls, browser, host_url, site_dir, axe_source) -> dict[str, list[str]]:
        return sweep(browser, host_url, site_pages(site_dir)[cls.start::2], axe_source)

    @pytest.mark.parametrize("kind", KINDS)
    def test_every_page(self, report, kind):
        failures = report[kind]
        assert not failures, f"{kind} : {len(failures)} échec(s)\n" + "\n".join(failures)


class TestFirstHalf(_EveryOtherPage):
    start = 0


class TestSecondHalf(_EveryOtherPage):
    start = 1


def test_the_halves_make_the_whole_site(site_dir):
    pages = site_pages(site_dir)
    halves = [pages[half.start::2] for half in (TestFirstHalf, TestSecondHalf)]
    assert sorted(halves[0] + halves[1]) == sorted(pages)
    assert ["/simulateur/" in h for h in halves].count(True) == 1
    assert ["/simulateur/cohorte/" in h for h in halves].count(True) == 1
    assert not any({"/simulateur/", "/simulateur/cohorte/"} <= set(h) for h in halves)


BROKEN = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Page cassée</title></head>
<body><main><h1>Page cassée</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="width: 720px">Un paragraphe plus large que l'écran d'un téléphone.</p></main></body></html>"""


def test_the_sweep_names_a_broken_page(browser, tmp_path, axe_source):
    """An image without alt and a paragraph 400 px wider than a phone: both failures, with the
    page named, while a good page of the same site passes."""
    (tmp_path / "cassee").mkdir()
    (tmp_path / "cassee" / "index.html").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "index.html").write_text(BROKEN.replace('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">', "")
                                         .replace(' style="width: 720px"', ""), encoding="utf-8")
    server = QuietServer(("127.0.0.1", 0), functools.partial(StaticHandler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        found = sweep(browser, f"http://127.0.0.1:{server.server_address[1]}", ["/", "/cassee/"], axe_source)
    finally:
        server.shutdown()
    assert [f.split(":")[0] for f in found["largeur"]] == ["/cassee/", "/cassee/"]
    assert any(f.startswith("/cassee/ [default]: image-alt") for f in found["axe"]), found["axe"]
    assert not any(f.startswith("/:") or f.startswith("/ [") for kind in found.values() for f in kind), found
