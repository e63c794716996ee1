#!/bin/sh
# Runs Schemathesis 4.32.5 with the kit's contracts and default checks:
#   HUBBLE_SECRET=... HUBBLE_KIT_TOKEN_COMMAND='./mint-test-token.sh' \
#     HUBBLE_KIT_EXPIRED_TOKEN_COMMAND='./mint-test-token.sh --expired' contracts/tools/schemathesis.sh sso BASE_URL
#   HUBBLE_CLIENT_ID=... HUBBLE_CLIENT_SECRET=... contracts/tools/schemathesis.sh partner-api BASE_URL
#   contracts/tools/schemathesis.sh --install-only
# Uses `schemathesis` from PATH if there is one, else installs schemathesis==4.32.5 once into a virtualenv under
# ${XDG_CACHE_HOME:-~/.cache}/hubble-kit/. Exit 3 when it cannot be installed (no PyPI), with the reason.
set -eu
version=4.32.5
here=$(cd "$(dirname "$0")" && pwd)
kit=$(cd "$here/../.." && pwd)
usage() { echo "usage: $0 sso|partner-api BASE_URL  |  $0 --install-only" >&2; exit 2; }
[ $# -ge 1 ] || usage
if [ "$1" != "--install-only" ]; then
  [ $# -eq 2 ] || usage
  case "$1" in sso|partner-api) ;; *) usage ;; esac
fi

st=$(command -v schemathesis 2>/dev/null || true)
if [ -z "$st" ]; then
  venv=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/hubble-kit/schemathesis-$version
  if [ ! -x "$venv/bin/schemathesis" ]; then
    work="$venv.partial.$$"
    rm -rf "$work"
    # A quick look first (a couple of seconds), so a machine without PyPI says so before building a virtualenv.
    probe=$(mktemp -d)
    if ! python3 -m pip download --quiet --no-deps --retries 0 --timeout 10 -d "$probe" "schemathesis==$version" \
        >"$probe.log" 2>&1; then
      reason=$(tail -n 1 "$probe.log")
      rm -rf "$probe" "$probe.log"
      echo "schemathesis.sh: cannot install schemathesis==$version (is PyPI reachable?): $reason" >&2
      exit 3
    fi
    rm -rf "$probe" "$probe.log"
    if ! python3 -m venv "$work" >/dev/null 2>&1 \
        || ! "$work/bin/pip" install --quiet --disable-pip-version-check --retries 0 --timeout 10 \
             "schemathesis==$version" >"$work.log" 2>&1; then
      reason=$(tail -n 1 "$work.log" 2>/dev/null || echo "python3 -m venv failed")
      rm -rf "$work" "$work.log"
      echo "schemathesis.sh: cannot install schemathesis==$version (is PyPI reachable?): $reason" >&2
      exit 3
    fi
    rm -f "$work.log"
    mv -T "$work" "$venv" 2>/dev/null || rm -rf "$work"
  fi
  st=$venv/bin/schemathesis
fi
[ "$1" = "--install-only" ] && { echo "$st"; exit 0; }
# The documents reference ../../schemas/, so they are read where they are; the hooks module is found on PYTHONPATH.
PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}" exec "$st" --config-file "$here/schemathesis-$1.toml" \
  run "$kit/contracts/openapi/$1.yaml" --url "$2"
