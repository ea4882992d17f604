"""The configurations of `deploy/` for the servers an organism's host or IT department is likely
to run: nginx, Apache 2.4 and Caddy 2, written by the post-build step (build_scripts/postbuild.py)
from the one description of how the site is served (build_scripts/headers.py, which also writes
`site/_headers` for Netlify and Cloudflare Pages), and the README's section « Publier le site »
that names them (tests/test_deploy_configs.py checks that both are the ones written here).

    python -m build_scripts.deploy     # writes deploy/ alone, without a build

The files are committed: an administrator reads them without building the site. Their comments
are in French, for whoever installs them; each names the lines to adapt (the site's address,
from `site_url`, and the folder the built site is copied to) and the one command that checks it.
The smoke test of `make audit` starts each server from these very files
(tests/browser/test_servers.py).

What a server can do and a `_headers` file cannot: send the caching headers with successful
responses only (an error kept for a year would break the simulator until the cache is cleared),
so a pattern may name the hashed files instead of a rule per file.
"""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

from build_scripts import headers
from build_scripts.site_url import site_url

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "deploy"
# Where the administrator copies site/: a placeholder every file names once, on its own line.
SITE_ROOT = "/var/www/cqp"
README = ROOT / "README.md"
README_TITLE = "## Publier le site"
GENERATED = "Fichier écrit par build_scripts/deploy.py à chaque construction du site : ne pas le modifier ici."


# Without a configured address (CQP_SITE_URL), a name nobody can mistake for a real one: the
# file is to be adapted, and a server started from it unadapted answers on this name only.
UNSET_NAME = "cqp.votre-domaine.fr"


def server_name() -> str:
    return urlsplit(site_url()).hostname or UNSET_NAME


def _hashed() -> str:
    # One pattern for the three servers: PCRE (nginx, Apache) and Go's RE2 (Caddy) read it alike.
    return headers.HASHED.pattern


def _comment(prefix: str, text: str, width: int = 100) -> list[str]:
    """Comment lines of at most `width` characters: a line that starts with a capital starts a
    paragraph, an indented one (a command to type) is kept as it is, a blank one stays."""
    paragraphs: list[list[str]] = []
    for line in text.strip("\n").splitlines():
        if not line.strip() or line.startswith("    ") or line[0].isupper() or not paragraphs:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    out = []
    for lines in paragraphs:
        if not lines[0].strip() or lines[0].startswith("    "):
            out.append(f"{prefix} {lines[0]}".rstrip())
            continue
        out += [f"{prefix} {line}" for line in textwrap.wrap(
            " ".join(lines), width - len(prefix) - 1, break_long_words=False, break_on_hyphens=False)]
    return out


