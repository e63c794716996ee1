package com.hubble.kit.runner.sso.probe;

import java.util.Locale;
import java.util.Optional;

/** Which X-Hubble-Secret value a request carries: the real one, none, or a near miss. */
public enum SecretForm {
    CORRECT("the correct secret"),
    MISSING("no secret header"),
    EMPTY("an empty secret"),
    WRONG_LAST("the secret with its last character changed (same length)"),
    WRONG_FIRST("the secret with its first character changed (same length)"),
    TRUNCATED("the secret without its last character"),
    UPPER_CASED("the secret upper-cased"),
    PADDED("the secret followed by spaces and padding");

    private final String description;

    SecretForm(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The header value to send, or empty for no header. */
    public Optional<String> apply(String secret) {
        return switch (this) {
            case CORRECT -> Optional.of(secret);
            case MISSING -> Optional.empty();
            case EMPTY -> Optional.of("");
            case WRONG_LAST -> Optional.of(secret.substring(0, secret.length() - 1) + other(secret.charAt(secret.length() - 1)));
            case WRONG_FIRST -> Optional.of(other(secret.charAt(0)) + secret.substring(1));
            case TRUNCATED -> Optional.of(secret.substring(0, secret.length() - 1));
            // A secret without lower-case letters cannot be upper-cased into a different value: swap case instead.
            case UPPER_CASED -> Optional.of(!secret.toUpperCase(Locale.ROOT).equals(secret) ? secret.toUpperCase(Locale.ROOT)
                    : !secret.toLowerCase(Locale.ROOT).equals(secret) ? secret.toLowerCase(Locale.ROOT)
                    : WRONG_FIRST.apply(secret).orElseThrow());
            // Leading/trailing whitespace is not part of a header value (RFC 9110 5.5), so pad inside it.
            case PADDED -> Optional.of(secret + "   pad");
        };
    }

    /** A different printable character of the same kind, so the value keeps its shape. */
    static char other(char c) {
        if (Character.isDigit(c)) {
            return c == '9' ? '0' : (char) (c + 1);
        }
        if (c >= 'a' && c <= 'z') {
            return c == 'z' ? 'a' : (char) (c + 1);
        }
        if (c >= 'A' && c <= 'Z') {
            return c == 'Z' ? 'A' : (char) (c + 1);
        }
        return c == 'x' ? 'y' : 'x';
    }
}
