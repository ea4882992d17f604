"""Where every item of a referential is shown on the site: page and anchor.

Used by the Sources page (every interpretation note, linked to where it applies), the Liens
page (the deep links an organism may use) and the tests (every anchor must exist).
"""
from __future__ import annotations

import functools
from typing import Iterator, NamedTuple

from checker import wording

from .md import Cqp, anchor, deadline_anchor, page_of, rule_anchor, topic_page


class Place(NamedTuple):
    kind: str        # what the item is, in French (« Compétence », « Règle » …)
    item_id: str     # its id in the referential
    label: str       # its title or label
    page: str        # source page (…/referentiel.md)
    fragment: str    # anchor on that page
    item: dict       # the item itself


def places(cqp: Cqp) -> Iterator[Place]:
    """Every item of the referential that has its own anchor on the site, in page order."""
    d, p = cqp.data, functools.partial(page_of, cqp)
    for st in d["trade"]:
        yield Place("Métier", st["id"], st["title"], p("presentation"), f"metier-{st['id']}", st)
    for st in d["public"]:
        yield Place("Public", st["id"], st["title"], p("presentation"), f"public-{st['id']}", st)
    br = d["identity"]["branch"]
    yield Place("Branche", br["id"], br["title"], p("presentation"), f"branche-{br['id']}", br)
    ref = p("referentiel")
    for part in cqp.parts:
        word = "Domaine" if cqp.by_domains else "Bloc"
        yield Place(word, part["id"], part["title"], ref, anchor(part["id"]), part)
        if cqp.by_domains:
            for unit in part["units"]:
                yield Place("Unité", unit["id"], unit["title"], ref, anchor(unit["id"]), unit)
                for a in unit["activities"]:
                    yield Place("Activité", a["id"], a["label"], ref, anchor(a["id"]), a)
                for c in unit["competences"]:
                    yield Place("Compétence", c["id"], c["label"], ref, anchor(c["id"]), c)
        else:
            for c in part["competences"]:
                yield Place("Compétence", c["id"], c["label"], ref, anchor(c["id"]), c)
                acts = c["activities"]
                yield Place("Activités", acts["id"], "; ".join(acts["items"]), ref, anchor(acts["id"]), acts)
                for i in c["criterion"]["indicators"]:
                    yield Place("Indicateur", i["id"], i["label"], ref, anchor(i["id"]), i)
    for ev in d["evaluations"]:
        yield Place("Épreuve", ev["id"], ev["title"], p("evaluations"), anchor(ev["id"]), ev)
    for rid, route in d["routes"].items():
        yield Place(wording.label(("route",)), rid, route["title"], p("routes"), rid, route)
        for st in route.get("conditions", []) + route["steps"]:
            yield Place("Étape" if st in route["steps"] else "Condition", st["id"], st["title"],
                        p("routes"), f"{rid}-{st['id']}", st)
    for dl in d["deadlines"]:
        yield Place("Délai", dl["id"], dl["label"], p("routes"), deadline_anchor(dl['id']), dl)
    for st in d["reglement"]:
        yield Place("Règlement", st["id"], st["title"], p("reglement"), st["id"], st)
    for actor_id, actor in d["actors"].items():
        yield Place("Acteurs", actor_id, actor["title"], p("actors"), actor_id, actor)
        for st in actor["items"]:
            yield Place("Acteurs", st["id"], st["title"], p("actors"), f"{actor_id}-{st['id']}", st)
    for r in d["rules"]:
        yield Place("Règle", r["id"], r["title"], p(topic_page(r["topic"])), rule_anchor(r['id']), r)
