"""Eligibility sub-forms, one per subject of the checker's `eligibility` (see the contract).

Field wording is the form's; each hint is the text of the rule the field is checked against,
taken from the referential with its link, so no threshold is written here.
"""
from __future__ import annotations

from checker import columns, wording

from .forms import CS, VCD, Forms, a, field_label


def _tutor_fields(f: Forms, fid: str, keys: list) -> str:
    c = VCD
    subject = "candidate" if keys else "tutor"

    def label(name: str) -> str:
        return field_label(keys + [name], "eligibility", subject)

    def hint(name: str) -> str | None:
        return f.field_hint(c, keys + [name], "eligibility", subject)

    return "".join([
        f.yes_no(f"{fid}-volunteer", keys + ["volunteer"], label("volunteer"), hint("volunteer")),
        f.yes_no(f"{fid}-experienced", keys + ["experienced"], label("experienced"),
                   hint("experienced")),
        f.yes_no(f"{fid}-employee", keys + ["employee_of_host_company"], label("employee_of_host_company"),
                   hint("employee_of_host_company")),
        f.yes_no(f"{fid}-chosen", keys + ["chosen_by_employer"], label("chosen_by_employer"),
                   hint("chosen_by_employer")),
        f.yes_no(f"{fid}-employer", keys + ["is_employer"], label("is_employer")),
    ])


def _head(f: Forms, subject: str, cqp: str) -> str:
    return f.hidden(["subject"], subject) + f.hidden(["cqp"], cqp)


def _tutor(f: Forms) -> str:
    return _head(f, "tutor", VCD) + _tutor_fields(f, "elig-tutor", [])


def _candidate(f: Forms) -> str:
    c = VCD
    out = [_head(f, "candidate", c),
           f.select("elig-cand-route", ["route"], field_label(["route"]), f.route_options(c), hint=f.route_hint())]
    formation = [
        f.text_input("elig-cand-practice", ["practice_months"],
                     field_label(["practice_months"], "eligibility", "candidate"),
                     hint=f.field_hint(c, ["practice_months"], "eligibility", "candidate")),
        f.yes_no("elig-cand-branch", ["company_in_branch"],
                   field_label(["company_in_branch"], "eligibility", "candidate"), f.field_hint(c, ["company_in_branch"], "eligibility", "candidate")),
    ]
    formation.append(f.group(_tutor_fields(f, "elig-cand-tutor", ["tutor"]), tag="fieldset",
                             legend=field_label(["tutor"]), base="tutor"))
    formation += [
        f.date_input("elig-cand-session", ["session_date"],
                     field_label(["session_date"], "eligibility", "candidate", optional=True)),
        f.date_input("elig-cand-file", ["professional_file_received_on"],
                     field_label(["professional_file_received_on"], "eligibility", "candidate", optional=True),
                     f.field_hint(c, ["professional_file_received_on"], "eligibility", "candidate")),
        f.select("elig-cand-region", ["region"], field_label(["region"], "eligibility", "candidate"),
                 f.region_options()),
    ]
    out.append(f.group("".join(formation), when="elig-cand-route=formation"))
    out.append(f.group(
        f.yes_no("elig-cand-telesales", ["telesales_experience"],
                   field_label(["telesales_experience"], "eligibility", "candidate"), f.field_hint(c, ["telesales_experience"], "eligibility", "candidate")),
        when="elig-cand-route=vae"))
    return "".join(out)


def _evaluator(f: Forms) -> str:
    c = VCD
    return "".join([
        _head(f, "evaluator", c),
        f.yes_no("elig-eval-info", ["information_session"],
                   field_label(["information_session"], "eligibility", "evaluator"), f.field_hint(c, ["information_session"], "eligibility", "evaluator")),
        f.text_input("elig-eval-years", ["years_in_trade"],
                     field_label(["years_in_trade"], "eligibility", "evaluator"),
                     hint=f.field_hint(c, ["years_in_trade"], "eligibility", "evaluator")),
        f.yes_no("elig-eval-assessment", ["assessment_experience_or_training"],
                   field_label(["assessment_experience_or_training"], "eligibility", "evaluator"),
                   f.field_hint(c, ["assessment_experience_or_training"], "eligibility", "evaluator")),
        f.yes_no("elig-eval-charter", ["charter_signed"],
                   field_label(["charter_signed"], "eligibility", "evaluator"),
                   f.field_hint(c, ["charter_signed"], "eligibility", "evaluator")),
        f.date_input("elig-eval-last", ["last_evaluation_on"],
                     field_label(["last_evaluation_on"], "eligibility", "evaluator", optional=True), f.field_hint(c, ["last_evaluation_on"], "eligibility", "evaluator")),
        f.date_input("elig-eval-asof", ["as_of"], field_label(["as_of"], "eligibility", "evaluator", optional=True)),
    ])


