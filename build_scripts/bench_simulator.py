"""Benchmark of the simulator page (make bench; run on demand, not a timed test).

In one run on this machine, headless Debian chromium, cold cache (a fresh browser context for
every load), the same local server for both pages, loads alternated:

- bare pages: load the same Pyodide copy (site/simulateur/pyodide/) and run `1+1`, one on the
  main thread, one in a module worker (where the simulator runs Python); the simulator page:
  until `window.CQP.ready`. Target: simulator ≤ 1.10 × bare (medians; both ratios printed);
- first contentful paint and the moment the forms are wired (target: paint < 0.5 s, forms
  fillable before Python is ready);
- re-evaluation after a change: from the input event to the verdict in the page (target:
  median < 50 ms); the longest main-thread task until ready (target: none over 200 ms);
- bytes the server sent for the simulator page until ready vs Pyodide's core files + 250 kB;
  then, in the first load, what the service worker fetches after ready until the page says the
  simulator is kept offline: no engine file may be sent twice in one visit (target: 0 bytes).

Served as a compressing host serves the site (the build's .br, else .gz; local_server.py), the
bare pages getting Pyodide untrimmed and gzip'd (what most hosts do on the fly).

First, throttled (Chrome's network emulation: 9 Mbit/s down, 150 ms round trips; then
1.6 Mbit/s, 150 ms), rounds alternating which goes first: bare Pyodide in a module worker, then
the simulator, each in a fresh context, then the simulator visited again in the same context
once it is kept offline (`--revisits`). Targets: bytes on the wire until ready, first visit,
≤ 3.9 MB; first visit ready, simulator / bare ≤ 0.75 at 9 Mbit/s, ≤ 0.65 at 1.6 Mbit/s (median
of per-round ratios); second visit ready / bare first visit ≤ 0.20, with no engine byte sent.

    .venv/bin/python -m build_scripts.bench_simulator [--runs 9] [--rounds 5] [--revisits 2] [--site site] [--files]
"""
from __future__ import annotations

import argparse
import functools
import gzip
import statistics
import sys
import threading
import time
from pathlib import Path

from build_scripts.local_server import CHROMIUM, CHROMIUM_ARGS, Precompressed, QuietServer, StaticHandler

ROOT = Path(__file__).resolve().parents[1]
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
BARE_PYODIDE_PATH = "/simulateur/pyodide-seul/"
BARE_PYODIDE = "./pyodide-seul/"

# Bare pages, served from memory (never written into site/), beside the simulator so that they
# load the very same Pyodide copy: one runs it on the main thread, the other in a module worker
# as the simulator does.
BARE_PATH = "/simulateur/bench-bare.html"
BARE_WORKER_PATH = "/simulateur/bench-bare-worker.html"
BARE_PAGES = {
    BARE_PATH: ("text/html", b"""<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Pyodide seul</title><script type="module">
import { loadPyodide } from "./pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", location.href).href });
window.__result = pyodide.runPython("1+1");
window.__doneAt = performance.now();
</script></head><body><p>Pyodide seul : 1+1</p></body></html>"""),
    BARE_WORKER_PATH: ("text/html", b"""<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Pyodide seul, dans un worker</title><script>
const worker = new Worker("bench-bare-worker.mjs", { type: "module" });
worker.onmessage = (e) => { window.__result = e.data; window.__doneAt = performance.now(); };
</script></head><body><p>Pyodide seul : 1+1, dans un worker</p></body></html>"""),
    "/simulateur/bench-bare-worker.mjs": ("text/javascript", b"""
import { loadPyodide } from "./pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", import.meta.url).href });
postMessage(pyodide.runPython("1+1"));
"""),
}

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
    """The site served as a compressing host serves it (build_scripts/local_server.py,
    `Precompressed`: the build's .br, else .gz), plus the bare pages, counting the bytes of each
    response as sent (compressed) and when its request came (the epoch, in seconds: the page's
    clock tells when it was ready). No caching header: the bench counts every byte a visit asks.

    The bare pages load Pyodide as its npm package comes, untrimmed, from BARE_PYODIDE, an alias
    of the site's copy served with gzip only (what most hosts do on the fly), its whole
    python_stdlib.zip read from node_modules (the site serves only the cut one)."""

    def __init__(self, site: Path, pyodide: str):
        self.sent: list[tuple[str, int, float]] = []
        outer = self
        bare = {path: (kind, body.replace(b"./pyodide/", BARE_PYODIDE.encode()))
                for path, (kind, body) in BARE_PAGES.items()}
        folder = site / "simulateur" / pyodide
        gzipped: dict[str, bytes] = {}

        def bare_file(name: str) -> tuple[str, bytes] | None:
            """A file of the bare pages' Pyodide, gzip'd, or None."""
            source = PYODIDE_NPM / name if name == "python_stdlib.zip" else folder / name
            if "/" in name or not source.is_file():
                return None
            if name not in gzipped:
                sibling = source.with_name(source.name + ".gz")
                gzipped[name] = sibling.read_bytes() if sibling.is_file() else gzip.compress(source.read_bytes(), 6)
            return StaticHandler.extensions_map.get(source.suffix, "application/octet-stream"), gzipped[name]

        class Handler(Precompressed):
            def do_GET(self):
                self.asked_at = time.time()
                path = self.path.split("?")[0]
                page = bare.get(path)
                encoding = None
                if page is None and path.startswith(BARE_PYODIDE_PATH):
                    page, encoding = bare_file(path[len(BARE_PYODIDE_PATH):]), "gzip"
                    if page is None:
                        self.send_error(404)
                        return
                if page:
                    self.send_response(200)
                    self.send_header("Content-Type", page[0])
                    if encoding:
                        self.send_header("Content-Encoding", encoding)
                        self.send_header("Vary", "Accept-Encoding")
                    self.send_header("Content-Length", str(len(page[1])))
                    self.end_headers()
                    try:
                        self.wfile.write(page[1])
                    except (BrokenPipeError, ConnectionResetError):
                        return
                    outer.sent.append((self.path, len(page[1]), self.asked_at))
                    return
                super().do_GET()

            def copyfile(self, source, outputfile):
                start = source.tell()
                try:
                    super().copyfile(source, outputfile)
                except (BrokenPipeError, ConnectionResetError):
                    return  # a request the browser dropped when its context closed
                outer.sent.append((self.path, source.tell() - start, self.asked_at))

        self.httpd = QuietServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"


