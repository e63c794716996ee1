package com.hubble.kit.runner.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A response as received, unredacted: checks judge what the partner sent, and the run redacts each outcome
 * (message and evidence) before anything renders it. The body holds at most the kit's read cap (1 MiB);
 * {@code truncated} says the partner sent more.
 */
public record RecordedResponse(int status, List<Header> headers, String body, boolean truncated) implements Reply {
    public RecordedResponse {
        headers = List.copyOf(headers);
    }

    /** The first value of a header; names compare case-insensitively, as HTTP says. */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    /** The media type without parameters, lower-cased ("application/json; charset=utf-8" -> "application/json"). */
    public Optional<String> mediaType() {
        return header("Content-Type").map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT));
    }

    public boolean isClientError() {
        return status >= 400 && status < 500;
    }
}
