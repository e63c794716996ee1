package com.hubble.kit.reference.sandbox;

import java.util.List;

/** Hubble's error body: {@code {id, code, message, requestId, debugMessage, subErrors}}. */
public record ErrorEnvelope(String id, String code, String message, String requestId, String debugMessage,
                            List<SubError> subErrors) {
    public ErrorEnvelope {
        subErrors = subErrors == null ? List.of() : List.copyOf(subErrors);
    }

    /** One field-level problem inside an error. */
    public record SubError(String fieldName, String message, String debugMessage) {
    }
}