def load(browser, url: str, kind: str, reevals: int = 0, whole_visit: bool = False) -> dict:
    """One cold load; `whole_visit`: stay until the page says the simulator is kept offline, so
    that every byte of one visit is counted (the service worker's work comes after ready)."""
    context = browser.new_context(locale="fr-FR")  # fresh context: cold HTTP cache
    page = context.new_page()
    page.add_init_script(LONGTASKS)
    try:
        page.goto(url, wait_until="commit")
        if kind.startswith("bare"):
            page.wait_for_function("window.__doneAt !== undefined", timeout=60_000)
            ready = page.evaluate("window.__doneAt")
            assert page.evaluate("window.__result") == 2
        else:
            page.wait_for_function("window.CQP && (CQP.status === 'ready' || CQP.status === 'failed')",
                                   timeout=60_000)
            if page.evaluate("CQP.status") != "ready":
                raise RuntimeError("simulator failed: " + page.evaluate("CQP.error"))
            ready = page.evaluate("CQP.readyAt")
            out_ready_epoch = page.evaluate("(performance.timeOrigin + CQP.readyAt) / 1000")
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
        if not kind.startswith("bare"):
            out["ready_epoch"] = out_ready_epoch
        if whole_visit:
            try:
                page.wait_for_function("document.documentElement.dataset.cqpOffline === 'ready'",
                                       timeout=120_000)
                out["offline"] = True
            except Exception:  # noqa: BLE001 - reported, not fatal: the bytes are still counted
                out["offline"] = False
            page.wait_for_timeout(500)  # a request still under way
        return out
    finally:
        context.close()


def kb(n: int) -> str:
    return f"{n / 1000:,.1f} kB".replace(",", " ")


def classify(path: str) -> str:
    p = path.split("?")[0]
    if p.startswith("/simulateur/pyodide") or p.endswith("/python_stdlib.zip"):
        return "pyodide"
    if p.startswith(("/simulateur/moteur/", "/simulateur/wheels/")):
        return "checker"
    if p.startswith("/simulateur/"):
        return "simulator page and scripts"
    if p.startswith("/search/") or "/workers/search" in p or "/lunr/" in p:
        return "site search (every page; after ready here)"
    if p.startswith("/assets/"):
        return "site theme (every page)"
    return "other (site)"


SIMULATOR = ("pyodide", "checker", "simulator page and scripts")


