"""The one writer of French: the sentences of a verdict, written from its trace, and the display
model the simulator builds its HTML from.

Every sentence is a template of referentiels/site.yaml (`sentences`, keyed by check, rule and
state), filled by wording.sentence; this module only chooses the template and hands the values.
`explanations` (the CLI's) and `display` (the screen's) say the same sentences: the screen groups
them by domain or block, so that each fact is said once. Numbers, units and comparisons in words
come from the rule model (rules.py) and the wording data.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from . import wording
from .french import long_date as day
from .french import number, plural, typeset
from .referentiel import Cqp
from .trace import Trace, cited, plain


# What a caller may leave out of a verdict (a cohort's table shows none of them): each is only
# written from the trace, never read back to decide anything.
OPTIONAL = frozenset({"explanations", "references", "trace", "next_steps", "display"})
# Those written from every step of the trace: without them, a step that decides nothing (a
# figure computed) is read by nobody, and a check may leave it out.
TELLING = frozenset({"explanations", "references", "trace", "display"})

_say = wording.sentence

# The rules that decide a domain or a block (or say it is not known yet).
PART_RULES = ("domain_pass_rate", "domain_benefit", "block_average_min", "vae_block_min")
CERTIFICATION = ("certification_all_domains", "certification_all_blocks")


def verdict_texts(check: str, cqp: Cqp, trace: Trace, leave_out: frozenset = frozenset(), **context) -> dict:
    """{"explanations", "references", "trace", "display"} of a verdict (and for score "outcome",
    "next_steps"), but for the keys of `leave_out`, which are not even written."""
    out: dict = {}
    said: list[tuple[dict, list[str]]] = []
    if not {"explanations", "display"} <= leave_out:
        writer = {"score": _score_sentences, "deadlines": _deadline_sentences}[check]
        said = [(step, writer(cqp, step, trace)) for step in trace.steps]
    if "explanations" not in leave_out:
        out["explanations"] = [x for _, sentences in said for x in sentences] + list(context.get("notes", []))
    if "references" not in leave_out:
        out["references"] = references(cqp, trace)
    if "trace" not in leave_out:
        out["trace"] = trace.json()
    if check == "score":
        out["outcome"] = score_outcome(cqp, trace)
        if "next_steps" not in leave_out:
            out["next_steps"] = _score_next_steps(cqp, trace, out["outcome"]["status"], context.get("route"))
        if "display" not in leave_out:
            out["display"] = score_display(cqp, trace, said, out["outcome"])
    return out


def _score_next_steps(cqp: Cqp, trace: Trace, status: str, route: str | None) -> list[dict]:
    """The next steps of a score, less the rattrapage where no épreuve was failed: the cahier des
    charges offers it to « candidats n'ayant pas réussi une des évaluations » (§5.5), and a
    domain whose benefit ended was réussi; whether it is taken again free, the seed does not say."""
    # Which parts are validated: the certification step's inputs ({"B1": True, …}).
    validated = next((s["inputs"] for s in trace.steps if s["rule"] in CERTIFICATION), {})
    facts = frozenset({"a_part_validated"}) if any(validated.values()) else frozenset()
    steps = wording.next_steps("score", status, cqp, route, facts=facts)
    if status != "negative" or not cqp.has_rule("rattrapage"):
        return steps
    failed = [s for s in _part_steps(trace) if s["ok"] is False]
    if failed and all(s["rule"] == "domain_benefit" for s in failed):
        page = cqp.rule("rattrapage").page
        steps = [s for s in steps if s["page"] != page]
    return steps


def references(cqp: Cqp, trace: Trace) -> list[dict]:
    refs: dict[str, dict] = {}
    for step in trace.steps:
        if cited(step) and step["rule"] not in refs:
            refs[step["rule"]] = cqp.rule(step["rule"]).reference()
    return list(refs.values())


def _words(cqp: Cqp, rule_id: str) -> dict:
    return wording.comparison(cqp.rule(rule_id).comparison)


def _part_title(cqp: Cqp, part_id: str) -> str:
    return next(p["title"] for p in cqp.parts if p["id"] == part_id)


# --- score ---------------------------------------------------------------------------------

def _score_sentences(cqp: Cqp, step: dict, trace: Trace) -> list[str]:
    """The sentences of one step: which template, with which values."""
    rule, part, status = step["rule"], step.get("part"), step["status"]
    key = f"score.{rule}"
    if status == "not_evaluated":
        return [_say("score.not_evaluated", part=part, title=_part_title(cqp, part))]
    if rule == "domain_pass_rate":
        i = step["inputs"]
        if status == "incomplete":
            said = [_say(f"{key}.incomplete", part=part, needed=step["needed"], **i)]
            return said + ([_say(f"{key}.{step['decided']}")] if step.get("decided") else [])
        state = "validated" if step["ok"] else "not_validated" if step.get("needed") is not None \
            else "not_validated_out_of_reach"
        return [_say(f"{key}.{state}", part=part, rate=step["measured"], threshold=step["threshold"],
                     needed=step.get("needed"), **i, **_words(cqp, rule))]
    if rule == "domain_benefit" and status == "decided":
        return [_say(f"{key}.{'validated' if step['ok'] else 'not_validated'}", part=part,
                     on=step["inputs"]["validated_on"], until=step["threshold"], session=step["measured"])]
    if rule == "domain_benefit":
        if step["measured"] is not None:
            return [_say(f"{key}.until", part=part, until=step["measured"])]
        return [_say(f"{key}.no_session", part=part, amount=cqp.rule(rule).amount())]
    if rule in CERTIFICATION:
        return [_certification(rule, step, trace)]
    if rule == "block_average_min" and status == "incomplete":
        return [_incomplete_sentence(cqp, step)]
    if rule == "block_average_min":
        return [_block_sentence(cqp, step, trace)]
    if rule == "vae_block_min":
        return [_say(f"{key}.{'validated' if step['ok'] else 'not_validated'}", part=part,
                     score=step["measured"], threshold=step["threshold"], **_words(cqp, rule))]
    if rule == "block_delivery":
        out = [_say(f"{key}.vae_silent")] if step["inputs"]["route"] == "vae" else []
        if step["measured"]:
            out.append(_say(f"{key}.delivered", blocks=step["measured"]))
        return out
    return []


def _certification(rule: str, step: dict, trace: Trace) -> str:
    # The evaluators propose and the jury paritaire decides (VCD); the livret sets conditions (CS):
    # no sentence says the CQP is obtained. While no part has failed and some are not known yet,
    # the sentence says what is still to come, never that the conditions are not met.
    validated = step["inputs"]
    n, key = len(validated), f"score.{rule}"
    steps = _part_steps(trace)
    # A part failed while others are not known yet: the CQP is not decided either way, so the
    # sentence says what remains rather than that its conditions are not met.
    waiting = _pending(steps)
    if step["ok"]:
        return _say(f"{key}.validated", n=n)
    if waiting:
        return _say(f"{key}.waiting", n=n, pending=waiting)
    done = [p for p, ok in validated.items() if ok]
    if rule == "certification_all_domains" and not done:
        return _say(f"{key}.none_passed")
    return _say(f"{key}.not_validated", n=n, done=done)


def _part_steps(trace: Trace) -> list[dict]:
    """The steps that decide a block or a domain (or say it is not known yet)."""
    return [s for s in trace.steps if s.get("part") and s["rule"] in PART_RULES and s["status"] != "computed"]


def _any_failed(trace: Trace, parts: list[dict]) -> bool:
    return any(s["ok"] is False for s in parts) or any(
        s["rule"] == "competence_mastery_min" and s["ok"] is False for s in trace.steps)


def _pending(parts: list[dict]) -> str:
    """What is not known yet, in words: « B1 n'est pas encore complet, B2 et B3 pas encore
    évalués »; empty when everything is known."""
    said = []
    for status in ("incomplete", "not_evaluated"):
        ids = [s["part"] for s in parts if s["status"] == status]
        if ids:
            said.append(_say(f"score.pending.{status}{'_then' if said else ''}", parts=ids))
    return ", ".join(said)


def score_outcome(cqp: Cqp, trace: Trace) -> dict:
    """Positive when the CQP's conditions are met, negative when a part failed, neutral while
    something is not known yet (not evaluated, incomplete): never a failure for what is unknown.
    While some parts are not known yet, a failed part makes the headline, with its figures: the
    person reads first about what they entered, never about a CQP whose other parts are not taken."""
    cert = next(s for s in trace.steps if s["rule"] in CERTIFICATION)
    parts = _part_steps(trace)
    status = "positive" if cert["ok"] else "negative" if _any_failed(trace, parts) else "neutral"
    out = wording.outcome("score", status, cqp.id)
    if status == "negative" and any(s["status"] != "decided" for s in parts):
        out["title"] = _headline(cqp, trace, parts)
        if not cqp.by_domains:
            # The CS's « who » speaks of the CQP's conditions as a whole, not of a block; the
            # VCD's (the evaluators propose, the jury paritaire decides) holds for a domain too.
            out.pop("who", None)
    return out


def _headline(cqp: Cqp, trace: Trace, parts: list[dict]) -> str:
    """The failed parts in one line: one with the figure that failed it (« Bloc B2 non validé :
    61,83 % de moyenne pour 70 % requis »), several by their names."""
    key = "score.headline"
    below = {}
    for s in trace.of("competence_mastery_min"):
        if s["ok"] is False:
            below.setdefault(s["part"], []).append(_say("score.block_average_min.competence_at",
                                                         competence=s["competence"], mastery=s["measured"]))
    failed = [s for s in parts if s["ok"] is False or s["part"] in below]
    if len(failed) > 1:
        return _say(f"{key}.{'domains' if cqp.by_domains else 'blocks'}", parts=[s["part"] for s in failed])
    s = failed[0]
    part, rule = s["part"], s["rule"]
    if rule == "domain_benefit":
        return _say(f"{key}.domain_expired", part=part, until=s["threshold"])
    if rule == "block_average_min" and s["ok"] is not False:
        return _say(f"{key}.block_minimum", part=part, below=below[part],
                    minimum=cqp.rule("competence_mastery_min").value)
    return _say(f"{key}.{rule}", part=part, measured=s["measured"], threshold=s["threshold"])


def _evaluation(cqp: Cqp, part: str, competence: str, evaluation: str) -> str:
    """An evaluation as the form names its column: « Jury »."""
    entry = wording.field(("blocks", part, competence, evaluation), "score") or {}
    return entry.get("short", evaluation)


def _grouped(items) -> list[tuple[object, list[str]]]:
    """(key, competences) pairs in first-seen order: competences that need the same are said
    together."""
    groups: dict = {}
    for key, competence in items:
        groups.setdefault(key, []).append(competence)
    return list(groups.items())


def _incomplete_sentence(cqp: Cqp, step: dict) -> str:
    b, i, needed = step["part"], step["inputs"], step["needed"]
    key = "score.block_average_min.incomplete"
    if needed is None:
        return _say(f"{key}_out_of_reach", part=b, **i)
    if needed == 0:
        return _say(f"{key}_reached", part=b, **i)
    per = step.get("per_competence") or {}
    which = " ; ".join(
        _say("score.block_average_min.results_of", evaluations=list(evaluations), competences=cs)
        for evaluations, cs in _grouped(
            (tuple(_evaluation(cqp, b, c, e) for e in evals), c) for c, evals in per.items()))
    return _say(key, part=b, needed=needed, which=which, **i)


def _block_sentence(cqp: Cqp, step: dict, trace: Trace) -> str:
    b, key = step["part"], "score.block_average_min"
    minima = [s for s in trace.of("competence_mastery_min") if s["part"] == b]
    below = [s for s in minima if not s["ok"]]
    avg_words, min_words = _words(cqp, "block_average_min"), _words(cqp, "competence_mastery_min")
    minimum = cqp.rule("competence_mastery_min").value
    if step["ok"] and not below:
        return _say(f"{key}.validated", part=b, average=step["measured"], threshold=step["threshold"],
                    minimum=minimum, holds=avg_words["holds"], or_more=min_words["or_more"])
    reasons = []
    if not step["ok"]:
        reasons.append(_say(f"{key}.average_low", average=step["measured"], threshold=step["threshold"],
                            fails=avg_words["fails"]))
    if below:
        at = [_say(f"{key}.competence_at", competence=s["competence"], mastery=s["measured"]) for s in below]
        reasons.append(_say(f"{key}.below_minimum", below=at, fails=min_words["fails"], minimum=minimum))
    return _say(f"{key}.not_validated", part=b, reasons=" ; ".join(reasons))


# --- the display model of a score: what the screen shows, per domain or block ----------------

def _part_state(step: dict, failed_minimum: bool) -> tuple[str, str]:
    """(state, the word said beside the part): validated, not_validated, not_known (not
    evaluated, incomplete, waiting for results: never a failure) or out_of_reach."""
    status = step["status"]
    if status == "not_evaluated":
        return "not_known", "not_evaluated"
    if status == "incomplete":
        if step["needed"] is None or step.get("decided") == "out_of_reach":
            return "out_of_reach", "out_of_reach"
        return "not_known", "incomplete" if step["rule"] == "domain_pass_rate" else "waiting"
    if step["ok"] and not failed_minimum:
        return "validated", "validated"
    if step["rule"] == "domain_benefit":
        return "not_validated", "expired"  # its épreuve was réussie; the benefit ended
    return "not_validated", "not_validated"


def _mastery_said(part_step: dict, minimum_step: dict) -> str:
    """A competence's mastery in its block's detail; « sous le minimum » only where the block's
    own sentence does not already name it (a decided block names those below)."""
    return "validated" if minimum_step["ok"] or part_step["status"] == "decided" else "not_validated"


def _competence_needs(cqp: Cqp, part: str, per: dict) -> list[dict]:
    """What the unknown results of each competence need for its minimum, competences that need
    the same said together: « C1.1 et C1.2 : au moins 28 % (Jury) pour atteindre leur minimum »."""
    key = "score.competence_mastery_min"

    def need(c: str, evals: dict):
        values = list(evals.values())
        names = tuple(_evaluation(cqp, part, c, e) for e in evals)
        if any(v is None for v in values):
            return ("out_of_reach",)
        if all(v == 0 for v in values):
            return ("reached",)
        if all(v == values[0] for v in values):
            return ("each" if len(values) > 1 else "one", values[0], names)
        return ("several", tuple(zip(names, values)))

    out = []
    for what, cs in _grouped((need(c, evals), c) for c, evals in per.items()):
        if what[0] in ("out_of_reach", "reached"):
            text = _say(f"{key}.{what[0]}", competences=cs)
        elif what[0] == "several":
            text = _say(f"{key}.several", competences=cs, values=", ".join(
                _say(f"{key}.value_of", value=v, evaluation=e) for e, v in what[1]))
        else:
            text = _say(f"{key}.{what[0]}", competences=cs, value=what[1], evaluations=list(what[2]))
        out.append({"state": "out_of_reach" if what[0] == "out_of_reach" else "not_known", "text": text})
    return out


def _state_key(cqp: Cqp, word: str) -> str:
    """The word beside a part: a Vendeur conseil à distance domain's épreuve is réussie or not,
    the jury paritaire validates it (cahier des charges §3.4); a block is validated."""
    key = f"score.state_domain.{word}"
    return key if cqp.by_domains and wording.has_sentence(key) else f"score.state.{word}"


def score_display(cqp: Cqp, trace: Trace, said: list[tuple[dict, list[str]]], outcome: dict) -> dict:
    """The screen of a score: {"summary", "structure", "parts": [{"id", "state", "label",
    "figures", "needed", "sentences", "competences", "competence_needs"}], "notes"}. Every
    sentence of `explanations` is said once: in its part's row when it is about one part, in
    `notes` otherwise."""
    parts: dict[str, dict] = {}
    notes: list[str] = []
    for step, sentences in said:
        part = step.get("part")
        if part and step["rule"] in PART_RULES and step["status"] != "computed":
            minima = [s for s in trace.of("competence_mastery_min")
                      if s["part"] == part and s["status"] == "decided"]
            state, word = _part_state(step, any(not m["ok"] for m in minima))
            needed = step.get("needed")
            parts[part] = {
                "id": part, "title": _part_title(cqp, part), "state": state,
                "label": _say(_state_key(cqp, word)), "rule": step["rule"],
                "figures": {k: v for k, v in plain(step).items()
                            if k in ("measured", "threshold", "inputs", "needed", "decided")},
                "needed": plain(needed) if step["status"] != "decided" or not step["ok"] else None,
                "sentences": list(sentences),
                "competences": [{"id": m["competence"], "state": "validated" if m["ok"] else "not_validated",
                                 "text": _say(f"score.competence_mastery_min.{_mastery_said(step, m)}",
                                              competence=m["competence"], mastery=m["measured"])}
                                for m in minima],
                "competence_needs": _competence_needs(cqp, part, step.get("per_competence") or {}),
            }
        elif part and part in parts:
            parts[part]["sentences"] += sentences  # a figure about that part (a benefit's end)
        else:
            notes += sentences
    validated = [p for p in parts.values() if p["state"] == "validated"]
    failed = [p for p in parts.values() if p["state"] in ("not_validated", "out_of_reach")
              and p["rule"] != "domain_benefit"]
    expired = [p["id"] for p in parts.values() if p["state"] == "not_validated" and p["rule"] == "domain_benefit"]
    summary = [_say("score.summary", title=outcome["title"])]
    passed, not_passed = ("passed", "not_passed") if cqp.by_domains else ("validated", "not_validated")
    if validated:
        summary.append(_say(f"score.summary_{passed}", parts=[p["id"] for p in validated]))
    # Not said twice: a headline that names the failed parts already says they failed.
    if failed and not all(p["id"] in outcome["title"] for p in failed):
        summary.append(_say(f"score.summary_{not_passed}", parts=[p["id"] for p in failed]))
    if expired:
        summary.append(_say("score.summary_expired", parts=expired))
    return {"summary": " ".join(summary), "structure": "domains" if cqp.by_domains else "blocks",
            "parts": list(parts.values()), "notes": notes}


# --- eligibility ---------------------------------------------------------------------------

def check_message(cqp: Cqp, step: dict) -> str:
    rule = cqp.rule(step["rule"])
    condition = _say(f"eligibility.condition.{'met' if step['ok'] else 'not_met'}", text=rule.text)
    detail = check_detail(cqp, step)
    return _say("eligibility.with_detail", condition=condition, detail=detail) if detail else condition


def _amount(cqp: Cqp, rule_id: str, value) -> str:
    one, many = wording.unit_words(cqp.rule(rule_id).unit)
    return f"{number(value)} {plural(value, one, many)}".strip()


def _detail_state(node: dict, step: dict) -> str | None:
    """Which detail of a condition applies, from the most particular: the check it is about (a
    KBIS, a criminal record), none or several of what is counted, met or not, some."""
    m = step["measured"]
    counted = isinstance(m, int) and not isinstance(m, bool)
    for key, applies in ((step.get("check"), True), ("none", m == 0 or m == []),
                         ("several", counted and m > 1), ("met", step["ok"] is True),
                         ("not_met", step["ok"] is False), ("some", bool(m))):
        if key in node and applies:
            return key
    return None


def check_detail(cqp: Cqp, step: dict) -> str:
    """The figures behind one condition, in a few words: the template of its check or rule
    (`sentences.eligibility.detail`), by state when it has several."""
    details = wording.template("eligibility.detail")
    rule, m = step["rule"], step["measured"]
    key = "waived" if step.get("waived") else step.get("check") if step.get("check") in details else rule
    node = details.get(key)
    if node is None:
        return ""
    if isinstance(node, dict):
        state = _detail_state(node, step)
        if state is None:
            return ""
        key = f"{key}.{state}"
    number_like = isinstance(m, (int, Fraction, Decimal)) and not isinstance(m, bool)
    return _say(f"eligibility.detail.{key}", measured=m, due=step["threshold"], **step["inputs"],
                amount=_amount(cqp, rule, m) if number_like else "")


def not_checked_note(cqp: Cqp, step: dict) -> str:
    key = f"eligibility.not_checked.{step['rule']}"
    if wording.has_sentence(key):
        return _say(key)
    rule = cqp.rule(step["rule"])
    if rule.data.get("decided_by"):  # a body's decision: who decides, never a failure
        return _say("eligibility.not_checked.decided_by", title=rule.title, who=rule.data["decided_by"])
    return _say("eligibility.not_checked.other", title=rule.title)


def to_prepare_message(cqp: Cqp, step: dict) -> str:
    """What a condition the site cannot decide asks, in the rule's words (`to_prepare`)."""
    return typeset(cqp.rule(step["rule"]).text)


