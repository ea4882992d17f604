"""eligibility: does a candidate, tutor, evaluator, jury or organism meet the conditions?

A verdict is the product of named checks (OpenFisca style): each check is one rule of the
referential and a step of the trace; `eligible` iff every check is ok. The whole situation is
read (every problem recorded) before anything is decided.
"""
from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Callable

from . import explain, fields, wording
from .french import typeset
from .dates import add_months, add_years, region_ids
from .deadlines import deadline_date
from .inputs import INVALID, Reader, kind_of, short
from .referentiel import Cqp
from .situation import read_cqp, read_route
from .trace import Trace

SUBJECTS_VCD = ("candidate", "tutor", "evaluator", "jury", "organism")
SUBJECTS_CS = ("candidate", "jury")
TUTOR_FIELDS = ("volunteer", "experienced", "employee_of_host_company", "chosen_by_employer")
ROLE_FIELDS = ("evaluation_lead", "session_lead", "disability_referent", "admin_lead")


def eligibility(situation: dict) -> dict:
    r, s, cqp = read_cqp(situation, "eligibility")
    subjects = SUBJECTS_VCD if cqp.by_domains else SUBJECTS_CS
    subject = r.required(s, "subject", (), "l'un de " + ", ".join(subjects))
    if isinstance(subject, str):  # « Jury », « évaluateur »: the words people read name it too
        subject = fields.read_choice(subject, {x: fields.labels(("subject",), x) for x in SUBJECTS_VCD}) or subject
    if subject is not INVALID and subject not in subjects:
        other = "" if cqp.by_domains else " — le livret de ce CQP ne fixe de conditions que pour le candidat et le jury"
        r.fail(("subject",), "unknown", f"{short(subject)} inconnu pour {cqp.id} "
                                        f"(attendu : {', '.join(subjects)}){other}",
               "une personne ou une instance dont ce CQP fixe les conditions" + other)
    if subject is INVALID or subject not in subjects:
        r.done()
    r.subject = subject
    handler: Callable[[Reader, dict, Cqp], dict] = _HANDLERS[(cqp.data["structure"], subject)]
    return handler(r, s, cqp)


def _verdict(cqp: Cqp, trace: Trace, head: dict) -> dict:
    checks = []
    for step in trace.steps:
        if step["status"] != "decided":
            continue
        rule = cqp.rule(step["rule"])
        checks.append({"id": step.get("check") or rule.id, "ok": step["ok"],
                       "message": explain.check_message(cqp, step), "source": typeset(rule.source),
                       "rule": rule.id, "title": typeset(rule.title), "page": rule.page})
    eligible = all(c["ok"] for c in checks)
    texts = explain.eligibility_texts(cqp, trace, checks, head.get("subject"), head.get("route"))
    return {**head, "eligible": eligible, "checks": checks, **texts}


def _condition(trace: Trace, cqp: Cqp, rule_id: str, value: bool, field: str, **extra) -> None:
    """A yes/no condition of the referential, as the person answered it."""
    trace.step(rule_id, ok=value, inputs={field: value}, measured=value, **extra)


# --- vendeur-conseil-distance --------------------------------------------------------------

def practice_min_months(cqp: Cqp, months: Fraction) -> bool:
    """Rule `practice_min_months`: the activities practised in a wholesale company long enough."""
    return cqp.rule("practice_min_months").holds(months)


def _read_tutor(r: Reader, tutor: dict, path: tuple) -> dict:
    r.only_keys(tutor, TUTOR_FIELDS + ("is_employer",), path)
    is_employer = r.boolean(tutor, "is_employer", path) if r.present(tutor, "is_employer") else False
    answers = {}
    for field in TUTOR_FIELDS:
        if is_employer and field in ("employee_of_host_company", "chosen_by_employer"):
            if r.present(tutor, field):
                r.boolean(tutor, field, path)  # still typed, though waived
            continue
        answers[field] = r.boolean(tutor, field, path)
    return {"is_employer": bool(is_employer), "answers": answers}


