package com.hubble.kit.reference;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/** A secret value (shared secret, client secret, token) that never renders itself: toString() redacts. */
public final class Secret {
    private static final String REDACTED = "[REDACTED]";
    /** Cloned for each digest: looking the algorithm up in the providers costs more than digesting a token. */
    private static final MessageDigest SHA_256 = newSha256();
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "secret value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The raw value, for the one place that must send or compare it. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /**
     * Constant-time comparison: both sides are digested first, so neither content nor length leaks
     * through timing.
     */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(value), sha256(candidate));
    }

    /** A short, non-reversible fingerprint for logs (first 8 hex chars of SHA-256). */
    public String fingerprint() {
        return java.util.HexFormat.of().formatHex(sha256(value), 0, 4);
    }

    /** The SHA-256 of the value: what constant-time comparisons compare, never shown. */
    public byte[] digest() {
        return sha256(value);
    }

    static byte[] sha256(String text) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = newSha256(); // a provider whose digests cannot be cloned: looked up each time
        }
        return digest.digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    @Override
    public String toString() {
        return REDACTED;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && MessageDigest.isEqual(sha256(value), sha256(that.value));
    }

    @Override
    public int hashCode() {
        return 0; // never derive a hash from the value
    }
}
