"""score: does a result validate a domain or a block, and the CQP?

Each rule is one function named after it; its value and comparison come from the referential
(rule ids in the docstrings; their text, source and interpretation are in referentiels/*.yaml).
Every decision is recorded as a step of the trace; explain.py writes the sentences from it.
"""
from __future__ import annotations

import math
from datetime import date
from fractions import Fraction
from functools import lru_cache

from . import explain
from .dates import add_years
from .french import rounded
from .inputs import INVALID, Reader
from .referentiel import Cqp
from .situation import read_cqp, read_route
from .trace import Trace

_ZERO, _ONE, _CENT, _HUNDRED = Fraction(0), Fraction(1), Fraction(1, 100), Fraction(100)


def score(situation: dict, *, leave_out: frozenset = frozenset()) -> dict:
    """The verdict; `leave_out` names keys of explain.OPTIONAL a caller does not need (a cohort's
    table): they are not written, everything else is as without it."""
    r, s, cqp = read_cqp(situation, "score")
    leave_out = frozenset(leave_out) & explain.OPTIONAL
    if cqp.by_domains:
        return _score_domains(r, s, cqp, leave_out)
    return _score_blocks(r, s, cqp, leave_out)


# --- vendeur-conseil-distance: two domains, each passed by its rate of positive indicators ---

def domain_pass_rate(cqp: Cqp, positive: int, total: int) -> tuple[bool, Fraction]:
    """Rule `domain_pass_rate`: the épreuve is passed if the share of the evaluation indicators
    assessed positively meets the threshold (exact: 16/20 = 80 % passes)."""
    rate = Fraction(positive * 100, total)
    return cqp.rule("domain_pass_rate").holds(rate), rate


def domain_benefit(cqp: Cqp, validated_on: date) -> date:
    """Rule `domain_benefit`: a passed domain is kept for a number of years, date to date."""
    return add_years(validated_on, int(cqp.rule("domain_benefit").value))


def positive_solutions(cqp: Cqp, total: int) -> tuple[int, int] | None:
    """The numbers of positive indicators out of total that pass (rule domain_pass_rate), as
    (least, greatest); None if none does. Solved by the rule on its measure, 100·p/total."""
    found = cqp.rule("domain_pass_rate").solutions(Fraction(100, total), _ZERO, _ZERO, Fraction(total), _ONE)
    return None if found is None else (int(found[0]), int(found[1]))


def needed_positive(cqp: Cqp, total: int) -> int | None:
    """The least number of positive indicators out of total that passes (rule domain_pass_rate);
    None if even all of them would not."""
    found = positive_solutions(cqp, total)
    return None if found is None else found[0]


def domain_decided(cqp: Cqp, positive: int, evaluated: int, total: int) -> str | None:
    """A domain evaluated in part (contract v1.2): "reached" when every way the indicators not
    yet evaluated may turn out passes, "out_of_reach" when none does, None while it depends on
    them. The final count of positives lies between positive and positive + the rest."""
    found = positive_solutions(cqp, total)
    most = positive + (total - evaluated)
    if found is None or found[0] > most or found[1] < positive:
        return "out_of_reach"
    if found[0] <= positive and most <= found[1]:
        return "reached"
    return None


def certification_all_domains(validated: dict[str, bool]) -> bool:
    """Rule `certification_all_domains`: every domain must be validated; no partial certificate."""
    return all(validated.values())


def _read_domains(r: Reader, s: dict, cqp: Cqp) -> tuple:
    r.only_keys(s, ["cqp", "route", "session_date", "domains"], ())
    route = read_route(r, s, cqp)
    session = r.optional_date(s, "session_date", ())
    domains_in = r.required(s, "domains", (), "un objet {DC1: …, DC2: …}")
    given: dict[str, dict] = {}
    if domains_in is not INVALID and r.obj(domains_in, ("domains",)) is not INVALID:
        r.only_keys(domains_in, [d["id"] for d in cqp.parts], ("domains",))
        for part in cqp.parts:
            dc = part["id"]
            if domains_in.get(dc) is not None:
                given[dc] = _read_domain(r, domains_in[dc], ("domains", dc), session, s)
    r.done()
    return route, session, given