def tutor_conditions(cqp: Cqp, tutor: dict, trace: Trace) -> None:
    """Rules `tutor_*`: volunteer, experienced, employee of the host company, chosen by the
    employer. The employer may tutor (is_employer: true), provided he has the experience."""
    for field in TUTOR_FIELDS:
        rule = f"tutor_{field}"
        if field in tutor["answers"]:
            _condition(trace, cqp, rule, tutor["answers"][field], field)
        else:
            trace.step(rule, ok=True, inputs={"is_employer": True}, measured=True, waived=True)


def professional_file_on_time(cqp: Cqp, session: date, received: date, region: str) -> tuple[bool, date]:
    """Deadline `professional_file_due`: the dossier professionnel reaches the organism no
    later than the latest date leaving the required jours ouvrés before the session."""
    dl = cqp.deadline("professional_file_due")
    due, _ = deadline_date(cqp, dl, session, region)
    rule = cqp.rule(dl["offset"]["rule"])
    return rule.holds_by_deadline(received, due, dl["offset"]["direction"]), due


def _candidate(r: Reader, s: dict, cqp: Cqp) -> dict:
    route = read_route(r, s, cqp)
    trace = Trace()
    if route == "vae":
        r.only_keys(s, ["subject", "cqp", "route", "telesales_experience"], ())
        telesales = r.boolean(s, "telesales_experience", ())
        r.done()
        _condition(trace, cqp, "vae_telesales_experience", telesales, "telesales_experience")
        return _verdict(cqp, trace, {"subject": "candidate", "cqp": cqp.id, "route": route})

    r.only_keys(s, ["subject", "cqp", "route", "practice_months", "company_in_branch", "tutor",
                    "session_date", "professional_file_received_on", "region"], ())
    months = r.number(s, "practice_months", (), Fraction(0), Fraction(600), "un nombre de mois entre 0 et 600")
    in_branch = r.boolean(s, "company_in_branch", ())
    tutor_in = r.required(s, "tutor", (), "un objet {" + ", ".join(TUTOR_FIELDS) + "}")
    tutor = None
    if tutor_in is not INVALID and r.obj(tutor_in, ("tutor",)) is not INVALID:
        tutor = _read_tutor(r, tutor_in, ("tutor",))
    region = _region(r, s)
    session = r.optional_date(s, "session_date", ())
    received = r.optional_date(s, "professional_file_received_on", ())
    r.done()

    trace.add(cqp.rule("practice_min_months").apply(months, inputs={"practice_months": months}))
    _condition(trace, cqp, "company_in_branch", in_branch, "company_in_branch")
    tutor_conditions(cqp, tutor, trace)
    dates = {"session_date": session, "professional_file_received_on": received}
    if session and received:
        _, due = professional_file_on_time(cqp, session, received, region)
        direction = cqp.deadline("professional_file_due")["offset"]["direction"]
        trace.add(cqp.rule("professional_file_notice").apply_by_deadline(
            received, due, direction, check="professional_file_due", inputs=dates))
    elif session or received:
        trace.step("professional_file_notice", status="not_checked", inputs=dates)
    return _verdict(cqp, trace, {"subject": "candidate", "cqp": cqp.id, "route": route})


def _tutor(r: Reader, s: dict, cqp: Cqp) -> dict:
    r.only_keys(s, ["subject", "cqp", "route"] + list(TUTOR_FIELDS) + ["is_employer"], ())
    if r.present(s, "route"):
        read_route(r, s, cqp)
    tutor = _read_tutor(r, {k: v for k, v in s.items() if k in TUTOR_FIELDS + ("is_employer",)}, ())
    r.done()
    trace = Trace()
    tutor_conditions(cqp, tutor, trace)
    return _verdict(cqp, trace, {"subject": "tutor", "cqp": cqp.id})


