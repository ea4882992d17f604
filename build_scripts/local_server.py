"""The local HTTP server and chromium flags shared by the browser tests and `make bench`, so
that the benchmark measures the very set-up the tests check."""
from __future__ import annotations

import http.server
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from build_scripts import headers

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags chromium tries to reach Google's hosts at start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    # Set explicitly: mimetypes depend on the machine's /etc/mime.types.
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".whl": "application/zip",
        ".tgz": "application/gzip",
        ".zip": "application/zip",
    }

    def log_message(self, *args):  # keep pytest output readable
        pass


class HostHandler(StaticHandler):
    """Serves the site as a host reading its `_headers` file would (Netlify, Cloudflare Pages):
    the Content-Security-Policy and the caching it gives each path. `extra` headers (a class
    attribute, e.g. Cache-Control) are sent with every file. Caching headers go with successful
    responses only: an error kept for a year by the browser would break the simulator until
    its cache is cleared."""

    extra: dict[str, str] = {}
    status = 200

    def send_response(self, code, message=None):
        self.status = code
        super().send_response(code, message)

    def end_headers(self):
        path = unquote(urlsplit(self.path).path)
        rules = headers.parse((Path(self.directory) / headers.NAME).read_text(encoding="utf-8"))
        sent = dict(self.extra)
        for pattern, values in rules:
            if pattern.match(path):
                for name, value in values:
                    if value is None:
                        sent.pop(name, None)
                    else:
                        sent[name] = value
        if not (200 <= self.status < 300 or self.status == 304):
            sent = {name: value for name, value in sent.items() if name.lower() not in ("cache-control", "expires")}
        for name, value in sent.items():
            self.send_header(name, value)
        super().end_headers()


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A test that aborts a request (the blocked .wasm, a closed page) resets the connection:
        # expected, not worth a traceback in the output.
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)
