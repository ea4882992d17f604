"""MkDocs hook, a convenience: runs `python -m build_scripts.postbuild` (the site's _headers and
service worker) at the end of `mkdocs build` and `mkdocs serve`. `make site` runs the same
command after `mkdocs build`, so that nothing needs this hook (Zensical ignores hooks)."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from build_scripts.offline import OfflineError
from build_scripts.precompress import PrecompressError
from build_scripts.postbuild import postbuild


def on_post_build(config, **kwargs):
    try:
        postbuild(Path(config["site_dir"]))
    except (OfflineError, PrecompressError) as err:
        raise PluginError(str(err)) from err
