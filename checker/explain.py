"""The one formatter: French sentences of a verdict, written from its trace.

`explanations` and the messages of eligibility checks are produced here and nowhere else; the
browser renders from the trace itself. Numbers, units and comparisons in words come from the
rule model (rules.py) and the wording data (referentiels/site.yaml).
"""
from __future__ import annotations

from . import wording
from .french import long_date as day
from .french import plural
from .french import number, percent
from .referentiel import Cqp
from .trace import Trace, cited


# What a caller may leave out of a verdict (a cohort's table shows none of them): each is only
# written from the trace, never read back to decide anything.
OPTIONAL = frozenset({"explanations", "references", "trace", "next_steps"})


def verdict_texts(check: str, cqp: Cqp, trace: Trace, leave_out: frozenset = frozenset(), **context) -> dict:
    """{"explanations", "references", "trace"} of a verdict (and for score "outcome",
    "next_steps"), but for the keys of `leave_out`, which are not even written."""
    out: dict = {}
    if "explanations" not in leave_out:
        writer = {"score": _score_sentence, "deadlines": _deadline_sentence}[check]
        sentences: list[str] = []
        for step in trace.steps:
            said = writer(cqp, step, trace)
            sentences += said if isinstance(said, list) else [said] if said else []
        out["explanations"] = sentences + list(context.get("notes", []))
    if "references" not in leave_out:
        out["references"] = references(cqp, trace)
    if "trace" not in leave_out:
        out["trace"] = trace.json()
    if check == "score":
        out["outcome"] = score_outcome(cqp, trace)
        if "next_steps" not in leave_out:
            out["next_steps"] = wording.next_steps("score", out["outcome"]["status"], cqp, context.get("route"))
    return out


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


