#!/usr/bin/env bash
# Load-tests the reference /sso against baselines measured in the SAME run, on the same machine:
#   bare      a bare Helidon 4.5 handler (bench/sso/BareServer.java) that reads the body and answers the reference's
#             bytes: 401 {"userId":null}, or 200 with the demo profile
#   nginx     the same bytes from nginx: the machine's ceiling for an HTTP answer
#   serve     `hubble-kit serve` (demo config), in-memory replay store, and a second one on Redis (--redis-uri)
# Paths: the rejection path (right secret, random well-formed token: parse + HMAC check, 401) and the valid path
# (a fresh token per request from `hubble-kit mint --count N`, via tokens.lua: 200 with the profile).
# Writes bench/sso/RESULTS.md. Usage: bench/sso/run.sh [duration-seconds=10] [connections=64]
# Needs wrk, nginx and redis-server (installed with apt-get when missing and running as root).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${1:-10}"
connections="${2:-64}"
threads=1
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

need() { # $1 command, $2 package
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "bench: installing $2" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; fi
}
need wrk wrk
need nginx nginx
need redis-server redis-server
nginx_bin="$(command -v nginx)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

await_url() { # $1 file the server prints its URL to, $2 pid, $3 log
  for _ in $(seq 1 900); do
    [ -s "$1" ] && { head -n1 "$1"; return 0; }
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; echo "bench: a server did not start" >&2; exit 1; }
    sleep 0.2
  done
  echo "bench: a server printed no URL within 180 s" >&2; exit 1
}

# The kit (built by the launcher when stale) and a JDK 21+ for the bare server, the same one the launcher finds.
"$root/hubble-kit" --version >/dev/null
lib="$(cd "$root/runner/target/dist" && pwd -P)/lib"
. "$here/java.sh"

export HUBBLE_SECRET="bench-secret-0123456789"
# Tokens are minted before the runs and used during them: they must outlive the whole run, and the in-memory
# store must hold every one of them (it fails closed with 503 when full).
export APP_SSO_TOKEN_LIFETIME=1800
export APP_SSO_REPLAY_CAPACITY=4000000

# Redis, its own port and directory, no persistence (a benchmark).
redis_port="$(free_port)"
mkdir -p "$work/redis"
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work/redis" --save "" --appendonly no \
  --daemonize no --logfile "$work/redis/redis.log" &
pids+=($!)

# Each server logs its collector pauses (their sum and longest go into RESULTS.md beside the p99).
HUBBLE_KIT_JAVA_OPTS="-Xlog:gc:file=$work/memory.gc" \
  "$root/hubble-kit" serve --port 0 >"$work/memory.url" 2>"$work/memory.log" &
pids+=($!); memory_pid=$!
HUBBLE_KIT_JAVA_OPTS="-Xlog:gc:file=$work/redis.gc" \
  "$root/hubble-kit" serve --port 0 --redis-uri "redis://127.0.0.1:$redis_port" >"$work/redis.url" 2>"$work/redis.log" &
pids+=($!); redis_pid=$!
"$java_bin" -Xlog:gc:file="$work/bare.gc" -cp "$lib/*" "$here/BareServer.java" >"$work/bare.url" 2>"$work/bare.log" &
pids+=($!); bare_pid=$!

nginx_port="$(free_port)"
profile='{"userId":"test-user-123","email":"testuser@example.com","firstName":"Test","lastName":"User","phoneNumber":"1234567890","cohorts":["premium","beta"]}'
mkdir -p "$work/nginx/logs"
cat >"$work/nginx/nginx.conf" <<NGINX
daemon off;
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    location = /reject  { add_header Cache-Control no-store always; add_header X-REQUEST-ID 00000000-0000-4000-8000-000000000000 always; return 401 '{"userId":null}'; }
    location = /profile { add_header Cache-Control no-store always; add_header Pragma no-cache always; add_header X-REQUEST-ID 00000000-0000-4000-8000-000000000000 always; return 200 '$profile'; }
  }
}
NGINX
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" &
pids+=($!)

