"""Schemathesis hooks for the kit's /sso contract (contracts/openapi/sso.yaml).

Written for Schemathesis 4.32.5 from its documentation. The kit's own CI cannot run it: PyPI is unreachable
where the kit is built (contracts/README.md, "Schemathesis").

- X-Hubble-Secret comes from the environment variable HUBBLE_SECRET, through Schemathesis's auth mechanism, so
  the `ignored_auth` check can still send requests without it. It is never a command-line argument.
- A request whose token is one of the documents' placeholders ('HUBBLE_KIT_TOKEN', 'HUBBLE_KIT_EXPIRED_TOKEN')
  gets a token minted just before the call by HUBBLE_KIT_TOKEN_COMMAND or HUBBLE_KIT_EXPIRED_TOKEN_COMMAND
  (run with sh -c; prints {"token": "..."} or a bare token, like `hubble-kit check --token-command`), so every
  call gets its own fresh, single-use token.
"""
import json
import os
import subprocess

import schemathesis

_COMMANDS = {
    "HUBBLE_KIT_TOKEN": "HUBBLE_KIT_TOKEN_COMMAND",
    "HUBBLE_KIT_EXPIRED_TOKEN": "HUBBLE_KIT_EXPIRED_TOKEN_COMMAND",
}


@schemathesis.auth(refresh_interval=None)
class HubbleSecret:
    """The pre-shared secret, from HUBBLE_SECRET."""

    def get(self, case, ctx):
        secret = os.environ.get("HUBBLE_SECRET", "")
        if not secret:
            raise RuntimeError("set HUBBLE_SECRET to the secret your /sso expects in X-Hubble-Secret")
        return secret

    def set(self, case, data, ctx):
        case.headers = case.headers or {}
        case.headers["X-Hubble-Secret"] = data


def _mint(variable):
    command = os.environ.get(variable, "")
    if not command:
        raise RuntimeError(f"set {variable} to a command that prints a fresh token of your /sso")
    done = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=30, check=False)
    if done.returncode != 0:
        # The command's stderr may quote a token; say only which command failed and how.
        raise RuntimeError(f"{variable} exited with {done.returncode}")
    out = done.stdout.strip()
    try:
        parsed = json.loads(out)
        return parsed["token"] if isinstance(parsed, dict) else str(parsed)
    except (ValueError, KeyError):
        return out.splitlines()[0] if out else out


@schemathesis.hook
def before_call(ctx, case, kwargs):
    body = case.body
    if isinstance(body, dict) and isinstance(body.get("token"), str) and body["token"] in _COMMANDS:
        case.body = dict(body, token=_mint(_COMMANDS[body["token"]]))
