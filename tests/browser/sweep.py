"""One pass over the built site that loads each page once and gathers everything a page must
meet wherever it is: no sideways scroll at 320 and 360 px, WCAG 2.1 A/AA (axe-core) in both
palettes, no request to another host, no error in the console, nothing blocked by the
Content-Security-Policy (when the site is served with its headers, `host_url`), no JSON dump,
id or English in what people read. `sweep()` returns the failures per kind of check, each naming its page, so
that a test reports every failing page at once (tests/browser/test_site_sweep.py)."""
from __future__ import annotations

import re
from urllib.parse import urlparse

# Kinds of check, each a list of failures in what sweep() returns: widths 320 and 360, axe in
# both palettes, requests to other hosts, console errors, what the policy blocks, plain French.
KINDS = ("largeur", "axe", "réseau", "console", "csp", "texte")
WIDTHS = (320, 360)
SCHEMES = ("default", "slate")
DESKTOP = {"width": 1280, "height": 800}

# What people must never read: a JSON dump, a field or rule id, a seed's file name, the
# checker's English words.
FORBIDDEN = {
    "a JSON dump": re.compile(r'[{\[]\s*"[\w.-]+"\s*:'),
    "a snake_case identifier": re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b"),
    "a seed file name": re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b"),
    "« missing »": re.compile(r"\bmissing\b", re.I),
    "« Verdict »": re.compile(r"\bverdicts?\b", re.I),
    "English error text": re.compile(
        r"\b(expected|must be|invalid|not found|unknown key|error|Traceback|undefined|NaN)\b|\[object Object\]"),
}
# Pages written for developers and for sites linking here explain identifiers, in <code>: only
# their <code> is left out of the plain-text check.
DEVELOPER_PAGES = ("developpeurs/", "liens/")

VISIBLE_TEXT = """(skip) => {
    // Each element's own text, if it is rendered (not display:none nor visibility:hidden).
    return [...document.body.querySelectorAll('*')]
      .filter((e) => e.children.length === 0 || [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
      .filter((e) => !(skip && e.closest('code, pre')))
      .filter((e) => e.checkVisibility({checkOpacity: false, checkVisibilityCSS: true}))
      .filter((e) => !e.closest('.cqp-visually-hidden, .md-search, script, style, svg'))
      .map((e) => [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join(' '))
      .join('\\n');
}"""
# The first elements wider than the screen, for the message (tables scroll inside their box).
WIDER_THAN_SCREEN = """(w) => [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > w + 1 && getComputedStyle(e).position !== 'fixed'
                   && !e.closest('.md-typeset__scrollwrap, .cqp-table-wrap'))
    .slice(0, 3).map((e) => `${e.tagName}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`)"""
# Counted from before any script of the page runs (an init script is not subject to the CSP).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""
AXE = """async () => (await axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations"""
# A palette changes colours only: in the second one, only the rules that read colours run again
# (the others would find the same as in the first, at about half the cost of a whole run).
AXE_COLOURS = """async () => (await axe.run(document, {runOnly: {type: 'rule',
             values: ['color-contrast', 'link-in-text-block']}})).violations"""


def visible_text(page, skip_code: bool = False) -> str:
    return page.evaluate(VISIBLE_TEXT, skip_code)


def plain_text_problems(text: str) -> list[str]:
    """What people must not read in `text`: each kind found, with its first examples."""
    out = []
    for what, pattern in FORBIDDEN.items():
        hits = sorted({m.group(0) for m in pattern.finditer(text)})
        if hits:
            out.append(f"{what}: {hits[:5]}")
    return out


def fits(page, width: int) -> str | None:
    """None, or why the page is wider than `width` px (its widest elements)."""
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll <= width:
        return None
    return f"{scroll} px de large à {width} px : {page.evaluate(WIDER_THAN_SCREEN, width)}"


# Run by the DevTools protocol, not as <script> or <style> elements: the page's
# Content-Security-Policy, which forbids inline ones, does not apply to what a test injects.
NO_TRANSITIONS = """() => { const sheet = new CSSStyleSheet();
    sheet.replaceSync('*, *::before, *::after { transition: none !important; animation: none !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }"""


def axe_violations(page, axe_source: str, run: str = AXE) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_source)
    return [f"{v['id']} ({v['impact']}, {len(v['nodes'])} nœuds) : {v['help']} — "
            f"{[', '.join(n['target']) for n in v['nodes'][:5]]}" for v in page.evaluate(run)]


def sweep(browser, base_url: str, paths: list[str], axe_source: str) -> dict[str, list[str]]:
    """Every path loaded once, in a phone's width first; failures per kind, each `path: what`."""
    failures: dict[str, list[str]] = {k: [] for k in KINDS}
    local = urlparse(base_url).netloc
    # Without the service worker, which would keep the whole site (the engine's 10 MB included) in
    # its cache in the background of the pages swept, a third of the sweep's time: it is the
    # same script on every page, checked once (test_strict_csp.py) and offline (test_offline.py).
    ctx = browser.new_context(locale="fr-FR", viewport={"width": WIDTHS[0], "height": 740},
                              service_workers="block")
    current = {"path": ""}

    def record_request(request):
        parts = urlparse(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != local:
            failures["réseau"].append(f"{current['path']}: {request.url}")

    def record_console(message):
        if message.type == "error":
            failures["console"].append(f"{current['path']}: {message.text}")

    ctx.on("request", record_request)
    ctx.add_init_script(RECORD_VIOLATIONS)
    try:
        page = ctx.new_page()
        page.on("console", record_console)
        page.on("pageerror", lambda err: failures["console"].append(f"{current['path']}: {err}"))
        for path in paths:
            current["path"] = path
            page.set_viewport_size({"width": WIDTHS[0], "height": 740})
            # Requests made after load (search index, lazy scripts) are still recorded while the
            # checks below run, and the last page's once the network is idle, at the end.
            page.goto(base_url + path, wait_until="load", timeout=120_000)
            failures["csp"] += [f"{path}: {v}" for v in page.evaluate("window.__violations")]
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 740})
                if (why := fits(page, width)):
                    failures["largeur"].append(f"{path}: {why}")
            page.set_viewport_size(DESKTOP)
            text = visible_text(page, skip_code=path.lstrip("/").startswith(DEVELOPER_PAGES))
            failures["texte"] += [f"{path}: {p}" for p in plain_text_problems(text)]
            # Colours change with a short CSS transition: measure the final colours.
            page.evaluate(NO_TRANSITIONS)
            page.evaluate("window.scrollTo(0, 0)")
            for scheme, run in zip(SCHEMES, (AXE, AXE_COLOURS)):
                page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
                failures["axe"] += [f"{path} [{scheme}]: {v}" for v in axe_violations(page, axe_source, run)]
        page.wait_for_load_state("networkidle")
    finally:
        ctx.close()
    return failures
