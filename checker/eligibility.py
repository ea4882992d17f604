"""eligibility: does a candidate, tutor, evaluator, jury or organism meet the conditions?

A verdict is the product of named checks (OpenFisca style): each check is one rule of the
referential, and says in French whether it holds and why. `eligible` iff every check is ok.
"""
from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Callable

from . import inputs
from .dates import add_months, add_years, french
from .errors import SituationError
from .explain import fr
from .referentiel import Cqp, Rule
from .situation import read_cqp, read_route

SUBJECTS_VCD = ("candidate", "tutor", "evaluator", "jury", "organism")
SUBJECTS_CS = ("jury",)
TUTOR_FIELDS = ("volunteer", "experienced", "employee_of_host_company", "chosen_by_employer")
ROLE_FIELDS = ("evaluation_lead", "session_lead", "disability_referent", "admin_lead")


class Checks:
    def __init__(self):
        self.items: list[dict] = []

    def add(self, rule: Rule, ok: bool, detail: str = "", check_id: str | None = None) -> None:
        status = "Condition remplie" if ok else "Condition non remplie"
        message = f"{status} : {rule.text}" + (f" ({detail})" if detail else "")
        self.items.append({"id": check_id or rule.id, "ok": ok, "message": message,
                           "source": rule.source, "rule": rule.id, "title": rule.title,
                           "page": rule.page})

    def verdict(self, head: dict, notes: list[str] | None = None) -> dict:
        eligible = all(c["ok"] for c in self.items)
        failing = [c["title"] for c in self.items if not c["ok"]]
        explanations = list(notes or [])
        if eligible:
            explanations.insert(0, f"Toutes les conditions vérifiées sont remplies ({len(self.items)}).")
        else:
            explanations.insert(0, "Non éligible en raison de : " + " ; ".join(failing) + ".")
        refs, seen = [], set()
        for c in self.items:
            if c["rule"] not in seen:
                seen.add(c["rule"])
                refs.append({"rule": c["rule"], "title": c["title"], "page": c["page"], "source": c["source"]})
        return {**head, "eligible": eligible, "checks": self.items, "explanations": explanations,
                "references": refs}


def eligibility(situation: dict) -> dict:
    s, cqp = read_cqp(situation)
    subjects = SUBJECTS_VCD if cqp.data["structure"] == "domains" else SUBJECTS_CS
    subject = inputs.required(s, "subject", "", "l'un de " + ", ".join(subjects))
    if subject not in subjects:
        other = "" if cqp.data["structure"] == "domains" else (
            " — le livret de ce CQP ne fixe de conditions que pour le jury")
        raise SituationError("subject", f"{inputs._short(subject)} inconnu pour {cqp.id} "
                                        f"(attendu : {', '.join(subjects)}){other}")
    handler: Callable[[dict, Cqp], dict] = _HANDLERS[(cqp.data["structure"], subject)]
    return handler(s, cqp)


# --- vendeur-conseil-distance --------------------------------------------------------------

def practice_min_months(cqp: Cqp, months: Fraction) -> bool:
    """Rule `practice_min_months`: the activities practised in a wholesale company for at least N months."""
    return cqp.rule("practice_min_months").holds(months)


def tutor_conditions(cqp: Cqp, tutor: dict, path: str, checks: Checks) -> None:
    """Rules `tutor_*`: volunteer, experienced, employee of the host company, chosen by the
    employer. The employer may tutor (is_employer: true), provided he has the experience."""
    inputs.only_keys(tutor, TUTOR_FIELDS + ("is_employer",), path)
    is_employer = inputs.boolean(tutor, "is_employer", path) if inputs.present(tutor, "is_employer") else False
    for field in TUTOR_FIELDS:
        rule = cqp.rule(f"tutor_{field}")
        if is_employer and field in ("employee_of_host_company", "chosen_by_employer"):
            if inputs.present(tutor, field):
                inputs.boolean(tutor, field, path)  # still typed, though waived
            checks.add(rule, True, "l'employeur assure lui-même le tutorat")
        else:
            checks.add(rule, inputs.boolean(tutor, field, path))


