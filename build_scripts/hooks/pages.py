"""MkDocs hook: the pages generated from referentiels/ join the build, without being written
to docs/; every page gets the glossary tooltips and the referential version it was built from.

A broken referential stops the build with the loader's located message (file:line: key: what),
never a traceback. CQP_REFERENTIELS_DIR points the build at another folder (used by the tests).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from build_scripts import pages  # noqa: E402

_state: dict = {}


def _compile_checker_data(root: str | None, data: dict) -> None:
    # The worked examples are the checker's verdicts: under `mkdocs serve` the checker must read
    # the referential just edited, not the JSON compiled before. The data is already loaded and
    # checked here: it is written as is, not loaded a second time.
    if root:
        return
    from build_scripts.compile_referentiels import write_compiled
    import checker.referentiel

    write_compiled(data)
    checker.referentiel.clear_cache()


def on_files(files, config):
    root = os.environ.get("CQP_REFERENTIELS_DIR") or None
    try:
        data = pages.load_all(root)
        _compile_checker_data(root, data)
        generated = pages.generate_site(data)
    except (pages.ReferentielError, pages.PagesError) as err:
        raise PluginError(f"Référentiel invalide :\n{err}") from None
    for src_uri, markdown in generated.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} existe : cette page est générée, supprimez le fichier")
        files.append(File.generated(config, src_uri, content=markdown))
    _state.update(data=data, abbreviations=pages.abbreviations(data))
    return files


def on_page_markdown(markdown, page, config, files):
    data = _state["data"]
    return (markdown + pages.version_note(page.file.src_uri, data)
            + "\n\n" + _state["abbreviations"] + "\n")
