package com.hubble.kit.reference;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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

    /**
     * The base64 characters that hold only this value's bits, when it starts 0, 1 or 2 bytes into what is encoded, in
     * the standard and the URL alphabet: every base64 text that holds the value holds one of these, whatever comes
     * before or after it (the characters at its edges also hold bits of its neighbours). Never shown: for looking
     * the value up in text.
     */
    public List<String> base64Cores() {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        List<String> cores = new ArrayList<>(6);
        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            for (int offset = 0; offset < 3; offset++) {
                byte[] shifted = new byte[offset + bytes.length];
                System.arraycopy(bytes, 0, shifted, offset, bytes.length);
                String encoded = encoder.withoutPadding().encodeToString(shifted);
                int first = (8 * offset + 5) / 6; // the first character that starts at or after the value's first bit
                cores.add(encoded.substring(first, Math.max(first, 8 * shifted.length / 6))); // to its last whole one
            }
        }
        return cores;
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
