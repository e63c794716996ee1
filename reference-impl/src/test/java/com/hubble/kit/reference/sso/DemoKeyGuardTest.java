package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The public demo signing key is refused outside the demo however its base64 is spelled. */
class DemoKeyGuardTest {
    private static final String DEMO = SsoConfigLoader.demoSigningKey().reveal();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /** Other spellings of the demo key's 32 bytes. */
    static java.util.List<String> spellingsOfTheDemoKey() {
        String unpadded = DEMO.replace("=", "");
        char last = unpadded.charAt(unpadded.length() - 1);
        // 43 characters carry 258 bits for 256: the last character's two low bits are ignored by decoders.
        int index = ALPHABET.indexOf(last);
        String equivalent = unpadded.substring(0, unpadded.length() - 1) + ALPHABET.charAt(index ^ 0b11);
        // The URL-safe spellings differ only when the key has '+' or '/'; the one published today has neither.
        return java.util.stream.Stream.of(unpadded, equivalent, equivalent + "=", " " + DEMO + "\n",
                        DEMO.replace('+', '-').replace('/', '_'), equivalent.replace('+', '-').replace('/', '_'))
                .filter(spelling -> !spelling.equals(DEMO)).distinct().toList();
    }

    @ParameterizedTest
    @MethodSource("spellingsOfTheDemoKey")
    void refusesEverySpellingOfThePublicDemoKeyOutsideTheDemo(String spelling) {
        assertArrayEquals(Base64.getDecoder().decode(DEMO), SsoConfig.decodeKey(spelling).orElseThrow(),
                "the spelling under test must decode to the demo key's bytes");

        SsoConfigException e = assertThrows(SsoConfigException.class,
                () -> SsoConfig.from(SsoFixtures.testConfig(Map.of("app.sso.signing.key", spelling))));
        assertTrue(e.getMessage().contains("public demo key"), e.getMessage());
    }

    @Test
    void acceptsAKeyInTheUrlSafeAlphabetAsTheSameBytes() {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 0xfb); // encodes with '+' and '/' in the standard alphabet
        String standard = Base64.getEncoder().encodeToString(key);
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        assertTrue(standard.contains("/") && urlSafe.contains("_"), standard + " " + urlSafe);

        SsoConfig config = SsoConfig.from(SsoFixtures.testConfig(Map.of("app.sso.signing.key", urlSafe)));

        assertArrayEquals(key, config.signingKeyBytes());
        assertEquals(standard, config.signingKey().reveal());
    }

    @Test
    void stillRefusesTextThatIsNotBase64InEitherAlphabet() {
        SsoConfigException e = assertThrows(SsoConfigException.class, () -> SsoConfig.from(SsoFixtures.testConfig(
                Map.of("app.sso.signing.key", "abc+def-" + "A".repeat(40)))));
        assertTrue(e.getMessage().contains("not valid base64"), e.getMessage());
    }
}