def _is(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


# --- score ---------------------------------------------------------------------------------

# A domain evaluated in part whose result no longer depends on the rest (contract v1.2).
_DECIDED = {
    "reached": " Le seuil est déjà atteint, quels que soient les indicateurs restants.",
    "out_of_reach": " Même si tous les indicateurs restants étaient positifs, le seuil ne serait pas atteint.",
}

def _score_sentence(cqp: Cqp, step: dict, trace: Trace) -> str | list[str] | None:
    rule, part = step["rule"], step.get("part")
    if step["status"] == "not_evaluated":
        return f"{part} ({_part_title(cqp, part)}) : pas encore évalué, donc pas encore validé."
    w = _words(cqp, rule) if rule in ("domain_pass_rate", "vae_block_min", "block_average_min") else None
    if rule == "domain_pass_rate" and step["status"] == "incomplete":
        i = step["inputs"]
        return (f"{part} : évaluation incomplète ({i['evaluated']} indicateurs évalués sur les {i['total']} "
                f"du référentiel) ; tous les indicateurs sont à évaluer avant de conclure. Il en faudra "
                f"au moins {step['needed']} positifs sur {i['total']}." + _DECIDED.get(step.get("decided"), ""))
    if rule == "domain_pass_rate":
        i = step["inputs"]
        verb = "validé" if step["ok"] else "non validé"
        comp = w["holds"] if step["ok"] else w["fails"]
        return (f"{part} {verb} : {i['positive']} indicateurs positifs sur {i['total']}, soit "
                f"{percent(step['measured'])}, {comp} les {percent(step['threshold'])} requis.")
    if rule == "domain_benefit" and step["status"] == "decided":
        on, until, session = step["inputs"]["validated_on"], step["threshold"], step["measured"]
        if step["ok"]:
            return (f"{part} : validé le {day(on)}, son bénéfice court jusqu'au {day(until)} ; "
                    f"la session du {day(session)} tombe dans ce délai.")
        return (f"{part} : validé le {day(on)}, mais son bénéfice a pris fin le {day(until)}, "
                f"avant la session du {day(session)} : il doit être repassé.")
    if rule == "domain_benefit":
        if step["measured"] is not None:
            return f"Le bénéfice de {part} est conservé jusqu'au {day(step['measured'])}."
        return (f"Le bénéfice de {part} est conservé {cqp.rule(rule).amount()} "
                "(indiquez la date de session pour l'échéance).")
    if rule in ("certification_all_domains", "certification_all_blocks"):
        return _certification(rule, step, trace)
    if rule == "block_average_min" and step["status"] == "incomplete":
        return _incomplete_sentence(step)
    if rule == "block_average_min":
        return _block_sentence(cqp, step, trace)
    if rule == "vae_block_min":
        ok = step["ok"]
        return (f"{part} {'validé' if ok else 'non validé'} par la VAE : score {percent(step['measured'])}, "
                f"{w['holds'] if ok else w['fails']} les {percent(step['threshold'])} requis.")
    if rule == "block_delivery":
        out = []
        if step["inputs"]["route"] == "vae":
            out.append("Le livret ne dit pas si un bloc validé par la VAE est délivré seul.")
        done = step["measured"]
        if done:
            n = len(done)
            out.append(f"{_is(n, 'Le bloc ', 'Les blocs ')}{', '.join(done)} "
                       f"{_is(n, 'est délivré', 'sont délivrés')} en tant que bloc de compétences.")
        return out  # type: ignore[return-value]
    return None


def _certification(rule: str, step: dict, trace: Trace) -> str:
    # The evaluators propose and the jury paritaire decides (VCD); the livret sets conditions (CS):
    # no sentence here says the CQP is obtained. While no part has failed and some are not known
    # yet, the sentence says what is still to come, never that the conditions are not met.
    validated = step["inputs"]
    n = len(validated)
    steps = _part_steps(trace)
    waiting = not _any_failed(trace, steps) and _pending(steps)
    if rule == "certification_all_blocks":
        if step["ok"]:
            return f"Les {n} blocs de compétences remplissent les conditions de validation du CQP."
        if waiting:
            return (f"Conditions de validation du CQP pas encore réunies : il faut valider les {n} blocs ; "
                    f"{waiting}.")
        return f"Conditions de validation du CQP non remplies : il faut valider les {n} blocs."
    if step["ok"]:
        return (f"Les {n} domaines de compétences sont réussis : les résultats conduisent à une "
                "proposition de validation du CQP au jury paritaire de certification, qui décide.")
    if waiting:
        return (f"Pas encore de proposition de validation du CQP : il faut réussir les {n} domaines ; "
                f"{waiting}.")
    done = [p for p, ok in validated.items() if ok]
    if not done:
        return "Pas de proposition de validation du CQP : aucun domaine n'est réussi."
    k = len(done)
    return (f"Pas de proposition de validation du CQP : {_is(k, 'seul', 'seuls')} {', '.join(done)} "
            f"{_is(k, 'est réussi', 'sont réussis')} ; aucun certificat partiel n'est délivré.")


def _part_steps(trace: Trace) -> list[dict]:
    """The steps that decide a block or a domain (or say it is not known yet)."""
    return [s for s in trace.steps if s.get("part") and s["rule"] in
            ("domain_pass_rate", "domain_benefit", "block_average_min", "vae_block_min")
            and s["status"] != "computed"]


def _any_failed(trace: Trace, parts: list[dict]) -> bool:
    return any(s["ok"] is False for s in parts) or any(
        s["rule"] == "competence_mastery_min" and s["ok"] is False for s in trace.steps)


def _pending(parts: list[dict]) -> str:
    """What is not known yet, in words: « B1 n'est pas encore complet, B2 et B3 pas encore
    évalués »; empty when everything is known."""
    said = []
    for status, word in (("incomplete", "complet"), ("not_evaluated", "évalué")):
        ids = [s["part"] for s in parts if s["status"] == status]
        if ids:
            names = ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} et {ids[-1]}"
            plural = "s" if len(ids) > 1 else ""
            verb = "" if said else (" ne sont" if plural else " n'est")
            said.append(f"{names}{verb} pas encore {word}{plural}")
    return ", ".join(said)