def eligibility_texts(cqp: Cqp, trace: Trace, checks: list[dict], subject: str | None = None,
                      route: str | None = None) -> dict:
    decided = [s for s in trace.steps if s["status"] == "decided"]
    ok = all(s["ok"] for s in decided)
    failing = " ; ".join(cqp.rule(s["rule"]).title for s in decided if not s["ok"])
    n = len(decided)
    kind = "organism" if subject == "organism" else "candidate"
    pending = [s for s in trace.steps if s["status"] == "not_checked"]
    if not n:  # nothing the site can check: what the referential says instead (cited steps)
        head = _say("eligibility.head.none_checked")
    elif ok:
        head = _say(f"eligibility.head.{kind}_met_{'one' if n == 1 else 'many'}", n=n)
    else:
        head = _say(f"eligibility.head.{kind}_not_met", failing=failing)
    said_rules = [typeset(cqp.rule(s["rule"]).text) for s in trace.steps if s["status"] == "computed"] if not n else []
    notes = said_rules + [not_checked_note(cqp, s) for s in pending]
    # Only conditions others decide (nothing checked here): neutral, never a failure.
    status = "neutral" if not n and pending else "positive" if ok else "negative"
    # A candidate's headline by route (and CQP where the seeds differ): for a VAE candidate of
    # the Vendeur conseil à distance only the kind of experience is checked, the branch decides
    # on the recevabilité (cahier des charges §4.1), so it says so, not « Éligible ».
    outcome = wording.outcome("eligibility", status, cqp.id,
                              subject=f"candidate_{route}" if subject == "candidate" and route else subject)
    failed = sum(1 for s in decided if not s["ok"])
    summary = (_say("eligibility.summary_none", title=outcome["title"]) if not n
               else _say("eligibility.summary_met", title=outcome["title"]) if not failed
               else _say("eligibility.summary_not_met", title=outcome["title"], n=failed))
    # Beside each condition, for a screen reader: met, not met, or to complete (never a failure).
    said = [_say("eligibility." + ("to_complete" if c["ok"] is None else "met" if c["ok"] else "not_met"))
            for c in checks]
    return {"explanations": [head, *notes], "references": references(cqp, trace), "trace": trace.json(),
            "outcome": outcome, "next_steps": wording.next_steps("eligibility", status, cqp, route, subject),
            "display": {"summary": summary, "checks": [{"said": x} for x in said], "notes": [head, *notes]}}


