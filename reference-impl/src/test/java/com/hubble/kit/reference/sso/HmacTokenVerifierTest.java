package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import com.hubble.kit.reference.sso.TokenVerifier.Verification;
import org.junit.jupiter.api.Test;

class HmacTokenVerifierTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final HmacTokenVerifier tokens = new HmacTokenVerifier(KEY, "hubble", Duration.ofSeconds(120), Clock.systemUTC());

    @Test
    void aMintedTokenVerifiesForItsUserWithAnExpiryAbout120SecondsAway() {
        Verification result = tokens.verify(tokens.mint("u1").token().reveal());

        Verification.Valid valid = assertInstanceOf(Verification.Valid.class, result);
        assertEquals("u1", valid.userId());
        long secondsLeft = Duration.between(java.time.Instant.now(), valid.expiresAt()).toSeconds();
        assertEquals(true, secondsLeft > 100 && secondsLeft <= 120, "seconds left: " + secondsLeft);
    }

    @Test
    void everyMintedTokenHasItsOwnId() {
        Verification.Valid a = (Verification.Valid) tokens.verify(tokens.mint("u1").token().reveal());
        Verification.Valid b = (Verification.Valid) tokens.verify(tokens.mint("u1").token().reveal());

        assertNotEquals(a.tokenId(), b.tokenId());
    }

    @Test
    void aTokenWithARewrittenPayloadFailsTheSignatureCheck() {
        String[] parts = tokens.mint("u1").token().reveal().split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("u1", "u2").getBytes(StandardCharsets.UTF_8));

        assertEquals(new Verification.Invalid("bad-signature"), tokens.verify(parts[0] + "." + forged + "." + parts[2]));
    }

    @Test
    void anExpiredTokenIsInvalidAsExpired() {
        assertEquals(new Verification.Invalid("expired"), tokens.verify(tokens.mintExpired("u1").token().reveal()));
    }

    @Test
    void aTokenForAnotherAudienceIsInvalid() {
        assertEquals(new Verification.Invalid("wrong-audience"),
                tokens.verify(tokens.mint("u1", Duration.ofSeconds(60), "elsewhere").token().reveal()));
    }

    @Test
    void garbageIsMalformedNotAnException() {
        for (String garbage : new String[] {"", ".", "hk1..", "hk1.!!.!!", "a.b.c", "x".repeat(5000), "hk1.e30.AAAA"}) {
            assertInstanceOf(Verification.Invalid.class, tokens.verify(garbage), garbage);
        }
    }

    @Test
    void aMintedTokenNeverPrintsItself() {
        MintedToken token = tokens.mint("u1");

        assertEquals(false, token.toString().contains(token.token().reveal()));
    }
}
