"""/ — the home page: both CQPs at a glance, one entry per audience.

Every card leads in one click to what its reader needs (the VAE steps, the score that validates
a domain or a block), so the answer to the usual questions is two clicks from home at most.
"""
from __future__ import annotations

import textwrap

from .evaluations import decisive_rules
from .md import Cqp, link, one_line, page, page_of, route_name

HERE = "index.md"
AUDIENCES = [
    ("candidat.md", "Candidat", ":material-account-school:",
     "Savoir si le CQP est pour vous, par quelle voie y accéder, comment vous serez évalué."),
    ("organisme.md", "Organisme de formation", ":material-domain:",
     "Être habilité, organiser formations et évaluations, respecter les délais, renvoyer vers ce site."),
    ("evaluateur.md", "Évaluateur ou membre du jury", ":material-clipboard-check-outline:",
     "Les conditions pour évaluer, les épreuves à conduire, les règles qui décident du résultat."),
    ("tuteur.md", "Tuteur ou entreprise", ":material-account-tie:",
     "Accompagner un candidat dans l'entreprise : rôle du tuteur, observations, calendrier."),
]


def _more(path: str) -> str:
    """The organism's card also leads to its tools: a whole cohort, the embeds."""
    if path != "organisme.md":
        return ""
    return (f"\n\n[Toute une promotion]({link(HERE, 'simulateur/cohorte/index.md')}) · "
            f"[Intégrer un outil sur votre site]({link(HERE, 'liens.md', 'integrer')})")


def _card(body: str) -> str:
    lines = body.strip("\n").split("\n")
    return "-   " + lines[0] + "\n" + textwrap.indent("\n".join(lines[1:]), "    ")


# The first screen of a phone (360 × 640 and more) leads each reader and the simulator in one
# tap (issue 20: it held a title and a paragraph, and the way in came three screens down). A
# trainee's marks go to the simulator, which opens on the score.
START = [
    ("simulateur/index.md", "Ouvrir le simulateur", True),
    ("candidat.md", "Je suis candidat", False),
    ("simulateur/index.md", "Je suis stagiaire : mes résultats", False),
    ("organisme.md", "Organisme de formation", False),
    ("evaluateur.md", "Évaluateur ou jury", False),
    ("tuteur.md", "Tuteur ou entreprise", False),
]


def _start() -> str:
    items = "\n".join(f"- [{text}]({link(HERE, path)}){{ .md-button{' .md-button--primary' if primary else ''} }}"
                      for path, text, primary in START)
    return f'<nav class="cqp-start" aria-label="Accès rapide" markdown>\n\n{items}\n\n</nav>'


def generate(cqps: list[Cqp]) -> dict[str, str]:
    body = [
        "# Les CQP " + " et ".join(c.short for c in cqps),
        _start(),
        "Ce site explique deux certificats de qualification professionnelle (CQP) des métiers de la "
        "vente à distance entre professionnels : à qui ils s'adressent, ce qu'ils certifient, comment "
        "on les obtient par la formation ou par la VAE, et quelles règles s'appliquent aux candidats, "
        "aux organismes, aux évaluateurs et aux tuteurs. Tout ce qui est écrit ici vient des documents "
        f"officiels de chaque CQP, décrits sur la page [Sources]({link(HERE, 'sources.md')}).",
        "## Les deux CQP en bref {#cqp}",
        '<div class="grid cards" markdown>\n\n' + "\n\n".join(_card(_cqp_card(c)) for c in cqps) + "\n\n</div>",
        f"Les deux CQP côte à côte : [Comparer]({link(HERE, 'comparer.md')}).",
        "## Vous êtes… {#publics}",
        '<div class="grid cards" markdown>\n\n' + "\n\n".join(
            _card(f"{icon} **[{title}]({path})**\n\n{text}" + _more(path)) for path, title, icon, text in AUDIENCES)
        + "\n\n</div>",
        "## Pour aller plus loin {#plus-loin}",
        "\n".join([
            f"- [Le simulateur]({link(HERE, 'simulateur/index.md')}) : calculer un résultat, une éligibilité ou un délai pour "
            "une situation donnée.",
            f"- [Le glossaire]({link(HERE, 'glossaire.md')}) : les sigles et les termes des deux CQP.",
            f"- [Lire une page du site]({link(HERE, 'lire-une-page.md')}) : identifiants, règles, "
            "interprétations.",
            f"- [Faire un lien vers ce site]({link(HERE, 'liens.md')}) : les adresses stables à utiliser.",
        ]),
    ]
    return {HERE: page("Accueil", "Les CQP Vendeur conseil à distance en commerces de gros et Commercial "
                       "sédentaire du secteur alimentaire : référentiels, évaluations, voies d'accès, règlement.",
                       body)}


def _cqp_card(cqp: Cqp) -> str:
    singular, plural = cqp.part_word
    thresholds = [r for r in decisive_rules(cqp) if r.unit == "percent"]
    lines = [
        f"### {cqp.name} {{#{cqp.id}}}",
        "",
        one_line(cqp.data["trade"][0]["text"]),
        "",
        f"- {len(cqp.parts)} {plural} de compétences",
        "- Voies d'accès : " + " et ".join(route_name(r) for r in cqp.data["routes"]),
        *[f"- {one_line(r.title)} : {r.threshold()}" for r in thresholds],
        "",
        f"**[Ce qui valide un {singular}]({link(HERE, page_of(cqp, 'evaluations'), 'resultat')})** · "
        + " · ".join(f"**[La {route_name(r) if r == 'vae' else r} pas à pas]({link(HERE, page_of(cqp, 'routes'), r)})**"
                     for r in cqp.data["routes"]),
        "",
        f"[Présentation]({link(HERE, page_of(cqp, 'presentation'))}) · "
        f"[Référentiel]({link(HERE, page_of(cqp, 'referentiel'))}) · "
        f"[Évaluations]({link(HERE, page_of(cqp, 'evaluations'))}) · "
        f"[Règlement]({link(HERE, page_of(cqp, 'reglement'))}) · "
        f"[Acteurs]({link(HERE, page_of(cqp, 'actors'))})",
    ]
    return "\n".join(lines)
