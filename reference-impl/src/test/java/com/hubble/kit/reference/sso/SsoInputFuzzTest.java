package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.reference.sso.TokenVerifier.Verification;

/**
 * Coverage-guided fuzzing of the reference partner's two parsers of caller input: the /sso body parser and the
 * token verifier. Neither throws for any input; the parser finds exactly the token a well-formed body carries; the
 * verifier accepts nothing it did not sign, and nothing but the user and token id it signed.
 */
class SsoInputFuzzTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    private static final HmacTokenVerifier TOKENS = new HmacTokenVerifier(KEY, "hubble", Duration.ofSeconds(120), CLOCK);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @FuzzTest(maxDuration = "30s")
    void theBodyParserNeverThrowsAndFindsExactlyTheTokenOfAWellFormedBody(FuzzedDataProvider data) throws Exception {
        if (data.consumeBoolean()) {
            String token = SsoService.tokenOf(data.consumeRemainingAsBytes());
            assertTrue(token == null || !token.isEmpty(), "a token is null or non-empty");
            return;
        }
        String token = data.consumeString(200);
        String before = data.consumeBoolean() ? "\"other\":" + JSON.writeValueAsString(data.consumeString(40)) + "," : "";
        String after = data.consumeBoolean() ? ",\"n\":" + data.consumeInt() : "";
        String json = "{" + before + "\"token\":" + JSON.writeValueAsString(token) + after + "}";
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(json)) {
            return; // a lone surrogate has no UTF-8 form; the arbitrary-bytes branch covers such bodies
        }
        assertEquals(token.isEmpty() ? null : token, SsoService.tokenOf(json.getBytes(StandardCharsets.UTF_8)));
    }

    @FuzzTest(maxDuration = "30s")
    void theVerifierNeverThrowsAndAcceptsOnlyWhatItSigned(FuzzedDataProvider data) throws Exception {
        switch (data.consumeInt(0, 2)) {
            case 0 -> {
                // Anything a caller may send: without the key it is never valid.
                Verification result = TOKENS.verify(data.consumeRemainingAsString());
                assertInstanceOf(Verification.Invalid.class, result);
            }
            case 1 -> {
                // A genuine token, edited: valid at most as the very token it was (base64 has spare bits).
                MintedToken minted = TOKENS.mint(data.consumeString(40).isEmpty() ? "u" : "user-" + data.consumeInt());
                Verification.Valid original = (Verification.Valid) TOKENS.verify(minted.token().reveal());
                StringBuilder edited = new StringBuilder(minted.token().reveal());
                int edits = data.consumeInt(1, 4);
                for (int i = 0; i < edits && !edited.isEmpty(); i++) {
                    int at = data.consumeInt(0, edited.length() - 1);
                    switch (data.consumeInt(0, 2)) {
                        case 0 -> edited.setCharAt(at, data.consumeChar());
                        case 1 -> edited.deleteCharAt(at);
                        default -> edited.insert(at, data.consumeChar());
                    }
                }
                Verification result = TOKENS.verify(edited.toString());
                assertNotNull(result);
                if (result instanceof Verification.Valid valid) {
                    assertEquals(original.userId(), valid.userId());
                    assertEquals(original.tokenId(), valid.tokenId());
                }
            }
            default -> {
                // A well-signed token over any payload (as a buggy minter could make): judged, never thrown on.
                String signed = "hk1." + B64.encodeToString(data.consumeRemainingAsBytes());
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
                String token = signed + "." + B64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
                assertNotNull(TOKENS.verify(token));
            }
        }
    }
}
