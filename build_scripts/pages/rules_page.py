"""/<cqp>/reglement/ — the règlement: statements of the referential and rules of topic `reglement`."""
from __future__ import annotations

from .md import Cqp, page, page_of, rule_block, statement_block


def generate(cqp: Cqp) -> dict[str, str]:
    here = page_of(cqp, "reglement")
    body = [f"# Règlement du CQP {cqp.short}",
            "Ce que le candidat, l'organisme et les évaluateurs doivent savoir des règles de délivrance "
            "du CQP : validation, rattrapage, fraude, handicap, conservation des acquis, suivi des titulaires — "
            "dans la mesure où le document source en parle."]
    body += [statement_block(cqp, here, st, 2) for st in cqp.data["reglement"]]
    rules = cqp.rules_of("reglement")
    if rules:
        body.append("## Les règles en détail {#regles}")
        body += [rule_block(cqp, r, level=3) for r in rules]
    return {here: page(f"Règlement — {cqp.short}", f"Règlement de délivrance du CQP {cqp.name}.", body)}
