"""The local HTTP server and chromium flags shared by the browser tests and `make bench`, so
that the benchmark measures the very set-up the tests check."""
from __future__ import annotations

import http.server
import shutil
import sys

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
        ".zip": "application/zip",
    }

    def log_message(self, *args):  # keep pytest output readable
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A test that aborts a request (the blocked .wasm, a closed page) resets the connection:
        # expected, not worth a traceback in the output.
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)
