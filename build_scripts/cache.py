"""Folders of the build's cache (.cache/), each named `<kind>-<hash of its inputs>`: filled under
a temporary name, then published by one rename, so that a build interrupted or run twice at once
never leaves a half-written folder where a complete one is expected."""
from __future__ import annotations

import shutil
from pathlib import Path


def scratch(folder: Path) -> Path:
    """An empty folder beside `folder`, to fill before `publish`."""
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    return tmp


def publish(tmp: Path, folder: Path) -> None:
    """`tmp` becomes `folder`; the other folders of its kind (older inputs) go, to keep the
    cache small."""
    shutil.rmtree(folder, ignore_errors=True)
    try:
        tmp.rename(folder)
    except OSError:  # another build got there first
        shutil.rmtree(tmp, ignore_errors=True)
    kind = folder.name.rsplit("-", 1)[0]
    for old in folder.parent.glob(f"{kind}-*"):
        if old != folder and old.is_dir() and not old.name.endswith(".tmp"):
            shutil.rmtree(old, ignore_errors=True)
