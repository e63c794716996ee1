package com.hubble.kit.runner.report;

import java.util.List;

/** A request as the kit sent it, secrets already redacted; the body is a preview of at most a few KiB. */
public record RecordedRequest(String method, String url, List<Header> headers, String body, long bodyBytes) {
    public RecordedRequest {
        headers = List.copyOf(headers);
    }
}
