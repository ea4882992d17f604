"""The fields each check reads, in the situation's order: what a cohort CSV's header is checked
against, and the columns of its templates. Each field's type is the field table's
(`fields.kind`, from referentiels/site.yaml), never written here.

Ids come from the referential wherever it holds them (domains, blocks, competences, the
evaluation names of `evaluation_weights`, the date fields of the deadlines, regions, routes);
the eligibility fields are those eligibility.py reads, through its own constants.
"""
from __future__ import annotations

from functools import lru_cache

from . import fields as table
from . import referentiel
from .deadlines import date_fields
from .eligibility import ROLE_FIELDS, SUBJECTS_CS, SUBJECTS_VCD, TUTOR_FIELDS
from .situation import ROUTES

CHECKS = ("score", "eligibility", "deadlines")
NUMBER, PERCENTAGE, INTEGER, BOOL, DATE, TEXT, CHOICE = (
    table.NUMBER, table.PERCENTAGE, table.INTEGER, table.BOOL, table.DATE, table.TEXT, table.CHOICE)
MEMBER = "*"  # a member's index in a jury's `members` list, in a path pattern

# A member of each jury: its fields in the order people fill them.
_MEMBER_FIELDS = {
    "domains": ("role", "habilitated", "involved_in_candidate_path", "from_host_company", "name"),
    "blocks": ("external_to_company", "knows_candidate", "name"),
}


class FieldTableError(LookupError):
    """A field the checker reads has no type in referentiels/site.yaml (a build-time mistake)."""


def _typed(paths: list[tuple], check: str, subject: str | None) -> list[tuple[tuple, str]]:
    out = []
    for path in paths:
        kind = table.kind(path, check, subject)
        if kind is None:
            raise FieldTableError(f"{dotted(path)}: no type in referentiels/site.yaml (fields)")
        out.append((path, kind))
    return out


def subjects(cqp_id: str) -> tuple[str, ...]:
    return SUBJECTS_VCD if referentiel.cqp(cqp_id).by_domains else SUBJECTS_CS


def routes(cqp_id: str) -> list[str]:
    return [x for x in ROUTES if x in referentiel.cqp(cqp_id).data["routes"]]


# Subjects whose situation has no route (the checker refuses one).
NO_ROUTE = ("evaluator", "organism")


def head(check: str, subject: str | None = None) -> list[tuple[tuple, str]]:
    """The columns every situation of a check starts with (contract: cqp, then route/subject)."""
    out = [("cqp",)]
    if check == "eligibility":
        out.append(("subject",))
    if subject not in NO_ROUTE:
        out.append(("route",))
    return _typed(out, check, subject)


def fields(check: str, cqp_id: str, route: str | None = None, subject: str | None = None) -> list[tuple[tuple, str]]:
    """(path, type) of every field of that case after the head, in the situation's order; a
    member's index is MEMBER. Without a route, the fields of every route."""
    cqp = referentiel.cqp(cqp_id)
    wanted = [route] if route else routes(cqp_id)
    out: list[tuple] = []
    if check == "score":
        out.append(("session_date",))
        if cqp.by_domains:
            for part in cqp.parts:
                dc = ("domains", part["id"])
                out += [dc + ("positive",), dc + ("total",), dc + ("evaluated",), dc + ("validated_on",)]
        else:
            evaluations = list(cqp.rule("evaluation_weights").values)
            for block in cqp.parts:
                b = ("blocks", block["id"])
                if "formation" in wanted:
                    out += [b + (c["id"], k) for c in block["competences"] for k in evaluations]
                if "vae" in wanted:
                    out.append(b + ("score",))
        return _typed(out, check, subject)
    if check == "deadlines":
        return _typed([("region",)] + [(f,) for f in date_fields()], check, subject)
    if check == "eligibility":
        subs = [subject] if subject else list(subjects(cqp.id))
        return [typed for sub in subs for typed in _typed(_eligibility(cqp, wanted, sub), check, sub)]
    return []


def _eligibility(cqp, wanted: list[str], sub: str) -> list[tuple]:
    out: list[tuple] = []
    if sub == "candidate" and not cqp.by_domains:
        pass  # Commercial sédentaire: the livret asks nothing the candidate answers (route only)
    elif sub == "candidate":
        if "formation" in wanted:
            out += [("practice_months",), ("company_in_branch",)]
            out += [("tutor", f) for f in TUTOR_FIELDS + ("is_employer",)]
            out += [("region",), ("session_date",), ("professional_file_received_on",)]
        if "vae" in wanted:
            out.append(("telesales_experience",))
    elif sub == "tutor":
        out += [(f,) for f in TUTOR_FIELDS + ("is_employer",)]
    elif sub == "evaluator":
        out += [("information_session",), ("years_in_trade",), ("assessment_experience_or_training",),
                ("charter_signed",), ("last_evaluation_on",), ("as_of",)]
    elif sub == "jury":
        out += [("members", MEMBER, f) for f in _MEMBER_FIELDS[cqp.data["structure"]]]
    elif sub == "organism":
        out += [("organism_kind",), ("as_of",), ("declared_training_body",), ("qualiopi",),
                ("internal_training_service",), ("kbis_dated",), ("criminal_record_dated",),
                ("insurance_valid",), ("evaluators_proposed",), ("trainers_min_years",)]
        out += [("roles", f) for f in ROLE_FIELDS + ("cpnefp_referent",)]
        out += [("offers_vae_support",), ("qualiopi_covers_vae",), ("vae_accompanists_min_years",),
                ("premises_accessible",)]
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
    """The values a choice field takes (the field table's), None for another field."""
    return table.options(path) or None
