package com.hubble.kit.runner.report;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import com.hubble.kit.reference.Secret;

/**
 * Coverage-guided fuzzing of the run's redactor: text holding the secret and a token, each in one of the forms a
 * partner may echo it in, between arbitrary text, never comes out of {@link Redactor#redact(String)} holding either.
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
        };

        abstract String encode(String value);

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
            assertFalse(redacted.contains(form.encode(secret)), () -> "the secret, " + form + ", survived redaction");
            assertFalse(redacted.contains(form.encode(token)), () -> "a token, " + form + ", survived redaction");
        }
    }
}