def evaluator_inactivity_limit(cqp: Cqp, last: date, as_of: date) -> tuple[bool, date]:
    """Rule `evaluator_inactivity_limit`: no CQP evaluation for N consecutive years removes the
    evaluator from the list; the time since the last evaluation is compared as the rule says."""
    rule = cqp.rule("evaluator_inactivity_limit")
    until = add_years(last, int(rule.value))
    return rule.compare(as_of, until), until


def _evaluator(r: Reader, s: dict, cqp: Cqp) -> dict:
    r.only_keys(s, ["subject", "cqp", "information_session", "years_in_trade",
                    "assessment_experience_or_training", "charter_signed", "last_evaluation_on",
                    "as_of"], ())
    info = r.boolean(s, "information_session", ())
    years = r.number(s, "years_in_trade", (), Fraction(0), Fraction(80), "un nombre d'années entre 0 et 80")
    assessment = r.boolean(s, "assessment_experience_or_training", ())
    charter = r.boolean(s, "charter_signed", ())
    last = r.optional_date(s, "last_evaluation_on", ())
    as_of = r.optional_date(s, "as_of", ())
    if last and as_of and last > as_of:
        r.fail(("last_evaluation_on",), "conflict",
               f"date postérieure à as_of ({as_of.isoformat()}) : une évaluation passée est attendue",
               "une date antérieure à la date de référence")
    r.done()

    trace = Trace()
    _condition(trace, cqp, "evaluator_information_session", info, "information_session")
    rule = cqp.rule("evaluator_trade_years")
    trace.add(rule.apply(years, inputs={"years_in_trade": years}))
    _condition(trace, cqp, "evaluator_assessment_experience", assessment, "assessment_experience_or_training")
    _condition(trace, cqp, "evaluator_charter", charter, "charter_signed")
    dates = {"last_evaluation_on": last, "as_of": as_of}
    if last and as_of:
        _, until = evaluator_inactivity_limit(cqp, last, as_of)
        trace.add(cqp.rule("evaluator_inactivity_limit").apply(as_of, against=until, inputs=dates))
    elif last or as_of:
        trace.step("evaluator_inactivity_limit", status="not_checked", inputs=dates)
    return _verdict(cqp, trace, {"subject": "evaluator", "cqp": cqp.id})


def _read_jury(r: Reader, s: dict, cqp: Cqp, read_member: Callable[[Reader, dict, tuple], tuple]) -> list:
    """What both juries share: the members list, each read by read_member(reader, member, path)."""
    r.only_keys(s, ["subject", "cqp", "route", "members"], ())
    if r.present(s, "route"):
        read_route(r, s, cqp)
    members = r.required(s, "members", (), "une liste de membres du jury")
    facts = []
    if members is not INVALID:
        if not isinstance(members, list):
            r.fail(("members",), "type", f"attendu : une liste de membres du jury, reçu : {kind_of(members)}",
                   "une liste de membres du jury")
        else:
            for i, m in enumerate(members):
                m = r.obj(m, ("members", i))
                facts.append(read_member(r, m, ("members", i)) if m is not INVALID else None)
    r.done()
    return facts


def jury_size(cqp: Cqp, members: list, trace: Trace) -> None:
    """Rule `jury_size`: how many members sit."""
    rule = cqp.rule("jury_size")
    trace.add(rule.apply(len(members), inputs={"members": len(members)}))


def _jury_vcd(r: Reader, s: dict, cqp: Cqp) -> dict:
    """Rules `jury_size`, `jury_member_organism`, `jury_member_external`, `jury_members_habilitated`."""
    def member(r: Reader, m: dict, path: tuple) -> tuple:
        options = ["organism", "external"]
        role = r.choice(m, "role", path, options,
                        [wording.choice_label(path + ("role",), o) for o in options])
        extra = "involved_in_candidate_path" if role == "organism" else "from_host_company"
        r.only_keys(m, ["role", "habilitated", extra, "name"] if role is not INVALID
                    else ["role", "habilitated", "involved_in_candidate_path", "from_host_company", "name"], path)
        conflict = r.boolean(m, extra, path) if role is not INVALID else None
        return role, conflict, r.boolean(m, "habilitated", path)

    roles = _read_jury(r, s, cqp, member)
    trace = Trace()
    jury_size(cqp, roles, trace)
    for rule_id, role in (("jury_member_organism", "organism"), ("jury_member_external", "external")):
        found = [x for x in roles if x[0] == role]
        ok = len(found) == 1 and not found[0][1]
        trace.step(rule_id, ok=ok, inputs={"role": role}, measured=len(found), comparison=None, threshold=None)
    habilitated = sum(1 for x in roles if x[2])
    trace.step("jury_members_habilitated", ok=bool(roles) and habilitated == len(roles),
               inputs={"members": len(roles)}, measured=habilitated)
    return _verdict(cqp, trace, {"subject": "jury", "cqp": cqp.id})


