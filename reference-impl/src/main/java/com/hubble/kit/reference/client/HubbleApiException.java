package com.hubble.kit.reference.client;

import java.util.Optional;

/**
 * A call to Hubble failed: the HTTP status (0 when no response arrived), Hubble's error envelope when it sent one,
 * and the X-REQUEST-ID we sent, which is what Hubble support asks for. Never carries a token or secret.
 */
public final class HubbleApiException extends RuntimeException {
    private final String call;
    private final int status;
    private final String requestId;
    private final transient Optional<ApiError> error;
    private final transient Optional<java.time.Duration> retryAfter;

    public HubbleApiException(String call, int status, String requestId, Optional<ApiError> error, String detail,
                              Throwable cause) {
        this(call, status, requestId, error, Optional.empty(), detail, cause);
    }

    public HubbleApiException(String call, int status, String requestId, Optional<ApiError> error,
                              Optional<java.time.Duration> retryAfter, String detail, Throwable cause) {
        super(describe(call, status, requestId, error, detail), cause);
        this.call = call;
        this.status = status;
        this.requestId = requestId;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    private static String describe(String call, int status, String requestId, Optional<ApiError> error,
                                   String detail) {
        StringBuilder text = new StringBuilder(call);
        text.append(status == 0 ? " failed" : " answered " + status);
        error.ifPresent(e -> text.append(": ").append(e.code()).append(' ').append(e.message()));
        if (detail != null && !detail.isBlank()) {
            text.append(" (").append(detail).append(')');
        }
        return text.append(" [X-REQUEST-ID ").append(requestId).append(']').toString();
    }

    /** "GET /v1/partners/products", without query or credentials. */
    public String call() {
        return call;
    }

    public int status() {
        return status;
    }

    public String requestId() {
        return requestId;
    }

    public Optional<ApiError> error() {
        return error;
    }

    /** How long Hubble asked us to wait (Retry-After seconds on a 429 or 503), when it said. */
    public Optional<java.time.Duration> retryAfter() {
        return retryAfter;
    }
}