def professional_file_on_time(cqp: Cqp, session: date, received: date, region: str) -> tuple[bool, date]:
    """Deadline `professional_file_due`: the dossier professionnel reaches the organism no
    later than the latest date leaving the required jours ouvrés before the session."""
    from .deadlines import deadline_date

    due, _ = deadline_date(cqp, cqp.deadline("professional_file_due"), session, region)
    return received <= due, due


def _candidate(s: dict, cqp: Cqp) -> dict:
    route = read_route(s, cqp)
    checks = Checks()
    notes: list[str] = []
    if route == "vae":
        inputs.only_keys(s, ["subject", "cqp", "route", "telesales_experience"], "")
        checks.add(cqp.rule("vae_telesales_experience"), inputs.boolean(s, "telesales_experience", ""))
        return checks.verdict({"subject": "candidate", "cqp": cqp.id, "route": route})

    inputs.only_keys(s, ["subject", "cqp", "route", "practice_months", "company_in_branch", "tutor",
                         "session_date", "professional_file_received_on", "region"], "")
    months = inputs.number(s, "practice_months", "", Fraction(0), Fraction(600),
                           "un nombre de mois entre 0 et 600")
    rule = cqp.rule("practice_min_months")
    checks.add(rule, practice_min_months(cqp, months), f"déclaré : {fr(months)} mois")
    checks.add(cqp.rule("company_in_branch"), inputs.boolean(s, "company_in_branch", ""))
    tutor = inputs.obj(inputs.required(s, "tutor", "", "un objet {" + ", ".join(TUTOR_FIELDS) + "}"), "tutor")
    tutor_conditions(cqp, tutor, "tutor", checks)
    region = _region(s)
    session = inputs.optional_date(s, "session_date", "")
    received = inputs.optional_date(s, "professional_file_received_on", "")
    file_rule = cqp.rule("professional_file_notice")
    if session and received:
        ok, due = professional_file_on_time(cqp, session, received, region)
        checks.add(file_rule, ok, f"reçu le {french(received)}, au plus tard le {french(due)}",
                   check_id="professional_file_due")
    elif session or received:
        notes.append("Délai du dossier professionnel non vérifié : il faut la date de session et la date de réception.")
    return checks.verdict({"subject": "candidate", "cqp": cqp.id, "route": route}, notes)


def _tutor(s: dict, cqp: Cqp) -> dict:
    inputs.only_keys(s, ["subject", "cqp", "route"] + list(TUTOR_FIELDS) + ["is_employer"], "")
    if inputs.present(s, "route"):
        read_route(s, cqp)
    checks = Checks()
    tutor_conditions(cqp, {k: v for k, v in s.items() if k in TUTOR_FIELDS + ("is_employer",)}, "", checks)
    return checks.verdict({"subject": "tutor", "cqp": cqp.id})


def evaluator_inactivity_limit(cqp: Cqp, last: date, as_of: date) -> tuple[bool, date]:
    """Rule `evaluator_inactivity_limit`: no CQP evaluation for N consecutive years removes the
    evaluator from the list; still listed iff as_of is before last evaluation + N years."""
    until = add_years(last, int(cqp.rule("evaluator_inactivity_limit").value))
    return as_of < until, until


