"""Load the referentials from YAML, check them, and say exactly where a broken one is broken.

Every error is one line per problem: ``<file>:<line>: <key.path>: <what is wrong>``, never a
traceback, so that an editor of the YAML can go straight to the place. Checks come in two
layers: the JSON Schema (shape of each file) and cross-checks the schema cannot express
(references between items, ids matching their parent, placeholders of a rule's text, the
rules the checker reads being present with the unit it expects).
"""
from __future__ import annotations

import re
import string
from fractions import Fraction
from pathlib import Path
from typing import Any, Iterable

import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[1]
REFERENTIELS = ROOT / "referentiels"
SCHEMAS = REFERENTIELS / "schema"
CQP_IDS = ("vendeur-conseil-distance", "commercial-sedentaire")

# The checker declares which rules it reads.
from checker.rule_ids import REQUIRED_DEADLINES, REQUIRED_RULES  # noqa: E402
# Two items must not share an anchor on the site: the checker's own anchors are claimed.
from checker.rules import anchor as _anchor, deadline_anchor, rule_anchor  # noqa: E402


class ReferentielError(Exception):
    """A referential file is broken; str() gives one located line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


# --- YAML with positions -------------------------------------------------------------------

def _compose(path: Path) -> yaml.Node:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReferentielError([f"{_rel(path)}:1: (fichier): introuvable"]) from None
    except UnicodeDecodeError as err:
        raise ReferentielError([f"{_rel(path)}:1: (fichier): pas en UTF-8 ({err.reason})"]) from None
    try:
        # libyaml's parser where PyYAML has it (ten times faster), with the same line marks.
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        raise ReferentielError([f"{_rel(path)}:{line}: (syntaxe YAML): {err.problem or err.context}"]) from None
    if node is None:
        raise ReferentielError([f"{_rel(path)}:1: (fichier): vide"])
    dupes = list(_duplicate_keys(node, ()))
    if dupes:
        raise ReferentielError([f"{_rel(path)}:{line}: {_fmt(p)}: clé en double" for p, line in dupes])
    return node


def _duplicate_keys(node: yaml.Node, path: tuple) -> Iterable[tuple[tuple, int]]:
    # PyYAML silently keeps the last of two equal keys; an editor would lose a value unseen.
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            if key.value in seen:
                yield path + (key.value,), key.start_mark.line + 1
            seen.add(key.value)
            yield from _duplicate_keys(value, path + (key.value,))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _duplicate_keys(item, path + (i,))


def _construct(node: yaml.Node) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _line_of(node: yaml.Node, path: Iterable) -> int:
    """Line of the deepest node reachable along path (the key's line for a mapping entry)."""
    line = node.start_mark.line + 1
    for part in path:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    line, node = key.start_mark.line + 1, value
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _fmt(path: Iterable) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(racine)"


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


# --- JSON Schema ---------------------------------------------------------------------------

def _schema_message(err) -> tuple[list, str]:
    """French wording of the usual schema errors, with the path of the key concerned."""
    path = list(err.absolute_path)
    v, inst = err.validator, err.instance
    if v == "required":
        missing = [k for k in err.validator_value if isinstance(inst, dict) and k not in inst]
        return path, f"clé obligatoire manquante : {', '.join(missing)}"
    if v == "additionalProperties" and isinstance(inst, dict):
        allowed = set(err.schema.get("properties", {}))
        extra = sorted(k for k in inst if k not in allowed)
        return path + extra[:1], f"clé inconnue (attendu : {', '.join(sorted(allowed)) or 'aucune'})"
    if v == "type":
        return path, f"type attendu : {err.validator_value}, trouvé : {type(inst).__name__} {inst!r:.60}"
    if v in ("enum", "const"):
        allowed = err.validator_value if v == "enum" else [err.validator_value]
        return path, f"valeur {inst!r:.60} non admise (attendu : {', '.join(map(str, allowed))})"
    if v == "pattern":
        return path, f"{inst!r:.60} ne respecte pas le format {err.validator_value}"
    if v == "minItems":
        return path, f"liste trop courte (au moins {err.validator_value} élément(s))"
    if v == "minLength":
        return path, "texte vide"
    if v in ("minimum", "maximum"):
        word = "au moins" if v == "minimum" else "au plus"
        return path, f"{inst!r} : doit valoir {word} {err.validator_value}"
    if v == "not":
        return path, "combinaison de clés interdite ici"
    if v == "oneOf" and err.context:
        deepest = max(err.context, key=lambda e: len(e.absolute_path))
        sub_path, msg = _schema_message(deepest)
        return sub_path, msg
    return path, err.message


def _schema_problems(data: Any, schema_path: Path, node: yaml.Node, file: Path) -> list[str]:
    schema = yaml.load(schema_path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    validator = Draft202012Validator(schema)
    problems = []
    for err in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path, msg = _schema_message(err)
        problems.append((_line_of(node, path), f"{_rel(file)}:{_line_of(node, path)}: {_fmt(path)}: {msg}"))
    return [p for _, p in sorted(problems)]


def load_yaml(path: Path, schema_path: Path) -> Any:
    """One YAML file, schema-checked. Raises ReferentielError with located problems."""
    node = _compose(path)
    data = _construct(node)
    problems = _schema_problems(data, schema_path, node, path)
    if problems:
        raise ReferentielError(problems)
    return data


# --- Cross-checks --------------------------------------------------------------------------

class _Problems:
    def __init__(self, file: Path, node: yaml.Node):
        self.file, self.node, self.items = file, node, []

    def add(self, path: list, msg: str) -> None:
        line = _line_of(self.node, path)
        self.items.append((line, f"{_rel(self.file)}:{line}: {_fmt(path)}: {msg}"))

    def raise_if_any(self) -> None:
        if self.items:
            raise ReferentielError([p for _, p in sorted(self.items)])


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def _check_cqp(data: dict, problems: _Problems, expected_id: str) -> None:
    if data["id"] != expected_id:
        problems.add(["id"], f"l'id {data['id']!r} ne correspond pas au nom du fichier ({expected_id})")

    # Unique ids: the site turns them into anchors, the checker into keys.
    seen: dict[str, list] = {}

    def claim(item_id: str, path: list) -> None:
        key = _anchor(item_id)
        if key in seen:
            problems.add(path, f"id {item_id!r} déjà utilisé ({_fmt(seen[key])})")
        else:
            seen[key] = path

    parts = data.get("domains") or data.get("blocks") or []
    part_key = "domains" if data["structure"] == "domains" else "blocks"
    evaluation_ids = {e["id"] for e in data["evaluations"]}
    for i, part in enumerate(parts):
        base = [part_key, i]
        claim(part["id"], base + ["id"])
        number = part["id"][len("DC") if part_key == "domains" else len("B"):]
        for j, ev in enumerate(part["evaluations"]):
            if ev not in evaluation_ids:
                problems.add(base + ["evaluations", j], f"évaluation inconnue {ev!r}")
        if part_key == "domains":
            for k, unit in enumerate(part["units"]):
                claim(unit["id"], base + ["units", k, "id"])
                for kind in ("activities", "competences"):
                    for m, item in enumerate(unit[kind]):
                        claim(item["id"], base + ["units", k, kind, m, "id"])
                        if not item["id"].startswith(unit["id"] + "."):
                            problems.add(base + ["units", k, kind, m, "id"], f"l'id doit commencer par {unit['id']}.")
        else:
            for k, comp in enumerate(part["competences"]):
                cpath = base + ["competences", k]
                claim(comp["id"], cpath + ["id"])
                claim(comp["activities"]["id"], cpath + ["activities", "id"])
                if not comp["id"].startswith(f"C{number}."):
                    problems.add(cpath + ["id"], f"une compétence du bloc {part['id']} s'écrit C{number}.n")
                if comp["activities"]["id"] != "A" + comp["id"][1:]:
                    problems.add(cpath + ["activities", "id"], f"attendu A{comp['id'][1:]} pour {comp['id']}")
                for m, ind in enumerate(comp["criterion"]["indicators"]):
                    claim(ind["id"], cpath + ["criterion", "indicators", m, "id"])
                    if not ind["id"].startswith(comp["id"] + "-I"):
                        problems.add(cpath + ["criterion", "indicators", m, "id"], f"attendu {comp['id']}-In")
    part_ids = {p["id"] for p in parts}
    for i, ev in enumerate(data["evaluations"]):
        claim(ev["id"], ["evaluations", i, "id"])
        for j, p in enumerate(ev["parts"]):
            if p not in part_ids:
                problems.add(["evaluations", i, "parts", j], f"{p!r} n'est pas un {part_key[:-1]} de ce CQP")
        m = ev.get("duration", {}).get("minutes")
        if m and m["min"] > m["max"]:
            problems.add(["evaluations", i, "duration", "minutes"], "min est plus grand que max")

    rules = {}
    for i, rule in enumerate(data["rules"]):
        claim(rule_anchor(rule["id"]), ["rules", i, "id"])
        rules[rule["id"]] = rule
        _check_rule(rule, ["rules", i], problems)
    for i, ev in enumerate(data["evaluations"]):
        if "pass_rule" in ev and ev["pass_rule"] not in rules:
            problems.add(["evaluations", i, "pass_rule"], f"règle inconnue {ev['pass_rule']!r}")

    deadlines = {}
    for i, dl in enumerate(data["deadlines"]):
        claim(deadline_anchor(dl["id"]), ["deadlines", i, "id"])
        deadlines[dl["id"]] = dl
    for i, dl in enumerate(data["deadlines"]):
        rule = rules.get(dl["offset"]["rule"])
        if rule is None:
            problems.add(["deadlines", i, "offset", "rule"], f"règle inconnue {dl['offset']['rule']!r}")
        elif rule["unit"] not in ("months", "years", "jours_ouvres", "jours"):
            problems.add(["deadlines", i, "offset", "rule"],
                         f"la règle {rule['id']} est en {rule['unit']} : un délai se compte en mois, années ou jours")
        if "relative_to" in dl and dl["relative_to"] not in deadlines:
            problems.add(["deadlines", i, "relative_to"], f"délai inconnu {dl['relative_to']!r}")
        if dl.get("relative_to") == dl["id"]:
            problems.add(["deadlines", i, "relative_to"], "un délai ne peut se compter depuis lui-même")

    # Statements: unique ids per list, references to existing rules and deadlines.
    def statements(path: list, items: list) -> None:
        for i, st in enumerate(items):
            claim(f"{'-'.join(map(str, path))}-{st['id']}", path + [i, "id"])
            for key, known in (("rules", rules), ("deadlines", deadlines)):
                for j, ref in enumerate(st.get(key, [])):
                    if ref not in known:
                        problems.add(path + [i, key, j], f"{'règle' if key == 'rules' else 'délai'} inconnu(e) {ref!r}")

    statements(["trade"], data["trade"])
    statements(["public"], data["public"])
    statements(["reglement"], data["reglement"])
    for route_id, route in data["routes"].items():
        statements(["routes", route_id, "steps"], route["steps"])
        statements(["routes", route_id, "conditions"], route.get("conditions", []))
    for actor_id, actor in data["actors"].items():
        statements(["actors", actor_id, "items"], actor["items"])

    # The checker reads these rules by id: they must be there, with the unit it expects.
    for rule_id, unit in REQUIRED_RULES[expected_id].items():
        if rule_id not in rules:
            problems.add(["rules"], f"règle {rule_id!r} absente : le vérificateur la lit ({unit})")
        elif rules[rule_id]["unit"] != unit:
            i = data["rules"].index(rules[rule_id])
            problems.add(["rules", i, "unit"], f"le vérificateur lit {rule_id} en {unit}")
    for dl_id in REQUIRED_DEADLINES[expected_id]:
        if dl_id not in deadlines:
            problems.add(["deadlines"], f"délai {dl_id!r} absent : le contrat du vérificateur le fixe")


def _check_rule(rule: dict, path: list, problems: _Problems) -> None:
    value = rule.get("value")
    fields = {"value"} | (set(value) if isinstance(value, dict) else set())
    unknown = _placeholders(rule["text"]) - fields
    if unknown:
        problems.add(path + ["text"], f"champ(s) inconnu(s) dans le texte : {', '.join(sorted(unknown))}")
    if rule["unit"] == "weights":
        if not isinstance(value, dict):
            problems.add(path + ["value"], "des poids s'écrivent comme un dictionnaire nom: poids")
        elif sum(Fraction(str(v)) for v in value.values()) != 100:
            problems.add(path + ["value"], "la somme des poids doit faire 100")
    elif isinstance(value, dict):
        problems.add(path + ["value"], f"une valeur en {rule['unit']} est un nombre, pas un dictionnaire")
    elif rule["unit"] == "percent" and value is not None and not 0 <= Fraction(str(value)) <= 100:
        problems.add(path + ["value"], "un pourcentage est compris entre 0 et 100")


def _check_calendar(data: dict, problems: _Problems) -> None:
    regions = {r["id"] for r in data["regions"]}
    ids = set()
    for i, h in enumerate(data["holidays"]):
        if h["id"] in ids:
            problems.add(["holidays", i, "id"], f"id {h['id']!r} déjà utilisé")
        ids.add(h["id"])
        for j, r in enumerate(h.get("regions", [])):
            if r not in regions:
                problems.add(["holidays", i, "regions", j], f"région inconnue {r!r}")
        if "month" in h:
            import calendar

            if h["day"] > calendar.monthrange(2000, h["month"])[1]:  # 2000: leap year
                problems.add(["holidays", i, "day"], "ce jour n'existe pas dans ce mois")


def _check_site(data: dict, problems: _Problems, cqps: dict) -> None:
    _check_placeholders(data, problems)
    # Every next step rests on a rule or deadline that exists, and names amounts that exist.
    for i, entry in enumerate(data["next_steps"]):
        wanted = [entry["when"]["cqp"]] if "cqp" in entry["when"] else list(CQP_IDS)
        if not all(c in cqps for c in wanted):
            continue  # a broken referential is reported on its own; no cascade of errors here
        where = [cqps[c] for c in wanted]
        rules = {r["id"] for c in where for r in c["rules"]}
        deadlines = {d["id"] for c in where for d in c["deadlines"]}
        sections = [{st["id"] for lst in data["site_map"].get("sections", {}) for st in c.get(lst, [])}
                    for c in where]
        for j, step in enumerate(entry["steps"]):
            path = ["next_steps", i, "steps", j]
            if "rule" in step and step["rule"] not in rules:
                problems.add(path + ["rule"], f"règle inconnue {step['rule']!r}")
            if "deadline" in step and step["deadline"] not in deadlines:
                problems.add(path + ["deadline"], f"délai inconnu {step['deadline']!r}")
            if "section" in step and not all(step["section"] in ids for ids in sections):
                problems.add(path + ["section"], f"section inconnue {step['section']!r}")
            for kind, name in re.findall(r"\{(amount|threshold):([a-z0-9_]+)\}", step["text"]):
                if name not in rules:
                    problems.add(path + ["text"], f"{{{kind}:{name}}} : règle inconnue")


def _check_placeholders(data: dict, problems: _Problems) -> None:
    # Every label placeholder must be one the checker can fill.
    allowed = {"domain", "block", "competence", "n", "part_title"}
    for key, entry in data["fields"].items():
        for name in ("label", "phrase", "expected"):
            if name in entry:
                unknown = _placeholders(entry[name]) - allowed
                if unknown:
                    problems.add(["fields", key, name], f"paramètre inconnu {sorted(unknown)} "
                                 f"(attendu : {', '.join(sorted(allowed))})")


# --- Entry point ---------------------------------------------------------------------------

def _load_checked(path: Path, schema: Path, cross_check) -> dict:
    """One file: YAML with positions, then its schema, then cross_check(data, problems)."""
    node = _compose(path)
    data = _construct(node)
    schema_problems = _schema_problems(data, schema, node, path)
    if schema_problems:
        raise ReferentielError(schema_problems)
    checks = _Problems(path, node)
    cross_check(data, checks)
    checks.raise_if_any()
    return data


def load_referentiels(root: Path = REFERENTIELS) -> dict:
    """Both CQPs and the holiday calendar, checked. Raises ReferentielError (all problems)."""
    root = Path(root)
    schemas = root / "schema" if (root / "schema").is_dir() else SCHEMAS
    problems: list[str] = []
    out: dict = {"cqps": {}, "calendar": None, "site": None}
    for cqp_id in CQP_IDS:
        try:
            out["cqps"][cqp_id] = _load_checked(
                root / f"{cqp_id}.yaml", schemas / "referentiel.schema.yaml",
                lambda data, checks, cqp_id=cqp_id: _check_cqp(data, checks, cqp_id))
        except ReferentielError as err:
            problems += err.problems
    try:
        out["calendar"] = _load_checked(root / "jours-feries.yaml", schemas / "jours-feries.schema.yaml",
                                        _check_calendar)
    except ReferentielError as err:
        problems += err.problems
    try:
        site_schema = schemas / "site.schema.yaml" if (schemas / "site.schema.yaml").exists() \
            else SCHEMAS / "site.schema.yaml"
        site_file = root / "site.yaml" if (root / "site.yaml").exists() else REFERENTIELS / "site.yaml"
        out["site"] = _load_checked(site_file, site_schema,
                                    lambda data, checks: _check_site(data, checks, out["cqps"]))
    except ReferentielError as err:
        problems += err.problems
    if problems:
        raise ReferentielError(problems)
    return out
