package com.hubble.kit.runner.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import com.hubble.kit.reference.Secret;
import org.junit.jupiter.api.Test;

/**
 * {@link Redactor#fragmentOf}: a short text (a process name: 15 characters at most) that is a piece of a registered
 * value, of its hex or of its base64 is recognised; ordinary names are not. Seeded random values, so a failure
 * names a case that can be replayed.
 */
class RedactorFragmentTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Test
    void everyPieceOfAValueOrOfItsHexOrBase64IsAFragment() {
        SplittableRandom random = new SplittableRandom(20261130L);
        for (int round = 0; round < 300; round++) {
            String value = randomText(random, 20 + random.nextInt(40));
            Redactor redactor = new Redactor().add(Secret.of(value), "token");
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            List<String> forms = new ArrayList<>();
            forms.add(value);
            forms.add(HexFormat.of().formatHex(bytes));
            forms.add(HexFormat.of().formatHex(bytes).toUpperCase(Locale.ROOT));
            for (int shift = 0; shift < 3; shift++) {
                byte[] shifted = new byte[shift + bytes.length];
                System.arraycopy(bytes, 0, shifted, shift, bytes.length);
                for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                    String encoded = encoder.withoutPadding().encodeToString(shifted);
                    // Only the characters holding the value's bits alone: the edges also hold the text around it.
                    int first = (8 * shift + 5) / 6;
                    int end = 8 * (shift + bytes.length) / 6;
                    forms.add(encoded.substring(first, end));
                }
            }
            for (String form : forms) {
                int length = Redactor.SUBSTRING_MATCH_MIN + random.nextInt(8); // 8..15, as /proc/PID/comm allows
                int start = random.nextInt(form.length() - length + 1);
                String piece = form.substring(start, start + length);
                assertTrue(redactor.fragmentOf(piece), "round " + round + ": '" + piece + "' of " + form);
            }
        }
    }

    @Test
    void ordinaryProcessNamesAndShortPiecesAreNotFragments() {
        SplittableRandom random = new SplittableRandom(7L);
        Redactor redactor = new Redactor();
        for (int i = 0; i < 50; i++) {
            redactor.add(Secret.of(randomText(random, 43)), "token" + i);
        }
        redactor.add(Secret.of("client-secret-0123456789"), "client secret");
        for (String name : List.of("python3", "python3.12", "gunicorn", "uvicorn", "containerd-shim", "node",
                "sleep", "java", "sh", "bash", "kworker/0:1", "timeout", "secret-9876")) {
            assertFalse(redactor.fragmentOf(name), name);
        }
        assertTrue(redactor.fragmentOf("client-secret-0"), "a 15-character head of the client secret");
        assertTrue(redactor.fragmentOf("client-s"), "an 8-character head of the client secret");
        assertFalse(redactor.fragmentOf("client-"), "under 8 characters: too short to tell");
    }

    private static String randomText(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
