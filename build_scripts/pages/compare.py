"""/comparer/ — both CQPs side by side: structure, evaluations, thresholds, routes, règlement."""
from __future__ import annotations

from .evaluations import DECISION_RULES, decisive_rules
from .md import Cqp, link, one_line, page, page_of, route_name, table

HERE = "comparer.md"


def _rows(c: Cqp) -> list[tuple[str, str]]:
    singular, plural = c.part_word
    p = lambda kind, frag=None: link(HERE, page_of(c, kind), frag)  # noqa: E731
    if c.by_domains:
        units = sum(len(d["units"]) for d in c.parts)
        comps = sum(len(u["competences"]) for d in c.parts for u in d["units"])
        detail = f"{units} unités, {comps} compétences"
    else:
        comps = sum(len(b["competences"]) for b in c.parts)
        inds = sum(len(x["criterion"]["indicators"]) for b in c.parts for x in b["competences"])
        detail = f"{comps} compétences, {inds} indicateurs d'évaluation"
    evs = c.data["evaluations"]
    kinds: dict[str, int] = {}
    for e in evs:
        kinds[e["title"]] = kinds.get(e["title"], 0) + 1
    weights = [r for r in c.rules if r.unit == "weights"]
    return [
        ("Métier", one_line(c.data["trade"][0]["text"])),
        ("Porté par", one_line(c.data["identity"]["branch"]["title"])),
        ("Document source", one_line(c.data["source_document"]["kind"])),
        ("Structure", f"[{len(c.parts)} {plural}]({p('referentiel')}) : "
         + " ; ".join(f"{x['id']} {one_line(x['title'])}" for x in c.parts) + f" ({detail})"),
        ("Épreuves", f"[{len(evs)} épreuves]({p('evaluations')}) : "
         + " ; ".join(f"{t}{f' (×{n})' if n > 1 else ''}" for t, n in kinds.items())),
        ("Poids des épreuves", " ; ".join(r.text for r in weights) if weights else
         f"Pas de pondération : chaque {singular} a sa propre épreuve."
         if all(len(x["evaluations"]) == 1 for x in c.parts) else "—"),
        ("Seuils", " ; ".join(f"[{one_line(r.title)}]({p('evaluations', 'resultat')}) : {r.threshold()}"
                              for r in decisive_rules(c) if r.unit == "percent")),
        ("Obtention du CQP et acquis partiels", " ".join(
            c.rule(r).text for r in DECISION_RULES if c.has_rule(r))),
        ("Voies d'accès", " ; ".join(f"[{route_name(rid)}]({p('routes', rid)}) : {one_line(r['summary'])}"
                                     for rid, r in c.data["routes"].items())),
        ("Délais fixés", f"[{len(c.data['deadlines'])} délais]({p('routes', 'delais')})" if c.data["deadlines"]
         else "Aucun délai fixé par le document source."),
        ("Jury", one_line(c.data["actors"]["jury"]["summary"]) if "jury" in c.data["actors"] else "—"),
        ("Règlement", f"[{len(c.data['reglement'])} points]({p('reglement')}) : "
         + " ; ".join(one_line(s["title"]) for s in c.data["reglement"])),
    ]


def generate(cqps: list[Cqp]) -> dict[str, str]:
    columns = [_rows(c) for c in cqps]
    rows = [[f"**{columns[0][i][0]}**", *[col[i][1] for col in columns]] for i in range(len(columns[0]))]
    body = [
        "# Comparer les deux CQP",
        "Les deux CQP mènent à des métiers voisins de la vente à distance, mais leurs documents "
        "sources ne sont pas du même genre et ne règlent pas les mêmes points. Le tableau les "
        "met côte à côte ; chaque case renvoie à la page détaillée.",
        table(["", *[f"[{c.short}]({link(HERE, page_of(c, 'presentation'))})" for c in cqps]], rows)
        .replace("|  |", "| Point |", 1),
    ]
    return {HERE: page("Comparer les deux CQP", "Les CQP Vendeur conseil à distance et Commercial sédentaire "
                       "côte à côte : blocs, évaluations, seuils, voies d'accès.", body)}
