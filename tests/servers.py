"""Debian's nginx, Apache and Caddy started from the shipped files of deploy/ (build_scripts/
deploy.py) on a free local port, serving a built site, each in a folder of its own (its
configuration around the shipped file, its pid, its logs: nothing under /etc is written); and
the smoke test of what they send, shared by tests/browser/test_servers.py (make audit).

The shipped file is used as shipped but for the lines an administrator adapts (the address, the
port, the folder), each replaced exactly once: a shipped line that moved fails here by name."""
from __future__ import annotations

import http.client
import os
import shutil
import socket
import stat
import subprocess
import tempfile
import time
from pathlib import Path

from build_scripts import deploy, headers

SERVERS = ("nginx", "apache", "caddy")
# What a browser requires of a type (a module script, the WebAssembly's streaming compile, a
# stylesheet): the files of other kinds are only checked for their status.
JAVASCRIPT = ("text/javascript", "application/javascript")
TYPES = {".html": ("text/html",), ".css": ("text/css",), ".js": JAVASCRIPT, ".mjs": JAVASCRIPT,
         ".json": ("application/json",), ".wasm": ("application/wasm",)}
# A hashed name no build wrote (an earlier build's file, a typo): its 404 must not be kept.
MISSING_HASHED = "/simulateur/form.AAAAAAAA.mjs"


