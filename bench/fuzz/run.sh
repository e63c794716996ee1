#!/usr/bin/env bash
# Coverage-guided fuzzing of every Jazzer target, one after the other, each for SECONDS (default 60):
#   bench/fuzz/run.sh [SECONDS] [FILTER]      e.g. bench/fuzz/run.sh 300, or bench/fuzz/run.sh 60 Redactor
# Each target runs as its own Maven test run with JAZZER_FUZZ=1 (Jazzer fuzzes one test per JVM). The corpus
# a target grows is kept in <module>/.cifuzz-corpus/ (git-ignored) and reused by the next run; an input that
# fails a property is written by Jazzer into the target's seed directory
# (<module>/src/test/resources/<package>/<Class>Inputs/<method>/), where every plain `mvn verify` replays it.
# Logs: bench/fuzz/logs/<target>.log. The summary gives libFuzzer's executions and whether a finding was made;
# a target goes on after a finding until KEEP_GOING (default 5) distinct ones.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
filter="${2:-}"
logs=bench/fuzz/logs
mkdir -p "$logs"

targets=(
  "runner com.hubble.kit.runner.report.RedactorFuzzTest#redactedTextHoldsNeitherTheSecretNorATokenInAnyForm"
  "runner com.hubble.kit.runner.sso.JudgingFuzzTest#everyCheckJudgesArbitraryResponsesWithoutThrowingInBoundedTime"
  "runner com.hubble.kit.runner.report.render.RenderersFuzzTest#everyRendererGivesAParsableDocumentForArbitraryStrings"
  "reference-impl com.hubble.kit.reference.sso.SsoInputFuzzTest#theBodyParserNeverThrowsAndFindsExactlyTheTokenOfAWellFormedBody"
  "reference-impl com.hubble.kit.reference.sso.SsoInputFuzzTest#theVerifierNeverThrowsAndAcceptsOnlyWhatItSigned"
)

printf '%-95s %10s %s\n' "target" "executions" "result"
status=0
for entry in "${targets[@]}"; do
  module="${entry%% *}"
  test="${entry#* }"
  [ -z "$filter" ] || [[ "$test" == *"$filter"* ]] || continue
  log="$logs/${test##*.}.log"
  # libFuzzer flags go in as jazzer.internal.arg.N (the first is argv[0]); they override @FuzzTest(maxDuration).
  if JAZZER_FUZZ=1 mvn -B -o -pl "$module" -am -Dcyclonedx.skip=true -Dsurefire.failIfNoSpecifiedTests=false \
      -Dtest="$test" -Djazzer.hooks=true -Djazzer.keep_going="${KEEP_GOING:-5}" \
      -DargLine="-Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time=$seconds -Djazzer.internal.arg.2=-timeout=30" \
      verify >"$log" 2>&1; then
    result="no finding"
  else
    result="FAILED: see $log"
    status=1
  fi
  # With keep_going the test itself may pass; libFuzzer's own lines tell the findings.
  findings="$(grep -c 'Test unit written to' "$log" || true)"
  if [ "${findings:-0}" -gt 0 ]; then
    result="$findings finding(s), inputs named in $log (Test unit written to ...)"
    status=1
  fi
  runs="$(grep -oE 'Done [0-9]+ runs' "$log" | tail -1 | grep -oE '[0-9]+' || true)"
  [ -n "$runs" ] || runs="$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)"
  printf '%-95s %10s %s\n' "$test" "${runs:-?}" "$result"
done
exit "$status"