memory_url="$(await_url "$work/memory.url" "$memory_pid" "$work/memory.log")"
redis_url="$(await_url "$work/redis.url" "$redis_pid" "$work/redis.log")"
bare_url="$(await_url "$work/bare.url" "$bare_pid" "$work/bare.log")"
nginx_url="http://127.0.0.1:$nginx_port"
echo "bench: serve (memory) $memory_url, serve (redis) $redis_url, bare $bare_url, nginx $nginx_url" >&2

# One token file per valid-path run (warm-up and measured): each token is used once. Sized for 50k req/s
# ("tokens short" in the table says if a run ran out: it then re-sends used tokens, and the figure is void).
per_run=$((80000 * duration))
mint_started="$(date +%s.%N)"
for name in warm-memory warm-redis memory redis memory-again redis-again; do
  "$root/hubble-kit" mint --count "$per_run" >"$work/$name.jsonl"
done
mint_seconds="$(awk -v a="$mint_started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')"
echo "bench: minted 6 x $per_run tokens in ${mint_seconds}s" >&2

random_token="hk1.$(head -c 96 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=').$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')"
cat >"$work/random.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Hubble-Secret"] = "$HUBBLE_SECRET"
wrk.body = '{"token": "$random_token"}'
LUA

# Sanity: each endpoint answers what it should before it is measured.
check() { # $1 expected status, $2.. curl args
  local expected="$1"; shift
  local got; got="$(curl -s -o /dev/null -w '%{http_code}' "$@")"
  [ "$got" = "$expected" ] || { echo "bench: expected $expected, got $got for $*" >&2; exit 1; }
}
post=(-X POST -H 'Content-Type: application/json' -H "X-Hubble-Secret: $HUBBLE_SECRET")
one_token() { sed -n "${2}p" "$work/$1.jsonl" | sed 's/.*"token": *"\([^"]*\)".*/{"token": "\1"}/'; }
check 401 "${post[@]}" --data "{\"token\": \"$random_token\"}" "$memory_url/sso"
check 401 "${post[@]}" --data "{\"token\": \"$random_token\"}" "$bare_url/reject"
check 401 "${post[@]}" --data "{\"token\": \"$random_token\"}" "$nginx_url/reject"
check 200 "${post[@]}" --data "$(one_token warm-memory 1)" "$memory_url/sso"
check 401 "${post[@]}" --data "$(one_token warm-memory 1)" "$memory_url/sso"
check 200 "${post[@]}" --data "$(one_token warm-redis 1)" "$redis_url/sso"
check 401 "${post[@]}" --data "$(one_token warm-redis 1)" "$redis_url/sso"
check 200 "${post[@]}" --data "$(one_token memory 1)" "$bare_url/profile"
check 200 "${post[@]}" --data "$(one_token memory 1)" "$nginx_url/profile"

export WRK_THREADS="$threads"
run() { # $1 name, $2 token file or -, $3.. wrk args; prints "name rps p50 p99 non2xx exhausted"
  local name="$1" tokens="$2"; shift 2
  TOKENS="$work/$tokens.jsonl" wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$@" >"$work/$name.out"
  local rps p50 p99 non2xx exhausted
  rps="$(awk '/^Requests\/sec/ {print $2}' "$work/$name.out")"
  p50="$(awk '$1 == "50%" {print $2}' "$work/$name.out")"
  p99="$(awk '$1 == "99%" {print $2}' "$work/$name.out")"
  non2xx="$(awk '/Non-2xx or 3xx responses/ {print $5}' "$work/$name.out")"
  exhausted="$(awk '/^tokens-exhausted/ {print $2}' "$work/$name.out")"
  echo "$name $rps $p50 $p99 ${non2xx:-0} ${exhausted:--}"
}

