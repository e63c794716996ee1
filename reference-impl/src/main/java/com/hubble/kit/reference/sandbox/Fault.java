package com.hubble.kit.reference.sandbox;

/** A fault the sandbox injected into one exchange. */
public enum Fault {
    NONE,
    /** 401 on a call carrying a live token, which is revoked from then on. */
    REVOKED_TOKEN,
    /** 429 with Retry-After. */
    THROTTLED,
    /** 503. */
    UNAVAILABLE
}
