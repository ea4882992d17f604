"""The shipped configurations of deploy/ and the README's « Publier le site » are what the
post-build step writes from the one description (build_scripts/deploy.py, build_scripts/
headers.py), and say what the smoke test of make audit checks on the real servers
(tests/browser/test_servers.py). Quick: no server, no build."""
from __future__ import annotations

import re

import pytest

from build_scripts import deploy, headers

FILES = deploy.files()


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_shipped_file_is_the_one_written(name):
    path = deploy.FOLDER / name
    assert path.is_file(), f"deploy/{name} is missing: run make site (or python -m build_scripts.deploy)"
    assert path.read_text(encoding="utf-8") == FILES[name], f"deploy/{name} differs: run make site and commit it"


def test_the_readme_section_names_the_shipped_files():
    readme = deploy.README.read_text(encoding="utf-8")
    section = deploy.readme_section()
    assert section in readme, "README.md's « Publier le site » differs from build_scripts/deploy.py's: copy it"
    named = set(re.findall(r"`deploy/([^`]+)`", section))
    assert named == set(FILES) == {p.name for p in deploy.FOLDER.iterdir()}
    for host, path, _, check, write in deploy.HOSTS:
        assert f"| {host} | `{path}` |" in section and f"`{check}` |" in section
        # Each file names the command that checks it, in its own words.
        assert check.split(" --")[0] in write(), (path, check)


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_file_says_the_whole_description(name):
    text = FILES[name]
    for value in (headers.CSP, headers.CSP_EMBED, headers.IMMUTABLE, headers.HASHED.pattern,
                  headers.SERVICE_WORKER, headers.SERVICE_WORKER_CACHE, headers.NOT_FOUND, *headers.NOSNIFF,
                  *headers.TYPES.values(), deploy.SITE_ROOT, deploy.server_name()):
        assert value in text, (name, value)
    for coding, _ in headers.PRECOMPRESSED:
        assert coding in text, (name, coding)


def test_nginx_keeps_the_mime_table():
    # A `types` block at the level of `server` replaces the whole table of mime.types: the pages
    # and the stylesheets would go out as application/octet-stream (text/plain by nginx's own
    # default). Only a location limited to the extensions it names may hold one.
    lines = FILES["nginx.conf"].splitlines()
    blocks = [i for i, line in enumerate(lines) if line.strip().startswith("types {")]
    assert len(blocks) == 1
    assert lines[blocks[0] - 1].strip() == f'location ~ "\\.({"|".join(headers.TYPES)})$" {{'
    # An add_header inside a location would drop every add_header of the server there.
    inside = False
    for line in lines:
        inside = inside or line.strip().startswith("location ")
        assert not (inside and "add_header" in line)


def test_caching_goes_with_successful_responses_only():
    nginx, apache, caddy = FILES["nginx.conf"], FILES["apache.conf"], FILES["Caddyfile"]
    assert "add_header Cache-Control $cqp_cache_control;" in nginx  # without « always »
    assert re.search(r"^\s*Header set Cache-Control .*immutable", apache, re.M)
    assert not re.search(r"Header always set Cache-Control", apache)
    assert re.search(r"@hashed \{\n\s*path_regexp .*\n\s*file\n", caddy)  # a file that exists
