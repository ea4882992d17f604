"""Worked examples of the evaluations pages, computed by the checker at build time.

The situations are derived from the referential's own thresholds (one case exactly at a
threshold, one just below), so a change of threshold changes the example; the verdict is the
checker's, never a number written here.
"""
from __future__ import annotations

import math
from datetime import date
from fractions import Fraction

from .md import Cqp, PagesError, number, one_line, rule_of, table

# A session date for the examples: only the gap between dates matters.
SESSION = date(2026, 6, 15)


def _checker():
    try:
        import checker
    except ImportError as err:  # the example must be the checker's, never made up here
        raise PagesError(f"exemple calculé : le vérificateur (checker/) est introuvable ({err})") from None
    return checker


def _score(situation: dict) -> dict:
    checker = _checker()
    try:
        return checker.score(situation)
    except checker.SituationError as err:
        raise PagesError(f"exemple calculé : le vérificateur refuse la situation ({err})") from None


def generate(cqp: Cqp) -> str:
    return _domains(cqp) if cqp.by_domains else _blocks(cqp)


def _pct(x) -> str:
    return number(Fraction(str(x))) + "\u00a0%"


def _explanations(verdict: dict) -> str:
    return "\n".join(f"- {one_line(s)}" for s in verdict.get("explanations", []))


def _cqp_outcome(cqp: Cqp, certified: bool) -> str:
    """What the figures mean for the CQP, and who decides: never « CQP obtenu » as a decision."""
    met = "**oui**" if certified else "**non**"
    if cqp.by_domains:
        return (f"Conditions de validation du CQP réunies : {met}. Ces résultats fondent la proposition "
                "de validation ou de non-validation de chaque domaine que les évaluateurs adressent au "
                "jury paritaire de certification : c'est ce jury qui décide de la délivrance du CQP.")
    return (f"Conditions de validation du CQP réunies : {met}. Le livret fixe ces conditions mais ne "
            "désigne pas l'instance qui délivre le CQP.")


def _verdict_word(ok: bool) -> str:
    return "**validé**" if ok else "**non validé**"


# --- domains: share of positive indicators -----------------------------------------------------

def _domains(cqp: Cqp) -> str:
    rate = rule_of(cqp, "domain_pass_rate").value
    total = next(t for t in range(10, 1000) if (rate * t / 100).denominator == 1)
    at = int(rate * total / 100)  # exactly the threshold
    first, second = cqp.parts[0]["id"], cqp.parts[1]["id"]
    s1 = {"cqp": cqp.id, "route": "formation", "session_date": SESSION.isoformat(),
          "domains": {first: {"positive": at, "total": total}, second: {"positive": at - 1, "total": total}}}
    v1 = _score(s1)
    later = date(SESSION.year + 1, SESSION.month, SESSION.day)
    s2 = {"cqp": cqp.id, "route": "formation", "session_date": later.isoformat(),
          "domains": {first: {"validated_on": SESSION.isoformat()}, second: {"positive": at + 1, "total": total}}}
    v2 = _score(s2)
    out = [
        "Deux sessions d'un même candidat. Les chiffres sont calculés par le vérificateur du site "
        "au moment de la construction de la page, à partir du seuil du référentiel.",
        f"### Première session ({SESSION.strftime('%d/%m/%Y')}) {{#exemple-session-1}}",
        table(["Domaine", "Indicateurs positifs", "Taux", "Résultat"],
              [[dc, f"{d['positive']} sur {d['total']}", _pct(v1['domains'][dc]['rate']),
                _verdict_word(v1["domains"][dc]["validated"])]
               for dc, d in s1["domains"].items()]),
        _cqp_outcome(cqp, v1["certified"]),
        _explanations(v1),
        f"### Session suivante ({later.strftime('%d/%m/%Y')}) {{#exemple-session-2}}",
        table(["Domaine", "Situation", "Résultat"],
              [[first, f"validé le {SESSION.strftime('%d/%m/%Y')}, reporté",
                _verdict_word(v2["domains"][first]["validated"])],
               [second, f"{s2['domains'][second]['positive']} sur {total} ({_pct(v2['domains'][second]['rate'])})",
                _verdict_word(v2["domains"][second]["validated"])]]),
        _cqp_outcome(cqp, v2["certified"]),
        _explanations(v2),
    ]
    return "\n\n".join(out)


