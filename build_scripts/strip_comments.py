"""The simulator's scripts and stylesheets as served: without their comment lines and indentation.

Their comments say why the code is as it is, for whoever reads docs/simulateur/; a visitor's
browser downloads them before Python is ready and reads none (a fifth of the scripts' bytes).
Only whole comment lines and the indentation of code lines go: a line that holds code keeps its
text, and a line inside a string or a template literal (the worker's Python, a message) stays
exactly as written. Not a minifier: names, spacing within lines and line numbers of what remains
are the source's.
"""
from __future__ import annotations

import re

# Before a `/`, these mean a regular expression starts (an operand is expected), not a division.
REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^")
REGEX_KEYWORDS = {"return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void",
                  "throw", "yield", "await", "instanceof"}


class StripError(ValueError):
    pass


def _code_lines(text: str) -> list[bool]:
    """For each line, whether it starts in code (not inside a string, template or comment)."""
    starts = [True]
    state = "code"       # code | ' | " | ` | block | line | regex | class (a regex's [...])
    braces = []          # for each open ${ … } of a template: the depth of braces inside it
    last = ""            # the last significant character or word of code
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            if state in ("'", '"', "regex", "class"):
                raise StripError(f"line {len(starts)}: a string or a regular expression is not closed")
            if state == "line":
                state = "code"
            starts.append(state == "code")
            i += 1
            continue
        if state == "code":
            if text.startswith("//", i):
                state = "line"
                i += 2
                continue
            if text.startswith("/*", i):
                state = "block"
                i += 2
                continue
            if c in "'\"`":
                state = c
            elif c == "/":
                state = "regex" if (last in REGEX_AFTER or last in REGEX_KEYWORDS or last == "") else state
                last = "/" if state == "code" else last
            elif c == "{":
                if braces:
                    braces[-1] += 1
                last = c
            elif c == "}":
                if braces and braces[-1] == 0:
                    braces.pop()
                    state = "`"  # back in the template
                else:
                    if braces:
                        braces[-1] -= 1
                    last = c
            elif c.isalnum() or c in "_$":
                m = re.compile(r"[\w$]+").match(text, i)
                last = m.group(0)
                i = m.end()
                continue
            elif not c.isspace():
                last = c
            i += 1
            continue
        if state in ("'", '"'):
            if c == "\\":
                i += 2
                continue
            if c == state:
                state, last = "code", "a"  # a string is an operand
        elif state == "`":
            if c == "\\":
                i += 2
                continue
            if c == "`":
                state, last = "code", "a"
            elif text.startswith("${", i):
                braces.append(0)
                state = "code"
                last = "{"
                i += 2
                continue
        elif state == "block":
            if text.startswith("*/", i):
                state = "code"
                i += 2
                continue
        elif state in ("regex", "class"):
            if c == "\\":
                i += 2
                continue
            if state == "class" and c == "]":
                state = "regex"
            elif state == "regex" and c == "[":
                state = "class"
            elif state == "regex" and c == "/":
                state, last = "code", "a"
        i += 1
    if state not in ("code", "line"):
        raise StripError(f"the file ends inside a {state!r}")
    return starts


def strip_script(text: str) -> str:
    """A JavaScript file without its whole comment lines (// …) and the indentation of its code."""
    lines = text.split("\n")
    out = []
    for line, in_code in zip(lines, _code_lines(text)):
        if not in_code:
            out.append(line)
            continue
        code = line.lstrip()
        if code.startswith("//") or not code:
            continue
        out.append(code)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def strip_stylesheet(text: str) -> str:
    """A stylesheet without its comments and indentation (no stylesheet here writes "/*" in a
    string: checked)."""
    if re.search(r"""["'][^"'\n]*/\*""", text):
        raise StripError("a string holds /*: strip it by hand")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(line.strip() for line in text.split("\n") if line.strip()) + "\n"


def strip(name: str, text: str) -> str:
    if name.endswith((".mjs", ".js")):
        return strip_script(text)
    if name.endswith(".css"):
        return strip_stylesheet(text)
    return text
