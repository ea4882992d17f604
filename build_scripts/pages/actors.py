"""/<cqp>/acteurs/ — évaluateurs, tuteurs, jury, organismes: conditions, roles and their rules."""
from __future__ import annotations

from .md import Cqp, one_line, page, page_of, rule_block, statement_block

ORDER = ("evaluateurs", "tuteurs", "jury", "organismes")


def generate(cqp: Cqp) -> dict[str, str]:
    here = page_of(cqp, "actors")
    actors = cqp.data["actors"]
    present = [a for a in ORDER if a in actors]
    body = [f"# Évaluateurs, tuteurs, jury et organismes — {cqp.short}",
            "Ce que chacun doit remplir comme conditions et ce qu'il fait dans le parcours du candidat. "
            "Aller à : " + " · ".join(f"[{actors[a]['title']}](#{a})" for a in present) + "."]
    for a in present:
        actor = actors[a]
        body += [f"## {one_line(actor['title'])} {{#{a}}}", one_line(actor["summary"])]
        body += [statement_block(cqp, here, st, level=3, anchor_prefix=f"{a}-") for st in actor["items"]]
        rules = cqp.rules_of(a)
        if rules:
            body.append(f"### Les règles en détail — {one_line(actor['title']).lower()} {{#{a}-regles}}")
            body += [rule_block(cqp, r, 4) for r in rules]
    # A topic without an actor entry still gets its rules written (each rule needs its anchor).
    for a in ORDER:
        if a not in actors and cqp.rules_of(a):
            body.append(f"## Autres règles ({a}) {{#{a}}}")
            body += [rule_block(cqp, r, level=3) for r in cqp.rules_of(a)]
    return {here: page(f"Acteurs — {cqp.short}",
                       f"Conditions et rôles des évaluateurs, tuteurs, jurys et organismes du CQP {cqp.name}.",
                       body)}