def _read_domain(r: Reader, value, path: tuple, session: date | None, s: dict) -> dict:
    d = r.obj(value, path, "un objet {positive, total} ou {validated_on}")
    if d is INVALID:
        return {}
    r.only_keys(d, ["positive", "total", "evaluated", "validated_on"], path)
    if r.present(d, "validated_on"):
        if r.present(d, "positive") or r.present(d, "total"):
            r.fail(path, "conflict", "attendu : soit positive et total (évalué à cette session), soit "
                   "validated_on (validé plus tôt), pas les deux",
                   "soit les résultats de cette session, soit la date d'une validation antérieure")
            return {}
        on = r.iso_date(d, "validated_on", path)
        if session is None and not r.present(s, "session_date"):
            r.fail(("session_date",), "missing", "missing (attendu : une date AAAA-MM-JJ, nécessaire car "
                   f"{path[1]} a été validé plus tôt)",
                   f"une date, nécessaire car {path[1]} a été validé lors d'une session antérieure")
        elif on is not INVALID and session is not None and on > session:
            r.fail(path + ("validated_on",), "conflict",
                   f"date postérieure à la session ({session.isoformat()}) : un domaine reporté a été validé avant",
                   "une date antérieure à la session")
        return {"validated_on": on}
    total = r.integer(d, "total", path, 1)
    positive = r.integer(d, "positive", path, 0)
    if total is not INVALID and positive is not INVALID and positive > total:
        r.fail(path + ("positive",), "range", f"{positive} > total ({total}) (attendu : 0 <= positive <= total)",
               f"un nombre entre 0 et {total}")
    given = r.present(d, "evaluated")
    evaluated = r.integer(d, "evaluated", path, 0) if given else total
    # Only a count that was given can be at fault (positive > total is told on its own).
    if given and evaluated is not INVALID and total is not INVALID and positive is not INVALID \
            and not positive <= evaluated <= total:
        r.fail(path + ("evaluated",), "range",
               f"{evaluated} hors limites (attendu : entre positive ({positive}) et total ({total}))",
               f"un nombre entre {positive} et {total}")
    return {"positive": positive, "total": total, "evaluated": evaluated}


def _score_domains(r: Reader, s: dict, cqp: Cqp, leave_out: frozenset) -> dict:
    route, session, given = _read_domains(r, s, cqp)
    rate_rule, benefit = cqp.rule("domain_pass_rate"), cqp.rule("domain_benefit")
    trace = Trace()
    out: dict[str, dict] = {}
    for part in cqp.parts:
        dc = part["id"]
        g = given.get(dc)
        if g is None:
            out[dc] = {"validated": False, "evaluated": False}
            trace.add(rate_rule.pending("not_evaluated", part=dc))
        elif "validated_on" in g:
            on = g["validated_on"]
            until = domain_benefit(cqp, on)
            applied = trace.add(benefit.apply(session, against=until, part=dc,
                                              inputs={"validated_on": on, "session_date": session}))
            out[dc] = {"validated": applied["ok"], "evaluated": False, "carried_over": True,
                       "validated_on": on.isoformat(), "valid_until": until.isoformat()}
        elif g["evaluated"] < g["total"]:
            # Rule evaluations_complete: every indicator of the référentiel is to be evaluated; a
            # part evaluated decides nothing.
            positive, total = g["positive"], g["total"]
            needed = needed_positive(cqp, total)
            out[dc] = {"validated": False, "evaluated": True, "complete": False, "positive": positive,
                       "total": total, "indicators_evaluated": g["evaluated"], "needed_positive": needed}
            decided = domain_decided(cqp, positive, g["evaluated"], total)
            extra = {} if decided is None else {"decided": decided}
            out[dc].update(extra)
            trace.add(rate_rule.pending("incomplete", part=dc, needed=needed, **extra, inputs={
                "positive": positive, "total": total, "evaluated": g["evaluated"]}))
        else:
            positive, total = g["positive"], g["total"]
            ok, rate = domain_pass_rate(cqp, positive, total)
            out[dc] = {"validated": ok, "evaluated": True, "positive": positive, "total": total,
                       "rate": rounded(rate), "threshold": rounded(rate_rule.value),
                       "needed_positive": needed_positive(cqp, total)}
            trace.add(rate_rule.apply(rate, part=dc, needed=out[dc]["needed_positive"],
                                      inputs={"positive": positive, "total": total}))
            if ok and session is not None:
                out[dc]["valid_until"] = domain_benefit(cqp, session).isoformat()

    validated = {dc: v["validated"] for dc, v in out.items()}
    certified = certification_all_domains(validated)
    trace.step("certification_all_domains", ok=certified, inputs=validated,
               measured=sum(validated.values()), threshold=len(validated))
    if not certified:
        for dc, v in out.items():
            if v["validated"] and v.get("evaluated"):
                until = v.get("valid_until")
                trace.step(benefit.id, status="computed", part=dc, inputs={"session_date": session},
                           measured=date.fromisoformat(until) if until else None,
                           threshold=benefit.value)
    return {"cqp": cqp.id, "route": route, "certified": certified, "domains": out,
            **explain.verdict_texts("score", cqp, trace, leave_out, route=route)}


