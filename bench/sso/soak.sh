#!/usr/bin/env bash
# Soak test of `hubble-kit serve` (demo config, in-memory replay store, access log on): a moderate, steady load of
# valid tokens (each used once, 200) for MINUTES minutes, sampling the server's resident memory, open file
# descriptors and the replay store's live entries. Not run in CI. Writes bench/sso/SOAK.md.
# Usage: [HUBBLE_KIT_JAVA_OPTS=...] bench/sso/soak.sh [minutes=10] [connections=8] [delay-ms=20]
#   HUBBLE_KIT_JAVA_OPTS reaches the server's JVM (e.g. a fixed heap, -Xms256m -Xmx256m, as a container would run it).
#   load = connections / delay (8 / 20 ms = at most 400 requests/s)
# Tokens live 120 s (the default), so the load runs as one-minute wrk rounds, each with tokens minted during the
# previous round; the store then holds about two minutes of tokens, and must not grow past that.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
minutes="${1:-10}"
connections="${2:-8}"
delay_ms="${3:-20}"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
command -v wrk >/dev/null 2>&1 || { echo "soak: needs wrk (apt-get install wrk)" >&2; exit 1; }

"$root/hubble-kit" --version >/dev/null
jcmd_bin=""
for candidate in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/*; do
  [ -x "$candidate/bin/jcmd" ] || continue
  major="$("$candidate/bin/java" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print v[1]; exit }')"
  if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then jcmd_bin="$candidate/bin/jcmd"; break; fi
done

export HUBBLE_SECRET="soak-secret-0123456789"
"$root/hubble-kit" serve --port 0 >"$work/url" 2>"$work/server.log" &
# Only the server gets the JVM options; the mint runs below use the launcher's defaults.
server_opts="${HUBBLE_KIT_JAVA_OPTS:-}"
unset HUBBLE_KIT_JAVA_OPTS
server_pid=$!
pids+=("$server_pid")
for _ in $(seq 1 900); do [ -s "$work/url" ] && break; sleep 0.2; done
url="$(head -n1 "$work/url")"
[ -n "$url" ] || { cat "$work/server.log" >&2; echo "soak: server did not start" >&2; exit 1; }
echo "soak: server $url (pid $server_pid), $minutes min, $connections connections, ${delay_ms} ms between requests" >&2

per_round=$(( connections * 1000 / delay_ms * 60 + 1000 ))
"$root/hubble-kit" mint --count "$per_round" >"$work/tokens-0.jsonl"

sample() { # $1 seconds, $2 "count" to count the store's live entries: prints time rss_kib fds store_entries
  local rss fds entries="-"
  rss="$(awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status" 2>/dev/null)" || return 0
  fds="$(ls "/proc/$server_pid/fd" 2>/dev/null | wc -l)"
  if [ -n "$jcmd_bin" ] && [ "${2:-}" = count ]; then
    # Live entries only: the histogram runs a full GC first.
    entries="$("$jcmd_bin" "$server_pid" GC.class_histogram 2>/dev/null \
      | awk '$NF == "com.hubble.kit.reference.sso.InMemoryReplayStore$Entry" {print $2}')"
    entries="${entries:-0}"
  fi
  echo "$1 $rss $fds $entries"
}

echo "seconds rss_kib fds store_entries" >"$work/samples"
start="$(date +%s)"
# Samples every 10 s in the background, independent of the rounds (the store count, which forces a full GC, every
# 30 s only).
(
  tick=0
  while kill -0 "$server_pid" 2>/dev/null; do
    sleep 10
    tick=$((tick + 1))
    if [ $((tick % 3)) -eq 0 ]; then sample "$(( $(date +%s) - start ))" count; else sample "$(( $(date +%s) - start ))"; fi
  done
) >>"$work/samples" &
sampler_pid=$!
pids+=("$sampler_pid")

for round in $(seq 1 "$minutes"); do
  TOKENS="$work/tokens-$((round - 1)).jsonl" WRK_THREADS=1 DELAY_MS="$delay_ms" \
    wrk -t1 -c"$connections" -d60s --latency -s "$here/tokens.lua" "$url/sso" >"$work/round-$round.out" &
  wrk_pid=$!
  # Next round's tokens are minted late in this one: tokens live 120 s, and must still be fresh at its end.
  sleep 25
  "$root/hubble-kit" mint --count "$per_round" >"$work/tokens-$round.jsonl"
  wait "$wrk_pid"
  rm -f "$work/tokens-$((round - 1)).jsonl"
  echo "soak: round $round: $(awk '/^Requests\/sec/ {print $2}' "$work/round-$round.out") req/s, $(awk '/Non-2xx/ {print $5}' "$work/round-$round.out") non-2xx" >&2
done

kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
log_bytes="$(stat -c %s "$work/server.log")"
requests="$(cat "$work"/round-*.out | awk '/requests in/ {n += $1} END {print n}')"
non2xx="$(cat "$work"/round-*.out | awk '/Non-2xx/ {n += $5} END {print n + 0}')"
# Warm-up: the first two minutes (JIT, heap sizing, the store filling to its two-minute steady state).
summary="$(awk 'NR > 1 && $1 >= 120 { if (min == "" || $2 < min) min = $2; if ($2 > max) max = $2;
                  if (fmin == "" || $3 < fmin) fmin = $3; if ($3 > fmax) fmax = $3;
                  if ($4 != "-" && $4 + 0 > emax) emax = $4 + 0; n++ }
                END { printf "%d %d %.1f %d %d %d %d", min, max, (max - min) / min * 100, fmin, fmax, emax, n }' "$work/samples")"
set -- $summary

{
  echo "# /sso soak: resident memory, file descriptors and the replay store over $minutes minutes"
  echo
  echo "Generated by \`bench/sso/soak.sh $minutes $connections $delay_ms\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, on a machine"
  echo "**shared with other builds** (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))."
  echo "Server: \`hubble-kit serve --port 0\` (demo config, in-memory replay store, access log on, to a file), JVM options:"
  echo "\`${server_opts:-(none: default heap sizing)}\`. Load: wrk, $connections connections, each waiting ${delay_ms} ms between requests, a fresh minted token per"
  echo "request (all 200s expected), in one-minute rounds, each with tokens minted during the previous one (tokens live 120 s)."
  echo
  echo "- Requests: $requests in all, non-2xx: $non2xx."
  echo "- Resident memory after the 2-minute warm-up ($7 samples, every 10 s): min $(( $1 / 1024 )) MiB, max $(( $2 / 1024 )) MiB,"
  echo "  spread $3 % of the minimum (goal: within 10 %)."
  echo "- Open file descriptors after warm-up: $4 to $5."
  echo "- Replay store live entries after warm-up: at most $6 (tokens accepted within one token lifetime; capacity 100000)."
  echo "- Access log: $(( log_bytes / 1024 )) KiB for $requests requests."
  echo
  echo "Samples (seconds since start, VmRSS KiB, open fds, live InMemoryReplayStore entries after a full GC, every 30 s):"
  echo
  echo '```'
  cat "$work/samples"
  echo '```'
} >"$here/SOAK.md"
cat "$here/SOAK.md"
