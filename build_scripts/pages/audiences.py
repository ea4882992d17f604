"""/candidat/, /organisme/, /evaluateur/, /tuteur/ — one page per audience: what that person
must know and do, for each CQP (one content tab per CQP), linked to the full pages."""
from __future__ import annotations

import re
import textwrap

from checker import wording

from .evaluations import decisive_rules
from .md import (Cqp, deadline_anchor, deadline_sentence, evaluation_link, link, one_line, page,
                 page_of, route_name, rule_link)


def _tabs(cqps: list[Cqp], render) -> str:
    # Content tabs are CSS-only (radio buttons): they work without JavaScript and print.
    return "\n\n".join(f'=== "{c.short}"\n\n' + textwrap.indent(render(c).strip(), "    ") for c in cqps)


def _who(text: str | None, *words: str) -> bool:
    return bool(text) and any(w in text.lower() for w in words)


def _steps_for(cqp: Cqp, here: str, *words: str) -> list[str]:
    out = []
    for rid, route in cqp.data["routes"].items():
        for i, st in enumerate(route["steps"], 1):
            if _who(st.get("who"), *words):
                out.append(f"- {route_name(rid)}, étape {i} : "
                           f"[{one_line(st['title'])}]({link(here, page_of(cqp, 'routes'), rid + '-' + st['id'])})")
    return out


def _deadlines_for(cqp: Cqp, here: str, *words: str) -> list[str]:
    return [f"- [{dl['label']}]({link(here, page_of(cqp, 'routes'), deadline_anchor(dl['id']))}) : "
            f"{deadline_sentence(cqp, here, dl)}"
            for dl in cqp.data["deadlines"] if _who(dl["who"], *words)]


def _actor(cqp: Cqp, here: str, actor_id: str) -> list[str]:
    actor = cqp.data["actors"].get(actor_id)
    if not actor:
        return []
    items = []
    for st in actor["items"]:
        items.append(f"- [{one_line(st['title'])}]({link(here, page_of(cqp, 'actors'), actor_id + '-' + st['id'])}) : "
                     f"{one_line(st['text'])}")
        # A text that announces a list (« … doit : ») is followed by that list, nested.
        items += [f"    - {one_line(i)}" for i in st.get("items", [])]
    return [f"**{one_line(actor['title'])}.** {one_line(actor['summary'])}", "\n".join(items)]


def _thresholds(cqp: Cqp, here: str) -> str:
    return "\n".join(f"- {rule_link(cqp, here, r.id)} : {r.threshold()}"
                     for r in decisive_rules(cqp) if r.unit == "percent")


_FIGURE = re.compile(r"\{amount:([a-z0-9_]+)\}")


def _contacts(cqp: Cqp, *keys: str) -> list[str]:
    """« À qui vous adresser »: the body the seed names for each route (referentiels/site.yaml,
    `contacts`), then the publisher's contact details when set, never an invented address."""
    said = wording.data().get("contacts", {}).get(cqp.id, {})
    items = [f"- **{route_name(k) if k in cqp.data['routes'] else 'Évaluateur'}** : "
             + one_line(_FIGURE.sub(lambda m: cqp.rule(m.group(1)).amount(), said[k]))
             for k in keys if k in said]
    if not items:
        return []
    publisher = wording.data().get("publisher_contact", "").strip()
    last = (f"Pour une question sur ce site : {one_line(publisher)}" if publisher else
            "Ce site ne publie pas de coordonnées : adressez-vous à l'organisme ou à l'instance nommés ci-dessus.")
    return ["**À qui vous adresser.**", "\n".join(items), last]


def candidat(cqp: Cqp) -> str:
    here = "candidat.md"
    singular, _ = cqp.part_word
    pres = page_of(cqp, "presentation")
    out = [f"**Le métier.** {one_line(cqp.data['trade'][0]['text'])} "
           f"[Présentation du CQP]({link(here, pres)})",
           "**Pour qui.**",
           "\n".join(f"- [{one_line(st['title'])}]({link(here, pres, 'public-' + st['id'])}) : {one_line(st['text'])}"
                     for st in cqp.data["public"]),
           "**Les voies d'accès.**",
           "\n".join(f"- **[{one_line(route['title'])}]({link(here, page_of(cqp, 'routes'), rid)})** : "
                     f"{one_line(route['summary'])}"
                     + (" Conditions : " + " ; ".join(one_line(c["title"]) for c in route.get("conditions", [])) + "."
                        if route.get("conditions") else "")
                     for rid, route in cqp.data["routes"].items()),
           *_contacts(cqp, *cqp.data["routes"]),
           f"**Ce qui valide un {singular}** ([le détail et un exemple calculé]"
           f"({link(here, page_of(cqp, 'evaluations'), 'resultat')})) :",
           _thresholds(cqp, here)]
    steps = _steps_for(cqp, here, "candidat")
    if steps:
        out += ["**Ce que vous faites vous-même :**", "\n".join(steps)]
    out += ["**Le règlement** (rattrapage, fraude, handicap, conservation des acquis… selon le document source) :",
            "\n".join(f"- [{one_line(st['title'])}]({link(here, page_of(cqp, 'reglement'), st['id'])})"
                      for st in cqp.data["reglement"])]
    return "\n\n".join(out)


