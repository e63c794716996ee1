package com.hubble.kit.reference.sandbox;

/**
 * Faults the sandbox injects, each once, on the Nth authenticated call that would otherwise succeed (0 = off).
 * A revoked token is Hubble revoking a token mid-session: that call gets 401 and the token stays dead. It lands on
 * the first call from the Nth on whose token is young and was used before (see {@link SandboxState#revokesOn}), so
 * neither a scheduled refresh nor a login-then-call routine can pass for the client's recovery from it.
 */
public record FaultPlan(int revokeTokenAtCall, int throttleAtCall, int retryAfterSecs, int unavailableAtCall) {
    public static final FaultPlan NONE = new FaultPlan(0, 0, 1, 0);

    public FaultPlan {
        if (revokeTokenAtCall < 0 || throttleAtCall < 0 || unavailableAtCall < 0) {
            throw new IllegalArgumentException("fault call numbers must be 0 (off) or positive");
        }
        if (retryAfterSecs < 0) {
            throw new IllegalArgumentException("retryAfterSecs must not be negative");
        }
    }

    public FaultPlan withRevokeTokenAtCall(int call) {
        return new FaultPlan(call, throttleAtCall, retryAfterSecs, unavailableAtCall);
    }

    public FaultPlan withThrottleAtCall(int call, int retryAfter) {
        return new FaultPlan(revokeTokenAtCall, call, retryAfter, unavailableAtCall);
    }

    public FaultPlan withUnavailableAtCall(int call) {
        return new FaultPlan(revokeTokenAtCall, throttleAtCall, retryAfterSecs, call);
    }
}