echo "bench: warm-up (${duration}s per server and path, not recorded)" >&2
run warm1 - -s "$work/random.lua" "$bare_url/reject" >/dev/null
run warm2 - -s "$work/random.lua" "$memory_url/sso" >/dev/null
run warm3 memory -s "$here/tokens.lua" "$bare_url/profile" >/dev/null
run warm4 warm-memory -s "$here/tokens.lua" "$memory_url/sso" >/dev/null
run warm5 warm-redis -s "$here/tokens.lua" "$redis_url/sso" >/dev/null
run warm6 - -s "$work/random.lua" "$nginx_url/reject" >/dev/null

echo "bench: measuring" >&2
results=()
# Two rounds, each server and path once per round, baselines next to what they are compared with: the load of a
# shared machine moves between runs, and the means over both rounds smooth some of that.
for round in 1 2; do
  suffix=""; tokens_memory=memory; tokens_redis=redis
  [ "$round" = 2 ] && { suffix="-again"; tokens_memory=memory-again; tokens_redis=redis-again; }
  if [ "$round" = 1 ]; then log_before="$(stat -c %s "$work/memory.log")"; fi
  results+=("$(run "bare-reject$suffix" - -s "$work/random.lua" "$bare_url/reject")")
  results+=("$(run "serve-reject$suffix" - -s "$work/random.lua" "$memory_url/sso")")
  if [ "$round" = 1 ]; then log_after="$(stat -c %s "$work/memory.log")"; fi
  results+=("$(run "bare-profile$suffix" "$tokens_memory" -s "$here/tokens.lua" "$bare_url/profile")")
  results+=("$(run "serve-valid-memory$suffix" "$tokens_memory" -s "$here/tokens.lua" "$memory_url/sso")")
  results+=("$(run "serve-valid-redis$suffix" "$tokens_redis" -s "$here/tokens.lua" "$redis_url/sso")")
done
results+=("$(run nginx-reject - -s "$work/random.lua" "$nginx_url/reject")")
results+=("$(run nginx-profile memory -s "$here/tokens.lua" "$nginx_url/profile")")

gc_pauses() { # $1 a -Xlog:gc file: how many pauses, their mean and the longest
  awk '/Pause/ { t = $NF; sub("ms", "", t); n++; sum += t; if (t + 0 > max) max = t + 0 }
       END { if (n) printf "%d pauses, mean %.1f ms, longest %.1f ms", n, sum / n, max; else print "no pause logged" }' "$1"
}
field() { # $1 name, $2 field number
  printf '%s\n' "${results[@]}" | awk -v n="$1" -v f="$2" '$1 == n {print $f}'
}
mean() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", (a + b) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
drift() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%+.0f", (b - a) / ((a + b) / 2) * 100}'; }
bare_reject="$(mean "$(field bare-reject 2)" "$(field bare-reject-again 2)")"
bare_profile="$(mean "$(field bare-profile 2)" "$(field bare-profile-again 2)")"
serve_reject="$(mean "$(field serve-reject 2)" "$(field serve-reject-again 2)")"
serve_memory="$(mean "$(field serve-valid-memory 2)" "$(field serve-valid-memory-again 2)")"
serve_redis="$(mean "$(field serve-valid-redis 2)" "$(field serve-valid-redis-again 2)")"
log_rate="$(awk -v a="$log_before" -v b="$log_after" -v d="$duration" 'BEGIN {printf "%.1f", (b - a) / d * 60 / 1048576}')"

