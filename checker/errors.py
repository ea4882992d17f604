"""Bad input, as data: every problem of a situation at once (contract v1.1).

Each problem is {"path", "kind", "expected"} as the contract fixes, plus "label" (the field's
name for a person, from referentiels/site.yaml) and "message" (a French sentence naming that
label). The exception's message stays the first problem in the v1 form
`<path>: <problem>`, which the CLI prints on one line.
"""
from __future__ import annotations

KINDS = ("missing", "type", "range", "unknown", "date", "conflict")

# What a person reads for each kind of problem, before what was expected.
_SAID = {
    "missing": "réponse attendue",
    "type": "réponse non reconnue",
    "range": "valeur hors des limites",
    # A value outside its list (a CQP, a route); a key that is not a field says so itself.
    "unknown": "réponse non prévue",
    "date": "date impossible",
    "conflict": "réponse incohérente",
}


class SituationError(ValueError):
    """Bad input. `errors` lists every problem; str() is the first, e.g.
    ``blocks.B1.C1.5: missing (attendu : …)``."""

    def __init__(self, errors: list[dict]):
        if not errors:
            raise ValueError("SituationError needs at least one problem")
        self._raw = list(errors)
        self.errors = [public(e) for e in errors]
        first = errors[0]
        self.path = first["path"] or "(situation)"
        self.problem = first["problem"]
        super().__init__(f"{self.path}: {self.problem}")

    def lines(self) -> list[str]:
        """One line per problem, in the v1 form (the CLI's --all-errors)."""
        return [f"{e['path'] or '(situation)'}: {e['problem']}" for e in self._raw]


def problem(path: str, kind: str, problem_text: str, expected: str, label: str, said: str = "") -> dict:
    """One problem; `problem_text` is the v1 wording after the path, `said` what a person reads
    of it when the kind's own words do not fit (an unknown key is a « champ inconnu »)."""
    assert kind in KINDS, kind
    return {"path": path, "kind": kind, "expected": expected, "label": label, "problem": problem_text,
            "said": said}


def public(e: dict) -> dict:
    said = e.get("said") or _SAID[e["kind"]]
    detail = f" — attendu : {e['expected']}" if e["expected"] else ""
    return {"path": e["path"] or "(situation)", "kind": e["kind"], "expected": e["expected"],
            "label": e["label"], "message": f"{e['label']} : {said}{detail}."}
