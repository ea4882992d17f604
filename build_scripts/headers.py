"""The HTTP headers the site is to be served with, written as `site/_headers` (the syntax of
Netlify and Cloudflare Pages; the README gives the same for nginx and Apache):

- a strict Content-Security-Policy on every page: no inline script or style anywhere on the
  site (the theme's inline scripts are files: overrides/partials/javascripts/), Pyodide needs
  only 'wasm-unsafe-eval';
- `Cache-Control: immutable` for a year on the files whose name is their content's hash (the
  theme's, the simulator's: build_scripts/fingerprint.py): a new build never reuses their name.
  Every other file (pages, the search index, sw.js) keeps the host's default, which revalidates.
  Each hashed file is named by its own rule, never by a folder's `/*`: a path the build did not
  write (an earlier build's file, a typo) matches no rule, so that the error a host answers
  there is never kept for a year. (The README's nginx and Apache lines send the header on
  successful responses only, as `add_header` without `always` and `Header set` do.)
"""
from __future__ import annotations

import re
from pathlib import Path

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'self'",
])
# The tools made for an organism's <iframe> (build_scripts/simulator/embed.py) may be framed by
# any site: their policy replaces the site's (`! Name` detaches a header set by an earlier rule,
# as Cloudflare Pages reads it).
EMBEDS = "/integrer-*"
CSP_EMBED = CSP.replace("frame-ancestors 'self'", "frame-ancestors *")
IMMUTABLE = "public, max-age=31536000, immutable"
# form.3f9a0c1b2d.mjs, bundle.a5f9d56c.min.js (the theme's), or a file in a folder named after
# the hash of its files (simulateur/pyodide/<hash>/, simulateur/moteur/<hash>/, simulateur/wheels/<hash>/).
HASHED = re.compile(r"\.[0-9a-f]{8,10}(\.min)?\.(m?js|css)$|(^|/)[0-9a-f]{10}/")
NAME = "_headers"


def is_hashed(rel: str) -> bool:
    return bool(HASHED.search(rel))


def headers_file(site: Path) -> str:
    lines = ["# Written by build_scripts/headers.py after each build: do not edit.",
             "/*", f"  Content-Security-Policy: {CSP}", "  X-Content-Type-Options: nosniff", "",
             EMBEDS, "  ! Content-Security-Policy", f"  Content-Security-Policy: {CSP_EMBED}", ""]
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and is_hashed(rel):
            lines += [f"/{rel}", f"  Cache-Control: {IMMUTABLE}", ""]
    return "\n".join(lines)


def parse(text: str) -> list[tuple[re.Pattern, list[tuple[str, str]]]]:
    """The rules of a _headers file: [(path pattern, [(header, value)])], as a host reads them."""
    rules: list[tuple[re.Pattern, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            pattern = "".join(".*" if part == "*" else re.escape(part) for part in re.split(r"(\*)", line.strip()))
            rules.append((re.compile(pattern + r"\Z"), []))
        elif line.strip().startswith("!"):
            rules[-1][1].append((line.strip()[1:].strip(), None))  # detached: sent no more
        else:
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules
