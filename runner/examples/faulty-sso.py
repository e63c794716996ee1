#!/usr/bin/env python3
"""A partner /sso with one classic go-live bug, for the worked example in runner/CI.md.

The bug: the X-Hubble-Secret is compared only when the header is present, so a request WITHOUT it is
served like an authenticated one. Run with --fixed to get the corrected behaviour.

  HUBBLE_SECRET=... python3 runner/examples/faulty-sso.py [--port 8090] [--fixed]
  curl -s http://127.0.0.1:8090/demo/mint            # {"token": "...", "userId": "test-user-123"}
  curl -s 'http://127.0.0.1:8090/demo/mint?expired'  # a token whose expiry has passed
Loopback only; tokens are random, single-use and live 120 s.
"""
import argparse, hmac, json, os, secrets, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

USER = {"userId": "test-user-123", "email": "testuser@example.com", "firstName": "Test",
        "lastName": "User", "phoneNumber": "1234567890", "cohorts": ["premium", "beta"]}
tokens, lock = {}, threading.Lock()   # token -> expiry (epoch seconds)


class Sso(BaseHTTPRequestHandler):
    fixed = False
    secret = ""

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if not self.path.startswith("/demo/mint"):
            return self.reply(404, {"error": "not found"})
        token = secrets.token_urlsafe(24)
        with lock:
            tokens[token] = time.time() + (-60 if "expired" in self.path else 120)
        self.reply(200, {"token": token, "userId": USER["userId"]})

    def do_POST(self):
        if self.path != "/sso":
            return self.reply(404, {"error": "not found"})
        given = self.headers.get("X-Hubble-Secret")
        if self.fixed:
            if given is None or not hmac.compare_digest(given.encode(), self.secret.encode()):
                return self.reply(401, {"userId": None})
        elif given is not None and not hmac.compare_digest(given.encode(), self.secret.encode()):
            return self.reply(401, {"userId": None})   # BUG: a missing header is never rejected
        try:
            length = int(self.headers.get("Content-Length", "0"))
            token = json.loads(self.rfile.read(min(length, 65536)) or b"{}").get("token")
        except (ValueError, AttributeError):
            return self.reply(400, {"userId": None})
        if not isinstance(token, str) or not token:
            return self.reply(400, {"userId": None})
        with lock:
            expiry = tokens.pop(token, None)
        if expiry is None or expiry < time.time():
            return self.reply(401, {"userId": None})
        self.reply(200, USER)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--fixed", action="store_true")
    args = parser.parse_args()
    Sso.fixed, Sso.secret = args.fixed, os.environ["HUBBLE_SECRET"]
    print(f"http://127.0.0.1:{args.port}", flush=True)
    ThreadingHTTPServer(("127.0.0.1", args.port), Sso).serve_forever()
