"""The simulator's forms, as plain HTML generated from the compiled referential.

They are in the page itself, so they show and can be filled before Python is ready. Competences,
domains, blocks, evaluation weights, deadlines and regions come from the referential; field
wording is the form's own, and each field's hint is the text of the rule it feeds, with a link
to the page where that rule is written.

How the page script (docs/simulateur/simulateur.mjs) reads these forms:
- `data-key="blocks/B1/C1.1/jury"`: where the value goes in the situation (`#0` = array index;
  the checker names the same place `blocks.B1.C1.1.jury`, `members[0]` in its messages, and
  the page shows a message next to the field it names);
- `data-type`: the field's type in the field table (referentiels/site.yaml: integer | number |
  percentage | date | text | bool | choice), or `count`. Typed values are sent as typed, the
  checker reads them (checker/fields.py) and names a problem in French; `bool` is a group of
  three radios (yes, no, not known yet: an answer not known yet is absent from the situation);
  `count` makes a list of that many empty objects (a number of jury members);
- `data-when="<control id>=<v1>|<v2>;…"`: a group taken into account only while shown;
- `data-base="domains"`: an object that exists (possibly empty) while its group is shown;
- `data-infer="<option>:<cond>,<cond>;…"` on a control without key (a switch): when a situation
  is restored, the first option whose conditions all hold is chosen (`<key>`: present,
  `<key>=<value>`: equal), an option without conditions being the fallback.
"""
from __future__ import annotations

from html import escape
from typing import Iterable

from checker import fields, wording
from checker.referentiel import Cqp, UnknownItem
from checker.rules import Rule

VCD, CS = "vendeur-conseil-distance", "commercial-sedentaire"
DATE_HINT = "JJ/MM/AAAA"
# The keyboard a phone shows for each type: dates take a full one (a numeric pad has no "/",
# nor the month's name).
INPUT_MODES = {fields.INTEGER: "numeric", "count": "numeric", fields.NUMBER: "decimal",
               fields.PERCENTAGE: "decimal"}


def input_type(keys: list, kind: str | None = None) -> str:
    """A field's `data-type`: its type in the field table; `count` (a form's own field) apart."""
    if kind == "count":
        return kind
    typed = fields.kind(tuple(keys))
    if typed is None:
        raise FormsError(f"{'.'.join(map(str, keys))}: no type in referentiels/site.yaml (fields)")
    return typed


def field_label(keys: list, check: str | None = None, subject: str | None = None,
                cqp: dict | None = None, optional: bool = False) -> str:
    """A field's question, from referentiels/site.yaml (the same words as its error messages)."""
    text = wording.label(tuple(keys), check, subject, cqp)
    return f"{text} ({wording.phrase('optional')})" if optional else text


class FormsError(ValueError):
    pass


def _grid_label(fid: str, label: str, competence: str) -> str:
    """The label of one input of the CS grid: the whole label for assistive technologies, and on
    screen only what its card does not already say (the competence heads the card)."""
    prefix = f"{competence} — "
    if not label.startswith(prefix):
        return f'<label for="{fid}"><span>{a(label)}</span></label>'
    # No class on the label and its last span: simulateur.css finds them as `.cqp-grid label`
    # (fifty-seven inputs on the first load of the page).
    return (f'<label for="{fid}"><span class="cqp-visually-hidden">{a(prefix)}</span>'
            f'<span>{a(label[len(prefix):])}</span></label>')


def a(value) -> str:
    return escape(str(value), quote=True)


def key_attrs(keys: list) -> str:
    return f'data-key="{a("/".join(f"#{k}" if isinstance(k, int) else k for k in keys))}"'


