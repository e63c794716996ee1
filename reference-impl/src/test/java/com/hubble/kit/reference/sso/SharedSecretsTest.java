package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import com.hubble.kit.reference.Secret;
import org.junit.jupiter.api.Test;

/** Where a shared secret is recognised in what a caller writes: plain, hex, base64 inside longer text. */
class SharedSecretsTest {
    private static final String SECRET = "rotate-me-0123456789-äö";
    private final SharedSecrets secrets = new SharedSecrets(List.of(Secret.of(SECRET)));

    @Test
    void findsTheSecretPlainHexAndBase64AtEveryOffsetInEitherAlphabet() {
        byte[] bytes = SECRET.getBytes(StandardCharsets.UTF_8);
        assertTrue(secrets.appearsIn("a/" + SECRET + "/b"));
        assertTrue(secrets.appearsIn("id-" + HexFormat.of().formatHex(bytes)));
        assertTrue(secrets.appearsIn("ID-" + HexFormat.of().formatHex(bytes).toUpperCase(Locale.ROOT)));
        for (String before : List.of("", "a", "ab", "abc")) {
            for (String after : List.of("", "z", "zz")) {
                byte[] text = (before + SECRET + after).getBytes(StandardCharsets.UTF_8);
                assertTrue(secrets.appearsIn("x" + Base64.getEncoder().encodeToString(text)), before + "|" + after);
                assertTrue(secrets.appearsIn(Base64.getUrlEncoder().withoutPadding().encodeToString(text)),
                        before + "|" + after);
            }
        }
    }

    @Test
    void ordinaryValuesAndOtherSecretsAreNotTakenForIt() {
        assertFalse(secrets.appearsIn("/sso"));
        assertFalse(secrets.appearsIn("239774a8-f59c-496c-bb52-ceb683d60af3"));
        assertFalse(secrets.appearsIn(null));
        assertFalse(secrets.appearsIn(SECRET.substring(0, SECRET.length() - 1)));
        assertFalse(secrets.appearsIn(Base64.getEncoder().encodeToString(
                "another-secret-0123456789".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aReplacedListIsLookedForFromThenOn() {
        SharedSecrets rotating = new SharedSecrets(List.of(Secret.of(SECRET)));
        rotating.replace(List.of(Secret.of("the-next-secret-abcdefgh")));

        assertTrue(rotating.appearsIn("x-the-next-secret-abcdefgh"));
        assertFalse(rotating.appearsIn("x-" + SECRET));
    }
}
