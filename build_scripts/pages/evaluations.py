"""/<cqp>/evaluations/ — each evaluation (what, how long, where, who), the weights, how a
result is decided, and a worked example computed by the checker."""
from __future__ import annotations

from checker import wording

from . import example
from checker.rules import Rule

from .md import (Cqp, anchor, interpretation, link, one_line, page, page_of, part_link, route_name,
                 rule_block, rule_link, rule_of, source_line, table, topic_page)

# Rules that decide a result besides the thresholds (ids the checker reads, see rule_ids.py).
PAGE_NAMES = {"evaluations": "cette page", "routes": "Voies d'accès", "reglement": "Règlement",
              "actors": "Acteurs"}
DECISION_RULES = ("certification_all_domains", "certification_all_blocks", "domain_benefit", "block_delivery")


def decisive_rules(cqp: Cqp) -> list[Rule]:
    """The rules that decide whether a domain, a block and the CQP are obtained."""
    pass_rules = {e["pass_rule"] for e in cqp.data["evaluations"] if e.get("pass_rule")}
    return [r for r in cqp.rules
            if r.topic == "evaluations" or r.id in pass_rules
            or r.unit in ("percent", "weights") or r.id in DECISION_RULES]


def generate(cqp: Cqp) -> dict[str, str]:
    here = page_of(cqp, "evaluations")
    singular, plural = cqp.part_word
    body = [
        f"# Évaluations du CQP {cqp.short}",
        f"Le CQP compte {len(cqp.data['evaluations'])} épreuves, décrites ci-dessous {singular} par {singular}. "
        f"Pour savoir directement quel résultat valide un {singular}, voir "
        f"[Comment le résultat est décidé](#resultat).",
        "## Les épreuves {#epreuves}",
    ]
    shared = [e for e in cqp.data["evaluations"] if len(e["parts"]) > 1]
    for part in cqp.parts:
        evs = [cqp.evaluations[e] for e in part["evaluations"] if cqp.evaluations[e] not in shared]
        if not evs:
            continue
        body.append(f"### {part['id']} — {one_line(part['title'])} {{#epreuves-{anchor(part['id'])}}}")
        body.append(f"Compétences évaluées : {part_link(cqp, here, part['id'], with_title=False)} du référentiel.")
        body += [_evaluation(cqp, here, ev, 4) for ev in evs]
    if shared:
        body.append(f"### Épreuves communes à plusieurs {plural} {{#epreuves-communes}}")
        body += [_evaluation(cqp, here, ev, 4) for ev in shared]
    body += [
        "## Comment le résultat est décidé {#resultat}",
        _decision_table(cqp, here),
        *[rule_block(cqp, r, level=3) for r in cqp.rules_of("evaluations")],
        "## Exemple calculé {#exemple}",
        example.generate(cqp),
    ]
    return {here: page(f"Évaluations — {cqp.short}",
                       f"Épreuves, poids et règles de validation du CQP {cqp.name}.", body)}


def _evaluation(cqp: Cqp, here: str, ev: dict, level: int) -> str:
    rows = [["Ce qui est évalué", " · ".join(part_link(cqp, here, p) for p in ev["parts"])]]
    if ev.get("candidate_prepares"):
        rows.append(["Le candidat prépare", ev["candidate_prepares"]])
    rows.append(["Durée", ev["duration"]["text"]])
    if ev.get("place"):
        rows.append(["Lieu", ev["place"]])
    rows.append(["Évaluateurs", ev["evaluators"]])
    if ev.get("remote"):
        rows.append(["À distance", ev["remote"]])
    rows.append([wording.label(("route",)), " et ".join(
        f"[{route_name(r)}]({link(here, page_of(cqp, 'routes'), r)})" for r in ev["routes"])])
    if ev.get("pass_rule"):
        rows.append(["Réussite", f"{rule_of(cqp, ev['pass_rule']).threshold()} — "
                     + rule_link(cqp, here, ev["pass_rule"])])
    out = [f"{'#' * level} {one_line(ev['title'])} {{#{anchor(ev['id'])}}}", one_line(ev["description"])]
    if ev.get("items"):
        out.append("\n".join(f"- {one_line(i)}" for i in ev["items"]))
    out += [table(["Point", "Détail"], rows),
            source_line(ev["source"]), interpretation(ev)]
    return "\n\n".join(p for p in out if p)


def _decision_table(cqp: Cqp, here: str) -> str:
    rows = []
    for r in decisive_rules(cqp):
        value = r.threshold() if r.unit != "weights" else one_line(
            ", ".join(f"{k} {v} %" for k, v in r.data["value"].items()))
        where = PAGE_NAMES[topic_page(r.topic)]
        rows.append([rule_link(cqp, here, r.id), value or "Condition", where])
    intro = ("Ce tableau rassemble les règles qui décident du résultat ; chaque ligne renvoie à la règle "
             "complète, avec le texte du document source et notre interprétation quand il y en a une.")
    return intro + "\n\n" + table(["Règle", "Valeur", "Page de la règle"], rows)
