"""The command line (`python -m checker …`) run in this process: the same `main()` with its own
stdin, stdout and stderr, as bytes where the CLI reads and writes bytes. A subprocess costs
about half a second of interpreter start-up; property tests call the CLI hundreds of times, so
they use this, and `tests/test_cli.py` keeps one real subprocess per command."""
from __future__ import annotations

import io
import sys
from dataclasses import dataclass

from checker.__main__ import main


@dataclass
class CliRun:
    returncode: int
    stdout: bytes
    stderr: str

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8")


def run_cli(*args: str, stdin: bytes | str = b"") -> CliRun:
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    out = io.BytesIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = err = io.StringIO()
    try:
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse's usage errors
            code = exit_.code if isinstance(exit_.code, int) else 2
        sys.stdout.flush()
        return CliRun(code, out.getvalue(), err.getvalue())
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
