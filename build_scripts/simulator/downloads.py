"""The developer page (docs/developpeurs.md) at build time: the link to the checker's wheel (its
name carries its version), the forms a value may be written in (the field table's), and the
worked cohort example computed by the checker itself, so that the page never shows an output
the checker would not give."""
from __future__ import annotations

import json
from pathlib import Path

from checker import fields

PAGE = "developpeurs.md"
WHEEL_MARKER = "<!-- roue -->"
EXAMPLE_MARKER = "<!-- exemple-cohorte -->"
FORMS_MARKER = "<!-- formes-des-valeurs -->"
EXAMPLE = "simulateur/cohorte/exemple-vendeur-conseil-distance.csv"


def _example(csv_path: Path) -> str:
    import checker
    from checker.spreadsheet import table

    text = csv_path.read_text(encoding="utf-8")
    rows = checker.evaluate_batch("score", text)
    brief = [{"row": r["row"], "label": r["label"],
              **({"verdict": {"certified": r["verdict"]["certified"],
                              "outcome": {"title": r["verdict"]["outcome"]["title"]}, "…": "…"}}
                 if "verdict" in r else {"errors": [{k: e[k] for k in ("path", "kind", "message")} for e in r["errors"]]})}
             for r in rows]
    return "\n\n".join([
        f"Le fichier [exemple-vendeur-conseil-distance.csv]({EXAMPLE}) décrit trois stagiaires ; "
        "le troisième a une erreur de saisie (25 indicateurs positifs sur 20).",
        f"```text\n{text.strip()}\n```",
        "`python -m checker batch score exemple-vendeur-conseil-distance.csv` donne le tableau de "
        "résultats (séparateur `;`, à ouvrir dans un tableur) :",
        f"```text\n{table('score', rows).lstrip(chr(0xFEFF)).strip()}\n```",
        "et, avec `--format json`, une entrée par ligne (ici abrégée : chaque `verdict` est complet, "
        "avec ses explications et sa trace) :",
        f"```json\n{json.dumps(brief, ensure_ascii=False, indent=2)}\n```",
    ])


def _written_forms() -> str:
    """How a value may be written, in a cell as in a form: the field table's examples."""
    def listed(kind: str) -> str:
        return fields.example_text(kind)

    spec = fields.types()[fields.BOOL]
    yes_no = " ; ".join(f"{y}/{n}" for y, n in zip(spec["yes_words"], spec["no_words"]))
    return (f"Une cellule vide : le champ n'est pas connu. Les valeurs s'écrivent comme dans le "
            f"simulateur : nombres {listed(fields.PERCENTAGE)} ; dates {listed(fields.DATE)} ; "
            f"oui ou non ({yes_no}) ; un choix par son identifiant ou par le libellé que le site "
            f"affiche (« Commercial sédentaire », « Formation »), sans tenir compte des majuscules ni "
            f"des accents.")


def developer_page(markdown: str, wheel: Path, wheel_url: str, docs: Path) -> str:
    size = round(wheel.stat().st_size / 1024)
    link = (f"[Télécharger le vérificateur, version {wheel.name.split('-')[1]} (roue Python, {size} ko)]"
            f"(simulateur/{wheel_url}), puis installez-le :")
    markdown = markdown.replace(WHEEL_MARKER, link).replace(FORMS_MARKER, _written_forms())
    return markdown.replace(EXAMPLE_MARKER, _example(docs / EXAMPLE))
