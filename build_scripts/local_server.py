"""The local HTTP server and chromium flags shared by the browser tests and `make bench`, so
that the benchmark measures the very set-up the tests check."""
from __future__ import annotations

import email.utils
import http.server
import os
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


def accepted(header: str) -> set[str]:
    """The codings an Accept-Encoding header accepts (q=0 refuses one)."""
    out = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        q = params.strip()
        if q.startswith("q=") and float(q[2:] or 0) == 0:
            continue
        out.add(name.strip().lower())
    return out


class Precompressed(StaticHandler):
    """Serves the build's precompressed siblings (build_scripts/precompress.py) as a host with
    nginx's brotli_static and gzip_static, or Caddy's `precompressed br gzip`, does: `file.br`
    when it exists and the browser accepts brotli, else `file.gz`, else the file; with
    `Content-Encoding`, the file's own `Content-Type`, and `Vary: Accept-Encoding` for every file
    that has a sibling. `sent_file` is the file whose bytes go out (for the bench's count)."""

    ENCODINGS = tuple((ext, coding) for coding, ext in headers.PRECOMPRESSED)
    sent_file = None

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return super().send_head()
        siblings = [(path + ext, coding) for ext, coding in self.ENCODINGS if os.path.isfile(path + ext)]
        if not siblings:
            self.sent_file = path
            return super().send_head()
        ok = accepted(self.headers.get("Accept-Encoding", ""))
        chosen = next(((f, coding) for f, coding in siblings if coding in ok), (path, None))
        stat = os.stat(path)
        since = self.headers.get("If-Modified-Since")
        if since and not self.headers.get("If-None-Match"):
            try:
                if int(stat.st_mtime) <= email.utils.parsedate_to_datetime(since).timestamp():
                    self.send_response(304)
                    self.send_header("Vary", "Accept-Encoding")
                    self.end_headers()
                    return None
            except (TypeError, ValueError, IndexError, OverflowError):
                pass
        f = open(chosen[0], "rb")
        self.sent_file = chosen[0]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        if chosen[1]:
            self.send_header("Content-Encoding", chosen[1])
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(os.fstat(f.fileno()).st_size))
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.end_headers()
        return f


class HostHandler(Precompressed):
    """Serves the site as a host reading its `_headers` file would (Netlify, Cloudflare Pages):
    the Content-Security-Policy and the caching it gives each path, and the precompressed files. `extra` headers (a class
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