def readable_site(site: Path) -> Path:
    """The site, or a copy of it that nginx's and Apache's workers can read: they run as
    www-data (Apache refuses to serve as root), and a checkout under /root, say, is closed to
    them. The copy is left in /tmp for the session."""
    mode = lambda p: p.stat().st_mode  # noqa: E731
    if all(mode(p) & stat.S_IXOTH for p in [site, *site.parents]) and \
            all(mode(p) & stat.S_IROTH for p in site.rglob("*")):
        return site
    folder = Path(tempfile.mkdtemp(prefix="cqp-site-"))
    folder.chmod(0o755)
    copy = folder / "site"
    shutil.copytree(site, copy)
    for p in [copy, *copy.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    return copy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def replace_once(text: str, old: str, new: str, name: str) -> str:
    assert text.count(old) == 1, f"{name}: the line « {old.strip()} » is not there once"
    return text.replace(old, new)


def shipped(name: str) -> str:
    text = (deploy.FOLDER / name).read_text(encoding="utf-8")
    assert text == deploy.files()[name], f"deploy/{name} is not what the post-build step writes: run make site"
    return text


def nginx_conf(site: Path, port: int, work: Path, server_text: str | None = None) -> Path:
    text = server_text if server_text is not None else shipped("nginx.conf")
    text = replace_once(text, "    listen 80;\n", f"    listen 127.0.0.1:{port};\n", "nginx.conf")
    text = replace_once(text, "    listen [::]:80;\n", "", "nginx.conf")
    text = replace_once(text, f"    root {deploy.SITE_ROOT};\n", f"    root {site};\n", "nginx.conf")
    (work / "cqp.conf").write_text(text, encoding="utf-8")
    # Debian's nginx.conf, reduced to what serving files needs: its modules, mime.types, gzip.
    main = f"""
daemon off;
user www-data;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
include /etc/nginx/modules-enabled/*.conf;
events {{ worker_connections 256; }}
http {{
    sendfile on;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    gzip on;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/cqp.conf;
}}
"""
    conf = work / "nginx.conf"
    conf.write_text(main, encoding="utf-8")
    return conf


def apache_conf(site: Path, port: int, work: Path) -> Path:
    text = shipped("apache.conf")
    text = replace_once(text, "<VirtualHost *:80>", f"<VirtualHost 127.0.0.1:{port}>", "apache.conf")
    text = replace_once(text, f"    DocumentRoot {deploy.SITE_ROOT}\n", f"    DocumentRoot {site}\n", "apache.conf")
    text = replace_once(text, f"    <Directory {deploy.SITE_ROOT}>\n", f"    <Directory {site}>\n", "apache.conf")
    (work / "cqp.conf").write_text(text, encoding="utf-8")
    modules = "/usr/lib/apache2/modules"
    # Debian's apache2.conf, reduced: the modules Debian enables, plus the two the file asks for.
    main = f"""
ServerRoot /etc/apache2
ServerName localhost
DefaultRuntimeDir {work}
PidFile {work}/apache2.pid
ErrorLog {work}/error.log
LogLevel warn
User www-data
Group www-data
Listen 127.0.0.1:{port}
IncludeOptional mods-enabled/*.load
IncludeOptional mods-enabled/*.conf
<IfModule !mod_headers.c>
    LoadModule headers_module {modules}/mod_headers.so
</IfModule>
<IfModule !mod_rewrite.c>
    LoadModule rewrite_module {modules}/mod_rewrite.so
</IfModule>
<Directory />
    Options FollowSymLinks
    AllowOverride None
    Require all denied
</Directory>
Include {work}/cqp.conf
"""
    conf = work / "apache2.conf"
    conf.write_text(main, encoding="utf-8")
    return conf


def caddy_conf(site: Path, port: int, work: Path) -> Path:
    text = shipped("Caddyfile")
    text = replace_once(text, f"\n{deploy.server_name()} {{\n", f"\nhttp://127.0.0.1:{port} {{\n", "Caddyfile")
    text = replace_once(text, f"    root * {deploy.SITE_ROOT}\n", f"    root * {site}\n", "Caddyfile")
    # No admin endpoint (its fixed port would clash with another Caddy), nothing kept.
    conf = work / "Caddyfile"
    conf.write_text("{\n    admin off\n}\n\n" + text, encoding="utf-8")
    return conf


def commands(name: str, conf: Path, work: Path) -> tuple[list[str], list[str]]:
    """(the check, the server in the foreground) for a server's configuration."""
    if name == "nginx":
        base = ["nginx", "-c", str(conf), "-e", str(work / "error.log")]
        return base + ["-t"], base
    if name == "apache":
        base = ["apache2", "-f", str(conf)]
        return base + ["-t"], base + ["-DFOREGROUND"]
    base = ["caddy", "validate", "--config", str(conf), "--adapter", "caddyfile"]
    return base, ["caddy", "run", "--config", str(conf), "--adapter", "caddyfile"]


class Server:
    """A server started from deploy/ on a free port; `url`, and `stop()`."""

    def __init__(self, name: str, site: Path, work: Path, nginx_text: str | None = None):
        self.name = name
        work.mkdir(parents=True, exist_ok=True)
        port = free_port()
        if name == "nginx":
            conf = nginx_conf(site, port, work, nginx_text)
        elif name == "apache":
            conf = apache_conf(site, port, work)
        else:
            conf = caddy_conf(site, port, work)
        env = {**os.environ, "HOME": str(work), "XDG_DATA_HOME": str(work), "XDG_CONFIG_HOME": str(work)}
        check, run = commands(name, conf, work)
        done = subprocess.run(check, capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 0, f"{name}: {' '.join(check)}\n{done.stdout}{done.stderr}"
        self.log = open(work / "output.log", "w")
        self.process = subprocess.Popen(run, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.time() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if self.process.poll() is not None or time.time() > deadline:
                    self.stop()
                    raise AssertionError(f"{name} did not start:\n" + (work / "output.log").read_text()
                                         + _read(work / "error.log"))
                time.sleep(0.1)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def _read(path: Path) -> str:
    return path.read_text(errors="replace") if path.is_file() else ""


def installed(name: str) -> bool:
    return shutil.which({"nginx": "nginx", "apache": "apache2", "caddy": "caddy"}[name]) is not None


def get(url: str, path: str, encoding: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """One GET as it is sent, no redirect followed, no decoding; headers by lower-case name
    (repeated ones joined by « , »)."""
    parts = url.split("//", 1)[1]
    host, port = parts.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": encoding or "identity"})
        response = conn.getresponse()
        body = response.read()
        sent: dict[str, str] = {}
        for name, value in response.getheaders():
            key = name.lower()
            sent[key] = f"{sent[key]}, {value}" if key in sent else value
        return response.status, sent, body
    finally:
        conn.close()


def site_paths(site: Path) -> list[tuple[str, Path]]:
    """Every address of the built site with the file it serves: a folder's page by its folder."""
    out = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel == headers.NAME or path.suffix in {ext for _, ext in headers.PRECOMPRESSED}:
            continue
        out.append(("/" + (rel[: -len("index.html")] if path.name == "index.html" else rel), path))
    return out


def smoke(url: str, site: Path) -> list[str]:
    """What the server sends that it should not, one line per problem (empty: all is well)."""
    problems: list[str] = []
    for address, path in site_paths(site):
        status, sent, body = get(url, address)
        kind = sent.get("content-type", "").split(";")[0].strip()
        if status != 200:
            problems.append(f"{address}: status {status}")
            continue
        if path.suffix in TYPES and kind not in TYPES[path.suffix]:
            problems.append(f"{address}: Content-Type {kind or '(none)'}, expected {' or '.join(TYPES[path.suffix])}")
        if body != path.read_bytes():
            problems.append(f"{address}: the body is not the file's")
        csp = headers.CSP_EMBED if address.startswith(headers.EMBED_PREFIX) else headers.CSP
        if path.suffix == ".html" and sent.get("content-security-policy") != csp:
            problems.append(f"{address}: Content-Security-Policy {sent.get('content-security-policy')!r}")
        if sent.get(headers.NOSNIFF[0].lower()) != headers.NOSNIFF[1]:
            problems.append(f"{address}: no {headers.NOSNIFF[0]}: {headers.NOSNIFF[1]}")
        cache = sent.get("cache-control", "")
        rel = address.lstrip("/")
        if headers.is_hashed(rel) != ("immutable" in cache):
            problems.append(f"{address}: Cache-Control {cache!r} ({'a' if headers.is_hashed(rel) else 'not a'} hashed file)")
        if address == headers.SERVICE_WORKER and cache != headers.SERVICE_WORKER_CACHE:
            problems.append(f"{address}: Cache-Control {cache!r}, expected {headers.SERVICE_WORKER_CACHE}")
        problems += _precompressed(url, address, path, kind)
    for address in ("/nulle-part/", MISSING_HASHED):
        status, sent, body = get(url, address)
        if status != 404:
            problems.append(f"{address}: status {status}, expected 404")
        if "immutable" in sent.get("cache-control", ""):
            problems.append(f"{address}: a {status} sent with Cache-Control {sent['cache-control']!r}")
        if sent.get("content-security-policy") != headers.CSP:
            problems.append(f"{address}: {status} without the Content-Security-Policy")
        if b"Page introuvable" not in body:
            problems.append(f"{address}: {status} without the site's page {headers.NOT_FOUND}")
    return problems


def _precompressed(url: str, address: str, path: Path, kind: str) -> list[str]:
    problems = []
    siblings = {coding: path.with_name(path.name + ext) for coding, ext in headers.PRECOMPRESSED}
    siblings = {coding: sibling for coding, sibling in siblings.items() if sibling.is_file()}
    for coding, sibling in siblings.items():
        # A browser asks for both; brotli is sent when it exists, gzip when only gzip is asked for.
        asked = "gzip, deflate, br" if coding == "br" else "gzip"
        status, sent, body = get(url, address, asked)
        where = f"{address} (Accept-Encoding: {asked})"
        if sent.get("content-encoding") != coding or body != sibling.read_bytes():
            problems.append(f"{where}: Content-Encoding {sent.get('content-encoding')!r}, not {sibling.name}")
        if "accept-encoding" not in sent.get("vary", "").lower():
            problems.append(f"{where}: no Vary: Accept-Encoding")
        got = sent.get("content-type", "").split(";")[0].strip()
        if got != kind:
            problems.append(f"{where}: Content-Type {got or '(none)'}, where the file itself is {kind}")
        if ("immutable" in sent.get("cache-control", "")) != headers.is_hashed(address.lstrip("/")):
            problems.append(f"{where}: Cache-Control {sent.get('cache-control')!r}")
    return problems