def score_outcome(cqp: Cqp, trace: Trace) -> dict:
    """Positive when the CQP's conditions are met, negative when a part failed, neutral while
    something is not known yet (not evaluated, incomplete): never a failure for what is unknown."""
    cert = next(s for s in trace.steps if s["rule"] in ("certification_all_domains", "certification_all_blocks"))
    status = "positive" if cert["ok"] else "negative" if _any_failed(trace, _part_steps(trace)) else "neutral"
    return wording.outcome("score", status, cqp.id)


def _incomplete_sentence(step: dict) -> str:
    b, i = step["part"], step["inputs"]
    head = (f"{b} : pas encore complet ({i['unknown']} résultat{'s' if i['unknown'] > 1 else ''} "
            f"sur {i['results']} à venir), donc pas encore validé")
    if step["needed"] is None:
        return f"{head} ; même 100 % à chacun des résultats restants ne suffirait pas à le valider."
    if step["needed"] == 0:
        return f"{head} ; les résultats connus suffisent déjà à le valider, quels que soient les autres."
    return (f"{head} ; il faut au moins {percent(step['needed'])} à chacun des résultats restants "
            "pour le valider.")


def _block_sentence(cqp: Cqp, step: dict, trace: Trace) -> str:
    b = step["part"]
    minima = [s for s in trace.of("competence_mastery_min") if s["part"] == b]
    below = [s for s in minima if not s["ok"]]
    avg_words, min_words = _words(cqp, "block_average_min"), _words(cqp, "competence_mastery_min")
    min_threshold = cqp.rule("competence_mastery_min").value
    if step["ok"] and not below:
        return (f"{b} validé : moyenne {percent(step['measured'])} ({avg_words['holds']} "
                f"{percent(step['threshold'])}) et chaque compétence à {percent(min_threshold)} "
                f"{min_words['or_more']}.")
    reasons = []
    if not step["ok"]:
        reasons.append(f"moyenne {percent(step['measured'])}, {avg_words['fails']} les "
                       f"{percent(step['threshold'])} requis")
    if below:
        reasons.append(", ".join(f"{s['competence']} à {percent(s['measured'])}" for s in below)
                       + f", {min_words['fails']} le minimum de {percent(min_threshold)} par compétence")
    return f"{b} non validé : {' ; '.join(reasons)}."


# --- eligibility ---------------------------------------------------------------------------

def check_message(cqp: Cqp, step: dict) -> str:
    rule = cqp.rule(step["rule"])
    status = "Condition remplie" if step["ok"] else "Condition non remplie"
    detail = check_detail(cqp, step)
    return f"{status} : {rule.text}" + (f" ({detail})" if detail else "")


def _amount(cqp: Cqp, rule_id: str, value) -> str:
    one, many = wording.unit_words(cqp.rule(rule_id).unit)
    return f"{number(value)} {plural(value, one, many)}".strip()