def nginx() -> str:
    types = " ".join(f"{mime} {ext};" for ext, mime in headers.TYPES.items())
    extensions = "|".join(headers.TYPES)
    codings = {coding for coding, _ in headers.PRECOMPRESSED}
    lines = _comment("#", f"""
nginx — {GENERATED}

Où le mettre : /etc/nginx/sites-available/cqp, puis
    ln -s /etc/nginx/sites-available/cqp /etc/nginx/sites-enabled/cqp
Ce fichier est lu dans le bloc `http` de /etc/nginx/nginx.conf (c'est le cas de sites-enabled/),
qui doit inclure mime.types (c'est le cas par défaut).
À adapter : server_name, et root (le dossier où est copié le contenu de site/).
Vérifier : nginx -t   puis recharger : systemctl reload nginx
HTTPS : ajoutez vos lignes de certificat (certbot --nginx les écrit), rien d'autre ne change.
""") + [""]
    lines += _comment("#", """
La politique de sécurité (CSP) : la même partout, sauf les outils à intégrer (/integrer-…/),
que tout site peut afficher dans un cadre (<iframe>).
""")
    lines += ["map $uri $cqp_csp {", f'    default "{headers.CSP}";',
              f'    "~^{headers.EMBED_PREFIX}" "{headers.CSP_EMBED}";', "}", ""]
    lines += _comment("#", f"""
Mise en cache : un an pour les fichiers dont le nom contient l'empreinte de leur contenu (une
nouvelle version porte un autre nom) ; le service worker {headers.SERVICE_WORKER} toujours revalidé ; le
reste garde le comportement par défaut d'nginx, qui revalide. Une valeur vide n'envoie rien.
""")
    lines += ["map $uri $cqp_cache_control {", '    default "";',
              f'    {headers.SERVICE_WORKER} "{headers.SERVICE_WORKER_CACHE}";',
              f'    "~{_hashed()}" "{headers.IMMUTABLE}";', "}", ""]
    lines += ["server {", "    listen 80;", "    listen [::]:80;", f"    server_name {server_name()};",
              f"    root {SITE_ROOT};", "    index index.html;", ""]
    lines += _comment("    #", f"""
Les copies compressées écrites à côté de chaque fichier (fichier.br, fichier.gz) sont
envoyées telles quelles au navigateur qui les accepte, avec « Vary: Accept-Encoding ».
gzip_static fait partie de l'nginx de Debian. brotli_static demande le module
libnginx-mod-http-brotli-static (paquet Debian 12 et suivants : apt install
libnginx-mod-http-brotli-static) ; sans lui, nginx -t signale « unknown directive
"brotli_static" » : installez le paquet, ou supprimez cette ligne (gzip seul : le moteur du
simulateur pèse alors 3,6 Mo à télécharger au lieu de 2,8 Mo).
""")
    if "br" in codings:
        lines.append("    brotli_static on;")
    if "gzip" in codings:
        lines.append("    gzip_static on;")
    lines += ["    gzip_vary on;", ""]
    lines += _comment("    #", f"""
« always » : la CSP accompagne aussi les pages d'erreur. Cache-Control, sans « always »,
n'accompagne que les réponses réussies : une erreur (404 pendant une mise à jour du site)
n'est jamais gardée un an par le navigateur.
Aucun add_header dans les blocs location ci-dessous : un seul y remplacerait tous ceux-ci.
""")
    lines += ["    add_header Content-Security-Policy $cqp_csp always;",
              f"    add_header {headers.NOSNIFF[0]} {headers.NOSNIFF[1]} always;",
              "    add_header Cache-Control $cqp_cache_control;", "",
              f"    error_page 404 {headers.NOT_FOUND};", ""]
    lines += _comment("    #", f"""
Types MIME : surtout pas de bloc « types {{ … }} » au niveau de server, qui remplacerait toute
la table de mime.types (les pages partiraient en text/plain). Ici, un bloc limité aux seuls
fichiers {", ".join("." + ext for ext in headers.TYPES)} : le mime.types de Debian n'a pas d'entrée pour mjs, et
les modules du simulateur servis sans type JavaScript sont refusés par le navigateur.
""")
    lines += [f'    location ~ "\\.({extensions})$" {{', f"        types {{ {types} }}", "    }", "}", ""]
    return "\n".join(lines)


