package com.hubble.kit.runner.report;

import java.time.Duration;
import java.util.Optional;

/**
 * One request and what came back, recorded by a probe: the request redacted as sent, the reply raw so checks judge
 * what the partner sent; the run redacts each outcome's evidence before anything renders it.
 */
public record Exchange(String label, RecordedRequest request, Reply reply, Duration elapsed) {

    public Optional<RecordedResponse> response() {
        return reply instanceof RecordedResponse response ? Optional.of(response) : Optional.empty();
    }

    public Optional<TransportFailure> failure() {
        return reply instanceof TransportFailure failure ? Optional.of(failure) : Optional.empty();
    }

    /** One line for messages: "label: 401 application/json in 12 ms" or "label: TIMEOUT ...". */
    public String summary() {
        String what = switch (reply) {
            case RecordedResponse r -> r.status() + r.mediaType().map(t -> " " + t).orElse(" (no Content-Type)");
            case TransportFailure f -> f.kind().reported() + " (" + f.message() + ")";
        };
        return label + ": " + what + " in " + elapsed.toMillis() + " ms";
    }
}
