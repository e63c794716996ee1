#!/usr/bin/env python3
"""Stand-in partners for bench/runner/run.sh (loopback only, standard library only).

  partner.py slow PORT_FILE SECRET DELAY   an /sso whose identity backend takes DELAY seconds per lookup: every call
                                          with the right secret and a valid token waits DELAY seconds before its
                                          answer; rejections are immediate. POST /mint (or /mint?expired=1) hands out
                                          a token, as a partner's token endpoint would, for --token-command.
  partner.py silent PORT_FILE             accepts connections and never answers.

Writes the port it listens on to PORT_FILE and serves until killed.
"""
import json
import secrets
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

USER = {"userId": "bench-user-1", "email": "bench@example.com", "firstName": "Bench", "lastName": "User",
        "phoneNumber": "+15550100"}
MAX_BODY = 16 * 1024


def slow(port_file, secret, delay):
    tokens = {}  # token -> expires at (epoch seconds)
    used = set()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            self.answer(405, {"error": "method_not_allowed", "userId": None})

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self.close_connection = True
                self.answer(413, {"error": "body_too_large", "userId": None})
                return
            raw = self.rfile.read(length) if length else b""
            if self.path.startswith("/mint"):
                token = "bt_" + secrets.token_urlsafe(24)
                with lock:
                    tokens[token] = time.time() + (-60 if "expired=1" in self.path else 300)
                self.answer(200, {"token": token, "userId": USER["userId"]})
                return
            if self.path.split("?")[0] != "/sso":
                self.answer(404, {"error": "not_found", "userId": None})
                return
            given = self.headers.get("X-Hubble-Secret")
            if given is None or not secrets.compare_digest(given.encode(), secret.encode()):
                self.answer(401, {"error": "unauthorized", "userId": None})
                return
            try:
                body = json.loads(raw)
            except ValueError:
                self.answer(400, {"error": "malformed_json", "userId": None})
                return
            token = body.get("token") if isinstance(body, dict) else None
            if not isinstance(token, str) or not token:
                self.answer(400, {"error": "token_required", "userId": None})
                return
            with lock:
                valid = token in tokens and tokens[token] > time.time() and token not in used
                if valid:
                    used.add(token)
            if not valid:
                self.answer(401, {"error": "invalid_token", "userId": None})
                return
            time.sleep(delay)  # the identity backend
            self.answer(200, USER)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(port_file, "w") as f:
        f.write(str(server.server_address[1]))
    server.serve_forever()


def silent(port_file):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1024)
    with open(port_file, "w") as f:
        f.write(str(listener.getsockname()[1]))
    held = []
    while True:
        connection, _ = listener.accept()
        held.append(connection)  # never read, never answered, never closed


if __name__ == "__main__":
    if sys.argv[1] == "slow":
        slow(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    else:
        silent(sys.argv[2])
