"""deadlines: the calendar of a session, a VAE path, a certification or a habilitation.

Each deadline is data (referentiels/<cqp>.yaml, `deadlines:`): the date field it counts
from, the rule holding its amount and unit, and the direction. Counting is in dates.py.
"""
from __future__ import annotations

from datetime import date

from . import inputs
from .dates import add_months, add_years, french, region_ids, working_days_after, working_days_before
from .explain import Explainer, fr
from .referentiel import Cqp
from .situation import read_cqp, read_route

UNIT_WORDS = {"months": "mois", "years": "an(s)", "jours_ouvres": "jours ouvrés", "jours": "jours"}


def deadline_date(cqp: Cqp, deadline: dict, start: date, region: str) -> tuple[date, list]:
    """The date of one deadline counted from start; also the holidays skipped (jours ouvrés)."""
    rule = cqp.rule(deadline["offset"]["rule"])
    amount = int(rule.value)
    sign = 1 if deadline["offset"]["direction"] == "after" else -1
    if rule.unit == "months":
        return add_months(start, sign * amount), []
    if rule.unit == "years":
        return add_years(start, sign * amount), []
    if rule.unit == "jours":
        from datetime import timedelta

        return start + timedelta(days=sign * amount), []
    if sign > 0:
        return working_days_after(start, amount, region)
    return working_days_before(start, amount, region)


def deadlines(situation: dict) -> dict:
    s, cqp = read_cqp(situation)
    date_fields = sorted({d["from"] for d in cqp.deadlines if "from" in d})
    inputs.only_keys(s, ["cqp", "route", "region"] + date_fields, "")
    route = read_route(s, cqp, required=False)
    region = inputs.choice(s, "region", "", region_ids()) if inputs.present(s, "region") else region_ids()[0]
    given = {f: inputs.iso_date(s, f, "") for f in date_fields if inputs.present(s, f)}

    ex = Explainer()
    computed: dict[str, date] = {}
    out = []
    # Deadlines counted from another deadline come after it in the referential's order.
    for dl in _ordered(cqp.deadlines):
        if route and "routes" in dl and route not in dl["routes"]:
            continue
        if "from" in dl:
            if dl["from"] not in given:
                continue
            start, start_label = given[dl["from"]], dl["from"]
        else:
            if dl["relative_to"] not in computed:
                continue
            start, start_label = computed[dl["relative_to"]], dl["relative_to"]
        when, skipped = deadline_date(cqp, dl, start, region)
        computed[dl["id"]] = when
        rule = cqp.rule(dl["offset"]["rule"])
        item = {"id": dl["id"], "date": when.isoformat(), "label": dl["label"],
                "source": cqp.source(dl["source"]), "from": start_label,
                "counting": f"{fr(rule.value)} {UNIT_WORDS[rule.unit]} "
                            f"{'après' if dl['offset']['direction'] == 'after' else 'avant'}",
                "who": dl["who"], "rule": rule.id,
                "page": cqp.page("voies-d-acces", "delai-" + dl["id"])}
        if "routes" in dl:
            item["routes"] = dl["routes"]
        if skipped:
            item["holidays_skipped"] = [{"date": d.isoformat(), "name": n} for d, n in skipped]
        out.append(item)
        sentence = f"{dl['label']} : {french(when)} ({item['counting']} le {french(start)})."
        if skipped:
            sentence += " Jours fériés écartés : " + ", ".join(f"{n} ({french(d)})" for d, n in skipped) + "."
        ex.say(sentence, rule)
    out.sort(key=lambda d: d["date"])
    if not cqp.deadlines:
        ex.say(f"Le référentiel du CQP {cqp.data['short_title']} ne fixe aucun délai.")
    elif not out:
        ex.say("Aucune date donnée : indiquez au moins une date pour calculer les échéances.")
    return {"cqp": cqp.id, "route": route, "region": region, "deadlines": out,
            "explanations": ex.sentences, "references": ex.references}


def _ordered(items: list[dict]) -> list[dict]:
    done, out, pending = set(), [], list(items)
    while pending:
        progressed = False
        for dl in list(pending):
            if "relative_to" not in dl or dl["relative_to"] in done:
                out.append(dl)
                done.add(dl["id"])
                pending.remove(dl)
                progressed = True
        if not progressed:  # the loader refuses cycles; keep going rather than loop
            out += pending
            break
    return out
