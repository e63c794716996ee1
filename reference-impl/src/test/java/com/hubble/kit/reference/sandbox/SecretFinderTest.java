package com.hubble.kit.reference.sandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.hubble.kit.reference.Secret;

import org.junit.jupiter.api.Test;

/** The forms a client plausibly sends its clientSecret in outside the login body, and what is not the secret. */
class SecretFinderTest {
    private static final String SECRET = "test-client-secret";
    private static final SecretFinder FINDER = new SecretFinder(List.of(Secret.of(SECRET)));

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String percentEncodedAll(String text, boolean lower) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format(lower ? "%%%02x" : "%%%02X", b & 0xff));
        }
        return out.toString();
    }

    @Test
    void findsTheSecretAsItIsInAQueryOrHeaderValue() {
        assertTrue(FINDER.foundIn("limit=1&clientSecret=" + SECRET));
        assertTrue(FINDER.foundIn(SECRET));
    }

    @Test
    void findsTheSecretPercentEncodedInEitherHexCase() {
        assertTrue(FINDER.foundIn("clientSecret=" + percentEncodedAll(SECRET, false)));
        assertTrue(FINDER.foundIn("clientSecret=" + percentEncodedAll(SECRET, true)));
        assertTrue(FINDER.foundIn("clientSecret=test%2Dclient-secret"));
    }

    @Test
    void findsASecretWithReservedCharactersAndSpacesAsAFormEncoderWritesIt() {
        String secret = "s3cr3t &+/=?%# with spaces";
        SecretFinder finder = new SecretFinder(List.of(Secret.of(secret)));
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        assertTrue(form.contains("+"), "the encoder writes a space as '+': " + form);
        assertTrue(finder.foundIn("clientSecret=" + form));
        assertTrue(finder.foundIn("clientSecret=" + form.replace("+", "%20")));
    }

    @Test
    void findsTheBase64OfTheSecretAndOfClientIdColonSecretAsHttpBasicSendsIt() {
        assertTrue(FINDER.foundIn(base64(SECRET)));
        assertTrue(FINDER.foundIn("Basic " + base64("test-client-id:" + SECRET)));
        assertTrue(FINDER.foundIn("Basic " + base64("other-id-7:" + SECRET)), "any byte offset");
        assertTrue(FINDER.foundIn(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("x" + SECRET).getBytes(StandardCharsets.UTF_8))));
        assertTrue(FINDER.foundIn("auth=" + URLEncoder.encode(base64("ab:" + SECRET), StandardCharsets.UTF_8)),
                "base64 then %-encoded in a query");
    }

    @Test
    void theClientIdAloneOrOrdinaryTextIsNotTheSecret() {
        assertFalse(FINDER.foundIn("test-client-id"));
        assertFalse(FINDER.foundIn(base64("test-client-id")));
        assertFalse(FINDER.foundIn("clientId=test-client-id&limit=5&q=client%20secret"));
        assertFalse(FINDER.foundIn("Bearer sbx.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcdefg"));
        assertFalse(FINDER.foundIn("100%"), "a malformed %-escape is text");
        assertFalse(FINDER.foundIn(""));
    }

    @Test
    void aSecretTooShortToTellFromOrdinaryTextIsNotLookedFor() {
        SecretFinder finder = new SecretFinder(List.of(Secret.of("abc")));
        assertFalse(finder.foundIn("q=abc"));
        assertTrue(new SecretFinder(List.of(Secret.of("abcdefgh"))).foundIn("q=abcdefgh"));
    }
}