def _evaluator(s: dict, cqp: Cqp) -> dict:
    inputs.only_keys(s, ["subject", "cqp", "information_session", "years_in_trade",
                         "assessment_experience_or_training", "charter_signed", "last_evaluation_on",
                         "as_of"], "")
    checks = Checks()
    checks.add(cqp.rule("evaluator_information_session"), inputs.boolean(s, "information_session", ""))
    years = inputs.number(s, "years_in_trade", "", Fraction(0), Fraction(80), "un nombre d'années entre 0 et 80")
    rule = cqp.rule("evaluator_trade_years")
    checks.add(rule, rule.holds(years), f"déclaré : {fr(years)} an(s)")
    checks.add(cqp.rule("evaluator_assessment_experience"), inputs.boolean(s, "assessment_experience_or_training", ""))
    checks.add(cqp.rule("evaluator_charter"), inputs.boolean(s, "charter_signed", ""))
    notes = []
    last = inputs.optional_date(s, "last_evaluation_on", "")
    as_of = inputs.optional_date(s, "as_of", "")
    if last and as_of:
        if last > as_of:
            raise SituationError("last_evaluation_on", f"date postérieure à as_of ({as_of.isoformat()}) : une évaluation passée est attendue")
        ok, until = evaluator_inactivity_limit(cqp, last, as_of)
        checks.add(cqp.rule("evaluator_inactivity_limit"), ok,
                   f"dernière évaluation le {french(last)} ; retrait de la liste le {french(until)}")
    elif last or as_of:
        notes.append("Inactivité non vérifiée : il faut la date de la dernière évaluation et la date de référence (as_of).")
    return checks.verdict({"subject": "evaluator", "cqp": cqp.id}, notes)


def _jury(s: dict, cqp: Cqp, read_member: Callable[[dict, str], tuple]) -> tuple[list[tuple], Checks]:
    """What both juries share: the members list, each read by read_member(member, path), and
    rule `jury_size` (how many members)."""
    inputs.only_keys(s, ["subject", "cqp", "route", "members"], "")
    if inputs.present(s, "route"):
        read_route(s, cqp)
    members = inputs.required(s, "members", "", "une liste de membres du jury")
    if not isinstance(members, list):
        raise SituationError("members", f"attendu : une liste de membres du jury, reçu : {inputs._kind(members)}")
    facts = [read_member(inputs.obj(m, f"members[{i}]"), f"members[{i}]") for i, m in enumerate(members)]
    checks = Checks()
    size = cqp.rule("jury_size")
    checks.add(size, size.holds(len(members)), f"membres déclarés : {len(members)}")
    return facts, checks


def _jury_vcd(s: dict, cqp: Cqp) -> dict:
    """Rules `jury_size`, `jury_member_organism`, `jury_member_external`, `jury_members_habilitated`."""
    def member(m: dict, path: str) -> tuple:
        role = inputs.choice(m, "role", path, ["organism", "external"])
        extra = "involved_in_candidate_path" if role == "organism" else "from_host_company"
        inputs.only_keys(m, ["role", "habilitated", extra, "name"], path)
        return role, inputs.boolean(m, extra, path), inputs.boolean(m, "habilitated", path)

    roles, checks = _jury(s, cqp, member)
    org = [r for r in roles if r[0] == "organism"]
    ext = [r for r in roles if r[0] == "external"]
    checks.add(cqp.rule("jury_member_organism"), len(org) == 1 and not org[0][1],
               _member_detail(org, "représentant de l'organisme", "a suivi le parcours du candidat"))
    checks.add(cqp.rule("jury_member_external"), len(ext) == 1 and not ext[0][1],
               _member_detail(ext, "évaluateur externe", "appartient à l'entreprise d'accueil"))
    checks.add(cqp.rule("jury_members_habilitated"), bool(roles) and all(r[2] for r in roles),
               f"{sum(1 for r in roles if r[2])} habilité(s) sur {len(roles)}")
    return checks.verdict({"subject": "jury", "cqp": cqp.id})


def _member_detail(found: list, label: str, conflict: str) -> str:
    if not found:
        return f"aucun {label}"
    if len(found) > 1:
        return f"{len(found)} membres « {label} » au lieu d'un"
    return f"{label} qui {conflict}" if found[0][1] else ""


def organism_document_max_age(cqp: Cqp, dated: date, as_of: date) -> tuple[bool, date]:
    """Rule `organism_document_max_age`: KBIS and casier judiciaire dated less than N months
    before the request: dated strictly after as_of − N months."""
    limit = add_months(as_of, -int(cqp.rule("organism_document_max_age").value))
    return dated > limit, limit


