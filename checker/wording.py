"""What people read around the rules, from referentiels/site.yaml (compiled with the rest):
field labels, routes, units and comparisons in words, the site map, fixed phrases.

Field keys are dotted paths with `*` for any one key; a key may be prefixed by `<check>.` or
`<check>.<subject>.` for a field that means something else in that context.
"""
from __future__ import annotations

import re
import string
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from . import compiled, french

Path = tuple  # a field's place in the situation: ("blocks", "B1", "C1.1", "jury"), ("members", 0, "role")


def data() -> dict:
    return compiled.load()["site"]


def path_text(path: Path) -> str:
    """The contract's writing of a path: blocks.B1.C1.1.jury, members[0].role."""
    out = ""
    for key in path:
        if isinstance(key, int):
            out += f"[{key}]"
        else:
            out += f".{key}" if out else str(key)
    return out


@lru_cache(maxsize=None)
def _patterns() -> list[tuple[tuple, tuple, dict]]:
    """(context, segments, entry) for every field key, most specific context first."""
    out = []
    for key, entry in data()["fields"].items():
        parts = key.split(".")
        context: tuple = ()
        for check in ("score", "eligibility", "deadlines"):
            if parts[0] == check:
                parts = parts[1:]
                context = (check,)
                if parts and parts[0] in ("candidate", "tutor", "evaluator", "jury", "organism") \
                        and len(parts) > 1:
                    context, parts = (check, parts[0]), parts[1:]
                break
        out.append((context, tuple(parts), entry))
    out.sort(key=lambda item: -len(item[0]))
    return out


def field(path: Path, check: str | None = None, subject: str | None = None) -> dict | None:
    """The wording entry of a field, or None if the site does not name it."""
    return _field(tuple("*" if isinstance(k, int) else k for k in path), check, subject)


@lru_cache(maxsize=8192)
def _field(keys: tuple, check: str | None, subject: str | None) -> dict | None:
    # Cached: a cohort asks the same few fields for every row (the scan was most of its time).
    wanted = [(check, subject), (check,), ()]
    for context in wanted:
        for ctx, segments, entry in _patterns():
            if ctx != tuple(c for c in context if c) or len(segments) != len(keys):
                continue
            if all(s in ("*", k) for s, k in zip(segments, keys)):
                return entry
    return None


def params(path: Path, cqp: dict | None = None) -> dict:
    """The values a label may use: {domain}, {block}, {competence}, {n}, {part_title}."""
    out: dict = {}
    if len(path) > 1 and path[0] in ("domains", "blocks"):
        out["domain" if path[0] == "domains" else "block"] = path[1]
        if cqp is not None:
            parts = cqp["domains"] if cqp["structure"] == "domains" else cqp["blocks"]
            out["part_title"] = next((p["title"] for p in parts if p["id"] == path[1]), "")
        if len(path) > 2 and path[0] == "blocks" and path[2] != "score":
            out["competence"] = path[2]
    if len(path) > 1 and path[0] == "members" and isinstance(path[1], int):
        out["n"] = path[1] + 1
    return out


def label(path: Path, check: str | None = None, subject: str | None = None,
          cqp: dict | None = None) -> str:
    """How a person names the field; its path when the site does not name it (a key the checker
    does not know, say: the path is then what the person typed)."""
    if not path:
        return phrase("whole_situation")
    entry = field(path, check, subject)
    if entry is None:
        # An empty key (hypothesis found {"": null}) still needs a name people can read.
        return path_text(path) or "« » (nom de champ vide)"
    values = {"domain": "", "block": "", "competence": "", "n": "", "part_title": ""}
    values.update(params(path, cqp))
    return entry["label"].format(**values)


def phrase_of_field(name: str) -> str | None:
    entry = data()["fields"].get(name)
    return entry.get("phrase") if entry else None


def check_name(check: str) -> str:
    """« Éligibilité » for eligibility: a check as people read it."""
    return data()["checks"][check]


def route_label(route: str, long: bool = False) -> str:
    return data()["routes"][route]["long" if long else "label"]


def unit_words(unit: str) -> tuple[str, str]:
    words = data()["units"].get(unit, {"one": "", "many": ""})
    return words["one"], words["many"]


def comparison(op: str) -> dict:
    return data()["comparisons"][op]


def phrase(name: str, **values) -> str:
    return data()["phrases"][name].format(**values)


def choice_label(path: Path, value: str) -> str:
    """An option of a field, in words (the value itself when the site does not name it)."""
    keys = tuple("*" if isinstance(k, int) else k for k in path)
    for pattern, options in data()["choices"].items():
        segments = pattern.split(".")
        if len(segments) == len(keys) and all(s in ("*", k) for s, k in zip(segments, keys)):
            return options.get(value, value)
    return value


def cqp_page_slug(kind: str) -> str:
    return data()["site_map"]["cqp_pages"][kind]


def topic_page(topic: str) -> str:
    """The kind of page (routes, actors…) on which a topic's rules are written."""
    return data()["site_map"]["topic_pages"][topic]