def _jury(f: Forms) -> str:
    c = VCD
    out = [_head(f, "jury", c),
           f.group_hints(c, ["members"], "eligibility", "jury")]
    for i, default in enumerate(("organism", "external")):
        fid = f"elig-jury-m{i}"

        def label(name: str, i=i) -> str:
            return field_label(["members", i] + ([name] if name else []), "eligibility", "jury")

        options = [(r, wording.choice_label(("members", i, "role"), r))
                   for r in sorted(("organism", "external"), key=lambda r: r != default)]
        body = f.select(f"{fid}-role", ["members", i, "role"], label("role"), options)
        body += f.yes_no(f"{fid}-habilitated", ["members", i, "habilitated"], label("habilitated"))
        body += f.group(f.yes_no(f"{fid}-involved", ["members", i, "involved_in_candidate_path"],
                                   label("involved_in_candidate_path"), f.field_hint(c, ["members", i, "involved_in_candidate_path"], "eligibility", "jury")),
                        when=f"{fid}-role=organism")
        body += f.group(f.yes_no(f"{fid}-host", ["members", i, "from_host_company"],
                                   label("from_host_company"), f.field_hint(c, ["members", i, "from_host_company"], "eligibility", "jury")),
                        when=f"{fid}-role=external")
        out.append(f.group(body, tag="fieldset", legend=label("")))
    return "".join(out)


def _organism(f: Forms) -> str:
    c = VCD

    def label(*keys) -> str:
        return field_label(list(keys), "eligibility", "organism")

    role_fields = "".join(
        f.text_input(f"elig-org-role-{k.replace('_', '-')}", ["roles", k], label("roles", k))
        for k in ("evaluation_lead", "session_lead", "disability_referent", "admin_lead"))
    referent = f.text_input("elig-org-role-cpnefp-referent", ["roles", "cpnefp_referent"],
                            field_label(["roles", "cpnefp_referent"], "eligibility", "organism", optional=True),
                            hint=f.field_hint(c, ["roles", "cpnefp_referent"], "eligibility", "organism"))
    kinds = ("training_body", "company")
    # A company with an internal training service gives its own documents (§6.2.1): the
    # declaration and Qualiopi are not asked of it, nor is Qualiopi's scope for the VAE.
    training_body = "elig-org-kind=training_body"
    return "".join([
        _head(f, "organism", c),
        f.select("elig-org-kind", ["organism_kind"], label("organism_kind"),
                 [(k, wording.choice_label(("organism_kind",), k)) for k in kinds]),
        f.date_input("elig-org-asof", ["as_of"], label("as_of")),
        f.group(f.yes_no("elig-org-declared", ["declared_training_body"], label("declared_training_body"),
                         f.field_hint(c, ["declared_training_body"], "eligibility", "organism"))
                + f.yes_no("elig-org-qualiopi", ["qualiopi"], label("qualiopi"), f.field_hint(c, ["qualiopi"], "eligibility", "organism")),
                when=training_body),
        f.group(f.yes_no("elig-org-internal", ["internal_training_service"], label("internal_training_service"),
                         f.field_hint(c, ["internal_training_service"], "eligibility", "organism")),
                when="elig-org-kind=company"),
        f.date_input("elig-org-kbis", ["kbis_dated"], label("kbis_dated"), f.field_hint(c, ["kbis_dated"], "eligibility", "organism")),
        f.date_input("elig-org-record", ["criminal_record_dated"], label("criminal_record_dated")),
        f.yes_no("elig-org-insurance", ["insurance_valid"], label("insurance_valid"), f.field_hint(c, ["insurance_valid"], "eligibility", "organism")),
        f.text_input("elig-org-evaluators", ["evaluators_proposed"], label("evaluators_proposed"),
                     hint=f.field_hint(c, ["evaluators_proposed"], "eligibility", "organism")),
        f.text_input("elig-org-trainers", ["trainers_min_years"], label("trainers_min_years"),
                     hint=f.field_hint(c, ["trainers_min_years"], "eligibility", "organism")),
        f.yes_no("elig-org-accessible", ["premises_accessible"], label("premises_accessible"),
                 f.field_hint(c, ["premises_accessible"], "eligibility", "organism")),
        f.yes_no("elig-org-vae", ["offers_vae_support"], label("offers_vae_support")),
        f.group(f.yes_no("elig-org-qualiopi-vae", ["qualiopi_covers_vae"], label("qualiopi_covers_vae")),
                when=f"elig-org-vae=yes;{training_body}"),
        f.group(f.text_input("elig-org-vae-years", ["vae_accompanists_min_years"],
                             label("vae_accompanists_min_years"), hint=f.field_hint(c, ["vae_accompanists_min_years"], "eligibility", "organism")),
                when="elig-org-vae=yes"),
        f.group(f.group_hints(c, ["roles"], "eligibility", "organism") + role_fields + referent,
                tag="fieldset", legend=a(field_label(["roles"])), base="roles"),
    ])


