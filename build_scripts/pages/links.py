"""/liens/ — for organisms: the stable URLs and deep links of the site (all generated, so a new
item of the referential gets its link here without code change)."""
from __future__ import annotations

import textwrap

from .anchors import places
from .md import Cqp, cqp_pages, link, page, short, table

HERE = "liens.md"
PAGE_TITLES = {
    "presentation": "Présentation : métier, public, voies d'accès",
    "referentiel": "Référentiel : activités, compétences, critères",
    "evaluations": "Évaluations : épreuves, poids, résultat",
    "routes": "Voies d'accès : formation, VAE, délais",
    "reglement": "Règlement",
    "actors": "Évaluateurs, tuteurs, jury, organismes",
}


def url(src: str, fragment: str | None = None) -> str:
    """Public path of a source page (directory URLs): cqp/referentiel.md → /cqp/referentiel/."""
    path = src[:-len("index.md")] if src.endswith("index.md") else src[:-len(".md")] + "/"
    return "/" + path + (f"#{fragment}" if fragment else "")


def generate(cqps: list[Cqp]) -> dict[str, str]:
    body = [
        "# Faire un lien vers ce site",
        "Organismes, entreprises, prescripteurs : vous pouvez renvoyer vers n'importe quelle page de ce "
        "site, et même vers une compétence, une épreuve, une règle ou un délai précis. Ces adresses sont "
        "stables : elles sont construites à partir des identifiants des référentiels (`C2.4` devient "
        "`#c2-4`, la règle `domain_pass_rate` devient `#regle-domain-pass-rate`) et ne changent pas "
        "quand le texte change. Ajoutez le chemin ci-dessous à l'adresse du site.",
        "## Les pages {#pages}",
        table(["Page", "Chemin"], [
            ["Accueil", "`/`"], ["Comparer les deux CQP", "`/comparer/`"], ["Glossaire", "`/glossaire/`"],
            ["Sources", "`/sources/`"], ["Simulateur", "`/simulateur/`"],
            ["Candidat, organisme, évaluateur, tuteur", "`/candidat/`, `/organisme/`, `/evaluateur/`, `/tuteur/`"],
        ]),
        "## Les identifiants {#identifiants}",
        table(["Élément", "Exemple d'identifiant", "Ancre"], [
            ["Domaine, unité", "`DC1`, `UC1`", "`#dc1`, `#uc1`"],
            ["Activité, compétence d'une unité", "`UC1.A1`, `UC1.C1`", "`#uc1-a1`, `#uc1-c1`"],
            ["Bloc, compétence, activités, indicateur", "`B1`, `C1.1`, `A1.1`, `C1.1-I1`",
             "`#b1`, `#c1-1`, `#a1-1`, `#c1-1-i1`"],
            ["Règle", "`domain_pass_rate`", "`#regle-domain-pass-rate`"],
            ["Délai", "`results_due`", "`#delai-results-due`"],
        ]),
    ]
    for c in cqps:
        body += [f"## CQP {c.title} {{#{c.id}}}",
                 table(["Page", "Chemin"], [[f"[{PAGE_TITLES[k]}]({link(HERE, c.page(k))})", f"`{url(c.page(k))}`"]
                                            for k in cqp_pages()])]
        groups: dict[str, list] = {}
        for p in places(c):
            groups.setdefault(p.kind, []).append(p)
        for kind, items in groups.items():
            rows = [[f"[{p.item_id}]({link(HERE, p.page, p.fragment)})", short(p.label, 10), f"`{url(p.page, p.fragment)}`"]
                    for p in items]
            # Collapsed by default (a <details> element: opens without JavaScript).
            body.append(f'??? note "{kind} — {len(items)} lien{"s" if len(items) > 1 else ""}"\n\n'
                        + textwrap.indent(table(["Identifiant", "Intitulé", "Chemin"], rows), "    "))
    body += ["## Exemple {#exemple}",
             "Pour renvoyer vers une compétence depuis votre site :",
             f'```html\n<a href="https://ADRESSE-DU-SITE{url(cqps[-1].page("referentiel"), "c1-1")}">'
             "Compétence C1.1 du référentiel</a>\n```"]
    return {HERE: page("Faire un lien vers ce site", "Adresses stables et liens profonds vers les pages, "
                       "compétences, règles et délais des deux CQP.", body)}
