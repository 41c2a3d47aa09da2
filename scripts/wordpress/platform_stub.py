#!/usr/bin/env python3
"""A stand-in for the IGNY8 platform, used by smoke.sh.

    platform_stub.py PORT API_KEY RECORD_FILE

Listens on 127.0.0.1:PORT. Every request is appended to RECORD_FILE as one JSON line:
{"method", "path", "key_ok", "bearer_ok", "body"} (body: the decoded JSON, else null). The key
itself is never written.

  GET  /health                          200 {"ok": true} (not recorded)
  GET  /images/missing...               404
  GET  /images/<name>                   a small PNG; 401 unless X-IGNY8-API-KEY is the key
  GET  /public/<name>                   a small PNG, no key needed
  POST /api/v1/integration/integrations/test-connection/
                                        200 {"success": true} with Authorization: Bearer <key>,
                                        else 401
  POST /api/v1/...                      200 {"success": true, "path": ...} with the key, else 401
"""

import hashlib
import hmac
import json
import struct
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
KEY = sys.argv[2]
RECORD = sys.argv[3]
LOCK = threading.Lock()


def png(seed: str, size: int = 48) -> bytes:
    """A solid-colour PNG whose colour depends on seed (so different URLs give different files)."""
    r, g, b = hashlib.sha256(seed.encode()).digest()[:3]
    row = b"\x00" + bytes((r, g, b)) * size
    raw = row * size

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet
        pass

    def _key_ok(self) -> bool:
        return hmac.compare_digest(self.headers.get("X-IGNY8-API-KEY", ""), KEY)

    def _bearer_ok(self) -> bool:
        return hmac.compare_digest(self.headers.get("Authorization", ""), "Bearer " + KEY)

    def _record(self, body):
        entry = {
            "method": self.command,
            "path": self.path,
            "key_ok": self._key_ok(),
            "bearer_ok": self._bearer_ok(),
            "body": body,
        }
        with LOCK, open(RECORD, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")

    def _send(self, code: int, data: bytes, ctype: str):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _json(self, code: int, obj):
        self._send(code, json.dumps(obj).encode(), "application/json")

    def do_GET(self):
        if self.path == "/health":
            return self._json(200, {"ok": True})
        self._record(None)
        if self.path.startswith("/images/missing"):
            return self._json(404, {"detail": "not found"})
        if self.path.startswith("/images/"):
            if not self._key_ok():
                return self._json(401, {"detail": "missing or wrong X-IGNY8-API-KEY"})
            return self._send(200, png(self.path), "image/png")
        if self.path.startswith("/public/"):
            return self._send(200, png(self.path), "image/png")
        return self._json(404, {"detail": "not found"})

    do_HEAD = do_GET

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        self._record(body)
        if self.path == "/api/v1/integration/integrations/test-connection/":
            if not self._bearer_ok():
                return self._json(401, {"success": False, "error": "bad bearer"})
            return self._json(200, {"success": True, "message": "connected"})
        if self.path.startswith("/api/v1/"):
            if not self._key_ok():
                return self._json(401, {"success": False, "error": "bad key"})
            return self._json(200, {"success": True, "path": self.path})
        return self._json(404, {"detail": "not found"})


if __name__ == "__main__":
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
