"""Markdown building blocks shared by the page generators: anchors, links, tables, and the
rendering of the referential's items (rules, statements, deadlines) that appear on many pages.
"""
from __future__ import annotations

import posixpath
import re
import textwrap
from fractions import Fraction

from checker.referentiel import TOPIC_PAGES, anchor  # noqa: F401  (anchor is re-exported)

# Page of each CQP, by kind: the public URL scheme of the portal (slugs are URLs people link to).
CQP_PAGES = {
    "presentation": "index.md",
    "referentiel": "referentiel.md",
    "evaluations": "evaluations.md",
    "voies": "voies-d-acces.md",
    "reglement": "reglement.md",
    "acteurs": "acteurs.md",
}
# The page on which the rules of each topic are written out (each rule once, with its anchor):
# the checker's map, since its verdicts link to those very anchors.
TOPIC_PAGE = {topic: next(kind for kind, f in CQP_PAGES.items() if f == f"{url}.md")
              for topic, url in TOPIC_PAGES.items()}
ROUTE_NAMES = {"formation": "Formation", "vae": "VAE"}
COMPARISON = {">=": "au moins", "<=": "au plus", "==": "exactement", ">": "plus de", "<": "moins de"}
UNIT = {
    "percent": "%",
    "months": "mois",
    "years": ("an", "ans"),
    "jours_ouvres": ("jour ouvré", "jours ouvrés"),
    "jours": ("jour", "jours"),
    "minutes": ("minute", "minutes"),
    "count": "",
}
# What a deadline counts from: the situation's date fields (names fixed by the checker's contract).
DATE_FIELDS = {
    "session_date": "la date des évaluations",
    "deliberation_date": "la délibération des évaluateurs",
    "vae_request_received_on": "la réception de la demande de VAE par la branche",
    "vae_file_received_on": "la réception du dossier VAE complété par l'organisme",
    "domain_validated_on": "la validation du domaine",
    "certified_on": "l'obtention du CQP",
    "habilitation_notified_on": "la notification de l'habilitation",
}


class PagesError(Exception):
    """The referential holds something the pages cannot render (message says what and where)."""


def cqp_page(cqp_id: str, kind: str) -> str:
    return f"{cqp_id}/{CQP_PAGES[kind]}"


def link(from_page: str, to_page: str, fragment: str | None = None) -> str:
    """Relative link between two source pages (MkDocs checks it and its anchor in strict mode)."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    if to_page == from_page:
        target = ""
    return target + (f"#{fragment}" if fragment else "")


def number(value) -> str:
    """French writing of a referential number: 80, 0,5, 2."""
    frac = Fraction(str(value))
    if frac.denominator == 1:
        return str(frac.numerator)
    return f"{float(frac):.2f}".rstrip("0").rstrip(".").replace(".", ",")


def amount(rule: dict) -> str:
    """A rule's value with its unit: « 80 % », « 2 ans », « 15 jours ouvrés »."""
    value, unit = rule.get("value"), rule["unit"]
    if value is None:
        return ""
    if isinstance(value, dict):
        return ", ".join(f"{k} {number(v)} %" for k, v in value.items())
    word = UNIT.get(unit, "")
    if isinstance(word, tuple):
        word = word[0] if Fraction(str(value)) <= 1 else word[1]
    return f"{number(value)} {word}".strip().replace(" %", "\u00a0%")


def threshold(rule: dict) -> str:
    """« au moins 80 % » (comparison and amount)."""
    words = COMPARISON.get(rule.get("comparison", ""), "")
    return f"{words} {amount(rule)}".strip()


def fill(rule: dict) -> str:
    """A rule's text with its value(s) written in, French style."""
    value = rule.get("value")
    fields = {k: number(v) for k, v in value.items()} if isinstance(value, dict) else {}
    return one_line(rule["text"]).format(value=number(value) if value is not None and not fields else value,
                                         **fields)


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


def _bare(title: str) -> str:
    return re.sub(r"^(certificat de qualification professionnelle|cqp)\s+", "", one_line(title), flags=re.I)