def bytes_by_kind(sent: list[tuple[str, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for path, size in sent:
        out[classify(path)] = out.get(classify(path), 0) + size
    return out


def per_file(sent: list[tuple[str, int, float]], ready_at: float):
    """Each file's bytes until ready and after, and its requests, grouped by kind, largest first."""
    files: dict[str, list[int]] = {}
    for path, size, at in sent:
        entry = files.setdefault(path.split("?")[0], [0, 0, 0])
        entry[0 if at <= ready_at else 1] += size
        entry[2] += 1
    kinds: dict[str, list] = {}
    for path, entry in files.items():
        kinds.setdefault(classify(path), []).append((path, tuple(entry)))
    size = lambda e: e[0] + e[1]  # noqa: E731
    return sorted(((kind, sorted(rows, key=lambda r: -size(r[1]))) for kind, rows in kinds.items()),
                  key=lambda kv: -sum(size(e) for _, e in kv[1]))


# Network profiles of the throttled figures (Chrome's network emulation, through CDP): bits per
# second down and up, round trip in ms. 1.6 Mbit/s, 150 ms is Lighthouse's mobile throttling.
PROFILES = {"9 Mbit/s, 150 ms": (9e6, 1.5e6, 150), "1.6 Mbit/s, 150 ms": (1.6e6, 0.75e6, 150)}
TARGETS = {"9 Mbit/s, 150 ms": 0.75, "1.6 Mbit/s, 150 ms": 0.65}


def throttled_page(context, profile):
    page = context.new_page()
    down, up, rtt = PROFILES[profile]
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": rtt,
                                                  "downloadThroughput": down / 8, "uploadThroughput": up / 8})
    return page


def ready_epoch(page, kind: str, timeout: int) -> tuple[float, float]:
    """(ms from the navigation to ready, the epoch of ready in seconds)."""
    if kind == "bare":
        page.wait_for_function("() => window.__doneAt !== undefined", timeout=timeout)
        at = page.evaluate("window.__doneAt")
    else:
        page.wait_for_function("() => window.CQP && (CQP.status === 'ready' || CQP.status === 'failed')",
                               timeout=timeout)
        if page.evaluate("CQP.status") != "ready":
            raise RuntimeError("simulator failed: " + page.evaluate("CQP.error"))
        at = page.evaluate("CQP.readyAt")
    return at, page.evaluate("(t) => (performance.timeOrigin + t) / 1000", at)


def sent_until(server, epoch: float) -> int:
    return sum(n for _, n, t in server.sent if t <= epoch)


def throttled_round(browser, server, urls, profile: str, sim_first: bool, revisits: int) -> dict:
    """One bare Pyodide load (module worker, untrimmed, gzip) and one simulator visit, each in a
    fresh context, then `revisits` visits of the simulator in the same browser context once it
    is kept offline: ready times and bytes on the wire until ready."""
    out = {}
    for kind in (("sim", "bare") if sim_first else ("bare", "sim")):
        context = browser.new_context(locale="fr-FR")
        try:
            server.sent.clear()
            page = throttled_page(context, profile)
            page.goto(urls["bare-worker" if kind == "bare" else "sim"], wait_until="commit")
            ready, epoch = ready_epoch(page, kind, 300_000)
            out[kind] = {"ready": ready, "bytes": sent_until(server, epoch)}
            if kind == "sim" and revisits:
                page.wait_for_function("() => document.documentElement.dataset.cqpOffline === 'ready'",
                                       timeout=300_000)
                page.wait_for_timeout(3000)  # the compiled WebAssembly written to the code cache
                page.close()
                for i in range(revisits):
                    server.sent.clear()
                    page = throttled_page(context, profile)
                    page.goto(urls["sim"], wait_until="commit")
                    ready, epoch = ready_epoch(page, kind, 300_000)
                    engine = sum(n for path, n, _ in server.sent if classify(path) in ("pyodide", "checker"))
                    out[f"visit{i + 2}"] = {"ready": ready, "bytes": sent_until(server, epoch), "engine": engine}
                    page.wait_for_timeout(3000)
                    page.close()
        finally:
            context.close()
    return out


def throttled(browser, server, urls, rounds: int, revisits: int) -> None:
    med = statistics.median
    ok = lambda c: "OK " if c else "MISS"  # noqa: E731
    runs = lambda rs: ", ".join(f"{r['ready']:.0f}" for r in rs)  # noqa: E731
    for profile in PROFILES:
        rows = [throttled_round(browser, server, urls, profile, i % 2 == 1, revisits) for i in range(rounds)]
        bare = med([r["bare"]["ready"] for r in rows])
        sim = med([r["sim"]["ready"] for r in rows])
        paired = med([r["sim"]["ready"] / r["bare"]["ready"] for r in rows])
        sim_bytes = med([r["sim"]["bytes"] for r in rows])
        bare_bytes = med([r["bare"]["bytes"] for r in rows])
        print(f"Throttled, {profile}, compressing host, {rounds} rounds alternated (medians):")
        print(f"       bare Pyodide (module worker, untrimmed, gzip): ready {bare:6.0f} ms after {kb(bare_bytes)}  "
              f"[{runs([r['bare'] for r in rows])}]")
        print(f"       simulator, first visit:                        ready {sim:6.0f} ms after {kb(sim_bytes)}  "
              f"[{runs([r['sim'] for r in rows])}]")
        print(f"  {ok(sim_bytes <= 3_900_000)} bytes on the wire until ready, first visit: {kb(sim_bytes)} (target ≤ 3 900 kB)")
        print(f"  {ok(paired <= TARGETS[profile])} first visit ready, simulator / bare: {paired:.3f} (median of "
              f"per-round ratios; ratio of medians {sim / bare:.3f}; target ≤ {TARGETS[profile]})")
        for i in range(revisits):
            key = f"visit{i + 2}"
            again = med([r[key]["ready"] for r in rows])
            ratio = med([r[key]["ready"] / r["bare"]["ready"] for r in rows])
            engine = max(r[key]["engine"] for r in rows)
            print(f"  {ok(ratio <= 0.20) if i == 0 else '    '} visit {i + 2} in the same browser / bare first visit: {ratio:.3f} "
                  f"(ready {again:.0f} ms after {kb(med([r[key]['bytes'] for r in rows]))}; "
                  f"engine bytes {kb(engine)}{'; target ≤ 0.20' if i == 0 else ''})")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="loads of each page (alternated)")
    parser.add_argument("--reevals", type=int, default=40, help="re-evaluations timed")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--files", action="store_true", help="list the bytes of every file sent")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of each throttled profile (0: none)")
    parser.add_argument("--revisits", type=int, default=2, help="visits after the first, throttled")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if not (site / "simulateur" / "index.html").exists():
        print(f"{site}/simulateur/ is not built: run `make site`", file=sys.stderr)
        return 2
    (pyodide,) = (site / "simulateur" / "pyodide").iterdir()
    # Pyodide's core files as its npm package has them (the site serves a cut standard library).
    core = {name: (PYODIDE_NPM / name).stat().st_size for name in
            ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")}

    from playwright.sync_api import sync_playwright

    server = Server(site, f"pyodide/{pyodide.name}/")
    urls = {"bare": server.url + BARE_PATH, "bare-worker": server.url + BARE_WORKER_PATH,
            "sim": server.url + "/simulateur/"}
    results: dict[str, list] = {kind: [] for kind in urls}
    sent = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        load(browser, urls["bare"], "bare")  # warm the OS file cache and the server, not the browser
        if args.rounds:
            throttled(browser, server, urls, args.rounds, args.revisits)
        order = list(urls)
        for i in range(args.runs):
            for kind in order[i % 3:] + order[:i % 3]:  # each page first in turn
                server.sent.clear()
                first = kind == "sim" and i == 0
                result = load(browser, urls[kind], kind, args.reevals if first else 0, whole_visit=first)
                results[kind].append(result)
                if kind == "sim":
                    sent.append(list(server.sent))
        browser.close()
    server.httpd.shutdown()
    bare, bare_worker, sim = results["bare"], results["bare-worker"], results["sim"]

    med = lambda xs: statistics.median(xs)  # noqa: E731
    ready_bare, ready_sim = med([r["ready"] for r in bare]), med([r["ready"] for r in sim])
    ready_bw = med([r["ready"] for r in bare_worker])
    ratio, ratio_bw = ready_sim / ready_bare, ready_sim / ready_bw
    # Each round loads the three pages back to back: the median of the per-round ratios is less
    # sensitive to the load of a shared machine drifting during the run.
    paired = med([s["ready"] / b["ready"] for s, b in zip(sim, bare)])
    paired_bw = med([s["ready"] / b["ready"] for s, b in zip(sim, bare_worker)])
    fcp = med([r["fcp"] for r in sim])
    forms = med([r["forms"] for r in sim])
    longest = max(r["longest"] for r in sim)
    reeval = sim[0]["reeval"]
    re_dom, re_frame = med(reeval["times"]), med(reeval["frames"])
    # The first simulator load, split at CQP.ready: what the first load needs, then what the
    # service worker keeps for offline use (after ready by design).
    visit = sent[0]
    ready_at = sim[0]["ready_epoch"]
    until = [(p, n) for p, n, t in visit if t <= ready_at]
    after = [(p, n) for p, n, t in visit if t > ready_at]
    by_kind = bytes_by_kind(until)
    after_by_kind = bytes_by_kind(after)
    total = sum(by_kind.values())
    own = sum(by_kind.get(k, 0) for k in SIMULATOR)
    budget = sum(core.values()) + 250_000
    fetched_core = sum(n for p, n in until if classify(p) == "pyodide")
    # An engine file (Pyodide, the checker) whose bytes were sent more than once in the visit.
    engine_sent: dict[str, list[int]] = {}
    for p, n, _ in visit:
        if classify(p) in ("pyodide", "checker") and n:
            engine_sent.setdefault(p.split("?")[0], []).append(n)
    again = sum(sum(ns[1:]) for ns in engine_sent.values())

    runs = lambda rs: ", ".join(f"{r['ready']:.0f}" for r in rs)  # noqa: E731
    ok = lambda c: "OK " if c else "MISS"  # noqa: E731
    print(f"Simulator benchmark — {args.runs} cold loads of each page, alternated "
          f"(chromium {browser.version}, {len(sent[0])} requests per simulator load)")
    print(f"  bare page, Pyodide + 1+1 on the main thread: median {ready_bare:6.0f} ms  [{runs(bare)}]")
    print(f"  bare page, Pyodide + 1+1 in a module worker: median {ready_bw:6.0f} ms  [{runs(bare_worker)}]")
    print(f"  simulator, until CQP.ready:                  median {ready_sim:6.0f} ms  [{runs(sim)}]")
    print(f"  {ok(ratio <= 1.10)} ratio simulator / bare page (main thread): {ratio:.3f} "
          f"(median of per-round ratios {paired:.3f}; target ≤ 1.10)")
    print(f"  {ok(ratio_bw <= 1.10)} ratio simulator / bare page (worker):      {ratio_bw:.3f} "
          f"(median of per-round ratios {paired_bw:.3f}; target ≤ 1.10)")
    print(f"  {ok(fcp < 500)} first contentful paint: median {fcp:.0f} ms (target < 500 ms); "
          f"forms wired at {forms:.0f} ms, before Python ({ready_sim:.0f} ms): {forms < ready_sim}")
    print(f"  {ok(re_dom < 50)} re-evaluation after a change: median {re_dom:.1f} ms to the verdict in the "
          f"page, {re_frame:.1f} ms to the next frame (n={len(reeval['times'])}, max {max(reeval['times']):.1f} ms; "
          "target < 50 ms)")
    print(f"  {ok(longest <= 200)} longest main-thread task until ready: {longest:.0f} ms (target ≤ 200 ms)")
    print(f"  {ok(own <= budget)} bytes sent for the simulator until CQP.ready (Pyodide, page, scripts, checker): "
          f"{kb(own)} (budget: Pyodide core files {kb(sum(core.values()))} + 250 kB = {kb(budget)}); "
          f"beyond the Pyodide files: {kb(own - fetched_core)}")
    print(f"       whole page load until ready, with the site's theme and search shared by every page: {kb(total)}")
    for kind, size in sorted(by_kind.items(), key=lambda kv: -kv[1]):
        print(f"       {kind:44s} {kb(size):>12s}")
    kept = "kept offline" if sim[0].get("offline") else "NOT kept offline (timed out)"
    print(f"  {ok(again == 0)} engine files sent more than once in the visit: {kb(again)} (target 0); "
          f"after ready, until the simulator is {kept}: {kb(sum(after_by_kind.values()))}")
    for kind, size in sorted(after_by_kind.items(), key=lambda kv: -kv[1]):
        print(f"       {kind:44s} {kb(size):>12s}")
    if args.files:
        print("  files sent in the first simulator visit (bytes until ready | after ready; ×n: sent n times):")
        for kind, files in per_file(visit, ready_at):
            for path, (before, later, times) in files:
                print(f"       {kind[:20]:20s} {kb(before):>12s} | {kb(later):>12s} "
                      f"{'×' + str(times) if times > 1 else '':3s} {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