# --- commercial-sedentaire: three blocks ---------------------------------------------------

def competence_mastery(cqp: Cqp, results: dict[str, Fraction]) -> Fraction:
    """Rule `evaluation_weights`: a competence's mastery is the weighted sum of its three
    evaluations (questionnaire, tuteur, jury), weights summing to 100."""
    return _mastery(_integer_weights(cqp.rule("evaluation_weights")), results)


def _mastery(weights_total: tuple, results: dict) -> Fraction:
    weights, total = weights_total
    # Exact, in integers: Σ W·n/d over one common denominator, made a Fraction once (a cohort
    # computes thousands of masteries; Fraction additions were most of a row's time).
    num, den = 0, 1
    for k, w in weights:
        r = results[k]
        n, d = r.numerator, r.denominator
        if d == den:
            num += w * n
        else:
            num, den = num * d + w * n * den, den * d
    return Fraction(num, den * total)


def _integer_weights(rule) -> tuple[tuple[tuple[str, int], ...], int]:
    return _weights_over_common_denominator(tuple((k, str(v)) for k, v in rule.data["value"].items()))


@lru_cache(maxsize=64)
def _weights_over_common_denominator(written: tuple) -> tuple[tuple[tuple[str, int], ...], int]:
    """The weights as integers W = w·D (D their common denominator) and ΣW: Σ(W·r)/ΣW is the
    weighted mean Σ(w·r)/Σw exactly. Keyed by the weights' writing, so that an edited
    referential counts."""
    weights = [(k, Fraction(v)) for k, v in written]
    common = math.lcm(*(w.denominator for _, w in weights))
    scaled = tuple((k, int(w * common)) for k, w in weights)
    return scaled, sum(w for _, w in scaled)


def block_average(masteries: list[Fraction]) -> Fraction:
    """Interpretation of `block_average_min`: the block's average is the arithmetic mean of
    its competences' masteries (each competence counts the same)."""
    # The masteries of a block share their denominator as a rule: summed as integers, exactly.
    num, den = 0, 1
    for m in masteries:
        n, d = m.numerator, m.denominator
        if d == den:
            num += n
        else:
            num, den = num * d + n * den, den * d
    return Fraction(num, den * len(masteries))


def block_average_min(cqp: Cqp, average: Fraction) -> bool:
    """Rule `block_average_min`: the average meets the threshold (exactly the threshold passes)."""
    return cqp.rule("block_average_min").holds(average)


def competence_mastery_min(cqp: Cqp, masteries: dict[str, Fraction]) -> list[str]:
    """Rule `competence_mastery_min`: every competence at least the minimum; returns those below."""
    rule = cqp.rule("competence_mastery_min")
    return [c for c, m in masteries.items() if not rule.holds(m)]


def vae_block_min(cqp: Cqp, score_: Fraction) -> bool:
    """Rule `vae_block_min`: by VAE, a block is validated if its score meets the threshold."""
    return cqp.rule("vae_block_min").holds(score_)


def certification_all_blocks(validated: dict[str, bool]) -> bool:
    """Rule `certification_all_blocks`: the CQP needs every block."""
    return all(validated.values())


def _read_blocks(r: Reader, s: dict, cqp: Cqp) -> tuple:
    r.only_keys(s, ["cqp", "route", "blocks", "session_date"], ())
    route = read_route(r, s, cqp)
    r.optional_date(s, "session_date", ())
    blocks_in = r.required(s, "blocks", (), "un objet {B1: …, B2: …, B3: …}")
    given: dict[str, dict] = {}
    if blocks_in is not INVALID and r.obj(blocks_in, ("blocks",)) is not INVALID and route is not INVALID:
        r.only_keys(blocks_in, [b["id"] for b in cqp.parts], ("blocks",))
        for block in cqp.parts:
            b = block["id"]
            if blocks_in.get(b) is None:
                continue
            path = ("blocks", b)
            value = r.obj(blocks_in[b], path)
            if value is INVALID:
                continue
            if route == "vae":
                r.only_keys(value, ["score"], path)
                if r.present(value, "score"):  # "score": null is an absent block (contract v1.1)
                    given[b] = {"score": r.percentage(value, "score", path)}
            else:
                given[b] = {"results": _read_results(r, cqp, block, value, path)}
    r.done()
    return route, given


