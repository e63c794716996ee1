package com.hubble.kit.reference.sso;

import java.time.Instant;

/**
 * Remembers consumed token ids so each token is accepted once. The default is in memory, which is right for one
 * instance; several instances behind a load balancer need a shared implementation (e.g. Redis {@code SET NX PX}).
 */
public interface ReplayStore {

    /** Atomically records the first use of {@code tokenId}; concurrent callers with one id get one FIRST_USE. */
    Consumption consume(String tokenId, Instant expiresAt);

    /** What {@link #consume} decided. */
    enum Consumption {
        /** The id was not seen before and is now recorded. */
        FIRST_USE,
        /** The id was already consumed (or has expired): reject the token. */
        REJECTED,
        /** The store is full of unexpired entries: fail closed, ask the caller to retry later. */
        FULL
    }
}
