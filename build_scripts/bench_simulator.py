"""Benchmark of the simulator page (make bench; run on demand, not a timed test).

In one run on this machine, headless Debian chromium, cold cache (a fresh browser context for
every load), the same local server for both pages, loads alternated:

- bare page: loads the same Pyodide copy (site/simulateur/pyodide/) and runs `1+1`; the
  simulator page: until `window.CQP.ready`. Target: simulator ≤ 1.10 × bare (medians);
- first contentful paint and the moment the forms are wired (target: paint < 0.5 s, forms
  fillable before Python is ready);
- re-evaluation after a change: from the input event to the verdict in the page (target:
  median < 50 ms); the longest main-thread task until ready (target: none over 200 ms);
- bytes the server sent for the simulator page vs Pyodide's core files + 250 kB.

    .venv/bin/python build_scripts/bench_simulator.py [--runs 7] [--site site]
"""
from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from conftest import CHROMIUM, CHROMIUM_ARGS, _Handler  # noqa: E402  (same server and browser flags)

BARE_PATH = "/simulateur/bench-bare.html"  # served from memory, never written into site/
BARE_PAGE = b"""<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Pyodide seul</title>
<script type="module">
import { loadPyodide } from "./pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", location.href).href });
window.__result = pyodide.runPython("1+1");
window.__doneAt = performance.now();
</script></head><body><p>Pyodide seul : 1+1</p></body></html>"""

LONGTASKS = """
window.__longtasks = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longtasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
} catch (e) {}
"""

# Fill a whole block of the CS grid, then change one result again and again: each change is
# timed from the input event to the verdict shown (simulateur.mjs dispatches cqp:verdict).
REEVAL = """async (n) => {
  document.querySelector('[role="tab"][data-check="score"]').click();
  const form = document.querySelector('form[data-check="score"]');
  const set = (el, v) => { el.value = v; el.dispatchEvent(new Event("input", { bubbles: true })); };
  const verdict = () => new Promise((r) => document.addEventListener("cqp:verdict",
      (e) => r(e.detail), { once: true }));
  const cqp = form.querySelector("#score-cqp");
  let wait = verdict(); set(cqp, "commercial-sedentaire"); await wait;
  const route = form.querySelector("#score-route-cs");
  wait = verdict(); set(route, "formation"); await wait;
  const inputs = [...form.querySelectorAll('input[data-key^="blocks/B1/"]')];
  for (const el of inputs.slice(1)) el.value = "75";
  wait = verdict(); set(inputs[0], "75"); await wait;
  const times = [], frames = [];
  for (let i = 0; i < n; i++) {
    wait = verdict();
    const t0 = performance.now();
    set(inputs[i % inputs.length], String(40 + (i * 7) % 60));
    const detail = await wait;
    if (detail.error) throw new Error(detail.error);
    times.push(performance.now() - t0);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    frames.push(performance.now() - t0);
  }
  return { times, frames };
}"""


class Server:
    """The tests' static server, plus the bare page, counting the bytes of each response."""

    def __init__(self, site: Path):
        self.sent: list[tuple[str, int]] = []
        outer = self

        class Handler(_Handler):
            def do_GET(self):
                if self.path.split("?")[0] == BARE_PATH:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(BARE_PAGE)))
                    self.end_headers()
                    self.wfile.write(BARE_PAGE)
                    outer.sent.append((self.path, len(BARE_PAGE)))
                    return
                super().do_GET()

            def copyfile(self, source, outputfile):
                start = source.tell()
                super().copyfile(source, outputfile)
                outer.sent.append((self.path, source.tell() - start))

        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"


def load(browser, url: str, kind: str, reevals: int = 0) -> dict:
    context = browser.new_context(locale="fr-FR")  # fresh context: cold HTTP cache
    page = context.new_page()
    page.add_init_script(LONGTASKS)
    try:
        page.goto(url, wait_until="commit")
        if kind == "bare":
            page.wait_for_function("window.__doneAt !== undefined", timeout=60_000)
            ready = page.evaluate("window.__doneAt")
            assert page.evaluate("window.__result") == 2
        else:
            page.wait_for_function("window.CQP && (CQP.status === 'ready' || CQP.status === 'failed')",
                                   timeout=60_000)
            if page.evaluate("CQP.status") != "ready":
                raise RuntimeError("simulator failed: " + page.evaluate("CQP.error"))
            ready = page.evaluate("CQP.readyAt")
        page.wait_for_timeout(300)  # let the last long tasks be reported
        out = page.evaluate("""() => ({
            fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime,
            dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
            forms: window.CQP && window.CQP.formsReadyAt,
            longtasks: window.__longtasks })""")
        out["ready"] = ready
        out["longest"] = max((d for s, d in out["longtasks"] if s <= ready), default=0.0)
        if reevals:
            out["reeval"] = page.evaluate(REEVAL, reevals)
        return out
    finally:
        context.close()


