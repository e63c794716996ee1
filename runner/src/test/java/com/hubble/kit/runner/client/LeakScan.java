package com.hubble.kit.runner.client;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Looks for any 12-character piece of a value's plain, URL, base64 (3 alignments, both alphabets) or hex form. */
final class LeakScan {
    private LeakScan() {
    }

    static void assertNoForm(String text, List<String> values) {
        for (String value : values) {
            for (String form : forms(value)) {
                for (int i = 0; i + 12 <= form.length(); i += 4) {
                    String piece = form.substring(i, i + 12);
                    int at = text.indexOf(piece);
                    if (at >= 0) {
                        fail("leaked " + piece + " (of " + form + ") at: ..."
                                + text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 72)) + "...");
                    }
                }
            }
        }
    }

    static List<String> forms(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        List<String> forms = new ArrayList<>(List.of(value, URLEncoder.encode(value, StandardCharsets.UTF_8),
                HexFormat.of().formatHex(bytes), HexFormat.of().withUpperCase().formatHex(bytes)));
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + bytes.length];
            System.arraycopy(bytes, 0, shifted, shift, bytes.length);
            int skip = new int[] {0, 2, 3}[shift]; // the characters that hold the prefix's bits
            String std = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            String url = Base64.getUrlEncoder().withoutPadding().encodeToString(shifted);
            forms.add(std.substring(skip, std.length() - 2)); // the last characters hold bits of what follows
            forms.add(url.substring(skip, url.length() - 2));
        }
        return forms;
    }

    /** The encodings a hostile partner echoes: plain, base64, base64url, hex. */
    static String echo(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return "got " + value + " b64=" + Base64.getEncoder().encodeToString(bytes) + " b64url="
                + Base64.getUrlEncoder().encodeToString(bytes) + " hex=" + HexFormat.of().formatHex(bytes);
    }
}
