"""score: does a result validate a domain or a block, and the CQP?

Each rule is one function named after it; its value comes from the referential (rule ids in
the docstrings; their text, source and interpretation are in referentiels/*.yaml).
"""
from __future__ import annotations

from datetime import date
from fractions import Fraction

from . import inputs
from .dates import add_years, french
from .errors import SituationError
from .explain import Explainer, fr, pct, rounded
from .referentiel import Cqp
from .situation import read_cqp, read_route


def score(situation: dict) -> dict:
    s, cqp = read_cqp(situation)
    if cqp.data["structure"] == "domains":
        return _score_domains(s, cqp)
    return _score_blocks(s, cqp)


# --- vendeur-conseil-distance: two domains, each passed by its rate of positive indicators ---

def domain_pass_rate(cqp: Cqp, positive: int, total: int) -> tuple[bool, Fraction]:
    """Rule `domain_pass_rate`: the épreuve is passed if at least the threshold share of the
    evaluation indicators were assessed positively (exact: 16/20 = 80 % passes)."""
    rate = Fraction(positive * 100, total)
    return cqp.rule("domain_pass_rate").holds(rate), rate


def domain_benefit(cqp: Cqp, validated_on: date) -> date:
    """Rule `domain_benefit`: a passed domain is kept for a number of years, date to date."""
    return add_years(validated_on, int(cqp.rule("domain_benefit").value))


def certification_all_domains(validated: dict[str, bool]) -> bool:
    """Rule `certification_all_domains`: every domain must be validated; no partial certificate."""
    return all(validated.values())


def _score_domains(s: dict, cqp: Cqp) -> dict:
    inputs.only_keys(s, ["cqp", "route", "session_date", "domains"], "")
    route = read_route(s, cqp)
    session = inputs.optional_date(s, "session_date", "")
    domains_in = inputs.obj(inputs.required(s, "domains", "", "un objet {DC1: …, DC2: …}"), "domains")
    ids = [d["id"] for d in cqp.parts]
    inputs.only_keys(domains_in, ids, "domains")

    threshold = cqp.rule("domain_pass_rate")
    benefit = cqp.rule("domain_benefit")
    ex = Explainer()
    out: dict[str, dict] = {}
    for part in cqp.parts:
        dc, path = part["id"], f"domains.{part['id']}"
        given = domains_in.get(dc)
        if given is None:
            out[dc] = {"validated": False, "evaluated": False}
            ex.say(f"{dc} ({part['title']}) : pas encore évalué, donc non validé.")
            continue
        given = inputs.obj(given, path, "un objet {positive, total} ou {validated_on}")
        inputs.only_keys(given, ["positive", "total", "validated_on"], path)
        if inputs.present(given, "validated_on"):
            if inputs.present(given, "positive") or inputs.present(given, "total"):
                raise SituationError(path, "attendu : soit positive et total (évalué à cette session), soit validated_on (validé plus tôt), pas les deux")
            on = inputs.iso_date(given, "validated_on", path)
            if session is None:
                raise SituationError("session_date", f"missing (attendu : une date AAAA-MM-JJ, nécessaire car {dc} a été validé plus tôt)")
            if on > session:
                raise SituationError(f"{path}.validated_on", f"date postérieure à la session ({session.isoformat()}) : un domaine reporté a été validé avant")
            until = domain_benefit(cqp, on)
            ok = session <= until
            out[dc] = {"validated": ok, "evaluated": False, "carried_over": True,
                       "validated_on": on.isoformat(), "valid_until": until.isoformat()}
            if ok:
                ex.say(f"{dc} : validé le {french(on)}, son bénéfice court jusqu'au {french(until)} ; "
                       f"la session du {french(session)} tombe dans ce délai.", benefit)
            else:
                ex.say(f"{dc} : validé le {french(on)}, mais son bénéfice a pris fin le {french(until)}, "
                       f"avant la session du {french(session)} : il doit être repassé.", benefit)
            continue
        total = inputs.integer(given, "total", path, 1, "un entier >= 1 (indicateurs évalués)")
        positive = inputs.integer(given, "positive", path, 0, "un entier >= 0 (indicateurs évalués positivement)")
        if positive > total:
            raise SituationError(f"{path}.positive", f"{positive} > total ({total}) (attendu : 0 <= positive <= total)")
        ok, rate = domain_pass_rate(cqp, positive, total)
        out[dc] = {"validated": ok, "evaluated": True, "positive": positive, "total": total,
                   "rate": rounded(rate), "threshold": rounded(threshold.value)}
        verb = "validé" if ok else "non validé"
        comp = "au moins" if ok else "sous"
        ex.say(f"{dc} {verb} : {positive} indicateurs positifs sur {total}, soit {pct(rate)}, "
               f"{comp} les {pct(threshold.value)} requis.", threshold)
        if ok and session is not None:
            until = domain_benefit(cqp, session)
            out[dc]["valid_until"] = until.isoformat()

    validated = {dc: v["validated"] for dc, v in out.items()}
    certified = certification_all_domains(validated)
    rule = cqp.rule("certification_all_domains")
    if certified:
        ex.say(f"CQP obtenu : les {len(validated)} domaines de compétences sont validés.", rule)
    else:
        done = [dc for dc, ok in validated.items() if ok]
        if done:
            ex.say(f"CQP non obtenu : seul{'s' if len(done) > 1 else ''} {', '.join(done)} "
                   f"{'sont validés' if len(done) > 1 else 'est validé'} ; aucun certificat partiel "
                   "n'est délivré.", rule)
        else:
            ex.say("CQP non obtenu : aucun domaine n'est validé.", rule)
        for dc in done:
            if out[dc].get("evaluated") and "valid_until" in out[dc]:
                ex.say(f"Le bénéfice de {dc} est conservé jusqu'au {french(date.fromisoformat(out[dc]['valid_until']))}.", benefit)
            elif out[dc].get("evaluated"):
                ex.say(f"Le bénéfice de {dc} est conservé {fr(benefit.value)} ans (indiquez la date de session pour l'échéance).", benefit)
    return {"cqp": cqp.id, "route": route, "certified": certified, "domains": out,
            "explanations": ex.sentences, "references": ex.references}