def page_url(cqp_id: str, kind: str, fragment: str | None = None) -> str:
    """Site-relative URL of a CQP's page: vendeur-conseil-distance/evaluations/#regle-x."""
    slug = cqp_page_slug(kind)
    url = f"{cqp_id}/" + (f"{slug}/" if slug else "")
    return url + (f"#{fragment}" if fragment else "")


def outcome(check: str, status: str, cqp_id: str | None = None, subject: str | None = None, **values) -> dict:
    """{"status", "title", "who"?} of a result, from the wording data."""
    table = data()["outcomes"]
    # The most particular entry that has one for this CQP: `check.subject` (by CQP or not),
    # then the check's own.
    entry = None
    for key in ([f"{check}.{subject}"] if subject else []) + [check]:
        found = table.get(key)
        if found is not None and cqp_id in found:
            found = found[cqp_id]
        if found is not None and status in found:
            entry = found
            break
    if entry is None:
        raise KeyError(f"outcomes: no {status} for {check} {subject or ''} {cqp_id or ''}")
    out = {"status": status, "title": french.typeset(entry[status].format(**values))}
    if entry.get("who") and status in entry.get("who_for", (status,)):
        out["who"] = french.typeset(" ".join(entry["who"].split()))
    return out


# {amount:rule} is the rule's value with its unit (« 2 ans »); {threshold:rule} adds its
# comparison in words (« au moins 70 % »).
_AMOUNT = re.compile(r"\{(amount|threshold):([a-z0-9_]+)\}")


def next_steps(check: str, status: str, cqp, route: str | None = None,
               subject: str | None = None, facts: frozenset = frozenset()) -> list[dict]:
    """« Que faire maintenant ? »: [{"text", "page", "title"}] for a result, from the wording data; each
    step links to the page of the rule, deadline or section it rests on. A step with `only_if` is
    said when that fact of the result is in `facts` (« a_part_validated »)."""
    context = {"check": check, "status": status, "cqp": cqp.id, "route": route, "subject": subject}
    out = []
    for entry in data()["next_steps"]:
        if any(context.get(k) != v for k, v in entry["when"].items()):
            continue
        for step in entry["steps"]:
            if "only_if" in step and step["only_if"] not in facts:
                continue
            text = _AMOUNT.sub(lambda m: getattr(cqp.rule(m.group(2)), m.group(1))(), " ".join(step["text"].split()))
            # The title names where the link goes (a screen reader lists links out of context).
            if "deadline" in step:
                page = cqp.deadline_page(step["deadline"])
                title = cqp.deadline(step["deadline"])["label"]
            elif "rule" in step:
                page, title = cqp.rule(step["rule"]).page, cqp.rule(step["rule"]).title
            elif "section" in step:
                page, title = cqp.section(step["section"])
            else:
                page = title = None
            out.append({"text": french.typeset(text), "page": page,
                        "title": french.typeset(title) if title else title})
    return out


# --- sentences: the templates of what a result says, keyed by check, rule and state ---------

def _written(value, spec: str) -> str:
    """One value of a template written the French way: a number « 72,14 », `{x:%}` a percentage
    « 72,14 % », a date with its weekday « lundi 1er juin 2026 », a list « B1, B2 et B3 », and
    `{n:résultat|résultats}` agrees with n (a count, or the length of a list): the wording data
    says everything, the code only hands values."""
    if "|" in spec:
        one, many = spec.split("|", 1)
        return french.plural(len(value) if isinstance(value, (list, tuple)) else value, one, many)
    if spec == "%":
        return french.percent(value)
    if isinstance(value, date):
        return french.long_date(value)
    if isinstance(value, (list, tuple)):
        return french.say_list(_written(v, spec) for v in value)
    if isinstance(value, (int, float, Fraction, Decimal)) and not isinstance(value, bool):
        return french.number(value)
    return format(value, spec)


def template(key: str) -> str:
    """The raw template at a dotted key of `sentences` (check.rule.state…)."""
    node = data()["sentences"]
    for part in key.split("."):
        node = node[part]
    return node


def has_sentence(key: str) -> bool:
    try:
        return isinstance(template(key), str)
    except KeyError:
        return False


@lru_cache(maxsize=1024)
def _parts(key: str) -> tuple:
    # Each template is parsed once into (text, field, spec) parts (cached, cleared with the
    # referential as the wording data is): a verdict fills a dozen templates, a cohort
    # thousands, and string.Formatter parsed the template again at each call (a third of a
    # cohort's time). The templates name plain fields only ({name} or {name:spec}).
    return tuple((text, name, spec or "") for text, name, spec, _ in
                 string.Formatter().parse(" ".join(template(key).split())))


def sentence(key: str, **values) -> str:
    """The sentence at `key`, filled with `values` and typeset (non-breaking spaces): ready to
    be read, by the CLI's explanations and the simulator's screen alike."""
    return french.typeset("".join(text if name is None else text + _written(values[name], spec)
                                  for text, name, spec in _parts(key)))


def screen_words() -> dict:
    """The words of the simulator's result screen around the sentences (headings, table
    headers, link texts), typeset: handed to the page in its configuration, so that they are
    there before the engine is."""
    return {k: french.typeset(" ".join(v.split())) for k, v in data()["screen"].items()}
