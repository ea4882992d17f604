"""/<cqp>/ — the CQP presented: métier, public, voies d'accès, structure, who is who."""
from __future__ import annotations

from .evaluations import decisive_rules
from .md import Cqp, anchor, link, one_line, page, page_of, route_name, source_line, statement_block, table


def generate(cqp: Cqp) -> dict[str, str]:
    here = page_of(cqp, "presentation")
    d = cqp.data
    singular, plural = cqp.part_word
    body = [
        f"# CQP {cqp.name}",
        _at_a_glance(cqp, here),
        "## Le métier {#metier}",
        *[statement_block(cqp, here, st, level=3, anchor_prefix="metier-") for st in d["trade"]],
        "## Pour qui {#public}",
        *[statement_block(cqp, here, st, level=3, anchor_prefix="public-") for st in d["public"]],
        "## Les voies d'accès {#voies-d-acces}",
        *[_route_summary(cqp, here, rid, route) for rid, route in d["routes"].items()],
        f"## Les {plural} de compétences {{#structure}}",
        table([singular.capitalize(), "Intitulé", "Contenu"],
              [[f"[{p['id']}]({link(here, page_of(cqp, 'referentiel'), anchor(p['id']))})", p["title"],
                _content(cqp, p)] for p in cqp.parts]),
        "## Qui intervient {#intervenants}",
        statement_block(cqp, here, d["identity"]["branch"], level=3, anchor_prefix="branche-"),
        table(["Intervenant", "Rôle", "Source"],
              [[b["name"], b["role"], b["source"]] for b in d["identity"]["bodies"]]),
        "## Le document source {#document-source}",
        f"Cette présentation reprend, avec nos mots, le document *{one_line(d['source_document']['title'])}* "
        f"({one_line(d['source_document']['issuer'])}). "
        f"Sa description se trouve sur la page [Sources]({link(here, 'sources.md', anchor(cqp.id))}).",
    ]
    return {here: page(f"CQP {cqp.short}", f"Présentation du CQP {cqp.name} : métier, public, voies d'accès.",
                       body)}


def _at_a_glance(cqp: Cqp, here: str) -> str:
    singular, plural = cqp.part_word
    routes = " et ".join(route_name(r) for r in cqp.data["routes"])
    rows = [
        ["Métier", cqp.data["trade"][0]["text"]],
        [f"{plural.capitalize()} de compétences", f"{len(cqp.parts)} {plural} : "
         + " ; ".join(f"{p['id']} {p['title']}" for p in cqp.parts)],
        ["Voies d'accès", routes],
        ["Évaluations", f"[{len(cqp.data['evaluations'])} épreuves]({link(here, page_of(cqp, 'evaluations'))})"],
        [f"Ce qui valide un {singular}", " ; ".join(
            f"{one_line(r.title)} : {r.threshold()}" for r in decisive_rules(cqp) if r.unit == "percent")
         + f" — [le détail]({link(here, page_of(cqp, 'evaluations'), 'resultat')})"],
    ]
    return "## En bref {#en-bref}\n\n" + table(["Point", "Détail"], rows)


def _route_summary(cqp: Cqp, here: str, route_id: str, route: dict) -> str:
    out = [f"### {route['title']} {{#voie-{route_id}}}", one_line(route["summary"])]
    if route.get("conditions"):
        out.append("Conditions : " + " ; ".join(one_line(c["title"]) for c in route["conditions"]) + ".")
    out.append(f"[Les étapes de la voie {route_name(route_id)} pas à pas]"
               f"({link(here, page_of(cqp, 'routes'), route_id)}){{ .md-button }}")
    out.append(source_line(route["source"]))
    return "\n\n".join(out)


def _content(cqp: Cqp, part: dict) -> str:
    if cqp.by_domains:
        return ", ".join(f"{u['id']} {u['title']}" for u in part["units"])
    return f"{len(part['competences'])} compétences"
