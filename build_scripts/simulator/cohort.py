"""The cohort tool (simulateur/cohorte/) at build time: the cases an organism can check for a
whole cohort, a CSV template per case (the checker's own `template`, so that the file the page
offers is the file the checker reads), and the tool's HTML where docs/simulateur/cohorte/index.md
has `<!-- cohorte -->`.

The page loads its own scripts (docs/simulateur/cohort*.mjs) and reuses the simulator's worker:
nothing of it is loaded by the simulator page.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from checker import wording

from .forms import CS, VCD, a

PAGE = "simulateur/cohorte/index.md"
MARKER = "<!-- cohorte -->"
TEMPLATES = "simulateur/cohorte/modeles/"
# Spreadsheets open a CSV as UTF-8 only when it starts with a byte order mark.
BOM = "\ufeff"

CHECK_SLUGS = {"score": "score", "eligibility": "eligibilite", "deadlines": "calendrier"}
SUBJECTS = {"candidate": ("candidat", "des candidats"), "tutor": ("tuteur", "des tuteurs"),
            "evaluator": ("evaluateur", "des évaluateurs"), "jury": ("jury", "des jurys"),
            "organism": ("organisme", "des organismes")}


@dataclass(frozen=True)
class Case:
    check: str
    cqp: str
    route: str | None = None
    subject: str | None = None
    part: str | None = None  # one block or domain's template

    @property
    def slug(self) -> str:
        parts = [CHECK_SLUGS[self.check], self.cqp]
        if self.subject:
            parts.append(SUBJECTS[self.subject][0])
        if self.route:
            parts.append(self.route)
        if self.part:
            parts.append(self.part.lower())
        return "-".join(parts)

    def parts(self) -> list["Case"]:
        """The case's one-block templates (results of a CQP by blocks, route formation: one
        template a block is what a jury fills), none for another case."""
        from checker import referentiel

        cqp = referentiel.cqp(self.cqp)
        if self.check != "score" or self.part or cqp.by_domains or self.route != "formation":
            return []
        return [Case(self.check, self.cqp, self.route, self.subject, p["id"]) for p in cqp.parts]

    @property
    def file(self) -> str:
        return f"modele-{self.slug}.csv"

    def title(self, cqps: dict) -> str:
        what = wording.check_name(self.check)
        if self.subject:
            what += " " + SUBJECTS[self.subject][1]
        route = f", {wording.route_label(self.route).lower()}" if self.route else ""
        return f"{what} — {cqps[self.cqp]['title']}{route}"


# In the order an organism meets them: results first (the jury's preparation), then access.
CASES = [
    Case("score", CS, "formation"), Case("score", CS, "vae"),
    Case("score", VCD, "formation"), Case("score", VCD, "vae"),
    Case("eligibility", VCD, "formation", "candidate"), Case("eligibility", VCD, "vae", "candidate"),
    Case("eligibility", VCD, None, "tutor"), Case("eligibility", VCD, None, "evaluator"),
    Case("eligibility", VCD, None, "jury"), Case("eligibility", CS, None, "jury"),
    Case("deadlines", VCD, "formation"), Case("deadlines", VCD, "vae"),
]


def template_text(case: Case) -> str:
    """The template file: the checker's header line and its example row, for a spreadsheet
    (BOM, CRLF)."""
    import checker
    from checker.cohort import example_row

    return (BOM + checker.template(case.check, case.cqp, case.route, case.subject, part=case.part) + "\r\n"
            + example_row(case.check, case.cqp, case.route, case.subject, part=case.part) + "\r\n")


def template_files() -> dict[str, str]:
    return {TEMPLATES + c.file: template_text(c) for case in CASES for c in [case, *case.parts()]}


def _part_links(case: Case, templates: str) -> str:
    """The one-block templates of a case as the page lists them: [{label, href}] in JSON."""
    return json.dumps([{"label": f"bloc {c.part[1:]}" if c.part.startswith("B") else c.part,
                        "href": templates + c.file} for c in case.parts()], ensure_ascii=False)


def cohort_html(cqps: dict, templates: str = "modeles/") -> str:
    """The tool: the case and its template, the file, the table and its outputs. Without
    JavaScript the templates can still be downloaded (the list at the end). `templates`: the
    templates' folder as seen from the page."""
    options = "".join(
        f'<option value="{i}" data-check="{c.check}" data-cqp="{c.cqp}"'
        + (f' data-route="{c.route}"' if c.route else "") + (f' data-subject="{c.subject}"' if c.subject else "")
        + f' data-template="{templates}{c.file}" data-parts="{a(_part_links(c, templates))}">'
        f'{a(c.title(cqps))}</option>' for i, c in enumerate(CASES))
    all_templates = "".join(
        f'<li><a href="{templates}{c.file}" download>{a(c.title(cqps))}</a>'
        + ("".join(f' · <a href="{templates}{p.file}" download>bloc {p.part[1:]} seul</a>' for p in c.parts()))
        + '</li>' for c in CASES)
    session = wording.label(("session_date",), "score")  # the field table's words
    # The first case's one-block templates, as the script writes them for any case chosen.
    first_parts = ", ".join(f'<a href="{p["href"]}" download>{a(p["label"])}</a>'
                            for p in json.loads(_part_links(CASES[0], templates)))
    return f"""
<div class="cqp-cohort" data-cqp-cohort>
<div class="cqp-engine" data-engine="loading"><p class="cqp-engine-loading" role="status">Chargement du moteur de calcul (dans votre navigateur)…</p>
<p class="cqp-engine-failed" hidden>Le moteur de calcul n'a pas pu se charger <span class="cqp-engine-reason"></span>. <button type="button" class="md-button" data-action="retry">Réessayer</button></p></div>
<section class="cqp-cohort-step" aria-labelledby="cohorte-cas">
<h2 id="cohorte-cas">1. Ce que vous vérifiez</h2>
<p><label for="cohort-case">Vérification, CQP et voie d'accès</label><br>
<select id="cohort-case" name="cas">{options}</select></p>
<p><a class="md-button" id="cohort-template" href="{templates}{CASES[0].file}" download>Télécharger le modèle de tableau (CSV)</a></p>
<p class="cqp-cohort-parts" id="cohort-parts"{"" if first_parts else " hidden"}>Ou un modèle pour un seul bloc : <span>{first_parts}</span></p>
<p class="cqp-hint">Une ligne par stagiaire, une colonne par résultat. Le CQP et la voie choisis ici valent pour tout le tableau : leurs colonnes peuvent rester vides. La deuxième ligne, « Exemple », montre comment écrire chaque valeur ; laissée telle quelle, elle est ignorée. Laissez vide ce qui n'est pas encore connu. La colonne « candidat » est libre (nom, numéro de dossier). Ne modifiez pas les en-têtes : la fin de chacun, entre parenthèses, est la référence que le calcul lit.</p>
</section>
<section class="cqp-cohort-step" aria-labelledby="cohorte-fichier">
<h2 id="cohorte-fichier">2. Votre tableau</h2>
<div class="cqp-drop" data-drop>
<p><label class="md-button md-button--primary cqp-file">Choisir un fichier CSV<input type="file" id="cohort-file" accept=".csv,.txt,text/csv,text/plain" class="cqp-visually-hidden"></label></p>
<p>ou déposez-le ici. Enregistrez votre classeur au format CSV : « CSV (séparateur : point-virgule) » ou « CSV UTF-8 » d'Excel, « Texte CSV » de LibreOffice.</p>
</div>
<details class="cqp-paste"><summary>Coller des cellules copiées d'un tableur</summary>
<p><label for="cohort-paste">Cellules copiées, ligne d'en-tête comprise</label><br>
<textarea id="cohort-paste" rows="5" spellcheck="false"></textarea></p>
<p><button type="button" class="md-button" data-action="paste">Calculer ces lignes</button></p>
</details>
<p><label><input type="checkbox" id="cohort-keep"> Garder ce tableau sur cet appareil</label></p>
<div class="cqp-cohort-progress" hidden><progress id="cohort-progress" max="1" value="0" aria-label="Avancement du calcul"></progress></div>
<p class="cqp-cohort-status" id="cohort-status" role="status" aria-live="polite"></p>
</section>
<section class="cqp-cohort-step cqp-cohort-results" aria-labelledby="cohorte-resultats" hidden>
<h2 id="cohorte-resultats">3. Résultats</h2>
<p class="cqp-cohort-summary"></p>
<div class="cqp-cohort-controls">
<p><label for="cohort-filter">Afficher</label><br><select id="cohort-filter">
<option value="all">toutes les lignes</option><option value="failed">les résultats défavorables</option>
<option value="incomplete">les résultats incomplets</option><option value="errors">les lignes à corriger</option></select></p>
<p><label for="cohort-sort">Trier par</label><br><select id="cohort-sort">
<option value="row">ordre du fichier</option><option value="label">nom</option><option value="status">résultat</option></select></p>
</div>
<div class="cqp-table-wrap" role="region" aria-labelledby="cohorte-resultats" tabindex="0"><table class="cqp-cohort-table"></table></div>
<div class="cqp-actions" role="group" aria-label="Exporter et imprimer">
<button type="button" class="md-button" data-action="export">Exporter le tableau (CSV)</button>
<button type="button" class="md-button" data-action="print-sheets">Imprimer les fiches de résultats</button>
<button type="button" class="md-button" data-action="print-pv">Imprimer la préparation du procès-verbal</button>
</div>
<div class="cqp-cohort-controls cqp-cohort-pv-facts">
<p><label for="cohort-organism">Organisme (pour le procès-verbal)</label><br><input type="text" id="cohort-organism" autocomplete="organization" data-fact="Organisme"></p>
<p><label for="cohort-session">{a(session)} (pour le procès-verbal)</label><br><input type="date" id="cohort-session" data-fact="{a(session)}"></p>
</div>
</section>
<div class="cqp-cohort-print" id="cohort-print"></div>
<details class="cqp-cohort-templates"><summary>Tous les modèles de tableau</summary><ul>{all_templates}</ul></details>
</div>
"""


def cohort_page(markdown: str, html: str, config: dict) -> str:
    """docs/simulateur/cohorte/index.md with the tool at its marker and the worker's
    configuration in its front matter (read by overrides/cohorte/page.html)."""
    if MARKER not in markdown or not markdown.startswith("---\n"):
        raise ValueError(f"docs/{PAGE} needs a front matter and the marker {MARKER}")
    head, body = markdown[4:].split("\n---\n", 1)
    head += "\nsimulateur: " + json.dumps(config, ensure_ascii=False)
    return f"---\n{head}\n---\n" + body.replace(MARKER, html, 1)


def relative_config(config: dict, up: str) -> dict:
    """The simulator's configuration for a page `up` levels away from simulateur/: the worker
    is the simulator's own (its URL resolves against the page's address)."""
    return {**config, "worker": up + "simulateur/" + config["worker"]}
