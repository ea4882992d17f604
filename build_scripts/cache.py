"""Folders of the build's cache (.cache/), each named `<kind>-<hash of its inputs>`: filled under
a temporary name, then published by one rename, so that a build interrupted or run twice at once
never leaves a half-written folder where a complete one is expected."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable


def scratch(folder: Path) -> Path:
    """An empty folder beside `folder`, to fill before `publish`: this process's own, since two
    test workers may build the same folder at once."""
    tmp = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    return tmp


def publish(tmp: Path, folder: Path, complete: Callable[[Path], bool]) -> None:
    """`tmp` becomes `folder`, unless another build published a complete one meanwhile (same
    inputs, same content: it stays, since that build may be reading it); the other folders of
    its kind (older inputs) go, to keep the cache small."""
    try:
        tmp.rename(folder)  # refused when `folder` exists and holds files
    except OSError:
        if complete(folder):
            shutil.rmtree(tmp, ignore_errors=True)
        else:  # left half-written by a build of an older version
            shutil.rmtree(folder, ignore_errors=True)
            tmp.rename(folder)
    kind = folder.name.rsplit("-", 1)[0]
    for old in folder.parent.glob(f"{kind}-*"):
        if old != folder and old.is_dir() and not old.name.endswith(".tmp"):
            shutil.rmtree(old, ignore_errors=True)
