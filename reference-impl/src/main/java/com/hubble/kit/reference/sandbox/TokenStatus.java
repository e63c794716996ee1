package com.hubble.kit.reference.sandbox;

/** What the sandbox knew about a presented token when the request arrived. */
public enum TokenStatus {
    /** Issued by this sandbox, not expired, not revoked. */
    LIVE,
    /** Issued by this sandbox, past its expiresInSecs. */
    EXPIRED,
    /** Issued by this sandbox, revoked by an injected fault. */
    REVOKED,
    /** Never issued by this sandbox. */
    UNKNOWN
}
