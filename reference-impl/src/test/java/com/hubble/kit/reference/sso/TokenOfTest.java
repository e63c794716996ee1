package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The body rule of POST /sso, on the streaming reader: exactly one JSON object with a non-empty string token. */
class TokenOfTest {

    private static String tokenOf(String body) {
        return SsoService.tokenOf(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheTokenAndIgnoresOtherFieldsOfAnyShape() {
        assertEquals("abc", tokenOf("{\"a\":{\"b\":[1,{\"c\":null}]},\"token\":\"abc\",\"z\":[true,\"x\"]}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "null", "[]", "\"token\"", "{}", "{\"token\":\"\"}", "{\"token\":1}", "{\"token\":null}",
            "{\"token\":{\"v\":\"abc\"}}", "{\"token\":[\"abc\"]}",
            "{\"token\":\"a\",\"token\":\"b\"}", "{\"token\":\"a\",\"x\":{\"k\":1,\"k\":2}}",
            "{\"token\":\"abc\"}{}", "{\"token\":\"abc\"} x", "{\"token\":\"abc\"", "{\"token\":\"abc\",}",
            "{\"x\":{\"token\":\"abc\"}}"})
    void refusesEverythingButOneObjectWithOneNonEmptyStringToken(String body) {
        assertNull(tokenOf(body), body);
    }

    @Test
    void refusesInvalidUtf8EvenInAnIgnoredField() {
        byte[] body = "{\"x\":\"\u00e9\",\"token\":\"abc\"}".getBytes(StandardCharsets.UTF_8);
        body[6] = (byte) 0xC3; // the lead byte of the e-acute
        body[7] = (byte) 0x28; // not a continuation byte: invalid UTF-8, the JSON around it intact
        assertNull(SsoService.tokenOf(body));
    }
}