def organism_document_max_age(cqp: Cqp, dated: date, as_of: date) -> tuple[bool, date]:
    """Rule `organism_document_max_age`: KBIS and casier judiciaire less than N months old on
    the date of the request: the age (as_of − dated) compared as the rule says, counted back
    from as_of (date to date)."""
    rule = cqp.rule("organism_document_max_age")
    limit = add_months(as_of, -int(rule.value))
    return rule.compare(limit, dated), limit


ORGANISM_KINDS = ("training_body", "company")


def _read_documents(r: Reader, s: dict, as_of) -> dict:
    documents = {}
    for field in ("kbis_dated", "criminal_record_dated"):
        dated = r.iso_date(s, field, ())
        if dated is not INVALID and as_of is not INVALID and dated > as_of:
            r.fail((field,), "conflict", f"date postérieure à as_of ({as_of.isoformat()}) : un document "
                   "déjà établi est attendu", "une date antérieure à celle du dépôt du dossier")
        documents[field] = dated
    return documents


def _read_roles(r: Reader, s: dict) -> tuple[list[str], bool | None]:
    """The labels of the four functions left unnamed, and whether the CPNEFP referent is named
    (None: not answered)."""
    roles = r.required(s, "roles", (), "un objet {" + ", ".join(ROLE_FIELDS) + "}")
    missing: list[str] = []
    referent = None
    if roles is INVALID or r.obj(roles, ("roles",)) is INVALID:
        return missing, referent
    r.only_keys(roles, ROLE_FIELDS + ("cpnefp_referent",), ("roles",))
    for field in ROLE_FIELDS + ("cpnefp_referent",):
        value = roles.get(field)
        named = isinstance(value, str) and bool(value.strip())
        if value is not None and not isinstance(value, str):
            r.fail(("roles", field), "type", f"attendu : le nom de la personne, reçu : {kind_of(value)}",
                   "le nom de la personne")
        elif field == "cpnefp_referent":
            referent = named if value is not None else None
        elif not named:
            missing.append(r.label(("roles", field)))
    return missing, referent


