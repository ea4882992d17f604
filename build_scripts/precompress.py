"""`file.br` and `file.gz` beside every file of the built site larger than 1 kB that compresses:
the post-build step's last one (build_scripts/postbuild.py).

Why: most hosts compress on the fly with gzip at a low level, or not at all; precompressed
siblings let them send brotli at its best quality (Pyodide's WebAssembly: 9.6 MB, 3.56 MB with
gzip -6, 2.74 MB with brotli 11), at no cost per request. The local server of the tests and of
`make bench` serves them as such a host does (build_scripts/local_server.py, `Precompressed`):
brotli where a `.br` exists and the browser accepts it, else gzip, with `Content-Encoding` and
`Vary: Accept-Encoding`. The names stay `file.br` and `file.gz`, the ones nginx's
`brotli_static`/`gzip_static`, Caddy's `precompressed` and Apache's rewrites look for.

A sibling is written only when it saves at least a tenth of the file (an archive already
compressed, an image, gains nothing and would only be served slower). Compressing is slow
(brotli 11 takes tens of seconds on the WebAssembly), so each file's compressed copies are kept
in .cache/precompress/ under the hash of its content, by Node's zlib (build_scripts/
precompress.mjs).

On a fresh clone, Pyodide's WebAssembly alone takes about 40 s of one core: `make setup` starts
it as soon as npm has installed Pyodide (`python3 -m build_scripts.precompress --warm FILE…`,
the standard library only, so that it needs no virtual environment), in the background while pip
installs the Python packages, which mostly waits on files. The build's own pass then finds it in
the cache, waiting for it if it is still running.

    python3 -m build_scripts.precompress --warm node_modules/pyodide/pyodide.asm.wasm
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "build_scripts" / "precompress.mjs"
CACHE = ROOT / ".cache" / "precompress"
ENCODINGS = (".br", ".gz")
MIN_SIZE = 1024
# Written only when the compressed copy is at most this share of the file.
MAX_RATIO = 0.9
KEEP_SECONDS = 7 * 24 * 3600
# Files a host never sends as such: its configuration.
NOT_SERVED = {"_headers"}
# Written by a warming run while it compresses (its process id): a build waits for it.
WARMING = CACHE / "warming.pid"
WARMING_WAIT = 600


class PrecompressError(RuntimeError):
    pass


def candidates(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*")) if p.is_file() and p.suffix not in ENCODINGS
            and p.name not in NOT_SERVED and p.stat().st_size > MIN_SIZE]


def _compress(todo: list[tuple[Path, Path]]) -> None:
    node = shutil.which("node")
    if node is None:
        raise PrecompressError("node is missing, needed to precompress the site: run `make setup`")
    CACHE.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([node, str(SCRIPT)], input=json.dumps([[str(s), str(o)] for s, o in todo]),
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise PrecompressError(f"precompressing the site failed:\n{proc.stderr[-2000:]}")


def _bases(files: list[Path]) -> dict[Path, Path]:
    """Each file's place in the cache: the hash of its content and of the compressing script."""
    key = hashlib.sha256(SCRIPT.read_bytes()).hexdigest()[:8]
    return {path: CACHE / f"{hashlib.sha256(path.read_bytes()).hexdigest()}-{key}" for path in files}


def _missing(bases: dict[Path, Path]) -> list[tuple[Path, Path]]:
    return [(path, base) for path, base in bases.items()
            if not all(base.with_name(base.name + ext).exists() for ext in ENCODINGS)]


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _wait_for_warming() -> None:
    """Until a warming run of this checkout (make setup) has finished, or has died."""
    deadline = time.monotonic() + WARMING_WAIT
    while time.monotonic() < deadline:
        try:
            pid = int(WARMING.read_text())
        except (OSError, ValueError):
            return
        if not _running(pid):
            return
        time.sleep(0.5)


def warm(files: list[Path]) -> None:
    """The compressed copies of `files` (the engine's largest, from node_modules/) put in the
    cache ahead of the build, which will find the same content in the site."""
    todo = _missing(_bases([f for f in files if f.is_file()]))
    if not todo:
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    WARMING.write_text(str(os.getpid()))
    try:
        _compress(todo)
    finally:
        WARMING.unlink(missing_ok=True)


def precompress(site: Path) -> list[str]:
    """Writes the siblings that are missing or out of date, removes the ones no file wants;
    returns the paths written."""
    _wait_for_warming()
    bases = _bases(candidates(site))
    todo = _missing(bases)
    if todo:
        _compress(todo)
    wanted, written = set(), []
    for path, base in bases.items():
        size = path.stat().st_size
        for ext in ENCODINGS:
            compressed = base.with_name(base.name + ext).read_bytes()
            if len(compressed) > MAX_RATIO * size:
                continue
            sibling = path.with_name(path.name + ext)
            wanted.add(sibling)
            if not sibling.is_file() or sibling.read_bytes() != compressed:
                sibling.write_bytes(compressed)
                written.append(sibling.relative_to(site).as_posix())
    for path in bases:  # a sibling an earlier build wrote for content that no longer compresses
        for ext in ENCODINGS:
            sibling = path.with_name(path.name + ext)
            if sibling not in wanted and sibling.is_file():
                sibling.unlink()
    # The cache is shared by every build of this checkout (a test's small site as well): what no
    # build has used for a week goes.
    now = time.time()
    for base in bases.values():
        for ext in ENCODINGS:
            os.utime(base.with_name(base.name + ext), (now, now))
    for old in CACHE.iterdir():
        if old.stat().st_mtime < now - KEEP_SECONDS:
            old.unlink(missing_ok=True)
    return written


def main(argv: list[str]) -> int:
    if argv[:1] != ["--warm"]:
        print("usage: python3 -m build_scripts.precompress --warm FILE…", file=sys.stderr)
        return 2
    try:
        warm([Path(a) for a in argv[1:]])
    except PrecompressError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
