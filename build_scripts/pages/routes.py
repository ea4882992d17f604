"""/<cqp>/voies-d-acces/ — formation and VAE as step-by-step timelines, with the deadlines
(Rule.anchor, deadline_anchor) and the rules of topic `routes`."""
from __future__ import annotations

from .md import (Cqp, deadline_anchor, deadline_sentence, interpretation, link, one_line, page,
                 page_of, route_name, rule_block, rule_link, source_line, statement_block, table)

ROUTE_PHRASES = {"formation": "la voie de la formation", "vae": "la validation des acquis de l'expérience (VAE)"}


def generate(cqp: Cqp) -> dict[str, str]:
    here = page_of(cqp, "routes")
    routes = cqp.data["routes"]
    body = [f"# Voies d'accès au CQP {cqp.short}",
            f"Le CQP s'obtient par {' ou par '.join(ROUTE_PHRASES[r] for r in routes)}. "
            "Chaque voie est décrite étape par étape : ce qui se passe, qui agit, et les délais à respecter.",
            "Aller à : " + " · ".join(f"[{one_line(r['title'])}](#{rid})" for rid, r in routes.items())
            + " · [Les délais](#delais)"]
    body += [_route(cqp, here, rid, route) for rid, route in routes.items()]
    body.append("## Les délais {#delais}")
    if cqp.data["deadlines"]:
        body.append("Chaque délai se calcule à partir d'une date ; le [simulateur](" + link(here, "simulateur/index.md") + ") "
                    "les calcule pour vos propres dates.")
        body.append(table(["Délai", "Quand", "Voie", "Qui"],
                          [[f"[{dl['label']}](#{deadline_anchor(dl['id'])})", deadline_sentence(cqp, here, dl),
                            " et ".join(route_name(r) for r in dl.get("routes", routes)), dl["who"]]
                           for dl in cqp.data["deadlines"]]))
        body += [_deadline(cqp, here, dl) for dl in cqp.data["deadlines"]]
    else:
        body.append("Le document source de ce CQP ne fixe aucun délai ; le site n'en affiche donc aucun.")
    rules = cqp.rules_of("routes")
    if rules:
        body.append("## Les règles des voies d'accès {#regles}")
        body += [rule_block(cqp, r, level=3) for r in rules]
    return {here: page(f"Voies d'accès — {cqp.short}",
                       f"Formation et VAE pour le CQP {cqp.name} : étapes, délais, qui fait quoi.", body)}


def _route(cqp: Cqp, here: str, route_id: str, route: dict) -> str:
    out = [f"## {one_line(route['title'])} {{#{route_id}}}", one_line(route["summary"]),
           source_line(route["source"]), interpretation(route)]
    if route.get("conditions"):
        out.append(f"### Conditions {{#{route_id}-conditions}}")
        out += [statement_block(cqp, here, c, 4, f"{route_id}-") for c in route["conditions"]]
    steps = [statement_block(cqp, here, st, level=3, anchor_prefix=f"{route_id}-", heading=f"Étape {i} : {one_line(st['title'])}")
             for i, st in enumerate(route["steps"], 1)]
    # The timeline is only a frame drawn by CSS: without it, numbered headings still read in order.
    out.append('<div class="cqp-timeline" markdown>\n\n' + "\n\n".join(steps) + "\n\n</div>")
    return "\n\n".join(p for p in out if p)


def _deadline(cqp: Cqp, here: str, dl: dict) -> str:
    out = [f"### {one_line(dl['label'])} {{#{deadline_anchor(dl['id'])}}}",
           f"**Quand :** {deadline_sentence(cqp, here, dl)}.",
           f"**Qui :** {one_line(dl['who'])}",
           "Règle : " + rule_link(cqp, here, dl["offset"]["rule"]),
           source_line(dl["source"]), interpretation(dl)]
    return "\n\n".join(p for p in out if p)
