"""/liens/ — for organisms: a ready link to every page, competence, block, domain, rule, route and
deadline of the site, with a copy button, and the <iframe> snippet of each embeddable tool (all
generated, so a new item of the referential gets its link here without code change).

Addresses come from the site's one setting (build_scripts/site_url.py): absolute when the
site's address is configured (CQP_SITE_URL), else relative, and copier.js copies them made
absolute from where the page is served (its own address), snippets included; titles are given
in full and rules by their French title (their ids are for code). The copy buttons are added by
docs/assets/javascripts/copier.js: without JavaScript the links remain.
"""
from __future__ import annotations

from html import escape

from build_scripts.simulator.embed import EMBEDS
from build_scripts import site_url

from .anchors import places
from .md import Cqp, cqp_pages, page, page_of

HERE = "liens.md"
HERE_DIR = "liens/"  # where the page is served: relative addresses start from there


def absolute(path: str) -> str:
    return site_url.absolute(path, HERE_DIR)
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


def snippet_code(frame: str) -> str:
    """The code an organism pastes: the frame, and the script that gives it its content's
    height. The message is taken only from that frame, and only from the origin its address
    names (worked out by the organism's browser: right wherever the site is served)."""
    return (f'<iframe src="{frame}" title="" style="width:100%;border:0" height="900" '
            f'loading="lazy" allow="clipboard-write"></iframe>\n'
            "<script>\n"
            "addEventListener(\"message\", function (e) {\n"
            "  if (!e.data || e.data.type !== \"cqp:hauteur\") return;\n"
            "  var h = Number(e.data.height);\n"
            "  if (!(h > 0)) return;\n"
            "  document.querySelectorAll(\"iframe\").forEach(function (f) {\n"
            "    if (f.contentWindow !== e.source || new URL(f.src, location.href).origin !== e.origin) return;\n"
            f"    f.style.height = Math.min(Math.ceil(h), {MAX_FRAME_HEIGHT}) + \"px\";\n"
            "  });\n"
            "});\n"
            "</script>")


def _snippet(check: str, slug: str, heading: str) -> str:
    frame = absolute(f"integrer-{slug}/")
    code = snippet_code(frame).replace('title=""', f'title="{heading}"', 1)
    name = heading.split(" — ")[0]
    # data-frame: the frame's address as written here; copier.js makes it absolute (from the
    # page's own address) in the code shown and copied when the site's address is not configured.
    return (f"### {name}\n\n"
            f'<p><a href="{escape(frame, quote=True)}">Voir l\'outil « {escape(name)} » tel qu\'il s\'affichera</a></p>\n\n'
            f'<pre class="cqp-snippet" data-frame="{escape(frame, quote=True)}"><code>{escape(code)}</code></pre>\n\n'
            f'<p><button type="button" class="cqp-copy md-button" data-copy="{escape(code, quote=True)}" '
            f'data-frame="{escape(frame, quote=True)}" hidden>'
            f'Copier le code<span class="cqp-sr"> pour intégrer l\'outil « {escape(name)} »</span></button></p>')


# The frame's address in the generator's code template, replaced by the browser (never shipped
# as an address: copier.js puts the real one in its place before anything is shown).
FRAME_MARK = "{cadre}"


def _maker(cqps: list[Cqp]) -> str:
    """The snippet generator: which tool, CQP, route; the code and a live preview are written by
    copier.js (hidden without JavaScript: the ready snippets below remain)."""
    from checker import wording

    tools = "".join(f'<option value="{escape(slug)}" data-title="{escape(heading, quote=True)}">'
                    f'{escape(heading.split(" — ")[0])}</option>' for _, slug, heading in EMBEDS)
    cqp_options = "".join(f'<option value="{escape(c.id)}">{escape(c.name)}</option>' for c in cqps)
    routes = "".join(f'<option value="{r}">{escape(wording.route_label(r, long=True))}</option>'
                     for r in ("formation", "vae"))
    base = absolute("")
    return (f'<div class="cqp-embed-maker" data-maker data-base="{escape(base, quote=True)}" '
            f'data-code="{escape(snippet_code(FRAME_MARK), quote=True)}" hidden>'
            '<div class="cqp-embed-maker-choices">'
            f'<p><label for="maker-tool">Outil</label><br><select id="maker-tool">{tools}</select></p>'
            f'<p><label for="maker-cqp">CQP proposé d\'emblée</label><br><select id="maker-cqp">'
            f'<option value="">au choix du visiteur</option>{cqp_options}</select></p>'
            f'<p><label for="maker-route">Voie d\'accès proposée d\'emblée</label><br><select id="maker-route">'
            f'<option value="">au choix du visiteur</option>{routes}</select></p></div>'
            '<pre class="cqp-snippet"><code id="maker-code"></code></pre>'
            '<p><button type="button" class="cqp-copy md-button md-button--primary" id="maker-copy" data-copy="" hidden>'
            'Copier ce code<span class="cqp-sr"> d\'intégration</span></button></p>'
            '<p id="maker-preview-title">Aperçu de l\'outil tel qu\'il s\'affichera sur votre site.</p>'
            '<div class="cqp-embed-preview" id="maker-preview"></div></div>')


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
             "### Choisir l'outil, le CQP et la voie {#integrer-choisir}",
             "Choisissez ce que l'outil montre d'emblée : le code et l'aperçu suivent vos choix.",
             _maker(cqps),
             "### Les codes prêts à copier {#integrer-codes}",
             *[_snippet(*e).replace("### ", "#### ", 1) for e in EMBEDS],
             SCRIPT]
    return {HERE: page("Faire un lien vers ce site", "Liens prêts à copier vers les pages, compétences, "
                       "règles et délais des deux CQP, et le code pour intégrer le simulateur à votre site.", body)}