class Forms:
    """HTML of the three tools for one compiled referential ({"cqps": …, "calendar": …})."""

    def __init__(self, referentiel: dict):
        self.ref = referentiel
        # Default value of each switch or select, so that groups start hidden as the page
        # script would hide them (no jump when it runs, a lighter first layout).
        self.defaults: dict[str, str] = {}
        self.cqps = referentiel["cqps"]
        for needed in (VCD, CS):
            if needed not in self.cqps:
                raise FormsError(f"the referential has no CQP {needed!r}")
        # The one model of a referential, as the checker and the pages read it.
        self.models = {cid: Cqp(data) for cid, data in self.cqps.items()}

    # --- rules: hints and links ---

    def rule(self, cqp: str, rule_id: str) -> Rule:
        try:
            return self.models[cqp].rule(rule_id)
        except UnknownItem:
            raise FormsError(f"{cqp}: rule {rule_id!r} is not in the referential") from None

    def hint(self, cqp: str, *rule_ids: str) -> str:
        parts = []
        for rid in rule_ids:
            rule = self.rule(cqp, rid)
            # The simulator sits one level deep: the rule's site-relative page from there.
            parts.append(f'{a(rule.text)} <a href="{a("../" + rule.page)}">'
                         f'Règle : {a(rule.title)}</a>')
        return " ".join(parts)

    def field_hint(self, cqp: str, keys: list, check: str | None = None, subject: str | None = None) -> str | None:
        """A field's hint, from the field table (referentiels/site.yaml, `fields`): the text and
        link of the rule it feeds (`rule`), or its own words (`hint`); None if it has neither."""
        entry = wording.field(tuple(keys), check, subject) or {}
        if "rule" in entry:
            return self.hint(cqp, entry["rule"])
        return a(entry["hint"]) if "hint" in entry else None

    def group_rules(self, cqp: str, keys: list, check: str | None = None, subject: str | None = None,
                    route: str | None = None) -> list[str]:
        """The rules a group of fields is checked against (`rules` in the field table, by route
        or for every route), those of this CQP, in the table's order."""
        rules = (wording.field(tuple(keys), check, subject) or {}).get("rules", [])
        if isinstance(rules, dict):
            rules = [rid for r, ids in rules.items() if route in (None, r) for rid in ids]
        for rid in rules:  # a rule no CQP has is a rule renamed or removed: say so
            if not any(m.has_rule(rid) for m in self.models.values()):
                raise FormsError(f"rule {rid!r} ({'.'.join(map(str, keys))} in the field table) is in no referential")
        return [rid for rid in rules if self.models[cqp].has_rule(rid)]

    def group_hints(self, cqp: str, keys: list, check: str | None = None, subject: str | None = None,
                    route: str | None = None) -> str:
        """Above a group of fields: its rules, one per line, then its own words (`hint`)."""
        entry = wording.field(tuple(keys), check, subject) or {}
        return self.hints(cqp, *self.group_rules(cqp, keys, check, subject, route), note=entry.get("hint", ""))

    def hints(self, cqp: str, *rule_ids: str, note: str = "") -> str:
        """Several rules above a group of fields, one per line."""
        items = "".join(f"<li>{self.hint(cqp, rid)}</li>" for rid in rule_ids)
        if note:
            items += f"<li>{a(note)}</li>"
        return f'<ul class="cqp-hint cqp-hints">{items}</ul>'

    # --- controls ---

    @staticmethod
    def _described(fid: str, hint: str | None) -> tuple[str, str]:
        # The checker's message, when there is one, is added next to the field by the page.
        if not hint:
            return "", ""
        return f'aria-describedby="{fid}-hint"', f'<p class="cqp-hint" id="{fid}-hint">{hint}</p>'

    def text_input(self, fid: str, keys: list, label: str, kind: str | None = None, hint: str | None = None,
                   placeholder: str | None = None) -> str:
        """`kind`: "count" for a number of jury members; any other field's is the table's."""
        kind = input_type(keys, kind)
        mode = INPUT_MODES.get(kind)
        described, extra = self._described(fid, hint)
        attrs = [f'id="{fid}"', 'type="text"', key_attrs(keys), f'data-type="{kind}"',
                 'autocomplete="off"', described]
        if mode:
            attrs.append(f'inputmode="{mode}"')
        if kind == "date":
            placeholder = placeholder or DATE_HINT
        if placeholder:
            attrs.append(f'placeholder="{a(placeholder)}"')
        return (f'<div class="cqp-field"><label for="{fid}">{a(label)}</label>'
                f'<input {" ".join(attrs)}>{extra}</div>')

    def date_input(self, fid, keys, label, hint=None) -> str:
        # The weekday in words is written under the field once the date reads (simulateur.mjs);
        # it is part of the field's description, not a live region: said when the field is
        # focused, never while typing.
        # The forms the checker reads, as the field table gives them (its error names the same).
        note = a(fields.hint(fields.DATE)) + (f" {hint}" if hint else "")
        html = self.text_input(fid, keys, label, None, note)
        weekday = f'<p class="cqp-weekday" id="{fid}-weekday"></p>'
        html = html.replace(f'aria-describedby="{fid}-hint"', f'aria-describedby="{fid}-hint {fid}-weekday"')
        return html[: -len("</div>")] + weekday + "</div>"

    def yes_no(self, fid: str, keys: list, label: str, hint: str | None = None) -> str:
        """A yes/no condition as three radios: yes, no, and « not known yet », the default, which
        leaves the field out of the situation (the checker then lists it as still to answer)."""
        described, extra = self._described(fid, hint)
        # Each label is found as `.cqp-choices > label` (simulateur.css): no class on ninety-six.
        radios = "".join(
            f'<label><input type="radio" name="{fid}" id="{fid}-{value or "unknown"}" '
            f'value="{value}"{" checked" if not value else ""}> {a(wording.phrase(words))}</label>'
            for value, words in (("yes", "answer_yes"), ("no", "answer_no"), ("", "answer_unknown")))
        self.defaults[fid] = ""
        return (f'<fieldset class="cqp-field cqp-yesno" id="{fid}" {key_attrs(keys)} data-type="bool" {described}>'
                f'<legend>{a(label)}</legend><div class="cqp-choices">{radios}</div>{extra}</fieldset>')

    def select(self, fid: str, keys: list | None, label: str, options: list[tuple[str, str]],
               hint: str | None = None, infer: str | None = None,
               groups: list[tuple[str, list[tuple[str, str]]]] | None = None) -> str:
        """A select; with `groups`, its options under their group's label (<optgroup>): the
        options' own words stay short enough for a phone."""
        described, extra = self._described(fid, hint)
        if groups:
            options = [o for _, opts in groups for o in opts]
            opts = "".join(f'<optgroup label="{a(g)}">'
                           + "".join(f'<option value="{a(v)}">{a(t)}</option>' for v, t in group_opts)
                           + "</optgroup>" for g, group_opts in groups)
        else:
            opts = "".join(f'<option value="{a(v)}">{a(t)}</option>' for v, t in options)
        key = f'{key_attrs(keys)} data-type="choice"' if keys is not None else "data-switch"
        self.defaults[fid] = options[0][0]
        inferred = f' data-infer="{a(infer)}"' if infer else ""
        return (f'<div class="cqp-field"><label for="{fid}">{a(label)}</label>'
                f'<select id="{fid}" {key}{inferred} {described}>{opts}</select>{extra}</div>')

    @staticmethod
    def hidden(keys: list, value: str) -> str:
        return f'<input type="hidden" {key_attrs(keys)} data-type="choice" value="{a(value)}">'

    def shown_by_default(self, when: str) -> bool:
        return all(self.defaults.get(cond.split("=")[0]) in cond.split("=")[1].split("|")
                   for cond in when.split(";"))

    def group(self, body: str, when: str | None = None, base: str | None = None, tag: str = "div",
              legend: str | None = None, cls: str = "cqp-group") -> str:
        attrs = f' class="{cls}"'
        if when:
            attrs += f' data-when="{a(when)}"'
            if not self.shown_by_default(when):
                attrs += " hidden"
        if base:
            attrs += f' data-base="{a(base)}"'
        head = f"<legend>{legend}</legend>" if legend and tag == "fieldset" else ""
        return f"<{tag}{attrs}>{head}{body}</{tag}>"

    def cqp_options(self, ids: Iterable[str] | None = None) -> list[tuple[str, str]]:
        ids = list(ids) if ids is not None else list(self.cqps)
        # The short title: the whole title does not fit a phone's select (the page heads say it).
        return [(i, self.cqps[i]["short_title"]) for i in ids]

    def route_options(self, cqp: str) -> list[tuple[str, str]]:
        return [(r, wording.route_label(r)) for r in ("formation", "vae") if r in self.cqps[cqp]["routes"]]

    @staticmethod
    def route_hint() -> str:
        """Beside a route select: the long form of its short options."""
        return a(wording.phrase("route_hint"))

    def region_options(self) -> list[tuple[str, str]]:
        return [(r["id"], r.get("choice", r["label"])) for r in self.ref["calendar"]["regions"]]

    # --- the three tools ---

    def score(self) -> str:
        vcd, cs = self.cqps[VCD], self.cqps[CS]
        html = [self.select("score-cqp", ["cqp"], field_label(["cqp"]), self.cqp_options([VCD, CS]))]
        html.append(self.group(self.select("score-route-vcd", ["route"], field_label(["route"]),
                                           self.route_options(VCD), hint=self.route_hint()), when=f"score-cqp={VCD}"))
        html.append(self.group(self.select("score-route-cs", ["route"], field_label(["route"]),
                                           self.route_options(CS), hint=self.route_hint()), when=f"score-cqp={CS}"))
        html.append(self.group(self._score_domains(vcd), when=f"score-cqp={VCD}", base="domains"))
        html.append(self.group(self._score_grid(cs), when=f"score-cqp={CS};score-route-cs=formation",
                               base="blocks"))
        html.append(self.group(self._score_vae(cs), when=f"score-cqp={CS};score-route-cs=vae",
                               base="blocks"))
        return "".join(html)

    def _score_domains(self, cqp: dict) -> str:
        cid = cqp["id"]
        out = [self.date_input("score-session-date", ["session_date"], field_label(["session_date"], "score"),
                               self.field_hint(cid, ["session_date"], "score"))]
        for dom in cqp["domains"]:
            d, fid = dom["id"], f"score-{dom['id'].lower()}"
            body = self.select(
                f"{fid}-mode", None, field_label(["domains", d], "score"),
                [(k, wording.choice_label(("domains", d), k)) for k in ("evaluated", "carried", "none")],
                infer=f"carried:domains/{d}/validated_on;evaluated:domains/{d}/positive;"
                      f"evaluated:domains/{d}/total;none:")
            body += self.group(
                self.text_input(f"{fid}-positive", ["domains", d, "positive"],
                                field_label(["domains", d, "positive"], "score"))
                + self.text_input(f"{fid}-total", ["domains", d, "total"],
                                  field_label(["domains", d, "total"], "score"),
                                 hint=self.field_hint(cid, ["domains", d, "total"], "score"))
                + self.text_input(f"{fid}-evaluated", ["domains", d, "evaluated"],
                                  field_label(["domains", d, "evaluated"], "score", optional=True)),
                when=f"{fid}-mode=evaluated", cls="cqp-group cqp-inline")
            body += self.group(
                self.date_input(f"{fid}-validated-on", ["domains", d, "validated_on"],
                                field_label(["domains", d, "validated_on"], "score"),
                                self.field_hint(cid, ["domains", d, "validated_on"], "score")),
                when=f"{fid}-mode=carried")
            out.append(self.group(body, tag="fieldset", legend=f"{a(d)} — {a(dom['title'])}"))
        return "".join(out)

    def _weights(self, cqp: dict) -> dict:
        weights = self.rule(cqp["id"], "evaluation_weights").data.get("value")
        if not isinstance(weights, dict) or not weights:
            raise FormsError(f"{cqp['id']}: evaluation_weights has no weights")
        return weights

    def _score_grid(self, cqp: dict) -> str:
        cid, weights = cqp["id"], self._weights(cqp)
        out = [self.group_hints(cid, ["blocks"], "score", route="formation")]
        for block in cqp["blocks"]:
            b = block["id"]
            head = "".join(f'<th scope="col">{a(wording.field(("blocks", "*", "*", k))["short"])} ({a(w)} %)</th>'
                           for k, w in weights.items())
            rows = []
            for comp in block["competences"]:
                c = comp["id"]
                cells = []
                for k in weights:
                    fid = f"score-{c.replace('.', '-').lower()}-{k}"
                    cells.append(
                        f'<td>{_grid_label(fid, field_label(["blocks", b, c, k], "score"), c)}'
                        f'<input type="text" inputmode="{INPUT_MODES[input_type(["blocks", b, c, k])]}" id="{fid}" '
                        f'{key_attrs(["blocks", b, c, k])} data-type="{input_type(["blocks", b, c, k])}" autocomplete="off"></td>')
                rows.append(f'<tr><th scope="row"><span class="cqp-id">{a(c)}</span> '
                            f'<span class="cqp-label">{a(comp["label"])}</span></th>{"".join(cells)}</tr>')
            # On a narrow screen the table becomes one card per competence (simulateur.css), each
            # input under its own visible label; on a wide one the column headers show it.
            table = (f'<div class="cqp-table-wrap cqp-grid-wrap"><table class="cqp-grid"><caption>{a(b)} — {a(block["title"])}</caption>'
                     f'<thead><tr><th scope="col">Compétence</th>{head}</tr></thead>'
                     f'<tbody>{"".join(rows)}</tbody></table></div>')
            out.append(table)
        return "".join(out)

    def _score_vae(self, cqp: dict) -> str:
        cid = cqp["id"]
        out = [self.group_hints(cid, ["blocks"], "score", route="vae")]
        for block in cqp["blocks"]:
            b = block["id"]
            out.append(self.text_input(f"score-vae-{b.lower()}", ["blocks", b, "score"],
                                       field_label(["blocks", b, "score"], "score", cqp=cqp)))
        return "".join(out)

    def deadlines(self) -> str:
        with_deadlines = [c for c, d in self.cqps.items() if d.get("deadlines")]
        if not with_deadlines:
            raise FormsError("no CQP of the referential has deadlines")
        html = []
        if len(with_deadlines) == 1:
            cid = with_deadlines[0]
            html.append(self.hidden(["cqp"], cid))
            html.append(f'<p>CQP : {a(self.cqps[cid]["title"])}. '
                        + " ".join(a(wording.phrase("no_deadline", cqp=d["title"]))
                                   for c, d in self.cqps.items() if c not in with_deadlines)
                        + "</p>")
        else:
            html.append(self.select("deadlines-cqp", ["cqp"], field_label(["cqp"]), self.cqp_options(with_deadlines)))
        routes = {r for c in with_deadlines for r in self.cqps[c]["routes"]}
        html.append(self.select("deadlines-route", ["route"], field_label(["route"]),
                                [("", "Les deux voies")]
                                + [(r, wording.route_label(r)) for r in ("formation", "vae")
                                   if r in routes], hint=self.route_hint()))
        html.append(self.select("deadlines-region", ["region"], field_label(["region"]), self.region_options()))
        fields: dict[str, list[str]] = {}
        for cid in with_deadlines:
            for dl in self.cqps[cid]["deadlines"]:
                if "from" in dl:
                    fields.setdefault(dl["from"], []).append(dl["label"])
        for field, labels in fields.items():
            if wording.field((field,), "deadlines") is None:
                raise FormsError(f"deadline input {field!r} has no label in referentiels/site.yaml")
            hint = "Donne : " + " ; ".join(labels) + "."
            html.append(self.date_input(f"deadlines-{field.replace('_', '-')}", [field],
                                        field_label([field], "deadlines"), a(hint)))
        return "".join(html)
