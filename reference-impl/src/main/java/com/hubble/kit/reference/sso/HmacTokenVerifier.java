package com.hubble.kit.reference.sso;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.reference.Secret;

/**
 * The default {@link TokenVerifier}: tokens {@code hk1.<payload>.<mac>}, where payload is base64url JSON
 * {@code {"sub","aud","iat","exp","jti"}} and mac is base64url HMAC-SHA256 over {@code hk1.<payload>}.
 * It also mints them, for the CLI's {@code mint} and for tests.
 */
public final class HmacTokenVerifier implements TokenVerifier {
    private static final String VERSION = "hk1";
    private static final String ALGORITHM = "HmacSHA256";
    /** Tokens longer than this are rejected before any work is spent on them. */
    static final int MAX_TOKEN_LENGTH = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /**
     * A keyed Mac that is never used itself: each MAC is computed by a clone of it. Looking up the provider and keying
     * a Mac costs more than the MAC; a clone costs a copy of its state and takes no lock. (A pool of Macs behind a
     * lock made every request queue on it, and under load a request thread that held it while its CPU was taken away
     * held up all the others.)
     */
    private final Mac prototype;
    private final String audience;
    private final Duration lifetime;
    private final Clock clock;

    public HmacTokenVerifier(byte[] signingKey, String audience, Duration lifetime, Clock clock) {
        if (signingKey == null || signingKey.length < 32) {
            throw new IllegalArgumentException("the signing key must be at least 32 bytes");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("the token lifetime must be positive");
        }
        this.prototype = keyedMac(new SecretKeySpec(signingKey.clone(), ALGORITHM));
        this.audience = Objects.requireNonNull(audience, "audience");
        this.lifetime = lifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A fresh token for {@code userId} valid for the configured lifetime. */
    public MintedToken mint(String userId) {
        return mint(userId, lifetime);
    }

    /** A well-signed token whose expiry has already passed. */
    public MintedToken mintExpired(String userId) {
        return mint(userId, lifetime.negated());
    }

    /** A token valid for {@code validFor} from now (negative: already expired); audience is the configured one. */
    public MintedToken mint(String userId, Duration validFor) {
        return mint(userId, validFor, audience);
    }

    /** A token for another audience; only tests need this. */
    MintedToken mint(String userId, Duration validFor, String tokenAudience) {
        Objects.requireNonNull(userId, "userId");
        Instant now = clock.instant();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sub", userId);
        payload.put("aud", tokenAudience);
        payload.put("iat", now.getEpochSecond());
        payload.put("exp", now.plus(validFor).getEpochSecond());
        payload.put("jti", UUID.randomUUID().toString());
        try {
            String signed = VERSION + "." + ENCODER.encodeToString(JSON.writeValueAsBytes(payload));
            return new MintedToken(Secret.of(signed + "." + ENCODER.encodeToString(mac(signed))), userId);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not encode a token payload", e);
        }
    }

    @Override
    public Verification verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return new Verification.Invalid("malformed");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return new Verification.Invalid("malformed");
        }
        byte[] presentedMac;
        byte[] payloadBytes;
        try {
            presentedMac = DECODER.decode(parts[2]);
            payloadBytes = DECODER.decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return new Verification.Invalid("malformed");
        }
        if (!MessageDigest.isEqual(mac(parts[0] + "." + parts[1]), presentedMac)) {
            return new Verification.Invalid("bad-signature");
        }
        Claims claims = Claims.of(payloadBytes);
        if (claims == null || claims.sub == null || claims.sub.isEmpty() || claims.jti == null || claims.jti.isEmpty()
                || claims.exp == null) {
            return new Verification.Invalid("malformed");
        }
        if (!audience.equals(claims.aud)) {
            return new Verification.Invalid("wrong-audience");
        }
        long expirySeconds = claims.exp;
        if (expirySeconds < Instant.MIN.getEpochSecond() || expirySeconds > Instant.MAX.getEpochSecond()) {
            return new Verification.Invalid("malformed"); // Instant.ofEpochSecond would throw
        }
        Instant expiresAt = Instant.ofEpochSecond(expirySeconds);
        if (!expiresAt.isAfter(clock.instant())) {
            return new Verification.Invalid("expired");
        }
        return new Verification.Valid(claims.sub, claims.jti, expiresAt);
    }

    /**
     * The claims a signed payload holds, read as a stream (no tree of nodes per request): {@code sub}, {@code aud} and
     * {@code jti} when they are strings, {@code exp} when it is a number within a long (a fraction is dropped). A
     * field given twice counts as its last value. Null when the payload is not one JSON object.
     */
    private record Claims(String sub, String aud, String jti, Long exp) {
        static Claims of(byte[] payload) {
            try (JsonParser parser = JSON.createParser(payload)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                String sub = null;
                String aud = null;
                String jti = null;
                Long exp = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    String text = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    switch (name) {
                        case "sub" -> sub = text;
                        case "aud" -> aud = text;
                        case "jti" -> jti = text;
                        case "exp" -> exp = longOf(parser, value);
                        default -> {
                            // ignored
                        }
                    }
                    parser.skipChildren(); // an object or array value, at any field: past its end
                }
                return parser.currentToken() == JsonToken.END_OBJECT ? new Claims(sub, aud, jti, exp) : null;
            } catch (java.io.IOException e) {
                return null;
            }
        }

        private static Long longOf(JsonParser parser, JsonToken value) throws java.io.IOException {
            if (value == JsonToken.VALUE_NUMBER_INT) {
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? null : parser.getLongValue();
            }
            if (value == JsonToken.VALUE_NUMBER_FLOAT) {
                double number = parser.getDoubleValue();
                return number >= Long.MIN_VALUE && number <= Long.MAX_VALUE ? (long) number : null;
            }
            return null;
        }
    }

    private byte[] mac(String signed) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            // Not reached with the JDK's providers: the constructor has already made one clone.
            throw new IllegalStateException("the HmacSHA256 provider cannot clone a Mac", e);
        }
        return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
    }

    private static Mac keyedMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.clone(); // fails here, at start, if the provider cannot clone
            return mac;
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 with a cloneable Mac is required", e);
        }
    }
}
