package com.hubble.kit.reference.sso;

import java.time.Instant;

/**
 * Decides whether an SSO token is genuine and whom it names. Plug in your own (for example one that calls your
 * session service) through {@link SsoComponents}; single use is enforced afterwards by the {@link ReplayStore}
 * on the {@link Verification.Valid#tokenId()}.
 */
@FunctionalInterface
public interface TokenVerifier {

    /** Verifies a token. Must not throw for any input: a token it cannot read is {@link Verification.Invalid}. */
    Verification verify(String token);

    /** The result of verifying one token. */
    sealed interface Verification permits Verification.Valid, Verification.Invalid {
        /** A genuine, unexpired token for {@code userId}; {@code tokenId} is unique per token, for replay detection. */
        record Valid(String userId, String tokenId, Instant expiresAt) implements Verification {
        }

        /** A rejected token; {@code reason} is a short code for logs (never the token). */
        record Invalid(String reason) implements Verification {
        }
    }
}
