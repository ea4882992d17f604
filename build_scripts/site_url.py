"""The site's public address, from its one setting: `site_url` in mkdocs.yml, which the
environment variable CQP_SITE_URL overrides (`!ENV`). MkDocs uses it for the canonical links and
the sitemap; the generate step for the ready-made links of /liens/ and the embed snippets."""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from build_scripts.referentiel_loader import ROOT


@lru_cache(maxsize=None)
def site_url() -> str:
    """The address, ending with « / »."""
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        url = yaml_load(f)["site_url"]
    return url if url.endswith("/") else url + "/"


def origin() -> str:
    """scheme://host[:port], as a browser names the site in a message's origin."""
    parts = urlsplit(site_url())
    return f"{parts.scheme}://{parts.netloc}"


def absolute(path: str) -> str:
    """The public address of a site path (« /liens/ », « simulateur/#s=… »)."""
    return site_url() + path.lstrip("/")