# --- blocks: weighted masteries, block average and per-competence minimum --------------------

def _triple(target: Fraction, weights: dict[str, Fraction]) -> dict[str, int]:
    """Three results whose weighted mastery is exactly target, spread to show the weights."""
    keys = list(weights)
    spread = {keys[0]: 10, keys[1]: 10}
    rest = -sum(weights[k] * v for k, v in spread.items()) / weights[keys[2]]
    triple = {k: target + v for k, v in spread.items()} | {keys[2]: target + rest}
    if all(v.denominator == 1 and 0 <= v <= 100 for v in triple.values()):
        return {k: int(v) for k, v in triple.items()}
    return {k: int(target) for k in keys}


def _blocks(cqp: Cqp) -> str:
    weights = rule_of(cqp, "evaluation_weights").values
    avg_min = rule_of(cqp, "block_average_min").value
    comp_min = rule_of(cqp, "competence_mastery_min").value
    block = cqp.parts[0]
    comps = [c["id"] for c in block["competences"]]
    n = len(comps)
    # Case 1: every competence exactly at the block threshold — equality passes.
    case1 = {c: _triple(avg_min, weights) for c in comps}
    # Case 2: one competence under the minimum, the others high enough for the average.
    low = comp_min - 10
    high = Fraction(math.ceil((avg_min * n - low) / (n - 1) / 5) * 5)
    case2 = {c: _triple(high, weights) for c in comps}
    case2[comps[0]] = _triple(low, weights)
    out = [
        f"Deux candidats évalués sur le bloc {block['id']} ({block['title']}). Pour chaque compétence, "
        "la maîtrise combine les trois évaluations selon leurs poids "
        + " ; ".join(f"{k} {number(v)} %" for k, v in weights.items())
        + ". Les chiffres sont calculés par le vérificateur du site au moment de la construction de "
        "la page, à partir des seuils du référentiel.",
    ]
    for label, anchor_id, case in (("Premier candidat", "exemple-candidat-1", case1),
                                   ("Second candidat", "exemple-candidat-2", case2)):
        situation = {"cqp": cqp.id, "route": "formation", "blocks": {block["id"]: case}}
        verdict = _score(situation)
        vb = verdict["blocks"][block["id"]]
        keys = list(weights)
        rows = [[c, *[str(case[c][k]) for k in keys], _pct(vb["competences"][c])] for c in comps]
        out += [
            f"### {label} {{#{anchor_id}}}",
            table(["Compétence", *[f"{k.capitalize()} ({number(weights[k])} %)" for k in keys], "Maîtrise"], rows),
            f"Moyenne du bloc : **{_pct(vb['average'])}** — bloc {_verdict_word(vb['validated'])}"
            + (f" (sous le minimum : {', '.join(vb['below_minimum'])})" if vb["below_minimum"] else "") + ".",
            _explanations(verdict),
        ]
    vae_min = rule_of(cqp, "vae_block_min").value
    vae = {"cqp": cqp.id, "route": "vae",
           "blocks": {p["id"]: {"score": int(vae_min) - (1 if i == len(cqp.parts) - 1 else 0)}
                      for i, p in enumerate(cqp.parts)}}
    vv = _score(vae)
    out += [
        "### Par la VAE {#exemple-vae}",
        table(["Bloc", "Résultat de l'évaluation du dossier", "Résultat"],
              [[b, _pct(vae["blocks"][b]["score"]), _verdict_word(vv["blocks"][b]["validated"])]
               for b in vae["blocks"]]),
        _cqp_outcome(cqp, vv["certified"]),
        _explanations(vv),
    ]
    return "\n\n".join(out)
