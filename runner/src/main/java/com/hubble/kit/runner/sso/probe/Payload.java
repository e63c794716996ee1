package com.hubble.kit.runner.sso.probe;

/** The request body of a step. */
public sealed interface Payload {

    String describe();

    /** {@code {"token": <token>}} plus optional extra JSON members (written verbatim after the token). */
    record TokenField(TokenRef token, String extraMembers) implements Payload {
        public TokenField(TokenRef token) {
            this(token, "");
        }

        public String describe() {
            return "{\"token\": " + token.describe() + "}" + (extraMembers.isEmpty() ? "" : " plus " + extraMembers);
        }
    }

    /** A body sent exactly as written (malformed JSON, wrong types, {}). */
    record Raw(String body, String description) implements Payload {
        public String describe() {
            return description;
        }
    }

    record None() implements Payload {
        public String describe() {
            return "no body";
        }
    }
}
