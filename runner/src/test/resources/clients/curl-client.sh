#!/bin/sh
# A Hubble API client in plain sh + curl, following the setup checklist: caches the token and refreshes it at
# 80% of expiresInSecs, sends Authorization: Bearer and a fresh UUID X-Request-Id on every call, and on a 401
# logs in again once and retries once. Reads HUBBLE_BASE_URL, HUBBLE_CLIENT_ID, HUBBLE_CLIENT_SECRET.
set -eu

uuid() {
  if [ -r /proc/sys/kernel/random/uuid ]; then cat /proc/sys/kernel/random/uuid; else uuidgen | tr 'A-Z' 'a-z'; fi
}

login() {
  sent=$(date +%s)
  body=$(printf '{"clientId":"%s","clientSecret":"%s"}' "$HUBBLE_CLIENT_ID" "$HUBBLE_CLIENT_SECRET")
  reply=$(curl -sS -X POST "$HUBBLE_BASE_URL/v1/partners/auth/login" \
    -H 'Content-Type: application/json' -H "X-Request-Id: $(uuid)" --data "$body")
  TOKEN=$(printf '%s' "$reply" | sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p')
  lifetime=$(printf '%s' "$reply" | sed -n 's/.*"expiresInSecs" *: *"\{0,1\}\([0-9]*\).*/\1/p')
  [ -n "$TOKEN" ] || { echo "curl client: login failed" >&2; exit 1; }
  REFRESH_AT=$((sent + lifetime * 8 / 10))
  echo "curl client: logged in, token valid for $lifetime s"
}

# GET path-and-query: prints the status; the body lands in $BODY_FILE.
get() {
  [ "$(date +%s)" -lt "$REFRESH_AT" ] || login
  id=$(uuid)
  status=$(curl -sS -o "$BODY_FILE" -w '%{http_code}' "$HUBBLE_BASE_URL$1" \
    -H "Authorization: Bearer $TOKEN" -H "X-Request-Id: $id")
  if [ "$status" = 401 ]; then
    echo "curl client: 401 on $1 [X-Request-Id $id], logging in again and retrying once"
    login
    id=$(uuid)
    status=$(curl -sS -o "$BODY_FILE" -w '%{http_code}' "$HUBBLE_BASE_URL$1" \
      -H "Authorization: Bearer $TOKEN" -H "X-Request-Id: $id")
  fi
  echo "curl client: GET $1 -> $status [X-Request-Id $id]"
}

BODY_FILE=$(mktemp)
trap 'rm -f "$BODY_FILE"' EXIT
REFRESH_AT=0
login
for call in '/v1/partners/products?pageNo=1&limit=4' '/v1/partners/products?pageNo=2&limit=4' \
            '/v1/partners/products?pageNo=3&limit=4' '/v1/partners/products?category=Food' \
            '/v1/partners/products?category=Travel' '/v1/partners/products?q=an' '/v1/partners/products?limit=1'; do
  get "$call"
done
