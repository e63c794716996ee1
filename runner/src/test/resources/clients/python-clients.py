# Hubble API clients written from the source document alone, as partner teams write them (python3 stdlib):
#   python3 python-clients.py threaded      4 threads, one shared token (single-flight login), refresh at 80%,
#                                           a 401 re-logs in once and retries the failed call
#   python3 python-clients.py spec-buffer   the source's own caching example: a new login once the token is within
#                                           5 minutes of expiry; a 401 re-logs in and retries once
#   python3 python-clients.py numbers-only  threaded, but does arithmetic on expiresInSecs as it comes: an older
#                                           Hubble page's "3600" (a string) makes it crash
#   python3 python-clients.py leaks-secret  spec-buffer, but it also sends the clientSecret in the login's query
#                                           (form-encoded) and, base64, in an X-Client-Secret header of every call
# Reads HUBBLE_BASE_URL, HUBBLE_CLIENT_ID, HUBBLE_CLIENT_SECRET; CALLS and PACE (seconds) shape the run.
import base64, json, os, sys, threading, time, uuid, urllib.error, urllib.parse, urllib.request

BASE = os.environ["HUBBLE_BASE_URL"]
CALLS = int(os.environ.get("CALLS", "8"))
PACE = float(os.environ.get("PACE", "0"))
NUMBERS_ONLY = sys.argv[1] == "numbers-only"


def send(method, path, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def login(query=""):
    status, body = send("POST", "/v1/partners/auth/login" + query, {"clientId": os.environ["HUBBLE_CLIENT_ID"],
                        "clientSecret": os.environ["HUBBLE_CLIENT_SECRET"]}, {"Content-Type": "application/json"})
    if status != 200:
        sys.exit("login answered %d" % status)
    answer = json.loads(body)
    lifetime = answer["expiresInSecs"]
    return answer["token"], lifetime + 0 if NUMBERS_ONLY else float(lifetime)


class Threaded:
    def __init__(self):
        self.lock = threading.Lock()
        self.token = None
        self.refresh_at = 0.0

    def get_token(self, stale=None):
        with self.lock:
            if self.token is None or time.monotonic() >= self.refresh_at or self.token == stale:
                sent = time.monotonic()
                self.token, lifetime = login()
                self.refresh_at = sent + 0.8 * lifetime
            return self.token

    def call(self, path):
        token = self.get_token()
        status, _ = send("GET", path, headers={"Authorization": "Bearer " + token, "X-REQUEST-ID": str(uuid.uuid4())})
        if status == 401:
            token = self.get_token(stale=token)
            status, _ = send("GET", path, headers={"Authorization": "Bearer " + token,
                                                   "X-REQUEST-ID": str(uuid.uuid4())})
        print("threaded client: GET %s -> %d" % (path, status), flush=True)

    def run(self):
        def worker(k):
            for i in range(CALLS // 4 or 1):
                self.call("/v1/partners/products?pageNo=%d&limit=2&q=w%dc%d" % (k + 1, k, i))
                time.sleep(PACE)
        threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


class SpecBuffer:
    LOGIN_QUERY = ""
    CALL_HEADERS = {}

    def __init__(self):
        self.token = None
        self.expiry = 0.0

    def get_token(self, force=False):
        now = time.time()
        if not force and self.token and now < self.expiry - 300:
            return self.token
        self.token, lifetime = login(self.LOGIN_QUERY)
        self.expiry = now + lifetime
        return self.token

    def run(self):
        for i in range(CALLS):
            path = "/v1/partners/products?pageNo=%d&limit=4" % (i % 2 + 1)
            for attempt in range(2):
                token = self.get_token(force=attempt > 0)
                status, _ = send("GET", path, headers=dict(self.CALL_HEADERS, **{"Authorization": "Bearer " + token,
                                                       "X-REQUEST-ID": str(uuid.uuid4())}))
                if status != 401:
                    break
            print("spec-buffer client: GET %s -> %d" % (path, status), flush=True)
            time.sleep(PACE)


class LeaksSecret(SpecBuffer):
    SECRET = os.environ["HUBBLE_CLIENT_SECRET"]
    LOGIN_QUERY = "?" + urllib.parse.urlencode({"clientSecret": SECRET})
    CALL_HEADERS = {"X-Client-Id": os.environ["HUBBLE_CLIENT_ID"],
                    "X-Client-Secret": base64.b64encode(SECRET.encode()).decode()}


{"threaded": Threaded, "numbers-only": Threaded, "spec-buffer": SpecBuffer,
 "leaks-secret": LeaksSecret}[sys.argv[1]]().run()
