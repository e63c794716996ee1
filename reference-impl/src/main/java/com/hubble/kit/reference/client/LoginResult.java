package com.hubble.kit.reference.client;

import java.time.Instant;

import com.hubble.kit.reference.Secret;

/** A successful login: the token (a Secret, never printed), its lifetime and when it was obtained. */
public record LoginResult(Secret token, long expiresInSecs, Instant obtainedAt) {
    public Instant expiresAt() {
        return obtainedAt.plusSeconds(expiresInSecs);
    }
}
