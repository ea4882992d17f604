"""The site's public address, from its one setting: `site_url` in mkdocs.yml, which the
environment variable CQP_SITE_URL sets (`!ENV`). Without it the site knows no address of its
own and writes none: no canonical link, no address in the sitemap, and the ready links of
/liens/ are relative, made absolute in the browser from where the page is served
(docs/assets/javascripts/copier.js). With it, MkDocs writes the canonical links and the
sitemap, and the generate step the ready links of /liens/ and the embed snippets, all absolute."""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from build_scripts.referentiel_loader import ROOT


@lru_cache(maxsize=None)
def site_url() -> str:
    """The configured address, ending with « / », or "" when none is configured."""
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        url = (yaml_load(f).get("site_url") or "").strip()
    if not url:
        return ""
    return url if url.endswith("/") else url + "/"


def configured() -> bool:
    return bool(site_url())


def origin() -> str:
    """scheme://host[:port], as a browser names the site in a message's origin ("" when no
    address is configured)."""
    if not configured():
        return ""
    parts = urlsplit(site_url())
    return f"{parts.scheme}://{parts.netloc}"


def absolute(path: str, here: str = "") -> str:
    """The address of a site path (« /liens/ », « simulateur/#s=… »): the public one when the
    site's address is configured, else relative to the page `here` (« liens/ »), for the
    browser to make absolute from where it is served."""
    if configured():
        return site_url() + path.lstrip("/")
    depth = here.strip("/").count("/") + 1 if here.strip("/") else 0
    return "../" * depth + path.lstrip("/") or "./"
