"""A broken referential stops every way of building the site — `make site`, `make serve`,
`mkdocs build` — with one located line (file:line: key.path: what) and no traceback, whichever
runs first. Each runs in a copy of the repository (the worktree's .venv and node_modules are
linked, never installed into), so the real checkout is never broken nor rebuilt."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

BROKEN_FILE = "referentiels/commercial-sedentaire.yaml"
# Make must not reinstall into the shared .venv nor node_modules: their stamps count as done.
MAKE = ["make", "--no-print-directory", "-o", ".venv/.installed", "-o", "node_modules/.installed"]


@pytest.fixture(scope="module")
def broken_repo(repo_copy) -> tuple[Path, int]:
    """A copy of the repository where the first `value: 70` of the CS referential is "x"."""
    repo = repo_copy("broken-repo")
    path = repo / BROKEN_FILE
    text = path.read_text(encoding="utf-8")
    old = "    value: 70\n"
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, '    value: "x"\n', 1), encoding="utf-8")
    return repo, line


def _env() -> dict:
    # The outer `make test` must not lend its flags or jobserver to the inner make.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return {**env, "NO_MKDOCS_2_WARNING": "1"}


def _assert_one_located_line(out: str, line: int) -> None:
    located = [l for l in out.splitlines() if f"{BROKEN_FILE}:{line}: " in l]
    assert len(located) == 1, out
    assert "value" in located[0] and "integer" in located[0], out
    assert "Traceback" not in out, out


def test_make_site_stops_with_the_located_error(broken_repo):
    repo, line = broken_repo
    done = subprocess.run([*MAKE, "site"], cwd=repo, env=_env(), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode != 0
    _assert_one_located_line(done.stdout + done.stderr, line)
    assert not (repo / "site" / "index.html").exists()


def test_make_serve_stops_with_the_located_error(broken_repo):
    repo, line = broken_repo
    proc = subprocess.Popen([*MAKE, "serve", "PORT=0"], cwd=repo, env=_env(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        # It should stop by itself; should it serve instead, the wait fails the test.
        out, _ = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            time.sleep(1)
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode != 0
    _assert_one_located_line(out, line)


def test_mkdocs_build_stops_with_the_located_error(broken_repo):
    """Plain `mkdocs build`, with nothing compiled before: the generate hook meets the error."""
    repo, line = broken_repo
    shutil.rmtree(repo / "checker" / "data", ignore_errors=True)
    mkdocs = repo / ".venv" / "bin" / "mkdocs"
    done = subprocess.run([str(mkdocs), "build", "--strict", "-q"], cwd=repo, env=_env(),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    _assert_one_located_line(done.stdout + done.stderr, line)
    assert not (repo / "site" / "index.html").exists()
