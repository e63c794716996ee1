package com.hubble.kit.runner.sso.probe;

/** Which token a step sends; resolved to a real value only when the probe runs. */
public sealed interface TokenRef {

    String describe();

    /** A fresh valid token; steps of one plan with the same slot share it (replay, before-token). */
    record Valid(int slot) implements TokenRef {
        public String describe() {
            return "a fresh valid token";
        }
    }

    record Expired() implements TokenRef {
        public String describe() {
            return "an expired token";
        }
    }

    /** A random token the partner never issued; {@code length} characters. */
    record Random(int length) implements TokenRef {
        public String describe() {
            return length > 1024 ? "a random " + (length / 1024) + " KiB token" : "a random token";
        }
    }

    /** The valid token of a slot with one character in its middle changed. */
    record Tampered(int slot) implements TokenRef {
        public String describe() {
            return "a valid token with one character changed";
        }
    }

    /** A fixed, non-secret token (injection strings). */
    record Literal(String value, String description) implements TokenRef {
        public String describe() {
            return description;
        }
    }
}
