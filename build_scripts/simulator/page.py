"""The simulator's body: the engine status, three tools (tabs), their actions and results.

Without JavaScript the three forms simply follow one another; simulateur.mjs turns the list of
tools into tabs and fills the verdicts.
"""
from __future__ import annotations

from .eligibility_forms import eligibility
from .forms import Forms, a

TOOLS = [
    ("eligibility", "eligibilite", "Éligibilité",
     "Un candidat peut-il se présenter, un évaluateur évaluer, un jury siéger, un organisme être habilité ?"),
    ("score", "score", "Score",
     "Les résultats valident-ils un domaine, un bloc, le CQP ?"),
    ("deadlines", "calendrier", "Calendrier",
     "Les échéances d'une session, d'une VAE ou d'une habilitation, à partir des dates connues."),
]

EXPORT = "Enregistrer mes réponses dans un fichier"
IMPORT = "Reprendre des réponses enregistrées"


def _actions(check: str) -> str:
    return (
        f'<div class="cqp-actions" role="group" aria-label="Actions">'
        f'<button type="button" class="md-button" data-action="share">Copier le lien de partage</button>'
        # Named by what they do for the person: the file's format is nobody's business here.
        f'<button type="button" class="md-button" data-action="export">{EXPORT}</button>'
        f'<label class="md-button cqp-import">{IMPORT}'
        f'<input type="file" accept="application/json,.json" data-action="import" class="cqp-visually-hidden"></label>'
        f'<button type="button" class="md-button" data-action="print">Imprimer le résultat</button>'
        f'<button type="button" class="md-button" data-action="reset">Réinitialiser</button>'
        f'</div><p class="cqp-action-note" id="{check}-action-note" role="status"></p>'
    )


def _verdict(check: str) -> str:
    return (
        f'<section class="cqp-verdict" id="{check}-verdict" aria-labelledby="{check}-verdict-title" '
        f'tabindex="-1">'
        f'<h3 id="{check}-verdict-title">Résultat</h3>'
        # The printed recap (date, referential, site address; answers below): recap.mjs.
        f'<div class="cqp-print-only cqp-recap"></div>'
        # One sentence for screen readers, said on each change; the details below show the same.
        f'<div class="cqp-verdict-summary cqp-visually-hidden" role="status" aria-live="polite" '
        f'aria-atomic="true"></div>'
        f'<div class="cqp-verdict-details"><p>Le résultat s\'affichera ici dès que le moteur de '
        f'calcul sera prêt.</p></div>'
        f'<div class="cqp-print-only cqp-recap-answers"></div>'
        f'</section>'
    )


LOADING = "Chargement du moteur de calcul dans votre navigateur… Vous pouvez déjà remplir les formulaires."


def simulator_html(forms: Forms) -> str:
    bodies = {"eligibility": eligibility(forms), "score": forms.score(),
              "deadlines": forms.deadlines()}
    tabs = "".join(
        f'<button type="button" role="tab" id="tab-{slug}" aria-controls="outil-{slug}" '
        f'aria-selected="false" tabindex="-1" data-check="{check}">{a(title)}</button>'
        for check, slug, title, _ in TOOLS)
    panels = "".join(
        f'<section class="cqp-panel" id="outil-{slug}" data-check="{check}" aria-labelledby="titre-{slug}">'
        f'<h2 id="titre-{slug}">{a(title)}</h2><p>{a(blurb)}</p>'
        f'<form class="cqp-form" data-check="{check}" novalidate '
        f'aria-label="{a(title)} : votre situation">{bodies[check]}</form>'
        f'{_actions(check)}{_verdict(check)}</section>'
        for check, slug, title, blurb in TOOLS)
    return (
        '<div class="cqp-sim" data-cqp-sim>'
        '<div class="cqp-engine" data-engine="loading">'
        # The box keeps its height from the first paint to ready, so that the forms below do
        # not move while the engine loads: the status line is laid over an unseen copy of its
        # longest usual text (data-sizer, drawn by the stylesheet), and the progress line keeps
        # its place when it shows nothing.
        f'<div class="cqp-engine-line" data-sizer="{a(LOADING)}">'
        f'<p class="cqp-engine-loading" role="status">{LOADING}</p></div>'
        '<p class="cqp-engine-progress" hidden><progress max="1" value="0" '
        'aria-label="Téléchargement du moteur de calcul"></progress> <span></span></p>'
        '<div class="cqp-engine-failed" role="alert" hidden><p><strong>Le moteur de calcul n\'a '
        'pas pu se charger.</strong> <span class="cqp-engine-reason"></span></p>'
        '<p>Il faut un navigateur récent qui exécute WebAssembly dans un Web Worker, et que '
        'les fichiers du site se téléchargent entièrement. Les formulaires restent utilisables '
        'et enregistrés ; le reste du site n\'est pas concerné.</p>'
        '<p><button type="button" class="md-button md-button--primary" data-action="retry">'
        'Réessayer</button></p></div></div>'
        # Filled in by docs/assets/javascripts/offline.js once the simulator is kept for offline use.
        '<p class="cqp-offline" role="status" hidden></p>'
        f'<div class="cqp-tabs" role="tablist" aria-label="Outils du simulateur" hidden>{tabs}</div>'
        f'{panels}</div>'
    )