{
  echo "# /sso load test: ratios to a bare Helidon handler measured in the same run"
  echo
  echo "Generated by \`bench/sso/run.sh $duration $connections\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs ($(uname -m)),"
  echo "$(wrk --version 2>&1 | head -n1 | cut -d' ' -f1-2) (1 thread, $connections connections, ${duration}s per run after a ${duration}s warm-up of each server and path),"
  echo "$("$java_bin" -version 2>&1 | head -n1), $("$nginx_bin" -v 2>&1 | cut -d' ' -f3), $(redis-server --version | cut -d' ' -f1-3)."
  echo "**The machine is shared with other builds and wrk runs on it too**: absolute figures move with its load; the"
  echo "ratios, measured minutes apart in one run, are the figures to compare. Bare baselines are the mean of their runs in the two"
  echo "rounds; their drift between rounds shows how much the load moved: bare-reject $(drift "$(field bare-reject 2)" "$(field bare-reject-again 2)") %, bare-profile $(drift "$(field bare-profile 2)" "$(field bare-profile-again 2)") %."
  echo
  echo "| run | what answers | req/s | ratio | p50 | p99 | non-2xx | tokens short |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  for line in "${results[@]}"; do
    set -- $line
    case "$1" in
      bare-reject|bare-reject-again) what="bare Helidon: read body, 401 {\"userId\":null}"; base="$bare_reject";;
      serve-reject|serve-reject-again) what="serve: right secret, random token (parse + HMAC), 401"; base="$bare_reject";;
      nginx-reject) what="nginx: the same 401 bytes (ceiling)"; base="$bare_reject";;
      bare-profile|bare-profile-again) what="bare Helidon: read body, 200 profile"; base="$bare_profile";;
      serve-valid-memory|serve-valid-memory-again) what="serve: fresh token, in-memory store, 200 profile"; base="$bare_profile";;
      serve-valid-redis|serve-valid-redis-again) what="serve --redis-uri: fresh token, Redis SET NX PXAT, 200 profile"; base="$bare_profile";;
      nginx-profile) what="nginx: the same 200 bytes (ceiling)"; base="$bare_profile";;
    esac
    echo "| \`$1\` | $what | $2 | $(ratio "$2" "$base") | $3 | $4 | $5 | $6 |"
  done
  echo
  echo "**Summary (mean of both rounds over the mean of both bare runs of the same kind):** rejection path"
  echo "$(ratio "$serve_reject" "$bare_reject") (goal >= 0.8), valid path in memory $(ratio "$serve_memory" "$bare_profile") (goal >= 0.7), valid path on Redis"
  echo "$(ratio "$serve_redis" "$bare_profile") (goal >= 0.5); nginx, the ceiling: $(ratio "$(field nginx-reject 2)" "$bare_reject") x bare on the 401, $(ratio "$(field nginx-profile 2)" "$bare_profile") x on the 200."
  echo
  echo "Ratios per row: to the mean of the two bare runs of the same kind (reject or profile). Goals: serve-reject >= 0.8,"
  echo "serve-valid-memory >= 0.7, serve-valid-redis >= 0.5, p99 <= 10 ms. non-2xx on a valid-path run must be 0 (a 401"
  echo "there would mean a token was refused; 'tokens short' counts requests that found no fresh token left)."
  echo
  echo "Access log written by serve (stderr to a file) during serve-reject: $log_rate MiB/min."
  echo
  echo "Collector pauses over the whole run (warm-ups included; G1, the JVM's default for a server, "'`-Xlog:gc`):'
  for server in bare memory redis; do
    echo "- $server: $(gc_pauses "$work/$server.gc")"
  done
  echo "Minting: \`hubble-kit mint --count $per_run\` x 6 took ${mint_seconds}s in all (one JVM each)."
  echo
  echo "Exact commands (\$URL: the printed URL; random.lua: right secret, one random well-formed token; tokens.lua: a"
  echo "fresh minted token per request):"
  echo
  echo '```'
  echo "HUBBLE_SECRET=bench-secret-0123456789 APP_SSO_TOKEN_LIFETIME=1800 APP_SSO_REPLAY_CAPACITY=4000000 ./hubble-kit serve --port 0"
  echo "... ./hubble-kit serve --port 0 --redis-uri redis://127.0.0.1:\$REDIS_PORT        # redis-server --save '' --appendonly no"
  echo "java -cp 'runner/target/dist/lib/*' bench/sso/BareServer.java"
  echo "./hubble-kit mint --count $per_run > memory.jsonl"
  echo "wrk -t$threads -c$connections -d${duration}s --latency -s random.lua \$URL/sso"
  echo "TOKENS=memory.jsonl wrk -t$threads -c$connections -d${duration}s --latency -s bench/sso/tokens.lua \$URL/sso"
  echo '```'
} >"$here/RESULTS.md"

cat "$here/RESULTS.md"
