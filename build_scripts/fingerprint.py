"""Content-hashed names, so that a visitor never mixes two builds.

A file whose content changes gets a new name (`form.mjs` → `form.3f9a0c1b2d.mjs`, or a folder
named after the hash for files whose own name matters, such as Pyodide's and the wheel's): a
browser or proxy may then cache it for as long as it likes, and a page always gets the very
files it was built with. ES modules import each other by name, so a module's imports are
rewritten to the hashed names first and its own hash covers them: when form.mjs changes,
simulateur.mjs (which imports it) gets a new name too.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath

LENGTH = 10
# A sibling module named in a string literal: import … from "./form.mjs", import("./form.mjs").
SIBLING = re.compile(r"""(?<=["'])\./([\w.-]+\.mjs)(?=["'])""")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:LENGTH]


def hashed_name(name: str, data: bytes) -> str:
    """`form.mjs` → `form.<hash>.mjs`."""
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}.{digest(data)}{path.suffix}"))


def hashed_folder(files: dict[str, Path]) -> str:
    """One hash for a set of files that must keep their names ({name: file})."""
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + files[name].read_bytes() + b"\0")
    return h.hexdigest()[:LENGTH]


class CycleError(ValueError):
    pass


def fingerprint(sources: dict[str, str]) -> dict[str, tuple[str, str]]:
    """{name: text} of the files of one folder → {name: (hashed name, text with the sibling
    modules it imports renamed)}."""
    done: dict[str, tuple[str, str]] = {}

    def visit(name: str, path: tuple[str, ...]) -> str:
        if name in done:
            return done[name][0]
        if name in path:
            raise CycleError(" → ".join((*path, name)))

        def rename(m: re.Match) -> str:
            dep = m.group(1)
            return "./" + visit(dep, (*path, name)) if dep in sources else m.group(0)

        text = SIBLING.sub(rename, sources[name])
        done[name] = (hashed_name(name, text.encode("utf-8")), text)
        return done[name][0]

    for name in sorted(sources):
        visit(name, ())
    return done