def check_detail(cqp: Cqp, step: dict) -> str:
    """The figures behind one condition, in a few words."""
    rule, i, m = step["rule"], step["inputs"], step["measured"]
    if step.get("waived"):
        return "l'employeur assure lui-même le tutorat"
    if rule in ("practice_min_months", "evaluator_trade_years"):
        return f"déclaré : {_amount(cqp, rule, m)}"
    if rule == "trainer_min_years":
        return f"formateur le moins expérimenté : {_amount(cqp, rule, m)}"
    if rule == "vae_accompanist_min_years":
        return f"accompagnateur le moins expérimenté : {_amount(cqp, rule, m)}"
    if step.get("check") == "qualiopi_covers_vae":
        return "pour les actions de VAE" if m else "la certification ne couvre pas les actions de VAE"
    if rule == "professional_file_notice":
        return f"reçu le {day(i['professional_file_received_on'])}, au plus tard le {day(step['threshold'])}"
    if rule == "evaluator_inactivity_limit":
        return f"dernière évaluation le {day(i['last_evaluation_on'])} ; retrait de la liste le {day(step['threshold'])}"
    if rule in ("jury_size", "vae_evaluators"):
        return f"membres déclarés : {m}"
    if rule in ("jury_member_organism", "jury_member_external"):
        label, conflict = {
            "jury_member_organism": ("représentant de l'organisme", "a suivi le parcours du candidat"),
            "jury_member_external": ("évaluateur externe", "appartient à l'entreprise d'accueil"),
        }[rule]
        found = m
        if found == 0:
            return f"aucun {label}"
        if found > 1:
            return f"{found} membres « {label} » au lieu d'un"
        return f"{label} qui {conflict}" if not step["ok"] else ""
    if rule == "jury_members_habilitated":
        return f"{m} habilité(s) sur {i['members']}"
    if rule == "organism_document_max_age":
        what = {"kbis_dated": "extrait KBIS", "criminal_record_dated": "extrait de casier judiciaire"}[step["check"]]
        return f"{what} daté du {day(m)} ; il doit l'être après le {day(step['threshold'])}"
    if rule == "organism_min_evaluators":
        return f"proposés : {m}"
    if rule == "organism_roles":
        return ("non nommé(s) : " + ", ".join(m)) if m else ""
    if rule == "jury_external":
        return f"{m} membre(s) de l'entreprise" if m else ""
    if rule == "jury_not_knowing_candidate":
        return f"{m} membre(s) connaissant le candidat" if m else ""
    return ""


def not_checked_note(cqp: Cqp, step: dict) -> str:
    notes = {
        "professional_file_notice": "Délai du dossier professionnel non vérifié : il faut la date de "
                                    "session et la date de réception.",
        "evaluator_inactivity_limit": "Inactivité non vérifiée : il faut la date de la dernière "
                                      "évaluation et la date de référence.",
        "vae_accompanist_min_years": "Accompagnement VAE non vérifié : si l'organisme le propose, "
                                     "dites-le pour vérifier sa certification et ses accompagnateurs.",
        "organism_evaluators_meet_conditions": "Chaque évaluateur proposé doit remplir les conditions "
                                               "des évaluateurs : à vérifier avec l'outil « Un évaluateur ».",
    }
    return notes.get(step["rule"]) or f"À préparer, non vérifié ici : {cqp.rule(step['rule']).title}."


def eligibility_texts(cqp: Cqp, trace: Trace, checks: list[dict], subject: str | None = None,
                      route: str | None = None) -> dict:
    decided = [s for s in trace.steps if s["status"] == "decided"]
    ok = all(s["ok"] for s in decided)
    failing = " ; ".join(cqp.rule(s["rule"]).title for s in decided if not s["ok"])
    if subject == "organism":
        n = len(decided)
        head = (f"Dossier complet pour {_is(n, 'la condition vérifiée', f'les {n} conditions vérifiées')} ici."
                if ok else f"Dossier incomplet : {failing}.")
    elif ok:
        n = len(decided)
        head = _is(n, "La condition vérifiée est remplie.", f"Les {n} conditions vérifiées sont toutes remplies.")
    else:
        head = f"Non éligible en raison de : {failing}."
    notes = [not_checked_note(cqp, s) for s in trace.steps if s["status"] == "not_checked"]
    status = "positive" if ok else "negative"
    return {"explanations": [head, *notes], "references": references(cqp, trace), "trace": trace.json(),
            "outcome": wording.outcome("eligibility", status, subject=subject),
            "next_steps": wording.next_steps("eligibility", status, cqp, route, subject)}


# --- deadlines -----------------------------------------------------------------------------

def _deadline_sentence(cqp: Cqp, step: dict, trace: Trace) -> str | None:
    sentence = (f"{step['label']} : {day(step['measured'])} ({step['counting']} le "
                f"{day(step['inputs']['start'])}).")
    if step.get("holidays_skipped"):
        sentence += " Jours fériés écartés : " + ", ".join(
            f"{h['name']} ({day(h['date'])})" for h in step["holidays_skipped"]) + "."
    return sentence
