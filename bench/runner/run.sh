#!/usr/bin/env bash
# The runner's own speed (issue 11), every figure against a baseline measured in the SAME run:
#   start-up   ./hubble-kit --help vs an embedded ./hubble-kit check (wall and peak RSS, medians, interleaved), and
#              two smaller embedded checks in the same rounds that show the floor under goal 1: one check (start-up
#              and one request) and every check but the load (--skip sso.perf.concurrency)
#   slow       check against a partner whose identity lookup takes 2.5 s (bench/runner/partner.py slow), at
#              --parallelism 1 and at the default; and against a silent partner (accepts, never answers)
#   load       sso.perf.concurrency vs wrk, same connections, same reference server (hubble-kit serve), interleaved,
#              4 s each (a --load-duration given holds the load that long, no early stop)
#   memory     peak RSS of an embedded check with --load-duration 60s vs 3s (both given, so both held in full), 3 each
# Writes bench/runner/RESULTS.md. Usage: bench/runner/run.sh [runs (default 5)] [connections (default 16)]
# The machine is shared: wall times move with other people's builds; CPU seconds are given beside them.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-5}"
connections="${2:-16}"
kit="$root/hubble-kit"
work="$(mktemp -d)"
pids=()
cleanup() {
  local pid
  for pid in ${pids[@]+"${pids[@]}"}; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

need() { # $1 command, $2 Debian package
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "bench: installing $2" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "$2" >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq "$2" >/dev/null; fi
}
need wrk wrk
[ -x /usr/bin/time ] || need /usr/bin/time time
need python3 python3
need curl curl

echo "bench: building the kit if needed (not measured)" >&2
"$kit" --version >/dev/null

# timed NAME CMD...: runs CMD once, appends "wall_s cpu_s peak_rss_kb" to $work/NAME, keeps its stdout in $work/NAME.out
timed() {
  local name="$1"; shift
  # -q: a command that exits non-zero (a check that FAILs) must not add GNU time's "Command exited with non-zero
  # status" line, which the columns below would read as a second run (it made a 40 s silent run read 20.2 s).
  /usr/bin/time -q -f '%e %U %S %M' -o "$work/time" "$@" >"$work/$name.out" 2>"$work/$name.err" || true
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time" >>"$work/$name"
}
# col NAME K: median of column K (1 wall, 2 cpu, 3 rss) of $work/NAME
col() {
  awk -v k="$2" '{ print $k }' "$work/$1" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b == 0 ? 0 : a / b) }'; }
verdict_line() { grep -o 'VERDICT: [A-Z_-]*  ([0-9]* checks[^)]*)' "$1" | sed 's/; [0-9]* ms//' || echo "no verdict"; }
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started="$(date -u +%Y-%m-%dT%H:%MZ)"

# 1 and 5: start-up and the embedded check, interleaved so both see the same machine.
echo "bench: --help and embedded check, $runs runs each" >&2
for i in $(seq 1 "$runs"); do
  timed help "$kit" --help
  timed check "$kit" check
  verdict_line "$work/check.out" >>"$work/check.verdicts"
  timed one "$kit" check --only sso.valid.status
  timed noload "$kit" check --skip sso.perf.concurrency
done
help_wall="$(col help 1)"; help_cpu="$(col help 2)"
check_wall="$(col check 1)"; check_cpu="$(col check 2)"; check_rss="$(col check 3)"
check_verdicts="$(sort -u "$work/check.verdicts" | paste -sd';' -)"
one_wall="$(col one 1)"; one_cpu="$(col one 2)"; noload_wall="$(col noload 1)"; noload_cpu="$(col noload 2)"

# 2: a slow partner (2.5 s per identity lookup) and a silent one.
export HUBBLE_SECRET="bench-secret-0123456789"
python3 "$here/partner.py" slow "$work/slow.port" "$HUBBLE_SECRET" 2.5 & pids+=($!)
python3 "$here/partner.py" silent "$work/silent.port" & pids+=($!)
for _ in $(seq 1 100); do [ -s "$work/slow.port" ] && [ -s "$work/silent.port" ] && break; sleep 0.1; done
slow_url="http://127.0.0.1:$(cat "$work/slow.port")"
silent_url="http://127.0.0.1:$(cat "$work/silent.port")"
mint="curl -s -X POST $slow_url/mint"
slow_check=(check --base-url "$slow_url" --single-use --token-command "$mint" --expired-token-command "$mint?expired=1")
echo "bench: slow partner at --parallelism 1, then at the default" >&2
timed slow1 "$kit" "${slow_check[@]}" --parallelism 1
timed slowN "$kit" "${slow_check[@]}"
echo "bench: silent partner" >&2
timed silent "$kit" check --base-url "$silent_url" --token abc --expired-token def
slow1_wall="$(col slow1 1)"; slowN_wall="$(col slowN 1)"; silent_wall="$(col silent 1)"
latency_line="$(grep -o 'sso.perf.latency .*' "$work/slowN.out" | head -n 1 | cut -c1-150 || true)"

# 4: load against one reference server: wrk and the kit alternate, same connections, 3 s each.
"$kit" serve --port 0 >"$work/serve.url" 2>"$work/serve.log" & pids+=($!)
for _ in $(seq 1 600); do [ -s "$work/serve.url" ] && break; sleep 0.2; done
serve_url="$(head -n 1 "$work/serve.url")"
token="hk-$(head -c 48 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')"
cat >"$work/random.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Hubble-Secret"] = "$HUBBLE_SECRET"
wrk.body = '{"token": "$token"}'
LUA
echo "bench: load, wrk vs sso.perf.concurrency at $connections connections, 4 s, 3 runs each" >&2
for i in 1 2 3; do
  wrk -t2 -c"$connections" -d4s -s "$work/random.lua" "$serve_url/sso" >"$work/wrk.$i"
  awk '/Requests\/sec/ { print $2 }' "$work/wrk.$i" >>"$work/wrk.rates"
  "$kit" check --base-url "$serve_url" --only sso.perf.concurrency --concurrency "$connections" --load-duration 4s \
    --report-dir "$work/kit.$i" >/dev/null 2>&1 || true
  python3 -c 'import json,sys
