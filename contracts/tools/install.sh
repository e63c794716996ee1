#!/bin/sh
# Installs the pinned contract tools (package-lock.json: Specmatic 2.55.1, Spectral CLI 6.16.3) once, outside the
# checkout, and prints the directory that holds node_modules/. Later calls with the same lock file print it at once.
#   dir=$(contracts/tools/install.sh) && java -jar "$dir/node_modules/specmatic/specmatic.jar" --version
# Where: $HUBBLE_KIT_TOOLS_DIR if set, else ${XDG_CACHE_HOME:-~/.cache}/hubble-kit/contract-tools-<lock hash>.
# Exit 3 when npm is missing or the registry cannot be reached (the message says which).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
key=$(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -c1-16)
dir=${HUBBLE_KIT_TOOLS_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/hubble-kit/contract-tools-$key}
if [ -f "$dir/.installed" ]; then
  echo "$dir"
  exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "install.sh: npm is not on PATH; install Node.js 18+ (apt-get install nodejs npm)" >&2; exit 3; }
mkdir -p "$(dirname "$dir")"
work="$dir.partial.$$"
rm -rf "$work" && mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$work/"
echo "install.sh: installing Specmatic and Spectral into $dir (once; about 20 s)" >&2
# --ignore-scripts: the packages need no install step (Specmatic's jar ships inside its package), and a
# dependency's postinstall would only phone home.
if ! (cd "$work" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >&2); then
  rm -rf "$work"
  echo "install.sh: npm ci failed (is the npm registry reachable from here?)" >&2
  exit 3
fi
[ -f "$work/node_modules/specmatic/specmatic.jar" ] || { rm -rf "$work"; echo "install.sh: specmatic.jar missing after npm ci" >&2; exit 3; }
touch "$work/.installed"
# Atomic: a concurrent install that finished first wins, and this one is thrown away.
if ! mv -T "$work" "$dir" 2>/dev/null; then
  rm -rf "$work"
fi
echo "$dir"
