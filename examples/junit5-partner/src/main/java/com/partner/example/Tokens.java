package com.partner.example;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The partner's SSO tokens: {@code userId.expiryEpochSecond.nonce.signature}, HMAC-SHA256 signed, each good once.
 * The partner's login page mints one and hands it to Hubble, which sends it to {@code /sso}.
 */
public final class Tokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final byte[] key;
    private final Clock clock;
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();

    public Tokens(byte[] key, Clock clock) {
        this.key = key.clone();
        this.clock = clock;
    }

    /** A token for {@code userId}, valid for five minutes. */
    public String mint(String userId) {
        return sign(userId, clock.instant().getEpochSecond() + 300);
    }

    /** A well-signed token whose expiry has passed (for tests). */
    public String mintExpired(String userId) {
        return sign(userId, clock.instant().getEpochSecond() - 60);
    }

    /** The user of a valid, unexpired, first-used token; empty for anything else. */
    public Optional<String> redeem(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || parts[0].isEmpty()) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1] + "." + parts[2];
        if (!MessageDigest.isEqual(hmac(payload).getBytes(StandardCharsets.US_ASCII),
                parts[3].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (expiry < clock.instant().getEpochSecond() || !used.add(parts[2])) {
            return Optional.empty();
        }
        return Optional.of(parts[0]);
    }

    private String sign(String userId, long expiry) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String payload = userId + "." + expiry + "." + B64.encodeToString(nonce);
        return payload + "." + hmac(payload);
    }

    private String hmac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