def _organism(r: Reader, s: dict, cqp: Cqp) -> dict:
    """The habilitation file of an organism (cahier des charges §6.2, §6.3, §5.7): each
    condition checked from what is answered; what the simulator cannot check, or what is not
    answered yet, is listed as still to prepare. A company with an internal training service
    (§6.2.1) provides its own list of documents."""
    r.only_keys(s, ["subject", "cqp", "organism_kind", "as_of", "declared_training_body", "qualiopi",
                    "internal_training_service", "kbis_dated", "criminal_record_dated", "insurance_valid",
                    "evaluators_proposed", "trainers_min_years", "roles", "offers_vae_support",
                    "qualiopi_covers_vae", "vae_accompanists_min_years", "premises_accessible"], ())
    kind = r.choice(s, "organism_kind", (), ORGANISM_KINDS,
                    [wording.choice_label(("organism_kind",), k) for k in ORGANISM_KINDS]) \
        if r.present(s, "organism_kind") else "training_body"
    as_of = r.iso_date(s, "as_of", ())
    answers: dict = {}
    if kind == "company":
        answers["internal_training_service"] = r.boolean(s, "internal_training_service", ())
        for field in ("declared_training_body", "qualiopi"):  # not asked of a company
            if r.present(s, field):
                r.boolean(s, field, ())
    else:
        answers["declared_training_body"] = r.boolean(s, "declared_training_body", ())
        answers["qualiopi"] = r.boolean(s, "qualiopi", ())
    documents = _read_documents(r, s, as_of)
    insurance = r.boolean(s, "insurance_valid", ())
    n = r.integer(s, "evaluators_proposed", (), 0)
    years = r.number(s, "trainers_min_years", (), Fraction(0), Fraction(80), "un nombre d'années entre 0 et 80")
    missing, referent = _read_roles(r, s)
    vae = r.boolean(s, "offers_vae_support", ()) if r.present(s, "offers_vae_support") else None
    vae_answers = {}
    if vae:
        vae_answers["qualiopi_covers_vae"] = (r.boolean(s, "qualiopi_covers_vae", ())
                                              if kind != "company" else None)
        vae_answers["years"] = r.number(s, "vae_accompanists_min_years", (), Fraction(0), Fraction(80),
                                        "un nombre d'années entre 0 et 80")
    accessible = r.boolean(s, "premises_accessible", ()) if r.present(s, "premises_accessible") else None
    r.done()

    trace = Trace()
    if kind == "company":
        _condition(trace, cqp, "organism_internal_training_service", answers["internal_training_service"],
                   "internal_training_service")
    else:
        _condition(trace, cqp, "organism_declared", answers["declared_training_body"], "declared_training_body")
        _condition(trace, cqp, "organism_qualiopi", answers["qualiopi"], "qualiopi")
    age = cqp.rule("organism_document_max_age")
    for field, dated in documents.items():
        ok, limit = organism_document_max_age(cqp, dated, as_of)
        trace.step(age.id, check=field, ok=ok, inputs={field: dated, "as_of": as_of}, measured=dated,
                   comparison=age.comparison, threshold=limit)
    _condition(trace, cqp, "organism_insurance", insurance, "insurance_valid")
    for rule_id, value, field in (("organism_min_evaluators", n, "evaluators_proposed"),
                                  ("trainer_min_years", years, "trainers_min_years")):
        trace.add(cqp.rule(rule_id).apply(value, inputs={field: value}))
    trace.step("organism_roles", ok=not missing, inputs={"roles": len(ROLE_FIELDS) - len(missing)},
               measured=missing)
    if referent is None:
        trace.step("organism_cpnefp_referent", status="not_checked", inputs={})
    else:
        _condition(trace, cqp, "organism_cpnefp_referent", referent, "roles.cpnefp_referent")
    if accessible is None:
        trace.step("organism_accessibility", status="not_checked", inputs={})
    else:
        _condition(trace, cqp, "organism_accessibility", accessible, "premises_accessible")
    if vae is None:
        trace.step("vae_accompanist_min_years", status="not_checked", inputs={})
    elif vae:
        if vae_answers["qualiopi_covers_vae"] is not None:
            trace.step("organism_qualiopi", check="qualiopi_covers_vae", ok=vae_answers["qualiopi_covers_vae"],
                       inputs={"qualiopi_covers_vae": vae_answers["qualiopi_covers_vae"]},
                       measured=vae_answers["qualiopi_covers_vae"])
        trace.add(cqp.rule("vae_accompanist_min_years").apply(
            vae_answers["years"], inputs={"vae_accompanists_min_years": vae_answers["years"]}))
    trace.step("organism_evaluators_meet_conditions", status="not_checked", inputs={})
    verdict = _verdict(cqp, trace, {"subject": "organism", "cqp": cqp.id, "organism_kind": kind})
    verdict["dossier"] = "complet" if verdict["eligible"] else "incomplet"
    verdict["to_prepare"] = [{"rule": s["rule"], **{k: v for k, v in cqp.rule(s["rule"]).reference().items()
                                                    if k != "rule"}}
                             for s in trace.steps if s["status"] == "not_checked"]
    return verdict


