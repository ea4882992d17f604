"""/<cqp>/referentiel/ — every domain, unit or block with its activities, competences and
evaluation criteria, each item under its stable public anchor (#uc1-c1, #c2-4, #c2-4-i1 …)."""
from __future__ import annotations

from .md import (Cqp, anchor, evaluation_link, interpretation, one_line, page, page_of, short,
                 source_line, table)


def generate(cqp: Cqp) -> dict[str, str]:
    here = page_of(cqp, "referentiel")
    singular, plural = cqp.part_word
    intro = (
        f"Le référentiel du CQP {cqp.name} se compose de {len(cqp.parts)} {plural} de compétences. "
        + ("Chaque domaine se divise en unités ; chaque unité décrit des activités et les compétences "
           "qu'elles mobilisent." if cqp.by_domains else
           "Chaque compétence est décrite avec ses activités, son critère d'évaluation et les "
           "indicateurs qui le précisent.")
        + " Chaque élément porte un identifiant ; l'adresse de la page suivie de `#` et de "
        f"l'identifiant en minuscules (par exemple `#{_example_anchor(cqp)}`) mène directement à lui."
    )
    body = [f"# Référentiel du CQP {cqp.short}", intro]
    for part in cqp.parts:
        body.append(_domain(cqp, here, part) if cqp.by_domains else _block(cqp, here, part))
    return {here: page(f"Référentiel — {cqp.short}",
                       f"Référentiel d'activités et de compétences du CQP {cqp.name}.", body)}


def _example_anchor(cqp: Cqp) -> str:
    if cqp.by_domains:
        return anchor(cqp.parts[0]["units"][0]["competences"][0]["id"])
    return anchor(cqp.parts[-1]["competences"][-1]["id"])


def _evaluated_by(cqp: Cqp, here: str, part: dict) -> str:
    links = [evaluation_link(cqp, here, e) for e in part["evaluations"]]
    return "Évalué par : " + " · ".join(links)


def _domain(cqp: Cqp, here: str, dom: dict) -> str:
    out = [f"## {dom['id']} — {one_line(dom['title'])} {{#{anchor(dom['id'])}}}",
           _evaluated_by(cqp, here, dom), source_line(dom["source"]), interpretation(dom)]
    for unit in dom["units"]:
        out.append(f"### {unit['id']} — {one_line(unit['title'])} {{#{anchor(unit['id'])}}}")
        out.append(table(["Activité", "Intitulé"], [[_id_cell(a["id"]), a["label"]] for a in unit["activities"]]))
        out.append(table(["Compétence", "Intitulé"],
                         [[_id_cell(c["id"]), c["label"]] for c in unit["competences"]]))
        out += [source_line(unit["source"]), interpretation(unit)]
    return "\n\n".join(p for p in out if p)


def _block(cqp: Cqp, here: str, block: dict) -> str:
    out = [f"## {block['id']} — {one_line(block['title'])} {{#{anchor(block['id'])}}}",
           _evaluated_by(cqp, here, block), source_line(block["source"]), interpretation(block),
           table(["Compétence", "Critère d'évaluation", "Indicateurs"],
                 [[f"[{c['id']}](#{anchor(c['id'])})", c["criterion"]["title"],
                   str(len(c["criterion"]["indicators"]))] for c in block["competences"]])]
    for comp in block["competences"]:
        toc = f"{comp['id']} {short(comp['label'], 6)}".replace('"', "'")
        out.append(f"### {comp['id']} — {one_line(comp['label'])} "
                   f"{{#{anchor(comp['id'])} .cqp-competence data-toc-label=\"{toc}\"}}")
        acts = comp["activities"]
        out.append(f"**Activités** <span class=\"cqp-id\" id=\"{anchor(acts['id'])}\">{acts['id']}</span>\n\n"
                   + "\n".join(f"- {one_line(i)}" for i in acts["items"]))
        out.append(f"**Critère d'évaluation :** {one_line(comp['criterion']['title'])}")
        out.append(table(["Indicateur", "Ce qui est observé"],
                         [[_id_cell(i["id"]), i["label"]] for i in comp["criterion"]["indicators"]]))
        out += [source_line(comp["source"]), interpretation(comp)]
    return "\n\n".join(p for p in out if p)


def _id_cell(item_id: str) -> str:
    return f'<span class="cqp-id" id="{anchor(item_id)}">{item_id}</span>'