# --- commercial-sedentaire: three blocks ---------------------------------------------------

def competence_mastery(cqp: Cqp, results: dict[str, Fraction]) -> Fraction:
    """Rule `evaluation_weights`: a competence's mastery is the weighted sum of its three
    evaluations (questionnaire, tuteur, jury), weights summing to 100."""
    weights = cqp.rule("evaluation_weights").values
    return sum((weights[k] * results[k] for k in weights), Fraction(0)) / sum(weights.values())


def block_average(masteries: list[Fraction]) -> Fraction:
    """Interpretation of `block_average_min`: the block's average is the arithmetic mean of
    its competences' masteries (each competence counts the same)."""
    return sum(masteries, Fraction(0)) / len(masteries)


def block_average_min(cqp: Cqp, average: Fraction) -> bool:
    """Rule `block_average_min`: average >= the threshold (exactly the threshold passes)."""
    return cqp.rule("block_average_min").holds(average)


def competence_mastery_min(cqp: Cqp, masteries: dict[str, Fraction]) -> list[str]:
    """Rule `competence_mastery_min`: every competence at least the minimum; returns those below."""
    rule = cqp.rule("competence_mastery_min")
    return [c for c, m in masteries.items() if not rule.holds(m)]


def vae_block_min(cqp: Cqp, score_: Fraction) -> bool:
    """Rule `vae_block_min`: by VAE, a block is validated if its score reaches the threshold."""
    return cqp.rule("vae_block_min").holds(score_)


def certification_all_blocks(validated: dict[str, bool]) -> bool:
    """Rule `certification_all_blocks`: the CQP needs every block."""
    return all(validated.values())