def _jury_cs(f: Forms) -> str:
    c = CS
    out = [_head(f, "jury", c),
           f.select("elig-jurycs-route", ["route"], field_label(["route"]), f.route_options(c), hint=f.route_hint())]
    members = [f.group_hints(c, ["members"], "eligibility", "jury", route="formation")]
    for i in range(columns.member_count(c, "formation")):  # as many members as the rule asks
        fid = f"elig-jurycs-m{i}"
        body = f.yes_no(f"{fid}-external", ["members", i, "external_to_company"],
                        field_label(["members", i, "external_to_company"], "eligibility", "jury"))
        body += f.yes_no(f"{fid}-knows", ["members", i, "knows_candidate"],
                         field_label(["members", i, "knows_candidate"], "eligibility", "jury"))
        # Each member exists once the jury is shown, so that his unanswered questions are listed.
        members.append(f.group(body, tag="fieldset", legend=a(field_label(["members", i], "eligibility", "jury")),
                               base=f"members/#{i}"))
    out.append(f.group("".join(members), when="elig-jurycs-route=formation"))
    # With the VAE, the livret asks only for a number of professional evaluators: the members
    # are counted, nothing else is asked of them.
    out.append(f.group(
        f.text_input("elig-jurycs-count", ["members"], wording.phrase("vae_evaluators_count"), "count",
                     f.hint(c, *f.group_rules(c, ["members"], "eligibility", "jury", route="vae"))),
        when="elig-jurycs-route=vae"))
    return "".join(out)


def _candidate_cs(f: Forms) -> str:
    """The livret asks nothing before the formation; by the VAE, the recevabilité and the dossier
    déclaratif are others' decisions: the route alone is asked, and each route's rules are said
    above the result (nothing here is checked)."""
    c = CS
    return "".join([
        _head(f, "candidate", c),
        f.select("elig-candcs-route", ["route"], field_label(["route"]), f.route_options(c), hint=f.route_hint()),
        f.group(f.group_hints(c, ["route"], "eligibility", "candidate", route="formation"),
                when="elig-candcs-route=formation"),
        f.group(f.group_hints(c, ["route"], "eligibility", "candidate", route="vae"),
                when="elig-candcs-route=vae"),
    ])


def _legend(subject: str) -> str:
    """A subject as people read it (« Évaluateur »): the field table's words for that choice."""
    return wording.choice_label(("subject",), subject)


# (switch value, subject, cqp, renderer), grouped by CQP in the select (<optgroup>, the CQP's
# short title); an option says the subject in the field table's words (`choices.subject`), and the
# legend of its questions says it with the CQP, read when the form is built, not when this module
# is imported.
SUBJECTS = [
    ("candidate-vcd", "candidate", VCD, _candidate),
    ("tutor-vcd", "tutor", VCD, _tutor),
    ("evaluator-vcd", "evaluator", VCD, _evaluator),
    ("jury-vcd", "jury", VCD, _jury),
    ("organism-vcd", "organism", VCD, _organism),
    ("candidate-cs", "candidate", CS, _candidate_cs),
    ("jury-cs", "jury", CS, _jury_cs),
]


def eligibility(f: Forms) -> str:
    """The eligibility tool: a subject switch, then each subject's sub-form."""
    infer = ";".join(f"{value}:subject={subject},cqp={cqp}" for value, subject, cqp, _ in SUBJECTS)
    groups = [(f.cqps[c]["short_title"], [(value, _legend(subject)) for value, subject, cqp, _ in SUBJECTS if cqp == c])
              for c in (VCD, CS)]
    html = [f.select("eligibility-subject", None, field_label(["subject"]), [], infer=infer, groups=groups)]
    for value, subject, cqp, render in SUBJECTS:
        legend = wording.sentence("eligibility.subject_legend", subject=_legend(subject),
                                  cqp=f.cqps[cqp]["short_title"])
        html.append(f.group(render(f), when=f"eligibility-subject={value}",
                            tag="fieldset", legend=a(legend)))
    return "".join(html)
