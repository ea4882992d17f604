"""Build the checker's wheel, the very package the simulator runs in Pyodide.

`pip wheel` builds it from pyproject.toml like any install would, so the browser runs what
`pip install .` gives. The wheel must carry checker/data/referentiels.json, which the caller has
compiled (build_scripts/compile_referentiels.py); run as a script, this module compiles it first.
Only checker/ is copied into the build folder, so the wheel holds the checker and nothing else
(build_scripts/ is a package of the editable install, never of the wheel).

A build takes a few seconds; `mkdocs serve` rebuilds the site on every edit, so wheels are kept
in .cache/simulateur/ under the hash of what goes into them and reused while nothing changed.

    python -m build_scripts.build_wheel [OUT_DIR]     # prints the wheel's path
"""
from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from build_scripts import cache
from build_scripts.compile_referentiels import OUTPUT as DATA

ROOT = Path(__file__).resolve().parents[1]
CHECKER = ROOT / "checker"
CACHE = ROOT / ".cache" / "simulateur"
LONG_DESCRIPTION = ("Le vérificateur des CQP Vendeur conseil à distance en commerces de gros et "
                    "Commercial sédentaire du secteur alimentaire : score, éligibilité, calendrier. "
                    "Son mode d'emploi est le README.md du dépôt du site.\n")


class WheelError(RuntimeError):
    pass


def _require_compiled_referential() -> Path:
    # Compiling is not this module's job (build_scripts/compile_referentiels.py owns it): its
    # callers compile first, so that the referential is loaded and checked once per build.
    if not DATA.exists():
        raise WheelError(f"{DATA.relative_to(ROOT)} is missing: compile the referential first (make data)")
    return DATA


def _inputs() -> list[Path]:
    files = [ROOT / "pyproject.toml", DATA]
    files += sorted(p for p in CHECKER.rglob("*.py") if "__pycache__" not in p.parts)
    return files


def source_hash() -> str:
    digest = hashlib.sha256(LONG_DESCRIPTION.encode())
    for path in _inputs():
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _pip_wheel(out: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="cqp-wheel-") as tmp:
        # Build from a copy: setuptools writes build/ and *.egg-info beside the sources, and
        # several builds (serve, tests) may run at once.
        src = Path(tmp) / "src"
        src.mkdir()
        shutil.copy2(ROOT / "pyproject.toml", src)
        # pyproject.toml names README.md as the long description, which the wheel's METADATA
        # carries whole: 31 kB (12 kB compressed, one ninth of the wheel) that every visitor of
        # the simulator would download and nothing reads. The wheel says where to read it.
        (src / "README.md").write_text(LONG_DESCRIPTION, encoding="utf-8")
        shutil.copytree(CHECKER, src / "checker",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        dist = Path(tmp) / "dist"
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
             "--no-build-isolation", "--no-cache-dir", "--no-index",
             "--disable-pip-version-check", "-w", str(dist), str(src)],
            capture_output=True, text=True,
        )
        wheels = list(dist.glob("*.whl"))
        if proc.returncode != 0 or len(wheels) != 1:
            raise WheelError(f"pip wheel failed:\n{proc.stdout}{proc.stderr}")
        out.mkdir(parents=True, exist_ok=True)
        target = out / wheels[0].name
        shutil.copy2(wheels[0], target)
        return target


def check_wheel(path: Path) -> None:
    """The wheel must hold the package and its compiled referential, and nothing else."""
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
    if "checker/data/referentiels.json" not in names or "checker/__init__.py" not in names:
        raise WheelError(f"{path.name} lacks checker/__init__.py or checker/data/referentiels.json")
    stray = [n for n in names if not n.startswith(("checker/", "cqp_checker-"))]
    if stray:
        raise WheelError(f"{path.name} holds unexpected files: {stray}")


def build_wheel(out_dir: Path | None = None) -> Path:
    """Path of an up-to-date wheel (in out_dir if given, else in the cache)."""
    _require_compiled_referential()
    if not (CHECKER / "__init__.py").exists():
        raise WheelError("checker/__init__.py is missing: nothing to build")
    # Its own kind of folder in the cache, which the archives and the cut standard library share:
    # publishing a wheel removes older wheels only.
    cached_dir = CACHE / f"wheel-{source_hash()}"

    def complete(folder: Path) -> bool:
        return len(list(folder.glob("*.whl"))) == 1

    if not complete(cached_dir):
        tmp_dir = cache.scratch(cached_dir)
        check_wheel(_pip_wheel(tmp_dir))
        cache.publish(tmp_dir, cached_dir, complete)
    wheel = next(cached_dir.glob("*.whl"))
    if out_dir is None:
        return wheel
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / wheel.name
    shutil.copy2(wheel, target)
    return target


def integrity(path: Path) -> str:
    """Subresource-integrity string (sha256) the worker checks the download against."""
    return "sha256-" + base64.b64encode(hashlib.sha256(path.read_bytes()).digest()).decode()


def main(argv: list[str]) -> int:
    from build_scripts.compile_referentiels import ReferentielError, compile_referentiels  # noqa: PLC0415

    out = Path(argv[1]) if len(argv) > 1 else None
    try:
        compile_referentiels()
        print(build_wheel(out))
    except (ReferentielError, WheelError) as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