r = json.load(open(sys.argv[1]))
c = [c for c in r["checks"] if c["id"] == "sso.perf.concurrency"][0]
m = {x["name"]: x["value"] for x in c.get("measurements", c.get("figures", []))}
print(round(m.get("throughput", 0)))' "$work/kit.$i/report.json" >>"$work/kit.rates"
done
median_of() { sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
wrk_rate="$(median_of "$work/wrk.rates" | awk '{ printf "%d", $1 }')"; kit_rate="$(median_of "$work/kit.rates")"

# 6: memory does not grow with the load's length. A --load-duration given is held in full, 3s too (no early stop).
echo "bench: embedded check with --load-duration 3s and 60s, 3 runs each, interleaved" >&2
for _ in 1 2 3; do
  timed mem3 "$kit" check --load-duration 3s
  timed mem60 "$kit" check --load-duration 60s
  grep -o 'sso.perf.concurrency .*' "$work/mem60.out" | grep -o '[0-9]* calls/s' | head -n 1 >>"$work/mem60.rates" || true
done
mem3_rss="$(col mem3 3)"; mem60_rss="$(col mem60 3)"; mem3_rss="${mem3_rss%.*}"; mem60_rss="${mem60_rss%.*}"
mem3_least="$(awk '{ print $3 }' "$work/mem3" | sort -n | head -n 1)"; mem60_most="$(awk '{ print $3 }' "$work/mem60" | sort -n | tail -n 1)"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

cat >"$here/RESULTS.md" <<EOF
# Runner speed: results

Written by \`bench/runner/run.sh $runs $connections\` on $started ($(nproc) CPUs, shared with other engineers'
builds: load average $load_before at the start, $load_after at the end). Wall times move with that load; the CPU
seconds (user + system) beside them move less. Medians of $runs interleaved runs unless a count is given.

## 1 and 5: start-up and the embedded check

| command | wall (median) | CPU s | peak RSS |
|---|---|---|---|
| \`./hubble-kit --help\` | ${help_wall} s | ${help_cpu} | |
| \`./hubble-kit check\` (embedded reference) | ${check_wall} s | ${check_cpu} | $((check_rss / 1024)) MiB |
| \`./hubble-kit check --only sso.valid.status\` (start-up and one request) | ${one_wall} s | ${one_cpu} | |
| \`./hubble-kit check --skip sso.perf.concurrency\` (every check but the load) | ${noload_wall} s | ${noload_cpu} | |

- check / help (wall): **$(ratio "$check_wall" "$help_wall")** (goal <= 2.5); --help wall: **${help_wall} s** (goal <= 0.8 s)
- the floor, same rounds: one check / help **$(ratio "$one_wall" "$help_wall")**; every check but the load / help **$(ratio "$noload_wall" "$help_wall")**
- every check run ended: ${check_verdicts}

## 2: a slow partner and a silent one (1 run each)

The slow partner (\`bench/runner/partner.py slow\`) answers a valid token after a 2.5 s identity lookup and rejects
at once; tokens come from its /mint through \`--token-command\`.

| command | wall |
|---|---|
| \`check --base-url SLOW --single-use --token-command ... --parallelism 1\` | ${slow1_wall} s |
| same, default parallelism | ${slowN_wall} s (goal <= 45 s) |
| \`check --base-url SILENT\` (accepts, never answers) | ${silent_wall} s |

- parallelism 1 / default (wall): $(ratio "$slow1_wall" "$slowN_wall")
- default run, latency line: \`${latency_line}\`
- verdicts: parallelism 1 $(verdict_line "$work/slow1.out"); default $(verdict_line "$work/slowN.out")

## 4: load against the reference server (\`hubble-kit serve\`), $connections connections, 4 s, 3 runs each

| generator | calls/s (median) |
|---|---|
| \`wrk -t2 -c$connections -d4s\` (POST /sso, right secret, random token) | ${wrk_rate} |
| \`check --only sso.perf.concurrency --concurrency $connections --load-duration 4s\` | ${kit_rate} |

- kit / wrk: **$(ratio "$kit_rate" "$wrk_rate")** (goal >= 0.5); all runs: wrk $(paste -sd' ' "$work/wrk.rates"), kit $(paste -sd' ' "$work/kit.rates")

## 6: memory (3 runs each, interleaved)

| command | wall (median) | peak RSS (median) | all peaks |
|---|---|---|---|
| \`./hubble-kit check --load-duration 3s\` | $(col mem3 1) s | $((mem3_rss / 1024)) MiB | $(awk '{ printf "%d ", $3 / 1024 }' "$work/mem3")MiB |
| \`./hubble-kit check --load-duration 60s\` | $(col mem60 1) s | $((mem60_rss / 1024)) MiB | $(awk '{ printf "%d ", $3 / 1024 }' "$work/mem60")MiB |

- 60 s / 3 s peak RSS (medians): **$(ratio "$mem60_rss" "$mem3_rss")** (goal <= 1.2); highest 60 s peak / lowest 3 s peak: $(ratio "$mem60_most" "$mem3_least")
- the 60 s runs' load: $(paste -sd' ' "$work/mem60.rates" 2>/dev/null || true)
EOF
echo "bench: wrote $here/RESULTS.md" >&2
cat "$here/RESULTS.md"