def _score_blocks(s: dict, cqp: Cqp) -> dict:
    inputs.only_keys(s, ["cqp", "route", "blocks", "session_date"], "")
    route = read_route(s, cqp)
    inputs.optional_date(s, "session_date", "")
    blocks_in = inputs.obj(inputs.required(s, "blocks", "", "un objet {B1: …, B2: …, B3: …}"), "blocks")
    inputs.only_keys(blocks_in, [b["id"] for b in cqp.parts], "blocks")
    ex = Explainer()
    out: dict[str, dict] = {}
    for block in cqp.parts:
        b = block["id"]
        given = blocks_in.get(b)
        if given is None:
            out[b] = {"validated": False, "evaluated": False, "average": None,
                      "competences": {}, "below_minimum": []}
            ex.say(f"{b} ({block['title']}) : pas encore évalué, donc non validé.")
            continue
        path = f"blocks.{b}"
        given = inputs.obj(given, path)
        if route == "vae":
            out[b] = _vae_block(cqp, block, given, path, ex)
        else:
            out[b] = _formation_block(cqp, block, given, path, ex)

    validated = {b: v["validated"] for b, v in out.items()}
    certified = certification_all_blocks(validated)
    done = [b for b, ok in validated.items() if ok]
    all_rule, delivery = cqp.rule("certification_all_blocks"), cqp.rule("block_delivery")
    if route == "vae":
        # The livret speaks of delivering a block alone only for the formation route.
        done = []
    if certified:
        ex.say(f"CQP obtenu : les {len(validated)} blocs de compétences sont validés.", all_rule)
    else:
        ex.say(f"CQP non obtenu : il faut valider les {len(validated)} blocs.", all_rule)
        if route == "vae" and any(validated.values()):
            ex.say("Le livret ne dit pas si un bloc validé par la VAE est délivré seul.", delivery)
        if done:
            ex.say(f"{'Le bloc ' if len(done) == 1 else 'Les blocs '}{', '.join(done)} "
                   f"{'est délivré' if len(done) == 1 else 'sont délivrés'} en tant que bloc de compétences.", delivery)
    return {"cqp": cqp.id, "route": route, "certified": certified, "blocks": out,
            "delivered_blocks": done, "explanations": ex.sentences, "references": ex.references}


def _formation_block(cqp: Cqp, block: dict, given: dict, path: str, ex: Explainer) -> dict:
    b = block["id"]
    weights = cqp.rule("evaluation_weights")
    comp_ids = [c["id"] for c in block["competences"]]
    inputs.only_keys(given, comp_ids, path)
    masteries: dict[str, Fraction] = {}
    for c in comp_ids:
        cpath = f"{path}.{c}"
        results = inputs.required(given, c, path, f"un objet {{{', '.join(weights.values)}}} (résultats de {c}, en %)")
        results = inputs.obj(results, cpath)
        inputs.only_keys(results, list(weights.values), cpath)
        masteries[c] = competence_mastery(cqp, {k: inputs.percentage(results, k, cpath) for k in weights.values})
    average = block_average(list(masteries.values()))
    below = competence_mastery_min(cqp, masteries)
    avg_rule, min_rule = cqp.rule("block_average_min"), cqp.rule("competence_mastery_min")
    ok = block_average_min(cqp, average) and not below
    ex.cite(weights)
    if ok:
        ex.say(f"{b} validé : moyenne {pct(average)} (au moins {pct(avg_rule.value)}) et chaque compétence "
               f"à {pct(min_rule.value)} ou plus.", avg_rule, min_rule)
    else:
        reasons = []
        if not block_average_min(cqp, average):
            reasons.append(f"moyenne {pct(average)}, sous les {pct(avg_rule.value)} requis")
        if below:
            reasons.append(", ".join(f"{c} à {pct(masteries[c])}" for c in below)
                           + f", sous le minimum de {pct(min_rule.value)} par compétence")
        ex.say(f"{b} non validé : {' ; '.join(reasons)}.", avg_rule, min_rule)
    return {"validated": ok, "evaluated": True, "average": rounded(average),
            "competences": {c: rounded(m) for c, m in masteries.items()}, "below_minimum": below}


def _vae_block(cqp: Cqp, block: dict, given: dict, path: str, ex: Explainer) -> dict:
    b = block["id"]
    inputs.only_keys(given, ["score"], path)
    value = inputs.percentage(given, "score", path)
    rule = cqp.rule("vae_block_min")
    ok = vae_block_min(cqp, value)
    ex.say(f"{b} {'validé' if ok else 'non validé'} par la VAE : score {pct(value)}, "
           f"{'au moins' if ok else 'sous'} les {pct(rule.value)} requis.", rule)
    return {"validated": ok, "evaluated": True, "average": rounded(value), "competences": {},
            "below_minimum": []}
