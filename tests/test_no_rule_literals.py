"""No rule number, comparison, route label or field label is written in code: they live in
referentiels/ and reach code through the rule model (checker/rules.py) and the wording data
(checker/wording.py reading referentiels/site.yaml). The literals that remain are listed below,
each with its reason."""
from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from checker import referentiel

ROOT = Path(__file__).resolve().parents[1]
# The model and the wording access: the only code allowed to turn a rule into words.
MODEL = {"checker/rules.py", "checker/wording.py"}

# (file, literal): why it may stay.
ALLOWED_NUMBERS = {
    ("checker/inputs.py", "1900"): "plausible years of a date typed by a person, not a rule",
    ("checker/inputs.py", "2199"): "plausible years of a date typed by a person, not a rule",
    ("checker/inputs.py", "30"): "longest integer accepted (digits), not a rule",
    ("checker/inputs.py", "4"): "part of the recursion budget, not a rule",
    ("checker/eligibility.py", "600"): "plausible months of practice typed by a person, not a rule",
    ("checker/eligibility.py", "80"): "plausible years of experience typed by a person, not a rule",
    ("checker/score.py", "100"): "a rate is a percentage: positive × 100 / total",
    ("checker/dates.py", "12"): "months in a year (calendar arithmetic)",
    ("checker/dates.py", "19"): "Easter computation (Meeus/Jones/Butcher)",
    ("checker/dates.py", "100"): "Easter computation (Meeus/Jones/Butcher)",
    ("checker/dates.py", "4"): "Easter computation (Meeus/Jones/Butcher)",
    ("checker/dates.py", "8"): "Easter computation (Meeus/Jones/Butcher)",
    ("checker/dates.py", "25"): "Easter computation (Meeus/Jones/Butcher)",
    ("checker/dates.py", "3"): "Easter computation (Meeus/Jones/Butcher)",
    ("checker/dates.py", "15"): "Easter computation (Meeus/Jones/Butcher)",
    ("checker/dates.py", "30"): "Easter computation (Meeus/Jones/Butcher)",
    ("checker/dates.py", "32"): "Easter computation (Meeus/Jones/Butcher)",
    ("checker/dates.py", "7"): "Easter computation (Meeus/Jones/Butcher)",
    ("checker/dates.py", "11"): "Easter computation (Meeus/Jones/Butcher)",
    ("checker/dates.py", "22"): "Easter computation (Meeus/Jones/Butcher)",
    ("checker/dates.py", "451"): "Easter computation (Meeus/Jones/Butcher)",
    ("checker/dates.py", "114"): "Easter computation (Meeus/Jones/Butcher)",
    ("checker/dates.py", "31"): "Easter computation (Meeus/Jones/Butcher)",
    ("checker/dates.py", "512"): "size of a cache",
    ("build_scripts/pages/example.py", "15"): "the date of the worked example's session (15 June 2026)",
    ("build_scripts/pages/example.py", "6"): "the date of the worked example's session (15 June 2026)",
    ("build_scripts/pages/example.py", "5"): "the worked example's figures are rounded to multiples of 5",
}
SOURCES = [*sorted((ROOT / "checker").glob("*.py")), *sorted((ROOT / "build_scripts").rglob("*.py")),
           *sorted((ROOT / "docs" / "simulateur").glob("*.mjs"))]
# Performance, benchmark and test helpers measure the site; they state no rule.
SKIP = {"build_scripts/bench_simulator.py", "build_scripts/bench_cohort.py", "build_scripts/bench_pages.py", "build_scripts/screenshot_cohort.py"}
TRIPLE_QUOTES = ('"' * 3, "'" * 3)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _code_files():
    return [p for p in SOURCES if _rel(p) not in MODEL and _rel(p) not in SKIP]


