#!/usr/bin/env bash
# The tail, run after run: one wrk run per server and round, interleaved (bare Helidon, build A, build B), so that
# both builds meet the same moments of a shared machine. Prints one line per run (req/s, p50, p99, max).
# Usage: bench/sso/series.sh ROOT_A ROOT_B [seconds=8] [rounds=12] [valid|reject]
#   ROOT_A, ROOT_B: two checkouts of the kit (e.g. `git worktree add --detach /tmp/old <commit>`); each is built by
#   its launcher when stale. The valid path mints a fresh token file before each run; the stores hold 10,000,000 ids
#   so that no run meets a full store (a full store answers 503, which is not what this measures).
# Needs wrk (run.sh installs it).
set -uo pipefail
a="$(cd "$1" && pwd)"; b="$(cd "$2" && pwd)"; d="${3:-8}"; rounds="${4:-12}"; kind="${5:-valid}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
w="$(mktemp -d)"
export HUBBLE_SECRET=bench-secret-0123456789 APP_SSO_TOKEN_LIFETIME=3600 APP_SSO_REPLAY_CAPACITY=10000000
. "$here/java.sh"
"$a/hubble-kit" --version >/dev/null && "$b/hubble-kit" --version >/dev/null || exit 1
"$a/hubble-kit" serve --port 0 >"$w/A.url" 2>"$w/A.log" & pa=$!
"$b/hubble-kit" serve --port 0 >"$w/B.url" 2>"$w/B.log" & pb=$!
"$java_bin" -cp "$b/runner/target/dist/lib/*" "$here/BareServer.java" >"$w/bare.url" 2>"$w/bare.log" & pc=$!
trap 'kill $pa $pb $pc 2>/dev/null; wait; rm -rf "$w"' EXIT
for _ in $(seq 1 600); do
  grep -q '^http' "$w/A.url" && grep -q '^http' "$w/B.url" && grep -q '^http' "$w/bare.url" && break; sleep 0.2
done
cat >"$w/random.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Hubble-Secret"] = "$HUBBLE_SECRET"
wrk.body = '{"token": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}'
LUA
url() {
  case "$1" in
    bare) echo "$(grep -o '^http://[^ ]*' "$w/bare.url" | head -1)/$([ "$kind" = reject ] && echo reject || echo profile)" ;;
    *) echo "$(grep -o '^http://[^ ]*' "$w/$1.url" | head -1)/sso" ;;
  esac
}
run() { # server round
  local args=(-s "$w/random.lua")
  if [ "$kind" = valid ]; then "$b/hubble-kit" mint --count $((95000 * d)) >"$w/t.jsonl"; args=(-s "$here/tokens.lua"); fi
  TOKENS="$w/t.jsonl" wrk -t1 -c64 -d"${d}s" --latency "${args[@]}" "$(url "$1")" >"$w/out"
  echo "$1 $2 req/s=$(awk '/Requests\/sec/ {print $2}' "$w/out") p50=$(awk '$1=="50%" {print $2}' "$w/out")" \
    "p99=$(awk '$1=="99%" {print $2}' "$w/out") max=$(awk '/Latency  / {print $4; exit}' "$w/out")" \
    "load=$(cut -d' ' -f1 /proc/loadavg) $(grep -E 'Non-2xx|exhausted [1-9]' "$w/out" | tr '\n' ' ')"
}
for s in bare A B; do run "$s" warm >/dev/null; done
for r in $(seq 1 "$rounds"); do for s in bare A B; do run "$s" "$r"; done; done
