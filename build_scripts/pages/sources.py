"""/sources/ — the source documents described (not copied), the referential versions, and every
interpretation note of the referentials, linked to the place where it applies."""
from __future__ import annotations

import re

from .anchors import places
from .md import Cqp, link, one_line, page, short, table

HERE = "sources.md"


def _name(p) -> str:
    """« Compétence C1.4 », « Règle : Évaluation à distance »: the referential's public codes
    (DC1, UC2, C1.4, B3…) are shown, internal ids (snake_case, kebab-case) never."""
    if re.fullmatch(r"[A-Z]{1,2}\d+(\.[A-Z]?\d+)*", p.item_id):
        return f"{p.kind} {p.item_id}"
    return f"{p.kind} : {short(p.label)}"


def generate(cqps: list[Cqp], calendar: dict, glossary: dict) -> dict[str, str]:
    body = [
        "# Sources",
        "Le site ne recopie pas les documents officiels : il en transcrit les règles, avec nos mots, dans "
        "des fichiers de données (les « référentiels » du site), et chaque page est construite à partir "
        "d'eux. Chaque élément indique la partie du document dont il vient. Là où un document est ambigu "
        "ou muet, une note « Interprétation » dit comment nous l'avons lu ; elles sont toutes "
        "[rassemblées plus bas](#interpretations).",
        "## Les documents sources {#documents}",
    ]
    for c in cqps:
        doc = c.data["source_document"]
        body += [
            f"### CQP {c.name} {{#{c.id}}}",
            table(["Point", "Détail"], [
                ["Titre", doc["title"]],
                ["Émetteur", doc["issuer"]],
                ["Nature", doc["kind"]],
                ["Ce qu'il couvre", doc["covers"]],
                ["Cité sur ce site comme", doc["cite_as"]],
                ["Version de notre transcription", f"{c.version}"],
            ]),
        ]
    body += [
        "### Jours fériés {#jours-feries}",
        f"Les délais en jours ouvrés sont comptés avec le calendrier des jours fériés du site "
        f"(version {calendar['version']}). Source : {one_line(calendar['source'])}.",
        f"*Interprétation :* {one_line(calendar['interpretation'])}" if calendar.get("interpretation") else "",
        "### Glossaire {#glossaire}",
        f"Les définitions du [glossaire]({link(HERE, 'glossaire.md')}) (version {glossary['version']}) sont "
        "rédigées par nous à partir des deux documents ; chacune dit d'où vient le terme.",
        "## Les versions {#versions}",
        "Chaque page du site indique, en bas, la version du référentiel à partir de laquelle elle a été "
        "construite.",
        table(["Référentiel", "Version"], [[f"CQP {c.name}", c.version] for c in cqps]
              + [["Jours fériés", calendar["version"]], ["Glossaire", glossary["version"]]]),
        "## Toutes les interprétations {#interpretations}",
        "Chaque note est affichée sur la page où elle s'applique ; cette liste permet de les relire "
        "toutes.",
    ]
    for c in cqps:
        rows = [[f"[{_name(p)}]({link(HERE, p.page, p.fragment)})", p.item["interpretation"]]
                for p in places(c) if p.item.get("interpretation")]
        body += [f"### {c.short} {{#interpretations-{c.id}}}",
                 table(["Élément", "Interprétation"], rows) if rows else "Aucune interprétation."]
    return {HERE: page("Sources", "Les documents officiels des deux CQP, les versions des référentiels du site "
                       "et toutes les interprétations.", body)}
