"""What is written after the site generator, from what it wrote:

    python -m build_scripts.postbuild [SITE]     # SITE defaults to site/

- French typography: non-breaking spaces before « : ; ? ! » and inside « » in every page's text
  (build_scripts/french_typography.py), first, since the next two read the pages;
- each abbreviation marked (`<abbr title>`) at its first occurrence in each section only
  (build_scripts/abbreviations.py);
- the theme's palette stylesheet without the rule that restyles every element of a page when
  the theme starts (build_scripts/theme_styles.py), under its new name in every page;
- `sitemap.xml` (and MkDocs' `sitemap.xml.gz`) without any address when the site's address is not
  configured (CQP_SITE_URL, build_scripts/site_url.py): MkDocs would list bare paths, which a
  sitemap cannot hold; the file stays, empty;
- `search/search_index.json`: each entry's accented words also written without their accents
  (build_scripts/search_index.py);
- `_headers`: the Content-Security-Policy and the caching of hashed files (build_scripts/headers.py);
- `deploy/` beside site/ (not in it): the nginx, Apache and Caddy configurations, from the same
  description as `_headers` (build_scripts/deploy.py);
- `sw.js`: the service worker and the list of files it keeps offline (build_scripts/offline.py);
- `file.br` and `file.gz` beside every file larger than 1 kB that compresses, last, since they
  copy the final files (build_scripts/precompress.py).

`make site` runs it after `mkdocs build`; the hook build_scripts/hooks/postbuild.py runs it too,
so that `mkdocs build` and `mkdocs serve` alone give the whole site (Zensical ignores hooks: run
this command after it). Running it twice writes the same files.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from build_scripts import (abbreviations, deploy, french_typography, headers, offline, precompress, search_index,
                           theme_styles)

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"


EMPTY_SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n</urlset>\n')


def sitemap_without_addresses(site: Path) -> list[str]:
    """Without a configured address, the sitemap lists none (an address must be absolute)."""
    import gzip

    from build_scripts.site_url import configured

    path = site / "sitemap.xml"
    if configured() or not path.is_file() or path.read_text(encoding="utf-8") == EMPTY_SITEMAP:
        return []
    path.write_text(EMPTY_SITEMAP, encoding="utf-8")
    packed = site / "sitemap.xml.gz"
    if packed.is_file():
        packed.write_bytes(gzip.compress(EMPTY_SITEMAP.encode(), mtime=0))
    return ["sitemap.xml"]


def rewrite_pages(site: Path, transform: Callable[[str], str]) -> list[str]:
    """Rewrites every page of the built site that transform changes; returns the pages written."""
    written = []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        new = transform(html)
        if new != html:
            path.write_text(new, encoding="utf-8")
            written.append(path.relative_to(site).as_posix())
    return written


def postbuild(site: Path = SITE) -> list[str]:
    written = []
    for transform, what in ((french_typography.rewrite_html, "typographie"),
                            (abbreviations.once_per_section, "abréviations")):
        pages = rewrite_pages(site, transform)
        written += [f"{len(pages)} page(s) ({what})"] if pages else []
    for old, new in theme_styles.palette_without_switching_rule(site):
        pages = rewrite_pages(site, lambda html, old=old, new=new: html.replace(old, new))
        written += [new, f"{len(pages)} page(s) (palette)"]
    written += sitemap_without_addresses(site)
    # The search index before the service worker, which lists the files with their final content.
    for name, write in ((search_index.NAME, search_index.accent_free_index),
                        (offline.NAME, offline.service_worker), (headers.NAME, headers.headers_file)):
        text = write(site)
        path = site / name
        if text is None:  # nothing to write (no search index)
            continue
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(name)
    # deploy/ is the checkout's, committed: written with the checkout's own site only, never
    # beside a site built elsewhere (a test's small one).
    if site.resolve() == SITE.resolve():
        written += deploy.write()
    compressed = precompress.precompress(site)
    if compressed:
        written.append(f"{len(compressed)} fichier(s) .br/.gz")
    return written


def main(argv: list[str]) -> int:
    site = Path(argv[1]).resolve() if len(argv) > 1 else SITE
    try:
        written = postbuild(site)
    except (offline.OfflineError, precompress.PrecompressError, OSError) as err:
        print(f"build_scripts.postbuild: {err}", file=sys.stderr)
        return 1
    print(f"{site.name}/ : {', '.join(written) or 'rien'} mis à jour")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
