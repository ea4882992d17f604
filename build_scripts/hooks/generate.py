"""MkDocs hook: runs the generate step (python -m build_scripts.generate) before every build,
so that plain `mkdocs build` and `mkdocs serve` work on their own. MkDocs itself only renders
docs_dir (build/docs/); nothing else here needs a hook.

The step runs in a fresh Python process: under `mkdocs serve` an edit of checker/ or
build_scripts/ is taken into account at the next rebuild (hooks are imported once), and a
broken referential comes back as its located lines, which stop the build without a traceback.
"""
from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.generate")


def on_pre_build(config):
    done = subprocess.run(
        [sys.executable, "-m", "build_scripts.generate", config.docs_dir],
        # `-m` imports from the working directory first: the checkout that holds mkdocs.yml.
        cwd=Path(config.config_file_path).parent, capture_output=True, text=True)
    if done.returncode != 0:
        raise PluginError(done.stderr.strip() or f"build_scripts.generate exited with {done.returncode}")
    log.info(done.stdout.strip())
