package com.hubble.kit.runner.sso.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import com.hubble.kit.runner.access.FixedTokens;
import com.hubble.kit.runner.access.PartnerToken;
import com.hubble.kit.runner.config.Durations;

/** The near misses the kit sends are what their names say: same length, one character off, and so on. */
class NearMissesTest {
    private static final String SECRET = "s3cret-Value";

    @Test
    void theWrongSecretsKeepTheLengthAndChangeOneEnd() {
        String last = SecretForm.WRONG_LAST.apply(SECRET).orElseThrow();
        String first = SecretForm.WRONG_FIRST.apply(SECRET).orElseThrow();
        assertEquals(SECRET.length(), last.length());
        assertEquals(SECRET.substring(0, SECRET.length() - 1), last.substring(0, last.length() - 1));
        assertNotEquals(SECRET, last);
        assertEquals(SECRET.substring(1), first.substring(1));
        assertNotEquals(SECRET.charAt(0), first.charAt(0));
    }

    @Test
    void theVariantsDifferFromTheSecretEvenWithoutLowerCaseLetters() {
        for (String secret : new String[]{SECRET, "ABC-123", "12345678"}) {
            for (SecretForm form : new SecretForm[]{SecretForm.TRUNCATED, SecretForm.UPPER_CASED, SecretForm.PADDED}) {
                assertNotEquals(secret, form.apply(secret).orElseThrow(), form + " of " + secret);
            }
        }
        assertEquals(Optional.empty(), SecretForm.MISSING.apply(SECRET));
        assertEquals("", SecretForm.EMPTY.apply(SECRET).orElseThrow());
    }

    @Test
    void aTamperedTokenDiffersInExactlyOneMiddleCharacter() {
        String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTEifQ.c2lnbmF0dXJl";
        String tampered = Plan.tamper(token);
        assertEquals(token.length(), tampered.length());
        int differences = 0;
        for (int i = 0; i < token.length(); i++) {
            differences += token.charAt(i) == tampered.charAt(i) ? 0 : 1;
        }
        assertEquals(1, differences);
        assertNotEquals(token.charAt(token.length() / 2), tampered.charAt(token.length() / 2));
    }

    @Test
    void durationsAcceptMillisecondsSecondsAndMinutesOnly() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("5s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("5")).getMessage().contains("500ms"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("0s"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("1h"));
    }

    @Test
    void fixedTokensAreHandedOutOnceUnderSingleUseAndRoundRobinOtherwise() {
        var tokens = java.util.List.of(new PartnerToken(com.hubble.kit.reference.Secret.of("a"), Optional.empty()),
                new PartnerToken(com.hubble.kit.reference.Secret.of("b"), Optional.empty()));
        FixedTokens once = new FixedTokens(tokens, true, "x");
        assertEquals("a", once.next().orElseThrow().token().reveal());
        assertEquals("b", once.next().orElseThrow().token().reveal());
        assertEquals(Optional.empty(), once.next());
        FixedTokens cycling = new FixedTokens(tokens, false, "x");
        cycling.next();
        cycling.next();
        assertEquals("a", cycling.next().orElseThrow().token().reveal());
    }

    @Test
    void exhaustedSingleUseTokensAreNamedInPlainWords() {
        var tokens = java.util.List.of(new PartnerToken(com.hubble.kit.reference.Secret.of("a"), Optional.empty()));
        FixedTokens once = new FixedTokens(tokens, true, "a valid token (--token or --token-command)");
        once.next();
        assertEquals("more tokens than the 1 given (each single-use token is used once): a valid token "
                + "(--token or --token-command)", once.describeMissing());
    }
}
