"""The site search finds French words typed without their accents: a step of the post-build
(build_scripts/postbuild.py), not a hook, so that any site generator's build gets it.

The theme's search (lunr) compares words exactly: « televente » did not find « télévente ».
Its query side cannot be changed, so the index gets, after the search plugin has written it,
two more fields per entry, `title_ascii` and `text_ascii`: the entry's words that carry an
accent or a ligature (é, è, ç, œ…), written without them. Only the index holds them: nothing is
added to the pages, so screen readers read nothing twice and search results still show the
text as written. The fields have the boost of `title` and `text`, so a word typed without its
accents ranks as if it had them.

Figures written « 80 % » or « 80% » are one and the same thanks to the search separator of
mkdocs.yml, which also cuts at apostrophes (« l'évaluation » is found by « évaluation »).
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
# Words as the search cuts them: letters, a digit inside a word (C1, UC2) is kept.
WORD = re.compile(r"\w+")
TAG = re.compile(r"<[^>]+>")
NAME = "search/search_index.json"


def fold(text: str) -> str:
    """« Évaluation » → « Evaluation », « œuvre » → « oeuvre »."""
    text = unicodedata.normalize("NFD", text.translate(LIGATURES))
    return unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))


def ascii_words(html: str) -> str:
    """The accented words of a title or a text, folded, each once, in order of appearance."""
    seen: dict[str, None] = {}
    for word in WORD.findall(TAG.sub(" ", html)):
        folded = fold(word)
        if folded != word:
            seen.setdefault(folded.lower(), None)
    return " ".join(seen)


def add_ascii_fields(index: dict) -> dict:
    fields = index["config"]["fields"]
    for name in ("title", "text"):
        fields[f"{name}_ascii"] = dict(fields.get(name) or {"boost": 1})
    for doc in index["docs"]:
        for name in ("title", "text"):
            words = ascii_words(doc.get(name, ""))
            if words:
                doc[f"{name}_ascii"] = words
    return index


def accent_free_index(site: Path) -> str | None:
    """The text of site/search/search_index.json with its accent-free fields (the same text when
    it has them already), or None without a search index (search plugin disabled)."""
    path = site / NAME
    if not path.is_file():
        return None
    index = add_ascii_fields(json.loads(path.read_text(encoding="utf-8")))
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
