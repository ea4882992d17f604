"""The one error a situation can raise."""


class SituationError(ValueError):
    """Bad input: the message names the JSON path of the faulty field and what was expected,
    e.g. ``blocks.B1.C1.5: missing (attendu : …)``. The CLI prints it on one line, exit 2."""

    def __init__(self, path: str, problem: str):
        self.path = path or "(situation)"
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
