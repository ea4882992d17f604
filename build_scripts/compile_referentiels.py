"""Compile referentiels/*.yaml into checker/data/referentiels.json.

The checker reads JSON because it must run in Pyodide, where PyYAML is absent. A broken
referential stops here with located problems (file:line: key.path: what), exit 1, no traceback.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from referentiel_loader import ROOT, ReferentielError, load_referentiels  # noqa: E402

OUTPUT = ROOT / "checker" / "data" / "referentiels.json"


def compile_referentiels(root: Path | None = None, output: Path = OUTPUT) -> Path:
    data = load_referentiels(root) if root else load_referentiels()
    return write_compiled(data, output)


def write_compiled(data: dict, output: Path = OUTPUT) -> Path:
    """Write what the checker reads (the CQPs and the calendar) from already-loaded data."""
    output.parent.mkdir(parents=True, exist_ok=True)
    compiled = {"cqps": data["cqps"], "calendar": data["calendar"], "site": data["site"]}
    text = json.dumps(compiled, ensure_ascii=False, separators=(",", ":"))  # YAML order is meaningful (weights, steps)
    # Write only on change: mkdocs serve watches the tree.
    if not output.exists() or output.read_text(encoding="utf-8") != text:
        output.write_text(text, encoding="utf-8")
    return output


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else None
    try:
        out = compile_referentiels(root)
    except ReferentielError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"{out.relative_to(ROOT)} écrit ({out.stat().st_size} octets)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
