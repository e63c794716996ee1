#!/bin/sh
# Copies the kit's OpenAPI documents (and the schemas they reference, same relative layout) to OUT_DIR with the
# token placeholders replaced by fresh tokens, so Specmatic or Schemathesis can send them:
#   'HUBBLE_KIT_TOKEN'          <- $HUBBLE_KIT_TOKEN          (a valid token your /sso has never seen; single use)
#   'HUBBLE_KIT_EXPIRED_TOKEN'  <- $HUBBLE_KIT_EXPIRED_TOKEN  (a token you issued whose expiry has passed)
# Tokens come from the environment, never from arguments, so they stay out of `ps` and shell history.
# Usage: HUBBLE_KIT_TOKEN=... HUBBLE_KIT_EXPIRED_TOKEN=... contracts/tools/fill-tokens.sh OUT_DIR
# Then point the tool at OUT_DIR/contracts/openapi/sso.yaml. Mint new tokens for every run.
set -eu
[ $# -eq 1 ] || { echo "usage: HUBBLE_KIT_TOKEN=... HUBBLE_KIT_EXPIRED_TOKEN=... $0 OUT_DIR" >&2; exit 2; }
[ -n "${HUBBLE_KIT_TOKEN:-}" ] || { echo "fill-tokens: set HUBBLE_KIT_TOKEN to a fresh valid token" >&2; exit 2; }
[ -n "${HUBBLE_KIT_EXPIRED_TOKEN:-}" ] || { echo "fill-tokens: set HUBBLE_KIT_EXPIRED_TOKEN to an expired token" >&2; exit 2; }
kit=$(cd "$(dirname "$0")/../.." && pwd)
out=$1
mkdir -p "$out/contracts/openapi" "$out/schemas"
cp "$kit"/schemas/*.schema.json "$out/schemas/"
for doc in "$kit"/contracts/openapi/*.yaml; do
  # Plain string replacement (no regex, no escapes) of the single-quoted YAML scalars only, so prose that names
  # a placeholder is left alone; a quote inside a token is doubled, as YAML wants.
  awk '
    function put(line, name, value,   i, out) {
      out = ""
      while ((i = index(line, name)) > 0) { out = out substr(line, 1, i - 1) value; line = substr(line, i + length(name)) }
      return out line
    }
    BEGIN {
      q = sprintf("%c", 39)
      t = ENVIRON["HUBBLE_KIT_TOKEN"]; gsub(q, q q, t)
      e = ENVIRON["HUBBLE_KIT_EXPIRED_TOKEN"]; gsub(q, q q, e)
    }
    { print put(put($0, q "HUBBLE_KIT_EXPIRED_TOKEN" q, q e q), q "HUBBLE_KIT_TOKEN" q, q t q) }
  ' "$doc" > "$out/contracts/openapi/$(basename "$doc")"
done
