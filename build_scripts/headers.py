"""How the site is to be served: the one description that `site/_headers` (the syntax of
Netlify and Cloudflare Pages, written here) and the nginx, Apache and Caddy configurations of
`deploy/` (build_scripts/deploy.py) are written from:

- a strict Content-Security-Policy on every page: no inline script or style anywhere on the
  site (the theme's inline scripts are files: overrides/partials/javascripts/), Pyodide needs
  only 'wasm-unsafe-eval';
- `Cache-Control: immutable` for a year on the files whose name is their content's hash (the
  theme's, the simulator's: build_scripts/bundle.py): a new build never reuses their name.
  Every other file (pages, the search index, sw.js) keeps the host's default, which revalidates.
  Each hashed file is named by its own rule, never by a folder's `/*`: a path the build did not
  write (an earlier build's file, a typo) matches no rule, so that the error a host answers
  there is never kept for a year. (The servers' configurations send it with successful
  responses only, which a `_headers` file cannot say.)
- the service worker `sw.js` always revalidated (`no-cache`): a visitor must get the new one
  with the next build, whatever the host's default;
- the MIME types a server's own table may lack or get wrong: `mjs` (Debian's nginx has no
  entry for it: the simulator's modules would be refused) and `wasm`;
- the precompressed siblings `file.br` and `file.gz` (build_scripts/precompress.py), served
  where the server can;
- the site's own page for an address it does not have, `404.html`.
"""
from __future__ import annotations

import re
from pathlib import Path

from build_scripts import bundle, precompress

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
# any site: their policy is the site's with that one change.
EMBED_PREFIX = "/integrer-"
EMBEDS = EMBED_PREFIX + "*"
CSP_EMBED = CSP.replace("frame-ancestors 'self'", "frame-ancestors *")
IMMUTABLE = "public, max-age=31536000, immutable"
# A folder named after the hash of its files (simulateur/pyodide/<hash>/, simulateur/moteur/<hash>/,
# simulateur/wheels/<hash>/, build_scripts/simulator/assets.py): the first hex digits of a sha256.
FOLDER_HASH_LENGTH = 10
# Files whose name is their content's hash: the simulator's scripts as esbuild names them
# (simulateur.GUYSTHYX.mjs: build_scripts/bundle.py), the theme's (bundle.a5f9d56c.min.js), and
# every file in a hashed folder.
HASHED = re.compile("|".join((bundle.HASHED, r"\.[0-9a-f]{8}\.min\.(js|css)$",
                              rf"(^|/)[0-9a-f]{{{FOLDER_HASH_LENGTH}}}/")))
NAME = "_headers"
NOSNIFF = ("X-Content-Type-Options", "nosniff")
SERVICE_WORKER = "/sw.js"
SERVICE_WORKER_CACHE = "no-cache"
TYPES = {"mjs": "text/javascript", "wasm": "application/wasm"}
# The Content-Encoding of each sibling the build writes, brotli first: the smaller one when the
# browser takes both.
PRECOMPRESSED = tuple(({".br": "br", ".gz": "gzip"}[ext], ext) for ext in precompress.ENCODINGS)
NOT_FOUND = "/404.html"


def is_hashed(rel: str) -> bool:
    return bool(HASHED.search(rel))


def headers_file(site: Path) -> str:
    """`_headers`. No two rules that match one address set the same header: Netlify and
    Cloudflare Pages combine such rules differently (the later one wins on one, both values are
    joined on the other, and only Cloudflare reads `! Name` as taking a header off), so the
    policy is given per entry of the site's top level (`/glossaire/*`, the embeds' own), never
    by `/*` with an exception. An address outside every entry (a 404) goes without a policy."""
    siblings = {ext for _, ext in PRECOMPRESSED}
    lines = ["# Written by build_scripts/headers.py after each build: do not edit.",
             "/*", f"  {NOSNIFF[0]}: {NOSNIFF[1]}", "", "/", f"  Content-Security-Policy: {CSP}", ""]
    for entry in sorted(site.iterdir()):
        if entry.name == NAME or entry.suffix in siblings:
            continue
        rule = f"/{entry.name}/*" if entry.is_dir() else f"/{entry.name}"
        policy = CSP_EMBED if rule.startswith(EMBED_PREFIX) else CSP
        lines += [rule, f"  Content-Security-Policy: {policy}"]
        if rule == SERVICE_WORKER:
            lines.append(f"  Cache-Control: {SERVICE_WORKER_CACHE}")
        lines.append("")
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
