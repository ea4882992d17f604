"""The fields each check reads, with their type: the one table behind the cohort CSV (a header
cell is checked against it, a cell is read by its type) and behind the CSV templates.

Ids come from the referential wherever it holds them (domains, blocks, competences, the
evaluation names of `evaluation_weights`, the date fields of the deadlines, regions, routes);
the eligibility fields are those eligibility.py reads, through its own constants.
"""
from __future__ import annotations

from functools import lru_cache

from . import referentiel
from .dates import region_ids
from .deadlines import date_fields
from .eligibility import ORGANISM_KINDS, ROLE_FIELDS, SUBJECTS_CS, SUBJECTS_VCD, TUTOR_FIELDS
from .situation import ROUTES

CHECKS = ("score", "eligibility", "deadlines")
NUMBER, INTEGER, BOOL, DATE, TEXT, CHOICE = "number", "integer", "bool", "date", "text", "choice"
MEMBER = "*"  # a member's index in a jury's `members` list, in a path pattern

# A member of each jury: its fields in the order people fill them.
_MEMBER_FIELDS = {
    "domains": (("role", CHOICE), ("habilitated", BOOL), ("involved_in_candidate_path", BOOL),
                ("from_host_company", BOOL), ("name", TEXT)),
    "blocks": (("external_to_company", BOOL), ("knows_candidate", BOOL), ("name", TEXT)),
}


def subjects(cqp_id: str) -> tuple[str, ...]:
    return SUBJECTS_VCD if referentiel.cqp(cqp_id).by_domains else SUBJECTS_CS


def routes(cqp_id: str) -> list[str]:
    return [x for x in ROUTES if x in referentiel.cqp(cqp_id).data["routes"]]


# Subjects whose situation has no route (the checker refuses one).
NO_ROUTE = ("evaluator", "organism")


def head(check: str, subject: str | None = None) -> list[tuple[tuple, str]]:
    """The columns every situation of a check starts with (contract: cqp, then route/subject)."""
    out = [(("cqp",), CHOICE)]
    if check == "eligibility":
        out.append((("subject",), CHOICE))
    if subject not in NO_ROUTE:
        out.append((("route",), CHOICE))
    return out


def fields(check: str, cqp_id: str, route: str | None = None, subject: str | None = None) -> list[tuple[tuple, str]]:
    """(path, type) of every field of that case after the head, in the situation's order; a
    member's index is MEMBER. Without a route, the fields of every route."""
    cqp = referentiel.cqp(cqp_id)
    wanted = [route] if route else routes(cqp_id)
    out: list[tuple[tuple, str]] = []
    if check == "score":
        out.append((("session_date",), DATE))
        if cqp.by_domains:
            for part in cqp.parts:
                dc = ("domains", part["id"])
                out += [(dc + ("positive",), INTEGER), (dc + ("total",), INTEGER),
                        (dc + ("evaluated",), INTEGER), (dc + ("validated_on",), DATE)]
        else:
            evaluations = list(cqp.rule("evaluation_weights").values)
            for block in cqp.parts:
                b = ("blocks", block["id"])
                if "formation" in wanted:
                    out += [(b + (c["id"], k), NUMBER) for c in block["competences"] for k in evaluations]
                if "vae" in wanted:
                    out.append((b + ("score",), NUMBER))
    elif check == "deadlines":
        out.append((("region",), CHOICE))
        out += [((f,), DATE) for f in date_fields()]
    elif check == "eligibility":
        out += _eligibility(cqp, wanted, subject)
    return out


def _eligibility(cqp, wanted: list[str], subject: str | None) -> list[tuple[tuple, str]]:
    subs = [subject] if subject else list(subjects(cqp.id))
    out: list[tuple[tuple, str]] = []
    for sub in subs:
        if sub == "candidate":
            if "formation" in wanted:
                out += [(("practice_months",), NUMBER), (("company_in_branch",), BOOL)]
                out += [(("tutor", f), BOOL) for f in TUTOR_FIELDS + ("is_employer",)]
                out += [(("region",), CHOICE), (("session_date",), DATE),
                        (("professional_file_received_on",), DATE)]
            if "vae" in wanted:
                out.append((("telesales_experience",), BOOL))
        elif sub == "tutor":
            out += [((f,), BOOL) for f in TUTOR_FIELDS + ("is_employer",)]
        elif sub == "evaluator":
            out += [(("information_session",), BOOL), (("years_in_trade",), NUMBER),
                    (("assessment_experience_or_training",), BOOL), (("charter_signed",), BOOL),
                    (("last_evaluation_on",), DATE), (("as_of",), DATE)]
        elif sub == "jury":
            out += [(("members", MEMBER, f), kind) for f, kind in _MEMBER_FIELDS[cqp.data["structure"]]]
        elif sub == "organism":
            out += [(("organism_kind",), CHOICE), (("as_of",), DATE), (("declared_training_body",), BOOL),
                    (("qualiopi",), BOOL), (("internal_training_service",), BOOL), (("kbis_dated",), DATE),
                    (("criminal_record_dated",), DATE), (("insurance_valid",), BOOL),
                    (("evaluators_proposed",), INTEGER), (("trainers_min_years",), NUMBER)]
            out += [(("roles", f), TEXT) for f in ROLE_FIELDS + ("cpnefp_referent",)]
            out += [(("offers_vae_support",), BOOL), (("qualiopi_covers_vae",), BOOL),
                    (("vae_accompanists_min_years",), NUMBER), (("premises_accessible",), BOOL)]
    return out


def dotted(path: tuple) -> str:
    """A path as a CSV header writes it: blocks.B2.C2.1.jury, members.0.role."""
    return ".".join(str(k) for k in path)


@lru_cache(maxsize=None)
def known(check: str) -> dict[str, tuple[tuple, str]]:
    """Every field of a check, for any CQP, route and subject: {dotted pattern: (path, type)}.
    A header is read against this (a file may mix CQPs; a row is then checked by the checker)."""
    out: dict[str, tuple[tuple, str]] = {}
    for cqp_id in referentiel.cqp_ids():
        for path, kind in head(check) + fields(check, cqp_id):
            out.setdefault(dotted(path), (path, kind))
    return out


def member_count(cqp_id: str, route: str | None) -> int:
    """How many member columns a jury template holds: as many as the jury has members."""
    cqp = referentiel.cqp(cqp_id)
    rule = "vae_evaluators" if route == "vae" and not cqp.by_domains else "jury_size"
    return int(cqp.rule(rule).value)


def choices(check: str, path: tuple) -> list[str] | None:
    """The values a choice field takes (for the tests and the template's readers)."""
    name = path[-1]
    if name == "cqp":
        return referentiel.cqp_ids()
    if name == "route":
        return list(ROUTES)
    if name == "subject":
        return list(dict.fromkeys(SUBJECTS_VCD + SUBJECTS_CS))
    if name == "region":
        return region_ids()
    if name == "organism_kind":
        return list(ORGANISM_KINDS)
    return None