# --- deadlines ---------------------------------------------------------------------------

def _deadline_sentences(cqp: Cqp, step: dict, trace: Trace) -> list[str]:
    sentence = _say("deadlines.deadline", label=step["label"], date=step["measured"],
                    counting=step["counting"], start=step["inputs"]["start"])
    if step.get("holidays_skipped"):
        sentence += " " + _say("deadlines.holidays", holidays=", ".join(_holidays(step["holidays_skipped"])))
    return [sentence]


def _holidays(skipped: list[dict]) -> list[str]:
    return [_say("deadlines.holiday", name=h["name"], date=_date(h["date"])) for h in skipped]


def _date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def deadlines_display(deadlines: list[dict], notes: list[str]) -> dict:
    """The screen of deadlines: each row's date with its weekday, the holidays it skipped, and
    the headline and summary; the calendar file's reminder words."""
    n = len(deadlines)
    rows = [{"id": d["id"], "date": day(_date(d["date"])),
             "holidays": _say("deadlines.holidays_short", holidays=", ".join(_holidays(d["holidays_skipped"])))
             if d.get("holidays_skipped") else "",
             "reminder": _say("deadlines.reminder", label=d["label"]),
             "source": _say("deadlines.source", source=d["source"]),
             # The calendar file adds the page's address, which only the page knows.
             "explained": _say("deadlines.explained", url="").strip()} for d in deadlines]
    return {"headline": _say("deadlines.headline", n=n) if n else _say("deadlines.headline_none"),
            "summary": _say("deadlines.summary", n=n) if n else _say("deadlines.summary_none"),
            "rows": rows, "notes": [typeset(n) for n in notes]}


# --- bad input -----------------------------------------------------------------------------

def problems_display(errors: list[dict]) -> dict:
    """The screen of a situation that cannot be evaluated: answers not given yet are neutral
    (« À compléter »), never a failure; another problem says what was expected."""
    todo = all(e.get("kind") == "missing" for e in errors)
    title = _say("problems.to_complete" if todo else "problems.to_correct")
    items = [{"path": e.get("path"), "kind": e.get("kind"), "text": _say("problems.answer_expected", label=e["label"])
              if e.get("kind") == "missing" and e.get("label") else typeset(e.get("message", "")),
              "short": typeset(e["label"] if e.get("kind") == "missing" and e.get("label")
                                              else e.get("message", ""))} for e in errors]
    return {"state": "not_known" if todo else "error", "title": title,
            "intro": "" if not todo else _say("problems.missing_one") if len(errors) == 1
             else _say("problems.missing_many", n=len(errors)),
            "items": items,
            "summary": _say("problems.summary", title=title, problems=" ; ".join(i["short"] for i in items))}