def _strings_and_numbers(path: Path) -> tuple[list[str], list[str]]:
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        strings = re.findall(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'|`([^`]*)`', text)
        code = re.sub(r"//[^\n]*|/\*.*?\*/", "", text, flags=re.S)
        code = re.sub(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`[^`]*`', '""', code)
        return ["".join(s) for s in strings], re.findall(r"(?<![\w.#-])\d+(?:\.\d+)?(?![\w.])", code)
    strings, numbers, previous = [], [], []
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type == tokenize.STRING or tok.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            if not tok.string.startswith(TRIPLE_QUOTES):  # docstrings explain, with examples
                strings.append(tok.string)
        elif tok.type == tokenize.NUMBER:
            # A Markdown heading level (level=3) is layout, not a rule.
            if not (previous and previous[-1].string == "=" and "level" in [t.string for t in previous[-4:]]):
                numbers.append(tok.string)
        if tok.type not in (tokenize.NL, tokenize.COMMENT):
            previous.append(tok)
    return strings, numbers


def _rule_numbers() -> set[str]:
    """Values of the rules that are numbers people could recognise (3 and more: 0, 1 and 2 are
    everywhere in code as indexes and counts)."""
    out = set()
    for cqp in referentiel.load()["cqps"].values():
        for rule in cqp["rules"]:
            values = rule.get("value")
            for v in (values.values() if isinstance(values, dict) else [values]):
                if isinstance(v, (int, float)) and v >= 3:
                    out.add(str(v))
    return out


def _labels() -> list[str]:
    site = referentiel.load()["site"]
    out = []
    for entry in site["fields"].values():
        for key in ("label", "phrase"):
            text = entry.get(key, "")
            fixed = re.split(r"\{[a-z_]+\}", text)
            out += [f.strip(" —:") for f in fixed if len(f.strip(" —:")) >= 12]
    out += [r["long"] for r in site["routes"].values() if len(r["long"]) >= 12]
    for options in site["choices"].values():
        out += [v for v in options.values() if len(v) >= 12]
    return sorted(set(out))


def test_there_is_something_to_look_for():
    assert {"80", "70", "50", "6", "15"} <= _rule_numbers()
    assert any("Mois de pratique" in label for label in _labels())


@pytest.mark.parametrize("path", _code_files(), ids=_rel)
def test_no_rule_number_in_code(path):
    _, numbers = _strings_and_numbers(path)
    rel = _rel(path)
    found = sorted({n for n in numbers if n in _rule_numbers() and (rel, n) not in ALLOWED_NUMBERS})
    assert not found, f"{rel}: numbers of rules written in code: {found} (read them from the rule)"


@pytest.mark.parametrize("path", _code_files(), ids=_rel)
def test_no_rule_amount_or_comparison_in_strings(path):
    strings, _ = _strings_and_numbers(path)
    rel = _rel(path)
    amounts = re.compile(r"\b(" + "|".join(sorted(_rule_numbers(), key=len, reverse=True))
                         + r")\s?(%|mois|ans?\b|jours)")
    bad = [s for s in strings if amounts.search(s)]
    assert not bad, f"{rel}: a rule's amount written in a string: {bad[:3]}"
    operators = [s for s in strings if s.strip("\"'") in (">=", "<=", "==", "<", ">")]
    assert not operators, f"{rel}: a comparison written in code: {operators}"


@pytest.mark.parametrize("path", _code_files(), ids=_rel)
def test_no_field_or_route_label_in_code(path):
    strings, _ = _strings_and_numbers(path)
    found = [label for label in _labels() if any(label in s for s in strings)]
    assert not found, f"{_rel(path)}: labels of referentiels/site.yaml written in code: {found[:3]}"


def test_rule_values_are_compared_by_the_model_only():
    pattern = re.compile(r"\brule\w*(\(.*?\))?\.value\s*(<=|>=|==|<|>)|(<=|>=|==|<|>)\s*\w*rule\w*(\(.*?\))?\.value\b")
    offenders = [f"{_rel(p)}:{i}" for p in _code_files() if p.suffix == ".py"
                 for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line)]
    assert not offenders, offenders