def apache() -> str:
    lines = _comment("#", f"""
Apache 2.4 — {GENERATED}

Où le mettre : /etc/apache2/sites-available/cqp.conf, puis
    a2enmod headers rewrite mime dir
    a2ensite cqp
À adapter : ServerName, et DocumentRoot et <Directory> (le dossier où est copié le contenu de
site/).
Vérifier : apachectl configtest   puis recharger : systemctl reload apache2
HTTPS : ajoutez vos lignes de certificat (certbot --apache les écrit), rien d'autre ne change.
""") + [""]
    lines += ["<VirtualHost *:80>", f"    ServerName {server_name()}", f"    DocumentRoot {SITE_ROOT}",
              f"    <Directory {SITE_ROOT}>", "        Require all granted", "        AllowOverride None",
              "        Options -Indexes", "    </Directory>", "    DirectoryIndex index.html",
              f"    ErrorDocument 404 {headers.NOT_FOUND}", ""]
    lines += _comment("    #", "Types MIME que la table du système peut ne pas avoir.")
    lines += [f"    AddType {mime} .{ext}" for ext, mime in headers.TYPES.items()] + [""]
    lines += _comment("    #", f"""
La politique de sécurité (CSP) : la même partout, sauf les outils à intégrer (/integrer-…/),
que tout site peut afficher dans un cadre (<iframe>). « always » : aussi sur les pages d'erreur.
""")
    embed = f"%{{REQUEST_URI}} =~ m#^{headers.EMBED_PREFIX}#"
    lines += [f'    Header always set Content-Security-Policy "{headers.CSP}" "expr=!({embed})"',
              f'    Header always set Content-Security-Policy "{headers.CSP_EMBED}" "expr={embed}"',
              f"    Header always set {headers.NOSNIFF[0]} {headers.NOSNIFF[1]}", ""]
    lines += _comment("    #", f"""
Mise en cache : un an pour les fichiers dont le nom contient l'empreinte de leur contenu (une
nouvelle version porte un autre nom) ; le service worker {headers.SERVICE_WORKER} toujours revalidé ; le
reste garde le comportement par défaut, qui revalide. « Header set », sans « always » : ces
en-têtes n'accompagnent que les réponses réussies, jamais une erreur (404 pendant une mise à
jour du site), que le navigateur garderait un an.
""")
    lines += [f'    Header set Cache-Control "{headers.IMMUTABLE}" "expr=%{{REQUEST_URI}} =~ m#{_hashed()}#"',
              f'    Header set Cache-Control "{headers.SERVICE_WORKER_CACHE}" "expr=%{{REQUEST_URI}} == \'{headers.SERVICE_WORKER}\'"',
              ""]
    lines += _comment("    #", """
Les copies compressées écrites à côté de chaque fichier (fichier.br, fichier.gz) sont
envoyées au navigateur qui les accepte (mod_rewrite), avec le type du fichier d'origine (mod_mime
lit toutes les extensions : « page.html.br » est du HTML codé en br). Le mime.conf de Debian lit
.br comme la langue bretonne et .gz comme un type : ces deux lectures sont retirées ici.
mod_deflate ne recompresse pas ce qui l'est déjà (no-gzip). « Vary: Accept-Encoding »
accompagne toutes les réponses, pour qu'un cache intermédiaire ne serve pas à un navigateur une
version qu'il ne lit pas.
""")
    lines += ["    RemoveLanguage " + " ".join(ext for _, ext in headers.PRECOMPRESSED),
              "    RemoveType " + " ".join(ext for _, ext in headers.PRECOMPRESSED)]
    lines += [f"    AddEncoding {coding} {ext}" for coding, ext in headers.PRECOMPRESSED]
    lines += ["    Header always merge Vary Accept-Encoding", "    RewriteEngine On"]
    for coding, ext in headers.PRECOMPRESSED:
        accept = f'"%{{HTTP:Accept-Encoding}}" "\\b{coding}\\b"'
        lines += [f"    RewriteCond {accept}",
                  f'    RewriteCond "%{{DOCUMENT_ROOT}}%{{REQUEST_URI}}{ext}" -f',
                  f'    RewriteRule "^(.*[^/])$" "$1{ext}" [E=no-gzip:1,L]',
                  f"    RewriteCond {accept}",
                  f'    RewriteCond "%{{DOCUMENT_ROOT}}%{{REQUEST_URI}}index.html{ext}" -f',
                  f'    RewriteRule "^(.*/)$" "$1index.html{ext}" [E=no-gzip:1,L]']
    lines += ["</VirtualHost>", ""]
    return "\n".join(lines)


def caddy() -> str:
    codings = " ".join(coding for coding, _ in headers.PRECOMPRESSED)
    lines = _comment("#", f"""
Caddy 2 — {GENERATED}

Où le mettre : /etc/caddy/Caddyfile (ou un fichier importé par lui).
À adapter : l'adresse du site (première ligne du bloc : Caddy obtient et renouvelle seul le
certificat HTTPS), et root (le dossier où est copié le contenu de site/).
Vérifier : caddy validate --config /etc/caddy/Caddyfile   puis recharger : systemctl reload caddy
""") + [""]
    lines += [f"{server_name()} {{", f"    root * {SITE_ROOT}", ""]
    lines += _comment("    #", f"""
Les copies compressées écrites à côté de chaque fichier (fichier.br, fichier.gz) sont
envoyées au navigateur qui les accepte, avec « Vary: Accept-Encoding ».
""")
    lines += ["    file_server {", f"        precompressed {codings}", "    }", ""]
    lines += _comment("    #", f"""
La politique de sécurité (CSP) : la même partout, sauf les outils à intégrer (/integrer-…/),
que tout site peut afficher dans un cadre (<iframe>).
""")
    lines += ["    @embeds path " + headers.EMBEDS, "    @not_embeds not path " + headers.EMBEDS,
              f'    header @not_embeds Content-Security-Policy "{headers.CSP}"',
              f'    header @embeds Content-Security-Policy "{headers.CSP_EMBED}"',
              f"    header {headers.NOSNIFF[0]} {headers.NOSNIFF[1]}", ""]
    lines += _comment("    #", f"""
Mise en cache : un an pour les fichiers dont le nom contient l'empreinte de leur contenu (une
nouvelle version porte un autre nom) ; le service worker {headers.SERVICE_WORKER} toujours revalidé ; le
reste garde le comportement par défaut, qui revalide. « file » : seulement pour un fichier qui
existe, jamais pour une erreur (404 pendant une mise à jour du site), que le navigateur
garderait un an.
""")
    lines += ["    @hashed {", f"        path_regexp {_hashed()}", "        file", "    }",
              f'    header @hashed Cache-Control "{headers.IMMUTABLE}"',
              f"    @service_worker path {headers.SERVICE_WORKER}",
              f"    header @service_worker Cache-Control {headers.SERVICE_WORKER_CACHE}", ""]
    lines += _comment("    #", "Types MIME que la table du système peut ne pas avoir (seulement pour un fichier qui existe).")
    for ext, mime in headers.TYPES.items():
        lines += [f"    @type_{ext} {{", f"        path *.{ext}", "        file", "    }",
                  f"    header @type_{ext} Content-Type {mime}"]
    lines += [""]
    lines += _comment("    #", "La page du site pour une adresse qu'il n'a pas.")
    lines += ["    handle_errors {", "        @not_found expression {http.error.status_code} == 404",
              f"        rewrite @not_found {headers.NOT_FOUND}", "        file_server", "    }", "}", ""]
    return "\n".join(lines)


