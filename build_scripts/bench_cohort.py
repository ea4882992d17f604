"""`make bench`, cohort part: cohorts of 1,000 and 10,000 Commercial sédentaire trainees (route
formation, all three blocks filled from the site's own template) given to the cohort page once
Python is ready, each run in a fresh browser context; prints the figures against the targets of
issue 19 (1,000 rows shown in 1 s, 10,000 in 6 s, no task over 200 ms, the CLI's 10,000 in 3 s).

    python -m build_scripts.bench_cohort [RUNS] [--against DIR]

`--against DIR`: another built site (a copy of `site/` from before a change) measured in the
same run, its runs alternating with this one's, so that both meet the same load (the machine's
other work makes wall-clock times noisy: compare ratios of the same run). The CLI runs
alternate the same way with `--against-cli DIR`, a checkout whose `checker` is the baseline.

Figures, medians over the runs:
- file chosen → table shown (the page: reading, slices to the worker, the table);
- the same file in one CQP.evaluateBatch call as the page asks for it (its table's words, no
  sentence nor trace), nothing shown (the checker in the worker alone): the baseline of the
  same run, and the ratio page / baseline;
- the page's responsiveness meanwhile: longest main-thread task, longest gap between frames;
- the command line, `python -m checker batch score` on 1,000 and 10,000 rows (CPython).
"""
from __future__ import annotations

import functools
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from build_scripts.local_server import CHROMIUM, CHROMIUM_ARGS, QuietServer, StaticHandler

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
TEMPLATE = SITE / "simulateur" / "cohorte" / "modeles" / "modele-score-commercial-sedentaire-formation.csv"
CASE = "Résultats — Commercial sédentaire du secteur alimentaire, formation"
TRAINEES = 1000

WATCH = """() => {
  window.__bench = {longest: 0, gap: 0, last: performance.now()};
  new PerformanceObserver((list) => { for (const e of list.getEntries())
    __bench.longest = Math.max(__bench.longest, e.duration); }).observe({type: "longtask"});
  const frame = (t) => { __bench.gap = Math.max(__bench.gap, t - __bench.last); __bench.last = t;
    requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
}"""


def cohort_csv(rows: int, seed: int = 1) -> str:
    """A cohort from the template: every result known, most blocks passed, a few not."""
    header = TEMPLATE.read_text(encoding="utf-8-sig").splitlines()[0]  # its example row apart
    results = len(header.split(";")) - 4
    rng = random.Random(seed)
    lines = [header]
    for i in range(rows):
        cells = [f"Stagiaire {i + 1}", "commercial-sedentaire", "formation", "15/06/2026"]
        cells += [str(rng.randint(45, 99)) for _ in range(results)]
        lines.append(";".join(cells))
    return "\r\n".join(lines) + "\r\n"


