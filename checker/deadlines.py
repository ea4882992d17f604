"""deadlines: the calendar of a session, a VAE path, a certification or a habilitation.

Each deadline is data (referentiels/<cqp>.yaml, `deadlines:`): the date field it counts
from, the rule holding its amount and unit, and the direction. Counting is in dates.py.
"""
from __future__ import annotations

from datetime import date, timedelta

from . import explain, referentiel, wording
from .dates import add_months, add_years, region_ids, working_days_after, working_days_before
from .french import long_date, typeset
from .referentiel import Cqp
from .situation import read_cqp, read_route
from .trace import Trace


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
        return start + timedelta(days=sign * amount), []
    if sign > 0:
        return working_days_after(start, amount, region)
    return working_days_before(start, amount, region)


def date_fields() -> list[str]:
    """Every date a deadline of either CQP counts from: a CQP without deadlines still accepts
    them (and answers that it sets none)."""
    return sorted({d["from"] for c in referentiel.load()["cqps"].values() for d in c["deadlines"] if "from" in d})


def deadlines(situation: dict) -> dict:
    r, s, cqp = read_cqp(situation, "deadlines")
    fields = date_fields()
    r.only_keys(s, ["cqp", "route", "region"] + fields, ())
    route = read_route(r, s, cqp, required=False)
    region = r.choice(s, "region", (), region_ids()) if r.present(s, "region") else region_ids()[0]
    given = {f: r.iso_date(s, f, ()) for f in fields if r.present(s, f)}
    r.done()

    trace = Trace()
    computed: dict[str, date] = {}
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
        direction = "après" if dl["offset"]["direction"] == "after" else "avant"
        trace.step(rule.id, status="computed", deadline=dl["id"], label=dl["label"],
                   inputs={"start": start, "from": start_label}, measured=when,
                   counting=f"{rule.amount()} {direction}",
                   holidays_skipped=[{"date": d, "name": n} for d, n in skipped])
    texts = explain.verdict_texts("deadlines", cqp, trace)
    out = []
    for step in trace.steps:
        dl = cqp.deadline(step["deadline"])
        # What people read, typeset (non-breaking spaces), as every sentence of a verdict is.
        item = {"id": dl["id"], "date": step["measured"].isoformat(), "label": typeset(dl["label"]),
                "source": typeset(cqp.source(dl["source"])), "from": step["inputs"]["from"],
                "counting": typeset(step["counting"]), "who": typeset(dl["who"]), "rule": step["rule"],
                "page": cqp.deadline_page(dl["id"])}
        item["counted_from"] = typeset(_counted_from(cqp, step))
        if "routes" in dl:
            item["routes"] = dl["routes"]
        if step["holidays_skipped"]:
            item["holidays_skipped"] = [{"date": h["date"].isoformat(), "name": h["name"]}
                                        for h in step["holidays_skipped"]]
        out.append(item)
    out.sort(key=lambda d: d["date"])
    notes = []
    if not cqp.deadlines:
        notes = [typeset(wording.phrase("no_deadline", cqp=cqp.data["short_title"]))]
        texts["explanations"] += notes
    elif not out:
        # The screen's headline says it already.
        texts["explanations"].append(typeset(wording.phrase("no_date_given")))
    texts["display"] = explain.deadlines_display(out, notes)
    return {"cqp": cqp.id, "route": route, "region": region, "deadlines": out, **texts}


def _counted_from(cqp: Cqp, step: dict) -> str:
    """« 15 jours ouvrés avant la date des évaluations (lundi 15 juin 2026) »: what a person reads
    of how the date was counted (the field's phrase from referentiels/site.yaml, or the deadline
    it follows)."""
    start = step["inputs"]["from"]
    origin = wording.phrase_of_field(start)
    if origin is None:
        origin = f"l'échéance « {cqp.deadline(start)['label']} »"
    return f"{step['counting']} {origin} ({long_date(step['inputs']['start'])})"


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