def _organism(s: dict, cqp: Cqp) -> dict:
    inputs.only_keys(s, ["subject", "cqp", "as_of", "declared_training_body", "qualiopi", "kbis_dated",
                         "criminal_record_dated", "insurance_valid", "evaluators_proposed",
                         "trainers_min_years", "roles"], "")
    checks = Checks()
    as_of = inputs.iso_date(s, "as_of", "")
    checks.add(cqp.rule("organism_declared"), inputs.boolean(s, "declared_training_body", ""))
    checks.add(cqp.rule("organism_qualiopi"), inputs.boolean(s, "qualiopi", ""))
    age = cqp.rule("organism_document_max_age")
    for field, label in (("kbis_dated", "extrait KBIS"), ("criminal_record_dated", "extrait de casier judiciaire")):
        dated = inputs.iso_date(s, field, "")
        if dated > as_of:
            raise SituationError(field, f"date postérieure à as_of ({as_of.isoformat()}) : un document déjà établi est attendu")
        ok, limit = organism_document_max_age(cqp, dated, as_of)
        checks.add(age, ok, f"{label} daté du {french(dated)} ; il doit l'être après le {french(limit)}",
                   check_id=field)
    checks.add(cqp.rule("organism_insurance"), inputs.boolean(s, "insurance_valid", ""))
    n = inputs.integer(s, "evaluators_proposed", "", 0, "un entier >= 0 (évaluateurs proposés)")
    rule = cqp.rule("organism_min_evaluators")
    checks.add(rule, rule.holds(n), f"proposés : {n}")
    years = inputs.number(s, "trainers_min_years", "", Fraction(0), Fraction(80), "un nombre d'années entre 0 et 80")
    rule = cqp.rule("trainer_min_years")
    checks.add(rule, rule.holds(years), f"formateur le moins expérimenté : {fr(years)} an(s)")
    roles = inputs.obj(inputs.required(s, "roles", "", "un objet {" + ", ".join(ROLE_FIELDS) + "}"), "roles")
    inputs.only_keys(roles, ROLE_FIELDS, "roles")
    missing = []
    for field in ROLE_FIELDS:
        value = roles.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(field)
        elif not isinstance(value, str):
            raise SituationError(f"roles.{field}", f"attendu : le nom de la personne, reçu : {inputs._kind(value)}")
    checks.add(cqp.rule("organism_roles"), not missing,
               ("non nommé(s) : " + ", ".join(missing)) if missing else "")
    return checks.verdict({"subject": "organism", "cqp": cqp.id})


# --- commercial-sedentaire -------------------------------------------------------------------

def _jury_cs(s: dict, cqp: Cqp) -> dict:
    """Rules `jury_size`, `jury_external`, `jury_not_knowing_candidate` (livret: 2 professionnels
    métiers extérieurs à l'entreprise, ne connaissant pas le candidat)."""
    def member(m: dict, path: str) -> tuple:
        inputs.only_keys(m, ["external_to_company", "knows_candidate", "name"], path)
        return inputs.boolean(m, "external_to_company", path), inputs.boolean(m, "knows_candidate", path)

    facts, checks = _jury(s, cqp, member)
    inside = sum(1 for ext, _ in facts if not ext)
    checks.add(cqp.rule("jury_external"), bool(facts) and inside == 0,
               f"{inside} membre(s) de l'entreprise" if inside else "")
    known = sum(1 for _, knows in facts if knows)
    checks.add(cqp.rule("jury_not_knowing_candidate"), bool(facts) and known == 0,
               f"{known} membre(s) connaissant le candidat" if known else "")
    return checks.verdict({"subject": "jury", "cqp": cqp.id})


def _region(s: dict) -> str:
    from .dates import region_ids

    return inputs.choice(s, "region", "", region_ids()) if inputs.present(s, "region") else region_ids()[0]


_HANDLERS = {
    ("domains", "candidate"): _candidate,
    ("domains", "tutor"): _tutor,
    ("domains", "evaluator"): _evaluator,
    ("domains", "jury"): _jury_vcd,
    ("domains", "organism"): _organism,
    ("blocks", "jury"): _jury_cs,
}
