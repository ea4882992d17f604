"""Markdown building blocks shared by the page generators: anchors, links, tables, and the
rendering of the referential's items (rules, statements, deadlines) that appear on many pages.
"""
from __future__ import annotations

import posixpath
import re
import textwrap
from fractions import Fraction

from checker import wording
from checker.french import number as _french_number
from checker.referentiel import Cqp, UnknownItem
from checker.rules import Rule, anchor, deadline_anchor, rule_anchor  # noqa: F401  (re-exported)


def cqp_pages() -> dict[str, str]:
    """Source file of each kind of CQP page (the site map of referentiels/site.yaml)."""
    return {kind: (f"{slug}.md" if slug else "index.md")
            for kind, slug in wording.data()["site_map"]["cqp_pages"].items()}


def topic_page(topic: str) -> str:
    """The kind of page on which the rules of a topic are written (each rule once, with its
    anchor): the checker's map, since its verdicts link to those very anchors."""
    return wording.topic_page(topic)


def route_name(route: str) -> str:
    return wording.route_label(route)


class PagesError(Exception):
    """The referential holds something the pages cannot render (message says what and where)."""


def cqp_page(cqp_id: str, kind: str) -> str:
    return f"{cqp_id}/{cqp_pages()[kind]}"


def link(from_page: str, to_page: str, fragment: str | None = None) -> str:
    """Relative link between two source pages (MkDocs checks it and its anchor in strict mode)."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    if to_page == from_page:
        target = ""
    return target + (f"#{fragment}" if fragment else "")


def number(value) -> str:
    """French writing of a referential number: 80, 0,5, 2."""
    return _french_number(Fraction(str(value)))


def one_line(text: str) -> str:
    # ASCII whitespace only: a no-break space (« 80 % ») must survive.
    return re.sub(r"[ \t\r\n]+", " ", str(text)).strip()


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return one_line(text).replace("|", "\\|")


def table(headers: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def admonition(kind: str, title: str, body: str, collapsible: bool = False) -> str:
    head = "???" if collapsible else "!!!"
    return f'{head} {kind} "{title}"\n\n' + textwrap.indent(body.strip(), "    ")


def source_line(source: str, prefix: str = "Source") -> str:
    return f"{prefix} : {one_line(source)}\n{{: .cqp-source }}"


def interpretation(item: dict) -> str:
    if not item.get("interpretation"):
        return ""
    return admonition("interpretation", "Interprétation", one_line(item["interpretation"]))


def quote(item: dict, label: str = "Ce que dit le document source") -> str:
    if not item.get("quote"):
        return ""
    return admonition("quote", label, f"« {one_line(item['quote'])} »")


def front_matter(title: str, description: str) -> str:
    esc = lambda s: one_line(s).replace('"', '\\"')  # noqa: E731
    return f'---\ntitle: "{esc(title)}"\ndescription: "{esc(description)}"\n---\n\n'


def page(title: str, description: str, body: list[str]) -> str:
    parts = [p.strip("\n") for p in body if p and p.strip()]
    return front_matter(title, description) + "\n\n".join(parts) + "\n"


def short(text: str, words: int = 8) -> str:
    """First words of a long label, for a table of contents entry."""
    parts = one_line(text).rstrip(".").split(" ")
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def page_of(cqp: Cqp, kind: str) -> str:
    """Source file of one of a CQP's pages (evaluations, routes…)."""
    return cqp_page(cqp.id, kind)


def rule_of(cqp: Cqp, rule_id: str) -> Rule:
    """A rule the pages name; a referential that lacks it stops the build with its name."""
    try:
        return cqp.rule(rule_id)
    except UnknownItem as err:
        raise PagesError(str(err)) from None


def rule_link(cqp: Cqp, from_page: str, rule_id: str) -> str:
    rule = rule_of(cqp, rule_id)
    return f"[{rule.title}]({link(from_page, page_of(cqp, topic_page(rule.topic)), rule.anchor)})"


def deadline_link(cqp: Cqp, from_page: str, deadline_id: str) -> str:
    dl = cqp.deadline(deadline_id)
    return f"[{dl['label']}]({link(from_page, page_of(cqp, 'routes'), deadline_anchor(deadline_id))})"


def part_link(cqp: Cqp, from_page: str, part_id: str, with_title: bool = True) -> str:
    part = next(p for p in cqp.parts if p["id"] == part_id)
    text = f"{part_id} — {part['title']}" if with_title else part_id
    return f"[{text}]({link(from_page, page_of(cqp, 'referentiel'), anchor(part_id))})"


def evaluation_link(cqp: Cqp, from_page: str, ev_id: str) -> str:
    ev = cqp.evaluations[ev_id]
    return f"[{ev['title']}]({link(from_page, page_of(cqp, 'evaluations'), anchor(ev_id))})"


def rule_block(cqp: Cqp, rule: Rule, level: int = 3) -> str:
    """A rule written out in full, under its public anchor (Rule.anchor)."""
    out = [f"{'#' * level} {rule.title} {{#{rule.anchor}}}", rule.text]
    if rule.has_value and rule.unit not in ("weights",):
        out.append(f"Valeur retenue : **{rule.threshold()}**\n{{: .cqp-value }}")
    out += [quote(rule.data), source_line(rule.data["source"]), interpretation(rule.data)]
    return "\n\n".join(p for p in out if p)


def statement_block(cqp: Cqp, from_page: str, st: dict, level: int = 3, anchor_prefix: str = "",
                    heading: str | None = None) -> str:
    """One fact of the referential: title, text, items, who, quote, source, links, interpretation."""
    out = [f"{'#' * level} {heading or st['title']} {{#{anchor_prefix}{st['id']}}}", one_line(st["text"])]
    if st.get("items"):
        out.append("\n".join(f"- {one_line(i)}" for i in st["items"]))
    if st.get("who"):
        out.append(f"**Qui :** {one_line(st['who'])}")
    refs = [rule_link(cqp, from_page, r) + _value_note(rule_of(cqp, r)) for r in st.get("rules", [])]
    refs += [deadline_link(cqp, from_page, d) + f" ({deadline_sentence(cqp, from_page, cqp.deadline(d))})"
             for d in st.get("deadlines", [])]
    if refs:
        out.append("Voir : " + " · ".join(refs))
    out += [quote(st), source_line(st["source"]), interpretation(st)]
    return "\n\n".join(p for p in out if p)


def _value_note(rule: Rule) -> str:
    if not rule.has_value:
        return ""
    return f" ({rule.threshold()})" if rule.unit != "weights" else ""


def deadline_sentence(cqp: Cqp, from_page: str, dl: dict) -> str:
    """« 15 jours ouvrés avant la date des évaluations »."""
    rule = rule_of(cqp, dl["offset"]["rule"])
    direction = "avant" if dl["offset"]["direction"] == "before" else "après"
    if "from" in dl:
        origin = wording.phrase_of_field(dl["from"])
        if origin is None:
            raise PagesError(
                f"{cqp.id}: deadlines.{dl['id']}.from: champ de date {dl['from']!r} sans « phrase » "
                "dans referentiels/site.yaml (fields)")
    else:
        origin = "l'échéance « " + deadline_link(cqp, from_page, dl["relative_to"]) + " »"
    return f"{rule.amount()} {direction} {origin}"
