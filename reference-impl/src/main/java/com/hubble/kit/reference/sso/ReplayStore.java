package com.hubble.kit.reference.sso;

import java.time.Instant;

/**
 * Remembers consumed token ids so each token is accepted once. The default is in memory, which is right for one
 * instance; several instances behind a load balancer share {@link RedisReplayStore} (or your own implementation).
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
        FULL,
        /** The store could not decide (unreachable, too slow, an error): fail closed, ask the caller to retry later. */
        UNAVAILABLE
    }

    /** Whether the store can decide now; {@code /observe/health} reports it. The default store always can. */
    default Health health() {
        return new Health(true, "memory", "in this process");
    }

    /** A store's state for {@code /observe/health}: {@code detail} never holds a secret. */
    record Health(boolean up, String kind, String detail) {
    }
}