# (host, file, where it goes, the command that checks it); the README's section lists them.
HOSTS = (
    ("nginx", "deploy/nginx.conf", "`/etc/nginx/sites-available/`, linked in `sites-enabled/`", "nginx -t", nginx),
    ("Apache 2.4", "deploy/apache.conf", "`/etc/apache2/sites-available/`, then `a2enmod headers rewrite` and `a2ensite`",
     "apachectl configtest", apache),
    ("Caddy 2", "deploy/Caddyfile", "`/etc/caddy/Caddyfile`", "caddy validate --config /etc/caddy/Caddyfile", caddy),
)


def files() -> dict[str, str]:
    """deploy/'s files by name, as written."""
    return {Path(path).name: write() for _, path, _, _, write in HOSTS}


def readme_section() -> str:
    """The README's section « Publier le site », up to the next section."""
    rows = [f"| {host} | `{path}` | {where} | `{check}` |" for host, path, where, check, _ in HOSTS]
    rows.append(f"| Netlify, Cloudflare Pages | `site/{headers.NAME}` (written by each build) | published with "
                "`site/` | the host's deploy log |")

    def para(text: str) -> str:  # wrapped as the README's prose is
        return textwrap.fill(text, width=96, break_long_words=False, break_on_hyphens=False)

    return "\n".join([
        README_TITLE, "",
        para("`site/` is static: copy its content to the server and use the file for your host, written by the "
        "post-build step (`build_scripts/deploy.py`, from the one description in `build_scripts/headers.py`) "
        "and committed. Each file says in French where it goes and which lines to adapt: the site's "
        f"address (`{server_name()}`, from `site_url`: set `CQP_SITE_URL` before `make site`) and the "
        f"folder `site/` is copied to (`{SITE_ROOT}`)."), "",
        "| host | file | where | check |", "|---|---|---|---|", *rows, "",
        para("Every one sends the Content-Security-Policy (the embeds `/integrer-…/` may be framed by any "
        "site), `Cache-Control: immutable` for a year on the hashed files with successful responses only "
        f"(`_headers` cannot say so: it names each hashed file instead), `{headers.SERVICE_WORKER}` always "
        "revalidated, the MIME types "
        + ", ".join(f"`{ext}` (`{mime}`)" for ext, mime in headers.TYPES.items())
        + ", the precompressed siblings (`file.br`, `file.gz`; Netlify and Cloudflare compress by "
        "themselves) and `404.html` for an address the site does not have. nginx's `brotli_static` "
        "needs Debian's `libnginx-mod-http-brotli-static` (Debian 12 and later); without it, delete "
        "that line (gzip only). `make audit` starts Debian's nginx, Apache and Caddy from these very "
        "files and runs the same smoke test against each (`tests/browser/test_servers.py`); "
        "`tests/test_deploy_configs.py` checks that this section and the files are the ones "
        "`build_scripts/deploy.py` writes."), ""])


def write(folder: Path = FOLDER) -> list[str]:
    """Writes deploy/'s files that changed; returns their names."""
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in files().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(f"deploy/{name}")
    return written


if __name__ == "__main__":
    print(", ".join(write()) or "deploy/ à jour")
    sys.exit(0)
