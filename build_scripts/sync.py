"""Make a folder hold exactly a given set of files, touching only what differs.

`mkdocs serve` watches its docs_dir: rewriting an unchanged file would trigger another rebuild,
and so on forever. Hidden files (such as build/docs/.gitkeep, which lets a fresh clone's
mkdocs.yml point at an existing docs_dir) are left alone.
"""
from __future__ import annotations

import shutil
from pathlib import Path


def _same_file(src: Path, dst: Path) -> bool:
    # copy2 keeps the modification time: size and mtime say "same" without reading 13 MB of
    # Pyodide on every rebuild.
    a, b = src.stat(), dst.stat()
    return a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns


def sync_tree(out: Path, files: dict[str, Path | str]) -> list[str]:
    """Write files ({relative path: file to copy, or text}) into out, remove the others;
    returns the relative paths written or removed."""
    changed: list[str] = []
    for rel, source in sorted(files.items()):
        dst = out / rel
        if isinstance(source, Path):
            if dst.is_file() and _same_file(source, dst):
                continue
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dst)
        else:
            data = source.encode("utf-8")
            if dst.is_file() and dst.read_bytes() == data:
                continue
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(data)
        changed.append(rel)
    for path in sorted(out.rglob("*"), reverse=True):
        rel = path.relative_to(out).as_posix()
        if any(part.startswith(".") for part in path.relative_to(out).parts):
            continue
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        elif rel not in files:
            path.unlink()
            changed.append(rel)
    return changed
