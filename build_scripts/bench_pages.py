"""Lighthouse's performance on every kind of page (make bench; run on demand, not a timed test).

Lighthouse mobile, its default throttling (simulated: slow 4G, a CPU four times slower), on the
built site served as a compressing host serves it (build_scripts/local_server.py `Precompressed`:
brotli where a `.br` exists, else gzip). Prints, per page, the median of the runs for the
performance score, total blocking time, first and largest contentful paint, and the scripts
that cost most start-up time (Lighthouse's bootup-time audit), against the targets of the
README (« Pages à lire »).

    python -m build_scripts.bench_pages [--runs 3] [PATH...]
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import threading
from pathlib import Path

from build_scripts.local_server import CHROMIUM, Precompressed, QuietServer

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
SCRIPT = Path(__file__).with_suffix(".mjs")
# One page of each kind: home, each kind of CQP page, the public pages, the glossary, the
# links, the simulator, the cohort tool, an embed.
PAGES = ["", "vendeur-conseil-distance/", "commercial-sedentaire/referentiel/",
         "commercial-sedentaire/evaluations/", "commercial-sedentaire/reglement/",
         "commercial-sedentaire/voies-d-acces/", "vendeur-conseil-distance/acteurs/", "candidat/",
         "glossaire/", "liens/", "simulateur/", "simulateur/cohorte/", "integrer-score/"]
# Issue 22's targets: a median of three runs, score and total blocking time.
RUNS = 3
TARGET_SCORE = 95
TARGET_TBT = 200


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--site", type=Path, default=SITE)
    parser.add_argument("paths", nargs="*", default=PAGES)
    args = parser.parse_args(argv)
    server = QuietServer(("127.0.0.1", 0), functools.partial(Precompressed, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        done = subprocess.run(["node", str(SCRIPT), base, str(args.runs), *args.paths], cwd=ROOT,
                              capture_output=True, text=True, env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin"})
    finally:
        server.shutdown()
    if done.returncode != 0:
        print(done.stderr)
        return 1
    results = json.loads(done.stdout)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Lighthouse mobile performance, median of {args.runs} runs per page (load average {load})")
    misses = 0
    for path, runs in results.items():
        def median(key):
            return statistics.median(r[key] for r in runs)
        score, tbt = median("score"), median("tbt")
        ok = score >= TARGET_SCORE and tbt <= TARGET_TBT
        misses += not ok
        costly = ", ".join(f"{url.rsplit('/', 1)[-1] or url} {ms} ms" for url, ms in runs[len(runs) // 2]["scripts"])
        print(f"  {'OK  ' if ok else 'MISS'} /{path:<40} score {score:>5.0f} [{' '.join(str(r['score']) for r in runs)}]"
              f"  TBT {tbt:>5.0f} ms  FCP {median('fcp'):>5.0f} ms  LCP {median('lcp'):>5.0f} ms  ({costly})")
    print(f"  target: score ≥ {TARGET_SCORE} and total blocking time ≤ {TARGET_TBT} ms on every page: "
          f"{'met' if not misses else f'{misses} page(s) miss it'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
