package com.hubble.kit.runner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.hubble.kit.reference.Secret;

/**
 * Most of a value is as good as the value: a partner that echoes the secret without its first and last character, or
 * a log line that cuts a token short, must not reach a report, and an echo of three quarters of a value is an echo.
 */
class RedactorPartialEchoTest {
    private static final String SECRET = "Qx7vLw2RtY9pK4mZ8nB3cD6fGh1J"; // 28 characters, as a partner's might be
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTQyIiwiZXhwIjoxNzY0NTAwMDAwfQ.dGhpc2lzYXNpZ25hdHVyZW9mdGhldG9rZW4xMjM0NTY";

    private static Redactor redactor() {
        return new Redactor().add(Secret.of(SECRET), "secret").add(Secret.of(TOKEN), "token");
    }

    private static Optional<String> echo(Redactor redactor, String headerValue) {
        return redactor.echoIn(new RecordedResponse(401, List.of(new Header("X-Config-Key", headerValue)),
                "{\"userId\":null}", false));
    }

    @Test
    void theSecretWithoutItsEdgesIsRedactedAndIsAnEcho() {
        Redactor redactor = redactor();
        String middle = SECRET.substring(1, SECRET.length() - 1);
        String shown = redactor.redact("X-Config-Key: *" + middle + "*");
        assertFalse(shown.contains(middle.substring(0, 8)), shown);
        assertEquals("X-Config-Key: *[REDACTED:secret]*", shown);
        assertEquals(Optional.of("secret came back in the response header X-Config-Key"), echo(redactor, "*" + middle + "*"));
    }

    @Test
    void aPrefixOfTheSecretIsRedactedFromTwelveCharactersAndAnEchoFromThreeQuarters() {
        Redactor redactor = redactor();
        String prefix24 = SECRET.substring(0, 24);
        assertEquals("key=[REDACTED:secret]...", redactor.redact("key=" + prefix24 + "..."));
        assertTrue(echo(redactor, prefix24 + "...").isPresent());
        String prefix16 = SECRET.substring(0, 16);
        assertEquals("key=[REDACTED:secret]", redactor.redact("key=" + prefix16), "never printed");
        assertEquals(Optional.empty(), echo(redactor, prefix16), "16 of 28 characters: not judged an echo");
        String prefix11 = SECRET.substring(0, 11);
        assertEquals("key=" + prefix11, redactor.redact("key=" + prefix11), "under 12 characters stay");
    }

    @Test
    void aTokenWithoutItsLastCharacterIsRedactedAndIsAnEcho() {
        Redactor redactor = redactor();
        String cut = TOKEN.substring(0, TOKEN.length() - 1);
        assertEquals("{\"hint\":\"tok~[REDACTED:token]\"}", redactor.redact("{\"hint\":\"tok~" + cut + "\"}"));
        Optional<String> found = redactor.echoIn(new RecordedResponse(401, List.of(),
                "{\"userId\":null,\"hint\":\"tok~" + cut + "\"}", false));
        assertEquals(Optional.of("token came back in the response body"), found);
    }

    @Test
    void anotherTokenSharingOnlyTheJwtHeaderIsNotAnEchoThoughTheSharedRunIsHidden() {
        Redactor redactor = redactor();
        String other = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwYXJ0bmVyLXNlc3Npb24ifQ.b3RoZXJzaWduYXR1cmVoZXJlMDAwMDAwMA";
        assertEquals(Optional.empty(), redactor.echoIn(new RecordedResponse(200, List.of(),
                "{\"userId\":\"u-42\",\"session\":\"" + other + "\"}", false)));
        String shown = redactor.redact(other);
        assertFalse(shown.contains("eyJhbGciOiJIUzI1NiJ9.eyJ"), shown);
        assertTrue(shown.endsWith("b3RoZXJzaWduYXR1cmVoZXJlMDAwMDAwMA"), "the rest of the other token stays: " + shown);
    }

    @Test
    void ordinaryTextAndShortRunsAreLeftAlone() {
        Redactor redactor = redactor();
        String text = "userId u-42 email jane@example.com Qx7 eyJhbGciOi {\"userId\":null}";
        assertEquals(text, redactor.redact(text));
        assertEquals(Optional.empty(), echo(redactor, "Qx7vLw2R"), "8 characters of 28: neither");
    }
}