class Cqp:
    """One CQP's referential with the lookups every generator needs."""

    def __init__(self, data: dict):
        self.data = data
        self.id: str = data["id"]
        # Pages say « CQP <title> »: a title that already starts with the name of the
        # certificate is shortened, so that both referentials read the same way.
        self.title: str = _bare(data["title"])
        self.short: str = _bare(data["short_title"])
        self.version: str = data["version"]
        self.rules = {r["id"]: r for r in data["rules"]}
        self.deadlines = {d["id"]: d for d in data["deadlines"]}
        self.evaluations = {e["id"]: e for e in data["evaluations"]}

    @property
    def parts(self) -> list[dict]:
        return self.data["domains"] if self.data["structure"] == "domains" else self.data["blocks"]

    @property
    def by_domains(self) -> bool:
        return self.data["structure"] == "domains"

    @property
    def part_word(self) -> tuple[str, str]:
        return ("domaine", "domaines") if self.by_domains else ("bloc", "blocs")

    def page(self, kind: str) -> str:
        return cqp_page(self.id, kind)

    def rule(self, rule_id: str) -> dict:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise PagesError(f"{self.id}: règle inconnue {rule_id!r}") from None

    def rules_of(self, *topics: str) -> list[dict]:
        return [r for r in self.data["rules"] if r["topic"] in topics]

    def rule_link(self, from_page: str, rule_id: str) -> str:
        rule = self.rule(rule_id)
        target = self.page(TOPIC_PAGE[rule["topic"]])
        return f"[{rule['title']}]({link(from_page, target, 'regle-' + anchor(rule_id))})"

    def deadline_link(self, from_page: str, deadline_id: str) -> str:
        dl = self.deadlines[deadline_id]
        return f"[{dl['label']}]({link(from_page, self.page('voies'), 'delai-' + anchor(deadline_id))})"

    def part_link(self, from_page: str, part_id: str, with_title: bool = True) -> str:
        part = next(p for p in self.parts if p["id"] == part_id)
        text = f"{part_id} — {part['title']}" if with_title else part_id
        return f"[{text}]({link(from_page, self.page('referentiel'), anchor(part_id))})"

    def evaluation_link(self, from_page: str, ev_id: str) -> str:
        ev = self.evaluations[ev_id]
        return f"[{ev['title']}]({link(from_page, self.page('evaluations'), anchor(ev_id))})"


def rule_block(cqp: Cqp, rule: dict, level: int = 3) -> str:
    """A rule written out in full, under its public anchor #regle-<id>."""
    out = [f"{'#' * level} {rule['title']} {{#regle-{anchor(rule['id'])}}}", fill(rule)]
    if rule.get("value") is not None and rule["unit"] not in ("weights",):
        out.append(f"Valeur retenue : **{threshold(rule)}**\n{{: .cqp-value }}")
    out += [quote(rule), source_line(rule["source"]), interpretation(rule)]
    return "\n\n".join(p for p in out if p)


def statement_block(cqp: Cqp, from_page: str, st: dict, level: int = 3, anchor_prefix: str = "",
                    heading: str | None = None) -> str:
    """One fact of the referential: title, text, items, who, quote, source, links, interpretation."""
    out = [f"{'#' * level} {heading or st['title']} {{#{anchor_prefix}{st['id']}}}", one_line(st["text"])]
    if st.get("items"):
        out.append("\n".join(f"- {one_line(i)}" for i in st["items"]))
    if st.get("who"):
        out.append(f"**Qui :** {one_line(st['who'])}")
    refs = [cqp.rule_link(from_page, r) + _value_note(cqp.rule(r)) for r in st.get("rules", [])]
    refs += [cqp.deadline_link(from_page, d) + f" ({deadline_sentence(cqp, from_page, cqp.deadlines[d])})"
             for d in st.get("deadlines", [])]
    if refs:
        out.append("Voir : " + " · ".join(refs))
    out += [quote(st), source_line(st["source"]), interpretation(st)]
    return "\n\n".join(p for p in out if p)


def _value_note(rule: dict) -> str:
    if rule.get("value") is None:
        return ""
    return f" ({threshold(rule)})" if rule["unit"] != "weights" else ""


def deadline_sentence(cqp: Cqp, from_page: str, dl: dict) -> str:
    """« 15 jours ouvrés avant la date des évaluations »."""
    rule = cqp.rule(dl["offset"]["rule"])
    direction = "avant" if dl["offset"]["direction"] == "before" else "après"
    if "from" in dl:
        try:
            origin = DATE_FIELDS[dl["from"]]
        except KeyError:
            raise PagesError(
                f"{cqp.id}: deadlines.{dl['id']}.from: champ de date {dl['from']!r} sans libellé "
                f"(ajoutez-le à DATE_FIELDS dans build_scripts/pages/md.py)") from None
    else:
        origin = "l'échéance « " + cqp.deadline_link(from_page, dl["relative_to"]) + " »"
    return f"{amount(rule)} {direction} {origin}"
