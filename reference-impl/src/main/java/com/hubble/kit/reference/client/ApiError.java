package com.hubble.kit.reference.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Hubble's error envelope, as the API sent it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiError(String id, String code, String message, String requestId, String debugMessage,
                       List<SubError> subErrors) {
    public ApiError {
        subErrors = subErrors == null ? List.of() : List.copyOf(subErrors);
    }

    /** A field-level detail of an error. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SubError(String fieldName, String message, String debugMessage) {
    }
}