def organisme(cqp: Cqp) -> str:
    here = "organisme.md"
    out = _actor(cqp, here, "organismes")
    dls = _deadlines_for(cqp, here, "organisme")
    if dls:
        out += ["**Vos délais :**", "\n".join(dls)]
    steps = _steps_for(cqp, here, "organisme")
    if steps:
        out += ["**Vos étapes dans le parcours des candidats :**", "\n".join(steps)]
    out.append(f"Pour tout le détail : [Acteurs]({link(here, page_of(cqp, 'actors'), 'organismes')}) · "
               f"[Évaluations]({link(here, page_of(cqp, 'evaluations'))}) · "
               f"[Règlement]({link(here, page_of(cqp, 'reglement'))}) · "
               f"[Liens à utiliser sur votre site]({link(here, 'liens.md', cqp.id)})")
    return "\n\n".join(out)


def evaluateur(cqp: Cqp) -> str:
    here = "evaluateur.md"
    out = _actor(cqp, here, "evaluateurs") + _actor(cqp, here, "jury") + _contacts(cqp, "evaluator")
    out += ["**Les épreuves :**", "\n".join(
        f"- {evaluation_link(cqp, here, e['id'])} ({', '.join(e['parts'])}) : {one_line(e['duration']['text'])}"
        for e in cqp.data["evaluations"])]
    out += ["**Ce qui décide du résultat :**", _thresholds(cqp, here)]
    dls = _deadlines_for(cqp, here, "évaluateur", "evaluateur")
    if dls:
        out += ["**Vos délais :**", "\n".join(dls)]
    return "\n\n".join(out)


def tuteur(cqp: Cqp) -> str:
    here = "tuteur.md"
    out = _actor(cqp, here, "tuteurs")
    evs = [e for e in cqp.data["evaluations"] if e["kind"] == "tuteur" or _who(e["evaluators"], "tuteur")]
    if evs:
        out += ["**Les évaluations où le tuteur intervient :**", "\n".join(
            f"- {evaluation_link(cqp, here, e['id'])} ({', '.join(e['parts'])})" for e in evs)]
    steps = _steps_for(cqp, here, "tuteur", "entreprise", "employeur")
    if steps:
        out += ["**Les étapes qui concernent le tuteur ou l'entreprise :**", "\n".join(steps)]
    dls = _deadlines_for(cqp, here, "tuteur", "entreprise")
    if dls:
        out += ["**Délais :**", "\n".join(dls)]
    if not out:
        out.append("Le document source de ce CQP ne dit rien du tuteur ni de l'entreprise.")
    return "\n\n".join(out)


PAGES = [
    ("candidat.md", "Vous êtes candidat", "Candidat : ce qu'il faut savoir et faire pour obtenir un des deux CQP.",
     "Ce qu'il faut savoir pour choisir une voie d'accès et se préparer aux évaluations, CQP par CQP.", candidat),
    ("organisme.md", "Vous êtes un organisme de formation",
     "Organisme : habilitation, missions et délais pour former et évaluer les candidats aux CQP.",
     "Ce que le document de chaque CQP demande aux organismes qui forment, accompagnent ou évaluent "
     "les candidats.", organisme),
    ("evaluateur.md", "Vous êtes évaluateur ou membre du jury",
     "Évaluateur : conditions, épreuves et règles de décision des CQP.",
     "Les conditions pour évaluer, les épreuves à conduire et les règles qui décident du résultat.", evaluateur),
    ("tuteur.md", "Vous êtes tuteur ou représentez l'entreprise",
     "Tuteur et entreprise : rôle, observations et délais dans le parcours CQP.",
     "Le rôle du tuteur et de l'entreprise d'accueil dans le parcours du candidat.", tuteur),
]


def _tools(here: str) -> str:
    """The organism's tools, before the CQPs' tabs: a whole cohort at once, and the embeds."""
    return (f"**Vos outils.** [Toute une promotion]({link(here, 'simulateur/cohorte/index.md')}) : les "
            "résultats, l'éligibilité ou le calendrier de tous vos stagiaires d'un coup, à partir d'un "
            "tableau, calculés dans votre navigateur. "
            f"[Intégrer un outil sur votre site]({link(here, 'liens.md', 'integrer')}) : le simulateur "
            "dans une page de votre site, réglé d'emblée sur votre CQP et votre voie d'accès.")


def generate(cqps: list[Cqp]) -> dict[str, str]:
    return {path: page(title, description, [f"# {title}", intro]
                       + ([_tools(path)] if render is organisme else []) + [_tabs(cqps, render)])
            for path, title, description, intro, render in PAGES}
