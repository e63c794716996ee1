package com.hubble.kit.reference.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.hubble.kit.reference.Secret;

/**
 * Finds a client secret in what a client sent outside the login's JSON body (a URL, a header), in the forms a client
 * plausibly sends it: as it is; %-encoded (any characters, either hex case; '+' or %20 for a space); base64 or
 * base64url of any text holding it, so of the secret alone and of "clientId:clientSecret" as HTTP Basic sends it, also
 * when that base64 was %-encoded. One linear pass per form: partner bytes are hostile.
 */
final class SecretFinder {
    /**
     * A shorter secret could be ordinary text of a URL or header, so it is not looked for (no false leak). The sandbox
     * hands clients its fixed demo secret test-client-secret (18 characters), which no compliant request holds.
     */
    static final int MIN_LENGTH = 8;
    private final List<Needle> needles;

    /** The secret and the base64 characters that hold only its bits, at each byte offset, in both alphabets. */
    private record Needle(String plain, List<String> base64Cores) {
    }

    SecretFinder(List<Secret> secrets) {
        needles = secrets.stream().filter(s -> s.reveal().length() >= MIN_LENGTH)
                .map(s -> new Needle(s.reveal(), s.base64Cores())).toList();
    }

    boolean foundIn(String text) {
        if (text == null || text.isEmpty() || needles.isEmpty()) {
            return false;
        }
        // A '+' is a space in a query (form encoding) but itself in base64 or a header: both readings are tried.
        Set<String> forms = new LinkedHashSet<>(List.of(text, percentDecoded(text, true), percentDecoded(text, false)));
        for (String form : forms) {
            for (Needle needle : needles) {
                if (form.contains(needle.plain())) {
                    return true;
                }
                for (String core : needle.base64Cores()) {
                    if (form.contains(core)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Decodes every %XX (malformed ones stay as they are) and, if asked, '+' as a space; bytes read as UTF-8. */
    static String percentDecoded(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int high = i + 2 < n ? hex(text.charAt(i + 1)) : -1;
            int low = i + 2 < n ? hex(text.charAt(i + 2)) : -1;
            if (c == '%' && high >= 0 && low >= 0) {
                bytes.write(high * 16 + low);
                i += 2;
                continue;
            }
            flush(bytes, out);
            out.append(c == '+' && plusIsSpace ? ' ' : c);
        }
        flush(bytes, out);
        return out.toString();
    }

    private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
        if (bytes.size() > 0) {
            out.append(bytes.toString(StandardCharsets.UTF_8));
            bytes.reset();
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
