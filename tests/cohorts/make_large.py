"""Writes a cohort CSV of 10,000 Commercial sédentaire trainees (route formation, the three
blocks, every result known), for timing `python -m checker batch score FILE --format json`:

    .venv/bin/python tests/cohorts/make_large.py /tmp/large.csv [ROWS]
    time .venv/bin/python -m checker batch score /tmp/large.csv --format json > /dev/null

The header is the template's, so the file also exercises the French labels; results are spread
so that some blocks pass, some fail on the average and some on a competence.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from checker import template  # noqa: E402


def large_csv(rows: int = 10_000, seed: int = 1) -> str:
    header = template("score", "commercial-sedentaire", "formation")
    cells = header.split(";")
    rng = random.Random(seed)
    lines = [header]
    for i in range(rows):
        row = [f"Stagiaire {i + 1}", "commercial-sedentaire", "formation", ""]
        # Results as French spreadsheets write them: a decimal comma now and then.
        row += [str(rng.randint(40, 100)) if rng.random() < 0.8 else f"{rng.randint(40, 99)},5"
                for _ in cells[len(row):]]
        lines.append(";".join(row))
    return "\r\n".join(lines) + "\r\n"


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("large.csv")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    out.write_text(large_csv(count), encoding="utf-8")
    print(f"{out} : {count} lignes")
