package com.hubble.kit.runner.sso.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.access.TokenSource;
import com.hubble.kit.runner.report.Redactor;

/**
 * The kit's junk tokens (ProbeContext#randomToken): the length asked, the base64url alphabet, a different value on
 * every call from its first characters to its last, and the part registered for redaction redacted wherever it goes.
 */
class RandomTokenTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static void withContext(java.util.function.BiConsumer<ProbeContext, Redactor> body) {
        Redactor redactor = new Redactor();
        try (SsoClient client = new SsoClient(Duration.ofSeconds(1), false, redactor)) {
            body.accept(new ProbeContext(URI.create("http://127.0.0.1:1"), client, Secret.of("random-token-secret-0123"),
                    TokenSource.none("a"), TokenSource.none("b"), Settings.defaults()), redactor);
        }
    }

    @Test
    void everyLengthTheChecksAskForHasThatLengthAndTheUrlSafeAlphabet() {
        withContext((context, redactor) -> {
            for (int length : new int[]{4, 43, ProbeContext.WHOLE_RANDOM_TOKEN, ProbeContext.WHOLE_RANDOM_TOKEN + 1,
                    ProbeContext.WHOLE_RANDOM_TOKEN + 4, 64 * 1024, 1024 * 1024}) {
                String token = context.randomToken(length);
                assertEquals(length, token.length(), "length " + length);
                assertTrue(token.startsWith("hk-"), token.substring(0, 3));
                for (int i = 3; i < token.length(); i++) {
                    assertTrue(ALPHABET.indexOf(token.charAt(i)) >= 0, "character " + i + " of a " + length + " token");
                }
            }
        });
    }

    @Test
    void aLongTokenDiffersFromTheNextInItsRegisteredHeadAndInItsFiller() {
        withContext((context, redactor) -> {
            int length = 1024 * 1024;
            Set<String> heads = new HashSet<>();
            Set<String> tails = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                String token = context.randomToken(length);
                heads.add(token.substring(0, ProbeContext.RANDOM_TOKEN_PREFIX));
                tails.add(token.substring(length - 64));
                // The filler is not one value repeated: a fixed or zero-seeded filler would be.
                assertNotEquals(token.substring(length / 2, length / 2 + 64), token.substring(length - 64));
            }
            assertEquals(4, heads.size(), "every long token's registered head is fresh");
            assertEquals(4, tails.size(), "every long token's filler is fresh");
        });
    }

    @Test
    void theRegisteredPartIsRedactedAndAnEchoOfALongTokenIsTooAsItsHeadIsInIt() {
        withContext((context, redactor) -> {
            String short43 = context.randomToken(43);
            String long1m = context.randomToken(1024 * 1024);
            String shown = redactor.redact("echo " + short43 + " and " + long1m.substring(0, 300) + " end");
            assertFalse(shown.contains(short43), shown);
            assertFalse(shown.contains(long1m.substring(0, ProbeContext.RANDOM_TOKEN_PREFIX)), shown);
            assertTrue(shown.contains("[REDACTED:token]"), shown);
        });
    }
}
