"""What is written after the site generator, from what it wrote:

    python -m build_scripts.postbuild [SITE]     # SITE defaults to site/

- French typography: non-breaking spaces before « : ; ? ! » and inside « » in every page's text
  (build_scripts/french_typography.py), first, since the next two read the pages;
- `_headers`: the Content-Security-Policy and the caching of hashed files (build_scripts/headers.py);
- `sw.js`: the service worker and the list of files it keeps offline (build_scripts/offline.py).

`make site` runs it after `mkdocs build`; the hook build_scripts/hooks/postbuild.py runs it too,
so that `mkdocs build` and `mkdocs serve` alone give the whole site (Zensical ignores hooks: run
this command after it). Running it twice writes the same files.
"""
from __future__ import annotations

import sys
from pathlib import Path

from build_scripts import french_typography, headers, offline

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"


def postbuild(site: Path = SITE) -> list[str]:
    pages = french_typography.rewrite_site(site)
    written = [f"{len(pages)} page(s) (typographie)"] if pages else []
    for name, write in ((offline.NAME, offline.service_worker), (headers.NAME, headers.headers_file)):
        text = write(site)
        path = site / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(name)
    return written


def main(argv: list[str]) -> int:
    site = Path(argv[1]).resolve() if len(argv) > 1 else SITE
    try:
        written = postbuild(site)
    except (offline.OfflineError, OSError) as err:
        print(f"build_scripts.postbuild: {err}", file=sys.stderr)
        return 1
    print(f"{site.name}/ : {', '.join(written) or 'rien'} mis à jour")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
