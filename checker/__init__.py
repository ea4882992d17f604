"""Checker of the CQP Vendeur conseil à distance en commerces de gros and Commercial sédentaire
du secteur alimentaire: score, eligibility and deadlines, exactly as the public contract says.

Standard library only (it runs in Pyodide); every threshold, weight and duration is read from
the compiled referential (checker/data/referentiels.json, built from referentiels/*.yaml).
"""
from . import exact_json, wording
from .deadlines import deadlines
from .eligibility import eligibility
from .errors import SituationError, problem
from .exact_json import loads
from .score import score

__all__ = ["score", "eligibility", "deadlines", "SituationError", "CHECKS", "evaluate", "loads",
           "evaluate_batch", "CohortFileError", "template"]
__version__ = "1.1.0"

CHECKS = {"score": score, "eligibility": eligibility, "deadlines": deadlines}


def evaluate(check: str, situation: dict | str | bytes) -> dict:
    """One entry for the CLI and the browser: check is score, eligibility or deadlines. The
    situation may be given as its JSON text, read with exact numbers (contract v1.2: a dict
    from json.loads holds floats already rounded; loads() here keeps them exact)."""
    if isinstance(situation, (str, bytes)):
        try:
            situation = exact_json.situation(situation)
        except ValueError as err:
            raise SituationError([problem("", "type", str(err).split(": ", 1)[1],
                                          "un objet JSON (la situation)", wording.label(()))]) from None
    if check not in CHECKS:
        raise SituationError([problem("check", "unknown", f"« {check} » inconnu (attendu : {', '.join(CHECKS)})",
                                      ", ".join(CHECKS), "Outil")])
    return CHECKS[check](situation)


def evaluate_batch(check: str, csv_text: str | bytes, leave_out=(), fixed: dict | None = None) -> list[dict]:
    """A cohort CSV, text or bytes, one verdict (or its errors) per row (contract v1.1 and
    v1.2, section Cohorts); raises CohortFileError (a ValueError) when the file cannot be read.
    `leave_out`: verdict keys not wanted among explanations, references, trace, next_steps (a
    table shows none); `fixed`: {cqp, route, subject} chosen for the whole file."""
    from .cohort import evaluate_batch as batch

    return batch(check, csv_text, leave_out, fixed)


def template(check: str, cqp: str, route: str | None = None, subject: str | None = None, *,
             part: str | None = None) -> str:
    """The header line of a cohort CSV for that case (French labels and paths); `part`: one
    block or domain's columns only."""
    from .cohort import template as header

    return header(check, cqp, route, subject, part=part)


def __getattr__(name: str):
    # Lazily, so that the simulator's first load imports nothing of the cohorts.
    if name == "CohortFileError":
        from .cohort import CohortFileError

        return CohortFileError
    raise AttributeError(name)