# --- commercial-sedentaire -------------------------------------------------------------------

def _jury_cs(r: Reader, s: dict, cqp: Cqp) -> dict:
    """Formation: rules `jury_size`, `jury_external`, `jury_not_knowing_candidate` (livret:
    2 professionnels métiers extérieurs à l'entreprise, ne connaissant pas le candidat).
    VAE: rule `vae_evaluators` alone — the livret says only « deux professionnels évaluateurs »
    for the dossier déclaratif, and the formation jury's other conditions are not borrowed."""
    vae = r.present(s, "route") and s.get("route") == "vae"

    def member(r: Reader, m: dict, path: tuple) -> tuple:
        r.only_keys(m, ["external_to_company", "knows_candidate", "name"], path)
        if vae:  # still typed if given, though the livret asks nothing of them for the VAE
            for key in ("external_to_company", "knows_candidate"):
                if r.present(m, key):
                    r.boolean(m, key, path)
            return None, None
        return r.boolean(m, "external_to_company", path), r.boolean(m, "knows_candidate", path)

    facts = _read_jury(r, s, cqp, member)
    trace = Trace()
    if vae:
        rule = cqp.rule("vae_evaluators")
        trace.add(rule.apply(len(facts), inputs={"members": len(facts)}))
        return _verdict(cqp, trace, {"subject": "jury", "cqp": cqp.id, "route": "vae"})
    jury_size(cqp, facts, trace)
    inside = sum(1 for ext, _ in facts if not ext)
    trace.step("jury_external", ok=bool(facts) and inside == 0, inputs={"members": len(facts)}, measured=inside)
    known = sum(1 for _, knows in facts if knows)
    trace.step("jury_not_knowing_candidate", ok=bool(facts) and known == 0, inputs={"members": len(facts)},
               measured=known)
    return _verdict(cqp, trace, {"subject": "jury", "cqp": cqp.id})


def _candidate_cs(r: Reader, s: dict, cqp: Cqp) -> dict:
    """The livret fixes no condition before the formation (rule `candidate_no_prerequisite`,
    cited, nothing checked). By the VAE, the organisme évaluateur VAE decides the recevabilité
    and two professional evaluators assess the dossier déclaratif (rules `vae_admissibility`,
    `vae_declarative_file`): the site checks neither; each goes to `to_prepare` with who
    decides (contract v1.2), never as a failure."""
    route = read_route(r, s, cqp)
    r.only_keys(s, ["subject", "cqp", "route"], ())
    r.done()
    trace = Trace()
    if route == "vae":
        for rule_id in ("vae_admissibility", "vae_declarative_file"):
            trace.step(rule_id, status="not_checked", inputs={})
    else:
        trace.step("candidate_no_prerequisite", status="computed", inputs={})
    verdict = _verdict(cqp, trace, {"subject": "candidate", "cqp": cqp.id, "route": route})
    verdict["to_prepare"] = [_to_prepare(cqp, step) for step in trace.steps if step["status"] == "not_checked"]
    return verdict


def _to_prepare(cqp: Cqp, step: dict) -> dict:
    """A condition the site cannot decide (contract v1.2): {id, message, source, decided_by},
    with the rule it rests on and its page."""
    rule = cqp.rule(step["rule"])
    return {"id": rule.id, "message": explain.to_prepare_message(cqp, step), "source": typeset(rule.source),
            "decided_by": typeset(rule.data.get("decided_by", "")), **rule.reference()}


def _region(r: Reader, s: dict) -> str:
    return r.choice(s, "region", (), region_ids()) if r.present(s, "region") else region_ids()[0]


_HANDLERS = {
    ("domains", "candidate"): _candidate,
    ("domains", "tutor"): _tutor,
    ("domains", "evaluator"): _evaluator,
    ("domains", "jury"): _jury_vcd,
    ("domains", "organism"): _organism,
    ("blocks", "candidate"): _candidate_cs,
    ("blocks", "jury"): _jury_cs,
}