def kb(n: int) -> str:
    return f"{n / 1000:,.1f} kB".replace(",", " ")


def classify(path: str) -> str:
    p = path.split("?")[0]
    if p.startswith("/simulateur/pyodide/"):
        return "pyodide"
    if p.startswith("/simulateur/wheels/"):
        return "wheel"
    if p.startswith("/simulateur/"):
        return "simulator page and scripts"
    if p.startswith("/search/") or "/workers/search" in p or "/lunr/" in p:
        return "site search (every page; after ready here)"
    if p.startswith("/assets/"):
        return "site theme (every page)"
    return "other (site)"


SIMULATOR = ("pyodide", "wheel", "simulator page and scripts")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="loads of each page (alternated)")
    parser.add_argument("--reevals", type=int, default=40, help="re-evaluations timed")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if not (site / "simulateur" / "index.html").exists():
        print(f"{site}/simulateur/ is not built: run `make site`", file=sys.stderr)
        return 2
    core = {p.name: p.stat().st_size for p in (site / "simulateur" / "pyodide").iterdir()}

    from playwright.sync_api import sync_playwright

    server = Server(site)
    bare_url, sim_url = server.url + BARE_PATH, server.url + "/simulateur/"
    bare, sim, sent = [], [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        load(browser, bare_url, "bare")  # warm the OS file cache and the server, not the browser
        for i in range(args.runs):
            order = [("bare", bare_url), ("sim", sim_url)]
            for kind, url in order if i % 2 == 0 else order[::-1]:
                server.sent.clear()
                result = load(browser, url, kind, args.reevals if (kind == "sim" and i == 0) else 0)
                (bare if kind == "bare" else sim).append(result)
                if kind == "sim":
                    sent.append(list(server.sent))
        browser.close()
    server.httpd.shutdown()

    med = lambda xs: statistics.median(xs)  # noqa: E731
    ready_bare, ready_sim = med([r["ready"] for r in bare]), med([r["ready"] for r in sim])
    ratio = ready_sim / ready_bare
    fcp = med([r["fcp"] for r in sim])
    forms = med([r["forms"] for r in sim])
    longest = max(r["longest"] for r in sim)
    reeval = sim[0]["reeval"]
    re_dom, re_frame = med(reeval["times"]), med(reeval["frames"])
    by_kind: dict[str, int] = {}
    for path, size in sent[0]:
        by_kind[classify(path)] = by_kind.get(classify(path), 0) + size
    total = sum(by_kind.values())
    own = sum(by_kind.get(k, 0) for k in SIMULATOR)
    budget = sum(core.values()) + 250_000
    fetched_core = sum(s for p, s in sent[0] if classify(p) == "pyodide")

    runs = lambda rs: ", ".join(f"{r['ready']:.0f}" for r in rs)  # noqa: E731
    ok = lambda c: "OK " if c else "MISS"  # noqa: E731
    print(f"Simulator benchmark — {args.runs} cold loads of each page, alternated "
          f"(chromium {browser.version}, {len(sent[0])} requests per simulator load)")
    print(f"  bare page ready (Pyodide + 1+1): median {ready_bare:7.0f} ms   "
          f"[{runs(bare)}]")
    print(f"  simulator CQP.ready:             median {ready_sim:7.0f} ms   "
          f"[{runs(sim)}]")
    print(f"  {ok(ratio <= 1.10)} ratio simulator / bare: {ratio:.3f} (target ≤ 1.10)")
    print(f"  {ok(fcp < 500)} first contentful paint: median {fcp:.0f} ms (target < 500 ms); "
          f"forms wired at {forms:.0f} ms, before Python ({ready_sim:.0f} ms): {forms < ready_sim}")
    print(f"  {ok(re_dom < 50)} re-evaluation after a change: median {re_dom:.1f} ms to the verdict in the "
          f"page, {re_frame:.1f} ms to the next frame (n={len(reeval['times'])}, max {max(reeval['times']):.1f} ms; "
          "target < 50 ms)")
    print(f"  {ok(longest <= 200)} longest main-thread task until ready: {longest:.0f} ms (target ≤ 200 ms)")
    print(f"  {ok(own <= budget)} bytes sent for the simulator (Pyodide, page, scripts, wheel): {kb(own)} "
          f"(budget: Pyodide core files {kb(sum(core.values()))} + 250 kB = {kb(budget)}); "
          f"beyond the Pyodide files: {kb(own - fetched_core)}")
    print(f"       whole page load, with the site's theme and search shared by every page: {kb(total)}")
    for kind, size in sorted(by_kind.items(), key=lambda kv: -kv[1]):
        print(f"       {kind:44s} {kb(size):>12s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
