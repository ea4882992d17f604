"""The site's sources, written by a plain step before the site generator runs:

    python -m build_scripts.generate [OUT]        # OUT defaults to build/docs/ (mkdocs.yml docs_dir)

It writes into OUT everything MkDocs (or Zensical, which reads mkdocs.yml but ignores hooks)
renders, so that the site generator only renders:

- docs/ (hand-written prose and assets), copied;
- every page generated from referentiels/ (build_scripts/pages/);
- on every page, the line naming the referential version it was built from and the glossary's
  abbreviations (the tooltips);
- the simulator page: its forms where docs/simulateur/index.md has `<!-- simulateur -->`, its
  template and configuration in its front matter (build_scripts/simulator/);
- Pyodide's core files, the checker's wheel and its compiled archives (build_scripts/bytecode.py)
  in simulateur/, the simulator's scripts under content-hashed names
  (build_scripts/fingerprint.py).

The referential is compiled first by the one compile (build_scripts/compile_referentiels.py),
whose checked data the pages use. Only files whose content changed are written and files no
longer produced are removed, so that a watcher (mkdocs serve) sees a change only when there is
one. A broken referential stops here: its located lines on stderr, exit 1, no traceback.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from build_scripts import pages
from build_scripts.build_wheel import WheelError
from build_scripts.bytecode import BytecodeError
from build_scripts.stdlib_cut import StdlibCutError
from build_scripts.compile_referentiels import OUTPUT, ReferentielError, compile_referentiels
from build_scripts.referentiel_loader import ROOT
from build_scripts.simulator import Forms, FormsError, simulator_html
from build_scripts.simulator import assets, cohort, downloads, embed
from build_scripts.sync import sync_tree

DOCS = ROOT / "docs"
OUT = ROOT / "build" / "docs"


class GenerateError(Exception):
    pass


def site_sources(data: dict) -> dict[str, Path | str]:
    """{path under docs_dir: file to copy, or text to write} for the whole site."""
    files: dict[str, Path | str] = {
        p.relative_to(DOCS).as_posix(): p for p in sorted(DOCS.rglob("*")) if p.is_file()}
    for src_uri, markdown in pages.generate_site(data).items():
        if src_uri in files:
            raise GenerateError(f"docs/{src_uri} existe : cette page est générée, supprimez le fichier")
        files[src_uri] = markdown
    abbreviations = pages.abbreviations(data)
    for src_uri, source in files.items():
        if src_uri.endswith(".md"):
            markdown = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
            files[src_uri] = (markdown + pages.version_note(src_uri, data)
                              + "\n\n" + abbreviations + "\n")
    runtime = assets.Runtime()
    scripts = assets.hashed_scripts(files)
    # The forms read what the checker reads: the compiled JSON.
    referentiel = json.loads(OUTPUT.read_text(encoding="utf-8"))
    forms_html = simulator_html(Forms(referentiel))
    config = assets.page_config(runtime, scripts, referentiel, files)
    files[assets.PAGE] = assets.simulator_page(files[assets.PAGE], forms_html, config)
    # The cohort tool and the embeds reuse the simulator's worker, from their own addresses.
    cohort_html = cohort.cohort_html(referentiel["cqps"])
    files[cohort.PAGE] = cohort.cohort_page(files[cohort.PAGE], cohort_html, cohort.relative_config(config, "../../"))
    files.update(cohort.template_files())
    embeds = embed.embed_pages(forms_html, cohort.cohort_html(referentiel["cqps"], "../" + cohort.TEMPLATES),
                               cohort.relative_config(config, "../"))
    # An embedded tool too says which referential versions it computes with.
    files.update({src: markdown + pages.version_note(src, data) for src, markdown in embeds.items()})
    files[downloads.PAGE] = downloads.developer_page(files[downloads.PAGE], runtime.wheel, runtime.wheel_url, DOCS)
    files.update(runtime.files)
    return files


def generate(out: Path = OUT) -> list[str]:
    """Compile the referential and write the site's sources into out; returns what changed."""
    data = compile_referentiels()
    return sync_tree(out, site_sources(data))


def main(argv: list[str]) -> int:
    out = Path(argv[1]).resolve() if len(argv) > 1 else OUT
    try:
        changed = generate(out)
    except ReferentielError as err:
        print(err, file=sys.stderr)
        return 1
    except (GenerateError, pages.PagesError, FormsError, assets.SimulatorBuildError, WheelError,
            BytecodeError, StdlibCutError) as err:
        print(f"build_scripts.generate: {err}", file=sys.stderr)
        return 1
    try:
        shown = out.relative_to(ROOT)
    except ValueError:
        shown = out
    print(f"{shown}/ : {len(changed)} fichier(s) mis à jour")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
