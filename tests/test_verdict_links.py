"""A verdict links to the page and anchor where its rule is written: every link the checker
can emit (each rule's and each deadline's) must exist in the built site."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker import referentiel

pytestmark = pytest.mark.site
SITE = Path(__file__).resolve().parents[1] / "site"


def _ids(page: str) -> set[str]:
    path = SITE / page.split("#")[0] / "index.html"
    assert path.exists(), f"{path} is missing: run make site"
    return set(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))


def _links():
    for cqp_id in referentiel.cqp_ids():
        cqp = referentiel.cqp(cqp_id)
        for rule in cqp.data["rules"]:
            yield cqp.rule(rule["id"]).page
        for dl in cqp.deadlines:
            yield cqp.deadline_page(dl["id"])
    # every « Que faire maintenant ? » link, whatever the result
    from checker import wording

    for entry in wording.data()["next_steps"]:
        when = entry["when"]
        for cqp_id in [when["cqp"]] if "cqp" in when else referentiel.cqp_ids():
            cqp = referentiel.cqp(cqp_id)
            ids = {r["id"] for r in cqp.data["rules"]} | {d["id"] for d in cqp.deadlines}
            ids |= {st["id"] for lst in wording.data()["site_map"]["sections"] for st in cqp.data.get(lst, [])}
            if all(s.get("rule", s.get("deadline", s.get("section"))) in ids for s in entry["steps"]):
                for step in wording.next_steps(when["check"], when["status"], cqp, when.get("route"),
                                               when.get("subject")):
                    if step["page"]:
                        yield step["page"]


@pytest.mark.parametrize("page", sorted(set(_links())))
def test_verdict_link_resolves(page):
    assert page.split("#")[1] in _ids(page)
