"""Checker of the CQP Vendeur conseil à distance en commerces de gros and Commercial sédentaire
du secteur alimentaire: score, eligibility and deadlines, exactly as the public contract says.

Standard library only (it runs in Pyodide); every threshold, weight and duration is read from
the compiled referential (checker/data/referentiels.json, built from referentiels/*.yaml).
"""
from .deadlines import deadlines
from .eligibility import eligibility
from .errors import SituationError
from .score import score

__all__ = ["score", "eligibility", "deadlines", "SituationError", "CHECKS", "evaluate"]
__version__ = "1.1.0"

CHECKS = {"score": score, "eligibility": eligibility, "deadlines": deadlines}


def evaluate(check: str, situation: dict) -> dict:
    """One entry for the CLI and the browser: check is score, eligibility or deadlines."""
    if check not in CHECKS:
        from .errors import problem

        raise SituationError([problem("check", "unknown", f"« {check} » inconnu (attendu : {', '.join(CHECKS)})",
                                      ", ".join(CHECKS), "Outil")])
    return CHECKS[check](situation)
