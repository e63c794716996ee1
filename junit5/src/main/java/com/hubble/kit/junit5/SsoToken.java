package com.hubble.kit.junit5;

import java.util.Objects;

/**
 * A valid token your test minted, and the userId your {@code /sso} must answer for it. {@link #toString()} never
 * shows the token.
 */
public record SsoToken(String token, String userId) {
    public SsoToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(userId, "userId");
        if (token.isEmpty() || userId.isBlank()) {
            throw new IllegalArgumentException("an SsoToken needs a non-empty token and userId");
        }
    }

    public static SsoToken of(String token, String userId) {
        return new SsoToken(token, userId);
    }

    @Override
    public String toString() {
        return "SsoToken[token=[REDACTED], userId=" + userId + "]";
    }
}
