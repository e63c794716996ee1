#!/usr/bin/env bash
# The step of action.yml: runs one hubble-kit command from the INPUT_* variables the action sets, then writes
# report.md to $GITHUB_STEP_SUMMARY, one ::error (MUST) or ::warning (SHOULD, INFO) per failed check to stdout,
# and verdict / exit-code to $GITHUB_OUTPUT. Exits with the kit's code unless INPUT_FAIL_ON_NON_ZERO is false.
# HUBBLE_KIT_LAUNCHER overrides the kit to run (default: the launcher beside this action).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kit="${HUBBLE_KIT_LAUNCHER:-$here/../hubble-kit}"
command="${INPUT_COMMAND:-check}"

# Workflow-command escaping (GitHub's rules): data escapes % CR LF; property values also : and ,.
escape_data() {
  local s="$1"
  s="${s//'%'/%25}"
  s="${s//$'\r'/%0D}"
  s="${s//$'\n'/%0A}"
  printf '%s' "$s"
}
escape_property() {
  local s
  s="$(escape_data "$1")"
  s="${s//:/%3A}"
  s="${s//,/%2C}"
  printf '%s' "$s"
}

# Refuses the step with one ::error line and exit 2 (a usage error, as the kit's own).
refuse() {
  echo "::error title=hubble-kit::$(escape_data "$1")"
  [ -n "${GITHUB_OUTPUT:-}" ] && { echo "verdict=USAGE-ERROR"; echo "exit-code=2"; } >>"$GITHUB_OUTPUT"
  exit 2
}

boolean() { # input-name value: refuses anything but true, false or empty
  case "$2" in
    true | false | "") ;;
    *) refuse "input $1 must be true or false, got '$2'" ;;
  esac
}

case "$command" in
  check | verify-pact | client-check) ;;
  *) refuse "input command must be check, verify-pact or client-check, got '$command'" ;;
esac
boolean fail-on-non-zero "${INPUT_FAIL_ON_NON_ZERO:-true}"
boolean single-use "${INPUT_SINGLE_USE:-false}"
boolean strict "${INPUT_STRICT:-false}"

report_dir="${INPUT_REPORT_DIR:-hubble-kit-report/$command}"
args=("$command" --report-dir "$report_dir")
if [ "$command" = client-check ]; then
  [ -n "${INPUT_BASE_URL:-}" ] && refuse "input base-url is for check and verify-pact; client-check runs its own sandbox"
  [ -n "${INPUT_CLIENT_RUN:-}" ] && args+=(--run "$INPUT_CLIENT_RUN")
else
  [ -n "${INPUT_CLIENT_RUN:-}" ] && refuse "input client-run is for client-check only"
  [ -n "${INPUT_BASE_URL:-}" ] && args+=(--base-url "$INPUT_BASE_URL")
  [ -n "${INPUT_TOKEN_COMMAND:-}" ] && args+=(--token-command "$INPUT_TOKEN_COMMAND")
  [ -n "${INPUT_EXPIRED_TOKEN_COMMAND:-}" ] && args+=(--expired-token-command "$INPUT_EXPIRED_TOKEN_COMMAND")
fi
if [ "${INPUT_SINGLE_USE:-false}" = true ]; then
  [ "$command" = check ] || refuse "input single-use is for check only"
  args+=(--single-use)
fi
[ "${INPUT_STRICT:-false}" = true ] && args+=(--strict)
[ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")

rm -f "$report_dir/report.json" "$report_dir/report.md" 2>/dev/null
"$kit" "${args[@]}"
code=$?

json="$report_dir/report.json"
if [ -f "$json" ] && command -v jq >/dev/null 2>&1; then
  verdict="$(jq -r '.verdict' "$json")"
else
  case "$code" in
    0) verdict=PASS ;;
    1) verdict=FAIL ;;
    3) verdict=UNREACHABLE ;;
    4) verdict=INCOMPLETE ;;
    *) verdict=USAGE-ERROR ;;
  esac
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "verdict=$verdict"; echo "exit-code=$code"; } >>"$GITHUB_OUTPUT"
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  if [ -f "$report_dir/report.md" ]; then
    cat "$report_dir/report.md" >>"$GITHUB_STEP_SUMMARY"
  else
    printf '## hubble-kit %s: %s\n\nThe kit exited %s before writing a report; the step log says why.\n' \
      "$command" "$verdict" "$code" >>"$GITHUB_STEP_SUMMARY"
  fi
fi

# One annotation per failed check (and per check the kit could not judge), message already redacted by the kit.
if [ -f "$json" ]; then
  if command -v jq >/dev/null 2>&1; then
    while IFS= read -r -d '' level && IFS= read -r -d '' id && IFS= read -r -d '' message; do
      echo "::$level title=$(escape_property "$id")::$(escape_data "$id: $message")"
    done < <(jq -j '.checks[] | select(.status == "FAIL" or .status == "ERROR")
                 | (if .severity == "MUST" then "error" else "warning" end), "\u0000", .id, "\u0000",
                   ((if .status == "ERROR" then "could not be judged: " else "" end) + .message[0:2000]), "\u0000"' "$json")
  else
    echo "::warning title=hubble-kit::jq is not installed: no per-check annotations (see the job summary)"
  fi
fi

if [ "$code" -ne 0 ] && [ "${INPUT_FAIL_ON_NON_ZERO:-true}" != false ]; then
  exit "$code"
fi
exit 0
