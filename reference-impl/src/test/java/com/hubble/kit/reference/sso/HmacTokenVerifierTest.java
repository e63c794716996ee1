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

    /** A token over {@code payload} exactly as given, signed with the test key: the claims' rules, not the signature. */
    private static String signed(String payload) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String head = "hk1." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        return head + "." + b64.encodeToString(mac.doFinal(head.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void signedClaimsAreReadByTheirTypeAtTheTopLevelOnly() throws Exception {
        long exp = java.time.Instant.now().getEpochSecond() + 60;
        Verification.Invalid malformed = new Verification.Invalid("malformed");
        // Each claim must have its type; a claim inside another value is not a claim.
        assertEquals(malformed, tokens.verify(signed("{\"sub\":{\"sub\":\"u1\"},\"aud\":\"hubble\",\"exp\":" + exp + ",\"jti\":\"j\"}")));
        assertEquals(malformed, tokens.verify(signed("{\"sub\":[\"u1\"],\"aud\":\"hubble\",\"exp\":" + exp + ",\"jti\":\"j\"}")));
        assertEquals(malformed, tokens.verify(signed("{\"sub\":\"\",\"aud\":\"hubble\",\"exp\":" + exp + ",\"jti\":\"j\"}")));
        assertEquals(malformed, tokens.verify(signed("{\"sub\":\"u1\",\"aud\":\"hubble\",\"exp\":" + exp + ",\"jti\":7}")));
        assertEquals(malformed, tokens.verify(signed("{\"sub\":\"u1\",\"aud\":\"hubble\",\"exp\":\"" + exp + "\",\"jti\":\"j\"}")));
        assertEquals(malformed, tokens.verify(signed("{\"sub\":\"u1\",\"aud\":\"hubble\",\"exp\":1e30,\"jti\":\"j\"}")));
        assertEquals(malformed, tokens.verify(signed("{\"sub\":\"u1\",\"aud\":\"hubble\",\"exp\":99999999999999999999,\"jti\":\"j\"}")));
        assertEquals(malformed, tokens.verify(signed("{\"sub\":\"u1\",\"aud\":\"hubble\",\"jti\":\"j\"}")));
        assertEquals(malformed, tokens.verify(signed("[\"u1\"]")));
        assertEquals(new Verification.Invalid("wrong-audience"), tokens.verify(signed(
                "{\"sub\":\"u1\",\"aud\":\"elsewhere\",\"x\":{\"aud\":\"hubble\"},\"exp\":" + exp + ",\"jti\":\"j\"}")));
        assertEquals(new Verification.Invalid("wrong-audience"), tokens.verify(signed(
                "{\"sub\":\"u1\",\"aud\":[\"hubble\"],\"exp\":" + exp + ",\"jti\":\"j\"}")));
        // Unknown fields, nested or not, are skipped; a field given twice counts as its last value; a fraction of a
        // second in exp is dropped.
        Verification.Valid valid = assertInstanceOf(Verification.Valid.class, tokens.verify(signed(
                "{\"x\":{\"sub\":\"evil\",\"y\":[1,{\"aud\":\"no\"}]},\"sub\":\"u0\",\"sub\":\"u1\",\"aud\":\"hubble\","
                        + "\"exp\":" + exp + ".75,\"jti\":\"j\",\"z\":null}")));
        assertEquals("u1", valid.userId());
        assertEquals("j", valid.tokenId());
        assertEquals(exp, valid.expiresAt().getEpochSecond());
    }

    /** Each MAC is computed by a clone of one keyed Mac: racing threads must each get the MAC of their own input. */
    @Test
    void concurrentVerificationsOfGoodAndTamperedTokensEachGetTheirOwnAnswer() throws Exception {
        int count = 400;
        String[] good = new String[count];
        String[] tampered = new String[count];
        for (int i = 0; i < count; i++) {
            good[i] = tokens.mint("u" + i).token().reveal();
            char last = good[i].charAt(good[i].length() - 2); // not the last: its low bits may be padding
            tampered[i] = good[i].substring(0, good[i].length() - 2) + (last == 'A' ? 'B' : 'A') + good[i].charAt(good[i].length() - 1);
        }
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        Together.run(8, offset -> {
            for (int round = 0; round < 5; round++) {
                for (int j = 0; j < count; j++) {
                    int i = (j * 7 + offset) % count;
                    Verification ok = tokens.verify(good[i]);
                    if (!(ok instanceof Verification.Valid v) || !v.userId().equals("u" + i)) {
                        wrong.incrementAndGet();
                    }
                    if (!new Verification.Invalid("bad-signature").equals(tokens.verify(tampered[i]))) {
                        wrong.incrementAndGet();
                    }
                }
            }
        });
        assertEquals(0, wrong.get(), "verifications answered wrongly under concurrency");
    }
}
