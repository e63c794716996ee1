package com.hubble.kit.reference.sso;

import java.util.List;
import java.util.Objects;

import com.hubble.kit.reference.Secret;

/**
 * The accepted values of {@code X-Hubble-Secret} (current and next, for rotation). Replaceable at runtime:
 * {@link Main} re-reads the list when the config file changes, and {@link #replace} can be called directly.
 */
public final class SharedSecrets {
    /** The accepted secrets' SHA-256 digests, computed once per list rather than once per request. */
    private volatile List<byte[]> accepted;

    public SharedSecrets(List<Secret> accepted) {
        this.accepted = digests(validated(accepted));
    }

    /** Swaps the accepted list atomically; requests after this call see only the new list. */
    public void replace(List<Secret> newAccepted) {
        this.accepted = digests(validated(newAccepted));
    }

    /** How many secrets are accepted now. */
    public int count() {
        return accepted.size();
    }

    private static List<byte[]> digests(List<Secret> secrets) {
        return secrets.stream().map(Secret::digest).toList();
    }

    /**
     * True when the presented value equals one accepted secret. Every secret is compared (no early exit) and
     * each comparison is over SHA-256 digests, so neither which secret matched nor any length leaks.
     */
    public boolean matches(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] digest = Secret.of(presented).digest();
        boolean matched = false;
        for (byte[] secret : accepted) {
            matched |= java.security.MessageDigest.isEqual(secret, digest);
        }
        return matched;
    }

    private static List<Secret> validated(List<Secret> secrets) {
        Objects.requireNonNull(secrets, "secrets");
        for (Secret secret : secrets) {
            if (secret == null || secret.isEmpty() || secret.reveal().isBlank()) {
                throw new IllegalArgumentException("a shared secret must not be empty");
            }
        }
        return List.copyOf(secrets);
    }
}
