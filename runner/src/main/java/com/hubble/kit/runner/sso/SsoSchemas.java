package com.hubble.kit.runner.sso;

import java.util.List;

import com.hubble.kit.schemas.Schemas;

/** Validates /sso bodies against the kit's JSON Schemas (sso-response, sso-rejection); violations as text. */
final class SsoSchemas {
    private SsoSchemas() {
    }

    static List<String> violations(String schema, String body) {
        return Schemas.validate(schema, body).stream()
                .map(v -> (v.instanceLocation().isEmpty() ? "/" : v.instanceLocation()) + ": " + v.message())
                .toList();
    }
}