def _read_results(r: Reader, cqp: Cqp, block: dict, given: dict, path: tuple) -> dict:
    """{competence: {evaluation: Fraction or None}}: a competence or a result that is absent or
    null is not known yet (contract v1.1: typically the jury has not sat)."""
    weights = list(cqp.rule("evaluation_weights").values)
    comp_ids = [c["id"] for c in block["competences"]]
    r.only_keys(given, comp_ids, path)
    out = {}
    for c in comp_ids:
        cpath = path + (c,)
        results = given.get(c)
        if results is None:
            out[c] = {k: None for k in weights}
            continue
        # What is expected is only written for a value that is not an object (a cohort reads
        # nineteen competences a row).
        if type(results) is not dict and \
                r.obj(results, cpath, f"un objet {{{', '.join(weights)}}} (résultats de {c}, en %)") is INVALID:
            continue
        r.only_keys(results, weights, cpath)
        out[c] = {k: None if (v := results.get(k)) is None else r.percentage(results, k, cpath) for k in weights}
    return out


def _score_blocks(r: Reader, s: dict, cqp: Cqp, leave_out: frozenset) -> dict:
    route, given = _read_blocks(r, s, cqp)
    trace = Trace()
    # Each mastery's own step only tells (explanations, references, trace, display): a table
    # that reads none of them does without (a cohort row computes nineteen; an eighth of its time).
    computed = not explain.TELLING <= leave_out
    out: dict[str, dict] = {}
    for block in cqp.parts:
        b = block["id"]
        if b not in given:
            out[b] = {"validated": False, "evaluated": False, "average": None,
                      "competences": {}, "below_minimum": []}
            rule = cqp.rule("vae_block_min" if route == "vae" else "block_average_min")
            trace.add(rule.pending("not_evaluated", part=b))
        elif route == "vae":
            out[b] = _vae_block(cqp, b, given[b]["score"], trace)
        else:
            out[b] = _formation_block(cqp, b, given[b]["results"], trace, computed)

    validated = {b: v["validated"] for b, v in out.items()}
    certified = certification_all_blocks(validated)
    # The livret speaks of delivering a block alone only for the formation route.
    done = [] if route == "vae" else [b for b, ok in validated.items() if ok]
    trace.step("certification_all_blocks", ok=certified, inputs=validated,
               measured=sum(validated.values()), threshold=len(validated))
    if not certified and (done or (route == "vae" and any(validated.values()))):
        trace.step("block_delivery", status="computed", inputs={"route": route}, measured=done)
    return {"cqp": cqp.id, "route": route, "certified": certified, "blocks": out,
            "delivered_blocks": done, **explain.verdict_texts("score", cqp, trace, leave_out, route=route)}


def _formation_block(cqp: Cqp, b: str, results: dict, trace: Trace, computed: bool = True) -> dict:
    if any(v is None for res in results.values() for v in res.values()):
        return _incomplete_block(cqp, b, results, trace)
    weights = cqp.rule("evaluation_weights")
    integer_weights = _integer_weights(weights)  # competence_mastery's, read once for the block
    masteries: dict[str, Fraction] = {}
    for c, res in results.items():
        masteries[c] = _mastery(integer_weights, res)
        if computed:
            trace.step(weights.id, status="computed", part=b, competence=c, inputs=res, measured=masteries[c])
    average = block_average(list(masteries.values()))
    avg_rule, min_rule = cqp.rule("block_average_min"), cqp.rule("competence_mastery_min")
    avg_ok = trace.add(avg_rule.apply(average, part=b, inputs=masteries))["ok"]
    # Rule competence_mastery_min, each competence compared once: its step says which are below.
    if computed:
        below = [c for c, m in masteries.items() if not trace.add(min_rule.apply(m, part=b, competence=c))["ok"]]
    else:  # only the steps that fail are read then (the outcome, its headline): only they are recorded
        minimum = min_rule.value
        below = [c for c, m in masteries.items() if not min_rule.compare(m, minimum)]
        for c in below:
            trace.add(min_rule.apply(masteries[c], part=b, competence=c))
    return {"validated": avg_ok and not below, "evaluated": True, "complete": True, "average": rounded(average),
            "competences": {c: rounded(m) for c, m in masteries.items()}, "below_minimum": below}


