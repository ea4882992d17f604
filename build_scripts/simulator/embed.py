"""Pages /integrer-<tool>/: each tool of the simulator, and the cohort tool, for an organism's
<iframe> (templates overrides/integrer/): the same forms and scripts as the full pages, without
the site's header, navigation and footer. Their addresses and the <iframe> snippet are on the
page /liens/ (build_scripts/pages/links.py)."""
from __future__ import annotations

import json

from .page import TOOLS

# (check or "cohort", URL slug, heading)
EMBEDS = [(check, slug, f"{title} — CQP Vendeur conseil à distance et Commercial sédentaire")
          for check, slug, title, _ in TOOLS]
EMBEDS.append(("cohort", "cohorte", "Toute une promotion — CQP Vendeur conseil à distance et Commercial sédentaire"))


def path(slug: str) -> str:
    # One level deep, as the simulator page: the verdicts' links are written relative to it.
    return f"integrer-{slug}/index.md"


# Without JavaScript the tool's form shows but computes nothing: said, with what still works.
NOSCRIPT = ('<noscript><div class="admonition warning cqp-noscript"><p class="admonition-title">JavaScript est '
            "désactivé</p><p>Cet outil calcule dans votre navigateur : sans JavaScript, aucun résultat ne sera "
            'calculé. Les pages de référence du <a href="../">site des CQP</a> (référentiels, règles, '
            "échéances) restent lisibles sans JavaScript.</p></div></noscript>")


def embed_pages(simulator_body: str, cohort_body: str, config: dict) -> dict[str, str]:
    """{source path: Markdown} of every embed page; config is the simulator's, with the worker's
    address as seen from these pages."""
    out = {}
    for check, slug, heading in EMBEDS:
        front = {"title": heading, "template": "integrer/page.html", "integrer": check,
                 "search": {"exclude": True}, "simulateur": config}
        head = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in front.items())
        body = cohort_body if check == "cohort" else simulator_body
        full = "../simulateur/cohorte/" if check == "cohort" else "../simulateur/"
        # Where the tool comes from, and the full site (in a new tab, as every link here).
        credit = (f'<p class="cqp-embed-credit">Calcul indicatif fait dans votre navigateur, d\'après les '
                  f'référentiels des deux CQP. <a href="{full}">Ouvrir l\'outil complet sur le site des CQP</a></p>')
        out[path(slug)] = f"---\n{head}\n---\n\n# {heading}\n\n{NOSCRIPT}\n\n{body}\n\n{credit}\n"
    return out
