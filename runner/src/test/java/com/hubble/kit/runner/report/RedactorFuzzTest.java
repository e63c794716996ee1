package com.hubble.kit.runner.report;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import com.hubble.kit.reference.Secret;

/**
 * Coverage-guided fuzzing of the run's redactor: text holding the secret and a token, each in one of the forms a
 * partner may echo it in (the reversible escapes, base64 alone or inside a blob, hex), between arbitrary text, never
 * comes out of {@link Redactor#redact(String)} holding either.
 * Seeds: src/test/resources/.../RedactorFuzzTestInputs/; {@code bench/fuzz/run.sh} fuzzes it.
 */
class RedactorFuzzTest {
    /** Characters secrets are made of: the ones every encoding changes, and ordinary ones. */
    private static final String SECRET_CHARS = "/+=&<>\"' %\\-_.~:;?#abcdefXYZ0123456789";
    private static final String TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~+/=";

    /** The forms whose absence is asserted: every form (issue 9, item 2). */
    private static final Set<Form> REDACTED_FORMS = EnumSet.allOf(Form.class);

    /** How a partner may write a value back. */
    enum Form {
        PLAIN {
            String encode(String v) {
                return v;
            }
        },
        JSON_ESCAPED {
            String encode(String v) {
                return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/");
            }
        },
        JSON_UNICODE {
            String encode(String v) {
                return escapeEach(v, c -> String.format(Locale.ROOT, "\\u%04x", c));
            }
        },
        URL_UPPER {
            String encode(String v) {
                return URLEncoder.encode(v, StandardCharsets.UTF_8);
            }
        },
        URL_LOWER {
            String encode(String v) {
                return escapeEach(v, c -> String.format(Locale.ROOT, "%%%02x", c));
            }
        },
        HTML_HEX {
            String encode(String v) {
                return escapeEach(v, c -> String.format(Locale.ROOT, "&#x%X;", c));
            }
        },
        HTML_DECIMAL {
            String encode(String v) {
                return escapeEach(v, c -> "&#" + (int) c + ";");
            }
        },
        HTML_NAMED {
            String encode(String v) {
                return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
            }
        },
        BASE64 {
            String encode(String v) {
                return Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8));
            }
        },
        BASE64_URL_UNPADDED {
            String encode(String v) {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(v.getBytes(StandardCharsets.UTF_8));
            }
        },
        /** Inside a longer base64 blob, at a byte alignment that depends on the value's length. */
        BASE64_INSIDE {
            String encode(String v) {
                return Base64.getEncoder().encodeToString((prefix(v) + v + "&n=1").getBytes(StandardCharsets.UTF_8));
            }

            /** The blob's characters that depend only on the value's bytes: what must not survive. */
            @Override
            String evidence(String v) {
                int p = prefix(v).length();
                return encode(v).substring((8 * p + 5) / 6, 8 * (p + v.getBytes(StandardCharsets.UTF_8).length) / 6);
            }

            private static String prefix(String v) {
                return List.of("s=", "se=", "sec=").get(v.length() % 3);
            }
        },
        HEX_LOWER {
            String encode(String v) {
                return HexFormat.of().formatHex(v.getBytes(StandardCharsets.UTF_8));
            }
        },
        HEX_UPPER {
            String encode(String v) {
                return HexFormat.of().withUpperCase().formatHex(v.getBytes(StandardCharsets.UTF_8));
            }
        };

        abstract String encode(String value);

        /** What must not appear in redacted text: the whole encoded form, unless it holds more than the value. */
        String evidence(String value) {
            return encode(value);
        }

        private static String escapeEach(String value, java.util.function.IntFunction<String> escape) {
            StringBuilder out = new StringBuilder();
            value.chars().forEach(c -> out.append(Character.isLetterOrDigit(c) ? String.valueOf((char) c) : escape.apply(c)));
            return out.toString();
        }
    }

    private static String valueOf(FuzzedDataProvider data, String alphabet, int min, int max) {
        int length = data.consumeInt(min, max);
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(data.consumeInt(0, alphabet.length() - 1)));
        }
        return value.toString();
    }

    /** Non-ASCII and control characters as \\uXXXX, for a readable failure message. */
    private static String visible(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return out.toString();
    }

    @FuzzTest(maxDuration = "30s")
    void redactedTextHoldsNeitherTheSecretNorATokenInAnyForm(FuzzedDataProvider data) {
        String secret = valueOf(data, SECRET_CHARS, 8, 64);
        String token = valueOf(data, TOKEN_CHARS, 8, 64);
        Form secretForm = data.pickValue(Form.values());
        Form tokenForm = data.pickValue(Form.values());
        Redactor redactor = new Redactor().add(Secret.of(secret), "secret").add(Secret.of(token), "token");
        String text = data.consumeString(300) + secretForm.encode(secret) + data.consumeString(300)
                + tokenForm.encode(token) + data.consumeRemainingAsString();

        String redacted = redactor.redact(text);

        for (Form form : REDACTED_FORMS) {
            assertFalse(redacted.contains(form.evidence(secret)), () -> "the secret, " + form + ", survived redaction: "
                    + secret + " in " + visible(text) + " -> " + visible(redacted));
            assertFalse(redacted.contains(form.evidence(token)), () -> "a token, " + form + ", survived redaction: "
                    + token + " in " + visible(text) + " -> " + visible(redacted));
        }
    }
}
