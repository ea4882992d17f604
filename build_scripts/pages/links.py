"""/liens/ — for organisms: a ready link to every page, competence, block, domain, rule, route and
deadline of the site, with a copy button, and the <iframe> snippet of each embeddable tool (all
generated, so a new item of the referential gets its link here without code change).

Addresses are absolute, from the site's one setting (build_scripts/site_url.py); titles are
given in full and rules by their French title (their ids are for code). The copy buttons are
added by docs/assets/javascripts/copier.js: without JavaScript the links remain.
"""
from __future__ import annotations

from html import escape

from build_scripts.simulator.embed import EMBEDS
from build_scripts.site_url import absolute, origin

from .anchors import places
from .md import Cqp, cqp_pages, page, page_of

HERE = "liens.md"
PAGE_TITLES = {
    "presentation": "Présentation : métier, public, voies d'accès",
    "referentiel": "Référentiel : activités, compétences, critères",
    "evaluations": "Évaluations : épreuves, poids, résultat",
    "routes": "Voies d'accès : formation, VAE, délais",
    "reglement": "Règlement",
    "actors": "Évaluateurs, tuteurs, jury, organismes",
}
SITE_PAGES = [
    ("Accueil", ""), ("Comparer les deux CQP", "comparer/"), ("Simulateur", "simulateur/"),
    ("Toute une promotion : le simulateur pour un tableau de stagiaires", "simulateur/cohorte/"),
    ("Candidat", "candidat/"), ("Organisme de formation", "organisme/"), ("Évaluateur", "evaluateur/"),
    ("Tuteur ou entreprise", "tuteur/"), ("Glossaire", "glossaire/"), ("Sources", "sources/"),
    ("Pour les développeurs et les organismes", "developpeurs/"), ("Faire un lien vers ce site", "liens/"),
]
# Kinds whose ids are the référentiel's own (C1.1, B2, DC1): shown with the title. The others'
# ids are for code only.
SHOWN_IDS = {"Domaine", "Unité", "Bloc", "Compétence", "Activité", "Activités", "Indicateur"}
SCRIPT = '<script src="../assets/javascripts/copier.js" defer></script>'


def url(src: str, fragment: str | None = None) -> str:
    """Public path of a source page (directory URLs): cqp/referentiel.md → /cqp/referentiel/."""
    path = src[:-len("index.md")] if src.endswith("index.md") else src[:-len(".md")] + "/"
    return "/" + path + (f"#{fragment}" if fragment else "")


def _item(title: str, address: str) -> str:
    t, u = escape(title), escape(address, quote=True)
    return (f'<li><a href="{u}">{t}</a> <button type="button" class="cqp-copy" data-copy="{u}" hidden>'
            f'Copier le lien<span class="cqp-sr"> : {t}</span></button></li>')


def _list(items: list[tuple[str, str]]) -> str:
    return '<ul class="cqp-links">' + "".join(_item(t, a) for t, a in items) + "</ul>"


# The tallest an embedded tool may make its frame: a message asking for more, or for something
# that is not a number, cannot stretch the organism's page without end.
MAX_FRAME_HEIGHT = 12000


def _snippet(check: str, slug: str, heading: str) -> str:
    frame = absolute(f"integrer-{slug}/")
    code = (f'<iframe src="{frame}" title="{heading}" style="width:100%;border:0" height="900" '
            f'loading="lazy" allow="clipboard-write"></iframe>\n'
            "<script>\n"
            "addEventListener(\"message\", function (e) {\n"
            f"  if (e.origin !== \"{origin()}\" || !e.data || e.data.type !== \"cqp:hauteur\") return;\n"
            "  var h = Number(e.data.height);\n"
            "  if (!(h > 0)) return;\n"
            "  document.querySelectorAll(\"iframe\").forEach(function (f) {\n"
            f"    if (f.contentWindow === e.source) f.style.height = Math.min(Math.ceil(h), {MAX_FRAME_HEIGHT}) + \"px\";\n"
            "  });\n"
            "});\n"
            "</script>")
    name = heading.split(" — ")[0]
    return (f"### {name}\n\n"
            f'<p><a href="{escape(frame, quote=True)}">Voir l\'outil « {escape(name)} » tel qu\'il s\'affichera</a></p>\n\n'
            f"```html\n{code}\n```\n\n"
            f'<p><button type="button" class="cqp-copy md-button" data-copy="{escape(code, quote=True)}" hidden>'
            f'Copier le code<span class="cqp-sr"> pour intégrer l\'outil « {escape(name)} »</span></button></p>')


def _label(p) -> str:
    title = " ".join(p.label.split())
    return f"{p.item_id} — {title}" if p.kind in SHOWN_IDS else title


def generate(cqps: list[Cqp]) -> dict[str, str]:
    body = [
        "# Faire un lien vers ce site",
        "Organismes, entreprises, prescripteurs : vous pouvez renvoyer vers n'importe quelle page de ce "
        "site, et même vers une compétence, une épreuve, une règle ou un délai précis. Chaque lien "
        "ci-dessous est prêt : copiez-le avec son bouton et collez-le sur votre site ou dans un "
        "document. Ces adresses sont stables : elles ne changent pas quand le texte change.",
        '<p class="cqp-copy-status cqp-sr" role="status" aria-live="polite"></p>',
        "## Les pages {#pages}",
        _list([(t, absolute(p)) for t, p in SITE_PAGES]),
    ]
    for c in cqps:
        body += [f"## CQP {c.name} {{#{c.id}}}",
                 _list([(PAGE_TITLES[k], absolute(url(page_of(c, k)))) for k in cqp_pages()])]
        groups: dict[str, list] = {}
        for p in places(c):
            groups.setdefault(p.kind, []).append(p)
        for kind, items in groups.items():
            n = len(items)
            # Collapsed (a <details> element: opens without JavaScript).
            body.append(f'<details class="cqp-link-group"><summary>{escape(kind)} — {n} lien{"s" if n > 1 else ""}'
                        f'</summary>{_list([(_label(p), absolute(url(p.page, p.fragment))) for p in items])}</details>')
    body += ["## Intégrer un outil sur votre site {#integrer}",
             "Chaque outil du simulateur peut s'afficher dans une page de votre site, sans le menu de ce "
             "site : copiez le code ci-dessous dans votre page. Le calcul se fait dans le navigateur de "
             "votre visiteur, rien n'est envoyé ni à vous ni à nous. Le petit script qui suit le cadre "
             "ajuste sa hauteur à son contenu ; sans lui, le cadre garde la hauteur indiquée et défile. "
             "Les liens de l'outil ouvrent ce site dans un nouvel onglet.",
             *[_snippet(*e) for e in EMBEDS],
             SCRIPT]
    return {HERE: page("Faire un lien vers ce site", "Liens prêts à copier vers les pages, compétences, "
                       "règles et délais des deux CQP, et le code pour intégrer le simulateur à votre site.", body)}
