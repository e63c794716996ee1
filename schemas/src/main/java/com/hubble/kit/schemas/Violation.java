package com.hubble.kit.schemas;

import java.util.Objects;

/**
 * One way a JSON payload breaks a schema: where (a JSON pointer into the payload, "" for the root),
 * which keyword it broke ("type", "required", ..., or "json" when the payload is not JSON at all), and why.
 */
public record Violation(String instanceLocation, String keyword, String message) {

    public Violation {
        Objects.requireNonNull(instanceLocation, "instanceLocation");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(message, "message");
    }

    /** One line for a report: {@code /userId: type: string expected, number found}. */
    @Override
    public String toString() {
        return (instanceLocation.isEmpty() ? "(root)" : instanceLocation) + ": " + keyword + ": " + message;
    }
}