def page_runs(path: Path, runs: int, sites: tuple[Path, ...] = (SITE,)) -> list[list[dict]]:
    """For each site, its runs (the sites' runs alternate)."""
    from playwright.sync_api import sync_playwright

    servers, urls = [], []
    for site in sites:
        handler = functools.partial(StaticHandler, directory=str(site))
        server = QuietServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls.append(f"http://127.0.0.1:{server.server_address[1]}/simulateur/cohorte/")
    out: list[list[dict]] = [[] for _ in sites]
    text = path.read_text(encoding="utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for n in range(runs * len(sites)):
            url = urls[n % len(sites)]
            ctx = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
            page = ctx.new_page()
            page.goto(url)
            page.wait_for_function("window.CQP && CQP.status === 'ready' && "
                                   "document.querySelector('[data-cqp-cohort]').dataset.wired", timeout=120000)
            # The cohort page's second engine, booted once the first is ready: the page is ready when
            # it is (or has failed).
            page.wait_for_function("document.querySelector('[data-cqp-cohort]').dataset.helper !== 'starting'",
                                   timeout=120000)
            baseline = page.evaluate("""async (text) => { const t = performance.now();
                const rows = await CQP.evaluateBatch("score", text, {trace: false, notes: true});
                return [performance.now() - t, rows.length]; }""", text)
            page.get_by_label("Vérification, CQP et voie d'accès").select_option(label=CASE)
            page.evaluate(WATCH)
            page.evaluate("window.__t0 = performance.now()")
            page.get_by_label("Choisir un fichier CSV").set_input_files(str(path))
            page.wait_for_function("document.querySelector('[data-cqp-cohort]').dataset.done === '1'", timeout=120000)
            shown = page.evaluate("performance.now() - window.__t0")
            rows = page.locator(".cqp-cohort-table tbody tr").count()
            watch = page.evaluate("window.__bench")
            out[n % len(sites)].append({"page": shown, "baseline": baseline[0], "rows": rows, "checked": baseline[1],
                        "longest_task": watch["longest"], "frame_gap": watch["gap"]})
            ctx.close()
        browser.close()
    for server in servers:
        server.shutdown()
    return out


def cli_seconds(path: Path, root: Path = ROOT) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (the process and its workers) of one CLI run."""
    before = os.times()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "checker", "batch", "score", str(path)], check=True,
                   cwd=root, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def _option(argv: list[str], name: str) -> Path | None:
    if name not in argv:
        return None
    i = argv.index(name)
    value = Path(argv[i + 1]).resolve()
    del argv[i:i + 2]
    return value


def main(argv: list[str]) -> int:
    argv = list(argv)
    if "--help" in argv or "-h" in argv:
        print(__doc__)
        return 0
    against = _option(argv, "--against")
    against_cli = _option(argv, "--against-cli")
    runs = int(argv[1]) if len(argv) > 1 else 5
    if not TEMPLATE.exists():
        print("site/ is not built: run make site", file=sys.stderr)
        return 1
    sites = (SITE,) + ((against,) if against else ())
    roots = (ROOT,) + ((against_cli,) if against_cli else ())
    before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for n in (TRAINEES, 10 * TRAINEES):
            files[n] = Path(tmp) / f"promotion-{n}.csv"
            files[n].write_text(cohort_csv(n), encoding="utf-8")
        figures = {n: page_runs(path, runs, sites) for n, path in files.items()}
        cli: dict = {n: [[] for _ in roots] for n in files}
        for _ in range(max(1, runs if against_cli else 1)):
            for n, path in files.items():
                for k, root in enumerate(roots):
                    cli[n][k].append(cli_seconds(path, root))
    # The figures depend on what else the machine runs: its load is printed with them.
    load = lambda: ", ".join(f"{x:.2f}" for x in os.getloadavg())  # noqa: E731
    print(f"charge de la machine (1, 5, 15 min) : {before} avant, {load()} après ; {os.cpu_count()} cœurs")
    for n, target in ((TRAINEES, 1000), (10 * TRAINEES, 6000)):
        print(f"Cohorte de {n} stagiaires (Commercial sédentaire, formation, 3 blocs), {runs} passages, médianes :")
        for k, site in enumerate(sites):
            runs_ = figures[n][k]
            assert all(f["checked"] == n for f in runs_)
            med = {key: statistics.median(f[key] for f in runs_) for key in ("page", "baseline", "longest_task", "frame_gap")}
            if len(sites) > 1:
                print(f"  site {site}{' (référence)' if k else ''} :")
            print(f"  fichier choisi → tableau affiché (page)          : {med['page']:7.0f} ms   (cible ≤ {target} ms)")
            print(f"  même fichier, un appel CQP.evaluateBatch (base)  : {med['baseline']:7.0f} ms")
            print(f"  rapport page / base                              : {med['page'] / med['baseline']:7.2f}")
            print(f"  tâche la plus longue du fil principal            : {med['longest_task']:7.0f} ms   (cible ≤ 200 ms)")
            print(f"  plus long intervalle entre deux images           : {med['frame_gap']:7.0f} ms")
            print(f"  lignes du tableau affiché (sa première page)     : {runs_[0]['rows']:7d}")
            print("  passages (page ms) : " + ", ".join(f"{f['page']:.0f}" for f in runs_))
        if len(sites) > 1:
            ratio = statistics.median(f["page"] for f in figures[n][0]) / statistics.median(f["page"] for f in figures[n][1])
            print(f"  rapport page / page de référence                 : {ratio:7.2f}")
        for k, root in enumerate(roots):
            wall = statistics.median(w for w, _ in cli[n][k])
            cpu = statistics.median(c for _, c in cli[n][k])
            who = f" ({root}{', référence' if k else ''})" if len(roots) > 1 else ""
            print(f"  ligne de commande{who} : {wall:5.2f} s, {cpu:5.2f} s de processeur"
                  + ("   (cible ≤ 3 s)" if n > TRAINEES else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
