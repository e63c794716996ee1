package com.hubble.kit.reference.sso;

import static com.hubble.kit.reference.sso.SsoFixtures.CURRENT;
import static com.hubble.kit.reference.sso.SsoFixtures.REJECTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

/** Hundreds of generated malformed bodies, from a fixed seed so that a failure reproduces. */
@ServerTest
class MalformedBodyPropertyTest {
    private static final SsoComponents COMPONENTS = SsoFixtures.components();
    private static final long SEED = 20261123L;
    private static final int CASES = 400;
    private final Http1Client client;

    MalformedBodyPropertyTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder builder) {
        Main.routing(builder, COMPONENTS);
    }

    @Test
    void everyMalformedBodyGetsA400WithTheDocumentedRejectionAndNeverA5xx() {
        Random random = new Random(SEED);
        String token = COMPONENTS.tokens().mint(SsoFixtures.USER).token().reveal();
        for (int i = 0; i < CASES; i++) {
            byte[] body = malformed(random, token);
            SsoFixtures.Reply reply = SsoFixtures.reply(client.post("/sso")
                    .header(SsoService.SECRET_HEADER, CURRENT.reveal())
                    .header(io.helidon.http.HeaderNames.CONTENT_TYPE, "application/json")
                    .submit(body));
            String evidence = "case " + i + " (seed " + SEED + "): " + printable(body) + " -> " + reply;
            assertTrue(reply.status() < 500, evidence);
            assertEquals(400, reply.status(), evidence);
            assertEquals(REJECTION, reply.body(), evidence);
            assertTrue(SsoFixtures.isJson(reply), evidence);
            assertFalse(reply.body().contains(token), evidence);
        }
    }

    /** One malformed body: each generator breaks the "JSON object with a non-empty string token" rule differently. */
    static byte[] malformed(Random random, String token) {
        String valid = "{\"token\":\"" + token + "\"}";
        return switch (random.nextInt(12)) {
            case 0 -> valid.substring(0, random.nextInt(valid.length())).getBytes(StandardCharsets.UTF_8); // truncated
            case 1 -> randomBytes(random);
            case 2 -> ("{\"token\":" + scalar(random) + "}").getBytes(StandardCharsets.UTF_8); // non-string token
            case 3 -> ("{\"" + randomWord(random) + "x\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8); // no token
            case 4 -> scalar(random).getBytes(StandardCharsets.UTF_8); // not an object
            case 5 -> ("[" + valid + "]").getBytes(StandardCharsets.UTF_8); // array
            case 6 -> (valid + (random.nextBoolean() ? "}" : " {}")).getBytes(StandardCharsets.UTF_8); // trailing
            case 7 -> "{\"token\":\"\"}".getBytes(StandardCharsets.UTF_8); // empty token
            case 8 -> ("{\"token\":{\"value\":\"" + token + "\"}}").getBytes(StandardCharsets.UTF_8); // object token
            case 9 -> "[".repeat(1 + random.nextInt(3000)).getBytes(StandardCharsets.UTF_8); // deep nesting
            case 10 -> invalidUtf8(random, token);
            default -> mutate(random, valid).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String scalar(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "null";
            case 1 -> Integer.toString(random.nextInt());
            case 2 -> Boolean.toString(random.nextBoolean());
            case 3 -> "[]";
            case 4 -> Double.toString(random.nextDouble());
            default -> "[\"a\",\"b\"]";
        };
    }

    private static String randomWord(Random random) {
        StringBuilder word = new StringBuilder();
        int length = 1 + random.nextInt(10);
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(200)];
        random.nextBytes(bytes);
        bytes[0] = (byte) '{'; // start like an object, so the parser has to work to reject it
        bytes[bytes.length - 1] = (byte) 0xFF; // and never end validly
        return bytes;
    }

    private static byte[] invalidUtf8(Random random, String token) {
        byte[] prefix = "{\"token\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = (token + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) (0xC0 | random.nextInt(2)); // overlong lead byte, never valid
        body[prefix.length + 1] = (byte) 0x80;
        System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);
        return body;
    }

    /** Breaks the structure of a valid body: deletes a structural character or inserts a stray one. */
    private static String mutate(Random random, String valid) {
        List<Integer> structural = new ArrayList<>();
        for (int i = 0; i < valid.length(); i++) {
            if ("{}\":".indexOf(valid.charAt(i)) >= 0) {
                structural.add(i);
            }
        }
        int at = structural.get(random.nextInt(structural.size()));
        // Inserting before the value's closing quote would only change the token's text, not break the JSON.
        boolean insideValue = at == valid.length() - 2;
        return random.nextBoolean() || insideValue
                ? valid.substring(0, at) + valid.substring(at + 1)
                : valid.substring(0, at) + ",]" + valid.substring(at);
    }

    private static String printable(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