# --- partial results: what is still needed (contract v1.1) ----------------------------------

def _mastery_at(cqp: Cqp, res: dict, x: Fraction) -> Fraction:
    return competence_mastery(cqp, {k: (x if v is None else v) for k, v in res.items()})


def block_validated_at(cqp: Cqp, results: dict, x: Fraction) -> bool:
    """Whether the block is validated if every unknown result were x (rules block_average_min
    and competence_mastery_min, as the complete block is judged)."""
    masteries = [_mastery_at(cqp, res, x) for res in results.values()]
    return block_average_min(cqp, block_average(masteries)) and not competence_mastery_min(
        cqp, dict(enumerate(masteries)))


def _affine(measure) -> tuple[Fraction, Fraction]:
    """(slope, offset) of a measure of x that is affine (a weighted mean of results, some of
    them x; a mean of such): read from the measure itself at 0 and 1, never re-derived."""
    at_zero = measure(_ZERO)
    return measure(_ONE) - at_zero, at_zero


def _cents(rule, measure) -> tuple[Fraction, Fraction] | None:
    """The results x, in cents between 0 and 100, at which the measure meets the rule."""
    return rule.solutions(*_affine(measure), _ZERO, _HUNDRED, _CENT)


def needed_uniform(cqp: Cqp, results: dict) -> Fraction | None:
    """Least x (to the cent above) such that every unknown result at x validates the block;
    None if even 100 would not. The block needs its average rule and every competence's
    minimum: each rule gives the run of cents at which it holds, and the block holds on their
    common part, whose least value is the answer."""
    average, minimum = cqp.rule("block_average_min"), cqp.rule("competence_mastery_min")
    runs = [_cents(average, lambda x: block_average([_mastery_at(cqp, res, x) for res in results.values()]))]
    runs += [_cents(minimum, lambda x, res=res: _mastery_at(cqp, res, x)) for res in results.values()]
    if any(run is None for run in runs):
        return None
    least, greatest = max(run[0] for run in runs), min(run[1] for run in runs)
    return least if least <= greatest else None


def needed_per_competence(cqp: Cqp, res: dict) -> Fraction | None:
    """Least y (to the cent above) which, given to each unknown result of one competence, brings
    it to its minimum (rule competence_mastery_min); 0 if already there, None if 100 would not."""
    run = _cents(cqp.rule("competence_mastery_min"), lambda y: _mastery_at(cqp, res, y))
    return None if run is None else run[0]


def _incomplete_block(cqp: Cqp, b: str, results: dict, trace: Trace) -> dict:
    weights = cqp.rule("evaluation_weights")
    known = {c: res for c, res in results.items() if all(v is not None for v in res.values())}
    masteries = {c: competence_mastery(cqp, res) for c, res in known.items()}
    for c, m in masteries.items():
        trace.step(weights.id, status="computed", part=b, competence=c, inputs=known[c], measured=m)
    below = competence_mastery_min(cqp, masteries)
    uniform = needed_uniform(cqp, results)
    per_competence = {
        c: {k: (None if (y := needed_per_competence(cqp, res)) is None else rounded(y))
            for k, v in res.items() if v is None}
        for c, res in results.items() if c not in known}
    avg_rule = cqp.rule("block_average_min")
    unknown = sum(1 for res in results.values() for v in res.values() if v is None)
    trace.add(avg_rule.pending("incomplete", part=b, needed=uniform, per_competence=per_competence, inputs={
        "unknown": unknown, "results": sum(len(res) for res in results.values())}))
    min_rule = cqp.rule("competence_mastery_min")
    for c, m in masteries.items():
        trace.add(min_rule.apply(m, part=b, competence=c))
    return {"validated": False, "evaluated": True, "complete": False, "average": None,
            "competences": {c: rounded(m) for c, m in masteries.items()}, "below_minimum": below,
            "needed": {"reachable": uniform is not None,
                       "uniform": None if uniform is None else rounded(uniform),
                       "per_competence": per_competence}}


def _vae_block(cqp: Cqp, b: str, value: Fraction, trace: Trace) -> dict:
    ok = trace.add(cqp.rule("vae_block_min").apply(value, part=b, inputs={"score": value}))["ok"]
    return {"validated": ok, "evaluated": True, "average": rounded(value), "competences": {},
            "below_minimum": []}
