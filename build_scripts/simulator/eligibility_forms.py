"""Eligibility sub-forms, one per subject of the checker's `eligibility` (see the contract).

Field wording is the form's; each hint is the text of the rule the field is checked against,
taken from the referential with its link, so no threshold is written here.
"""
from __future__ import annotations

from .forms import CS, VCD, Forms


def _tutor_fields(f: Forms, fid: str, keys: list) -> str:
    c = VCD
    return "".join([
        f.checkbox(f"{fid}-volunteer", keys + ["volunteer"], "Le tuteur est volontaire",
                   f.hint(c, "tutor_volunteer")),
        f.checkbox(f"{fid}-experienced", keys + ["experienced"], "Le tuteur est expérimenté",
                   f.hint(c, "tutor_experienced")),
        f.checkbox(f"{fid}-employee", keys + ["employee_of_host_company"],
                   "Le tuteur est salarié de l'entreprise d'accueil",
                   f.hint(c, "tutor_employee_of_host_company")),
        f.checkbox(f"{fid}-chosen", keys + ["chosen_by_employer"],
                   "Le tuteur est choisi par l'employeur", f.hint(c, "tutor_chosen_by_employer")),
        f.checkbox(f"{fid}-employer", keys + ["is_employer"],
                   "Le tuteur est l'employeur lui-même (dispense des deux conditions précédentes)"),
    ])


def _head(f: Forms, subject: str, cqp: str) -> str:
    return f.hidden(["subject"], subject) + f.hidden(["cqp"], cqp)


def _tutor(f: Forms) -> str:
    return _head(f, "tutor", VCD) + _tutor_fields(f, "elig-tutor", [])


def _candidate(f: Forms) -> str:
    c = VCD
    out = [_head(f, "candidate", c),
           f.select("elig-cand-route", ["route"], "Voie d'accès", f.route_options(c))]
    formation = [
        f.text_input("elig-cand-practice", ["practice_months"],
                     "Mois de pratique des activités du CQP dans une entreprise du commerce de gros",
                     "int", f.hint(c, "practice_min_months")),
        f.checkbox("elig-cand-branch", ["company_in_branch"],
                   "L'entreprise d'accueil relève de la branche", f.hint(c, "company_in_branch")),
    ]
    formation.append(f.group(_tutor_fields(f, "elig-cand-tutor", ["tutor"]), tag="fieldset",
                             legend="Tuteur", base="tutor"))
    formation += [
        f.date_input("elig-cand-session", ["session_date"], "Date de la session (facultatif)"),
        f.date_input("elig-cand-file", ["professional_file_received_on"],
                     "Réception du dossier professionnel par l'organisme (facultatif)",
                     f.hint(c, "professional_file_notice")),
        f.select("elig-cand-region", ["region"], "Région (jours fériés, pour ce délai)",
                 [(r["id"], r["label"]) for r in f.ref["calendar"]["regions"]]),
    ]
    out.append(f.group("".join(formation), when="elig-cand-route=formation"))
    out.append(f.group(
        f.checkbox("elig-cand-telesales", ["telesales_experience"],
                   "Expérience de la vente à des professionnels ou des particuliers en télévente "
                   "ou téléprospection", f.hint(c, "vae_telesales_experience")),
        when="elig-cand-route=vae"))
    return "".join(out)


def _evaluator(f: Forms) -> str:
    c = VCD
    return "".join([
        _head(f, "evaluator", c),
        f.checkbox("elig-eval-info", ["information_session"],
                   "A suivi la session d'information", f.hint(c, "evaluator_information_session")),
        f.text_input("elig-eval-years", ["years_in_trade"],
                     "Années d'exercice, d'encadrement ou de formation au métier", "number",
                     f.hint(c, "evaluator_trade_years")),
        f.checkbox("elig-eval-assessment", ["assessment_experience_or_training"],
                   "Expérience ou formation à l'évaluation",
                   f.hint(c, "evaluator_assessment_experience")),
        f.checkbox("elig-eval-charter", ["charter_signed"], "A signé la charte de l'évaluateur",
                   f.hint(c, "evaluator_charter")),
        f.date_input("elig-eval-last", ["last_evaluation_on"],
                     "Dernière évaluation de CQP (facultatif)", f.hint(c, "evaluator_inactivity_limit")),
        f.date_input("elig-eval-asof", ["as_of"], "À la date du (facultatif)"),
    ])


