#!/usr/bin/env bash
# The step of action.yml: runs one hubble-kit command from the INPUT_* variables the action sets, then writes
# report.md to $GITHUB_STEP_SUMMARY, one ::error (MUST) or ::warning (SHOULD, INFO) per failed check to stdout,
# and verdict / exit-code to $GITHUB_OUTPUT. A run that ends without a verdict of failed checks (exit 2, 3 or 4, or any
# non-zero exit without a report) gets one ::error carrying the kit's reason. Exits with the kit's code unless
# INPUT_FAIL_ON_NON_ZERO is false. HUBBLE_KIT_LAUNCHER overrides the kit to run (default: the launcher beside this action).
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
  [ -n "${INPUT_TOKEN_COMMAND:-}" ] && refuse "input token-command is for check and verify-pact; client-check's sandbox issues the tokens"
  [ -n "${INPUT_EXPIRED_TOKEN_COMMAND:-}" ] \
    && refuse "input expired-token-command is for check and verify-pact; client-check's sandbox issues the tokens"
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

# A report left by an earlier run in the same directory must not be read, shown or uploaded as this run's.
rm -f "$report_dir/report.json" "$report_dir/report.md" "$report_dir/junit.xml" "$report_dir/report.html" 2>/dev/null
# The kit's stderr goes to the log as it comes and to a file, for the reason of a run that ends without a verdict.
stderr_copy="$(mktemp "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/hubble-kit-stderr.XXXXXX")" || refuse "cannot create a temporary file"
trap 'rm -f "$stderr_copy"' EXIT
{ "$kit" "${args[@]}" 2>&1 1>&3 3>&- | tee "$stderr_copy" >&2 3>&-; code=${PIPESTATUS[0]}; } 3>&1

json="$report_dir/report.json"
have_jq=""
command -v jq >/dev/null 2>&1 && have_jq=1
# The verdict: report.json's when the kit judged (exit 0, 1 or 4 and a report); otherwise the exit code's. The kit
# writes a report whenever it judged, so 1 without one is not a FAIL (a JVM that did not start exits 1 too), and a
# code the kit never uses (137: killed) is an ERROR.
case "$code" in
  0 | 1 | 4)
    if [ -f "$json" ] && [ -n "$have_jq" ]; then
      verdict="$(jq -r '.verdict // "ERROR"' "$json" 2>/dev/null)" || verdict=ERROR
    elif [ "$code" -eq 0 ]; then
      verdict=PASS
    elif [ "$code" -eq 4 ]; then
      verdict=INCOMPLETE
    elif [ -f "$json" ]; then
      verdict=FAIL
    else
      verdict=ERROR
    fi
    ;;
  2) verdict=USAGE-ERROR ;;
  3) verdict=UNREACHABLE ;;
  *) verdict=ERROR ;;
esac

# The reason of a run without a verdict of failed checks: for an INCOMPLETE report, what it lacked (from the report);
# otherwise the last block of stderr lines starting with "hubble-kit" (the kit's and the launcher's own messages),
# at most 3 lines and 2000 characters, without the progress notes that end in "..." (the launcher's "recording the
# start-up archive..." on first use sits right above the kit's error). Read as data only: nothing here expands it.
reason=""
if [ "$verdict" = INCOMPLETE ] && [ -f "$json" ] && [ -n "$have_jq" ]; then
  reason="$(jq -r '.strict as $strict
      | [.checks[] | select(.severity == "MUST" or ($strict and .severity == "SHOULD"))] as $gating
      | [$gating[] | select(.status == "SKIP" and .missingInput != null) | .missingInput] as $missing
      | ([$gating[] | select(.status == "ERROR")] | length) as $errors
      | [ (if ($missing | length) > 0
           then "\($missing | length) check(s) not run for lack of input: needs " + ($missing | unique | join("; "))
           else empty end),
          (if $errors > 0 then "\($errors) check(s) could not be judged (see their annotations)" else empty end) ]
      | join("; ")' "$json" 2>/dev/null)"
  [ -n "$reason" ] || reason="$(jq -r '.notes[0] // ""' "$json" 2>/dev/null)" # a cut-short run: its reason is the first note
fi
if [ -z "$reason" ]; then
  reason="$(LC_ALL=C awk '/^hubble-kit.*\.\.\.\r?$/ { next }
                         /^hubble-kit/ { if (!open) n = 0; open = 1; block[++n] = $0; next } { open = 0 }
                         END { for (i = (n > 3 ? n - 2 : 1); i <= n; i++) print block[i] }' "$stderr_copy")"
fi
if [ "$code" -gt 128 ] && [ "$code" -lt 160 ]; then
  reason="the kit was stopped by signal $((code - 128)) (exit $code)${reason:+; its last message: $reason}"
fi
[ -n "$reason" ] || reason="the kit exited $code without saying why; see the step log"
reason="${reason:0:2000}"

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "verdict=$verdict"; echo "exit-code=$code"; } >>"$GITHUB_OUTPUT"
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  if [ -f "$report_dir/report.md" ]; then
    cat "$report_dir/report.md" >>"$GITHUB_STEP_SUMMARY"
  else
    # The reason as an indented code block: Markdown in it is shown, never rendered.
    printf '## hubble-kit %s: %s\n\nThe kit exited %s before writing a report:\n\n%s\n' \
      "$command" "$verdict" "$code" "$(printf '%s\n' "$reason" | sed 's/^/    /')" >>"$GITHUB_STEP_SUMMARY"
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

# Exit 1 with a report has its annotations above; every other failing run gets this one.
if [ "$code" -ne 0 ] && { [ "$code" -ne 1 ] || [ ! -f "$json" ]; }; then
  echo "::error title=$(escape_property "hubble-kit $verdict")::$(escape_data "$reason")"
fi

if [ "$code" -ne 0 ] && [ "${INPUT_FAIL_ON_NON_ZERO:-true}" != false ]; then
  exit "$code"
fi
exit 0