def _jury(f: Forms) -> str:
    c = VCD
    out = [_head(f, "jury", c),
           f.hints(c, "jury_size", "jury_members_habilitated")]
    roles = [("organism", "Membre de l'organisme"), ("external", "Professionnel extérieur")]
    for i, default in enumerate(("organism", "external")):
        n = i + 1
        fid = f"elig-jury-m{i}"
        options = sorted(roles, key=lambda r: r[0] != default)
        body = f.select(f"{fid}-role", ["members", i, "role"], f"Membre {n} : rôle", options)
        body += f.checkbox(f"{fid}-habilitated", ["members", i, "habilitated"],
                           f"Membre {n} : habilité")
        body += f.group(f.checkbox(f"{fid}-involved", ["members", i, "involved_in_candidate_path"],
                                   f"Membre {n} : est intervenu dans le parcours du candidat",
                                   f.hint(c, "jury_member_organism")),
                        when=f"{fid}-role=organism")
        body += f.group(f.checkbox(f"{fid}-host", ["members", i, "from_host_company"],
                                   f"Membre {n} : vient de l'entreprise d'accueil du candidat",
                                   f.hint(c, "jury_member_external")),
                        when=f"{fid}-role=external")
        out.append(f.group(body, tag="fieldset", legend=f"Membre {n}"))
    return "".join(out)


def _organism(f: Forms) -> str:
    c = VCD
    roles = [("evaluation_lead", "Responsable des évaluations"),
             ("session_lead", "Responsable des sessions"),
             ("disability_referent", "Référent handicap"),
             ("admin_lead", "Responsable administratif")]
    role_fields = "".join(
        f.text_input(f"elig-org-role-{k.replace('_', '-')}", ["roles", k], f"{label} (nom)", "text")
        for k, label in roles)
    return "".join([
        _head(f, "organism", c),
        f.date_input("elig-org-asof", ["as_of"], "Date du dépôt du dossier"),
        f.checkbox("elig-org-declared", ["declared_training_body"],
                   "Organisme de formation déclaré", f.hint(c, "organism_declared")),
        f.checkbox("elig-org-qualiopi", ["qualiopi"], "Certifié Qualiopi", f.hint(c, "organism_qualiopi")),
        f.date_input("elig-org-kbis", ["kbis_dated"], "Date de l'extrait Kbis",
                     f.hint(c, "organism_document_max_age")),
        f.date_input("elig-org-record", ["criminal_record_dated"], "Date de l'extrait de casier judiciaire"),
        f.checkbox("elig-org-insurance", ["insurance_valid"], "Assurance en cours de validité",
                   f.hint(c, "organism_insurance")),
        f.text_input("elig-org-evaluators", ["evaluators_proposed"], "Nombre d'évaluateurs proposés",
                     "int", f.hint(c, "organism_min_evaluators")),
        f.text_input("elig-org-trainers", ["trainers_min_years"],
                     "Expérience minimale des formateurs (années)", "number",
                     f.hint(c, "trainer_min_years")),
        f.group(f.hints(c, "organism_roles") + role_fields,
                tag="fieldset", legend="Fonctions nommées", base="roles"),
    ])


def _jury_cs(f: Forms) -> str:
    c = CS
    out = [_head(f, "jury", c),
           f.hints(c, "jury_size", "jury_external", "jury_not_knowing_candidate")]
    for i in range(int(f.rule(c, "jury_size")["value"])):  # as many members as the rule asks
        n, fid = i + 1, f"elig-jurycs-m{i}"
        body = f.checkbox(f"{fid}-external", ["members", i, "external_to_company"],
                          f"Membre {n} : professionnel extérieur à l'entreprise du candidat", checked=True)
        body += f.checkbox(f"{fid}-knows", ["members", i, "knows_candidate"],
                           f"Membre {n} : connaît le candidat")
        out.append(f.group(body, tag="fieldset", legend=f"Membre {n}"))
    return "".join(out)


# (switch value, option label, legend, subject, cqp, renderer)
SUBJECTS = [
    ("candidate-vcd", "Un candidat — Vendeur conseil à distance", "Candidat", "candidate", VCD, _candidate),
    ("tutor-vcd", "Un tuteur — Vendeur conseil à distance", "Tuteur", "tutor", VCD, _tutor),
    ("evaluator-vcd", "Un évaluateur — Vendeur conseil à distance", "Évaluateur", "evaluator", VCD, _evaluator),
    ("jury-vcd", "Un jury — Vendeur conseil à distance", "Jury", "jury", VCD, _jury),
    ("jury-cs", "Un jury — Commercial sédentaire", "Jury", "jury", CS, _jury_cs),
    ("organism-vcd", "Un organisme (habilitation) — Vendeur conseil à distance",
     "Organisme de formation", "organism", VCD, _organism),
]
