package com.hubble.kit.runner.sso;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Header;
import com.hubble.kit.runner.report.RecordedRequest;
import com.hubble.kit.runner.report.RecordedResponse;
import com.hubble.kit.runner.report.TransportFailure;
import com.hubble.kit.runner.sso.probe.Observed;

/** Hand-recorded exchanges for unit tests of checks: no server, no I/O. */
final class Recorded {
    static final String PROFILE = "{\"userId\":\"u-1\",\"email\":\"a@example.com\",\"firstName\":\"A\","
            + "\"lastName\":\"B\",\"phoneNumber\":\"123\",\"cohorts\":[\"x\"]}";
    static final String REJECTION = "{\"userId\":null}";

    private Recorded() {
    }

    static Exchange json(int status, String body, String... headerPairs) {
        return response(status, "application/json", body, headerPairs);
    }

    static Exchange response(int status, String contentType, String body, String... headerPairs) {
        List<Header> headers = new ArrayList<>();
        if (contentType != null) {
            headers.add(new Header("content-type", contentType));
        }
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(new Header(headerPairs[i], headerPairs[i + 1]));
        }
        return new Exchange("recorded", request(), new RecordedResponse(status, headers, body, false), Duration.ofMillis(3));
    }

    static Exchange timeout() {
        return new Exchange("recorded", request(),
                new TransportFailure(TransportFailure.Kind.TIMEOUT, "no complete response within 5s"), Duration.ofSeconds(5));
    }

    static Observed of(Exchange... exchanges) {
        return Observed.of(exchanges);
    }

    static Observed declaring(String userId, Exchange... exchanges) {
        return new Observed(List.of(exchanges), Optional.of(userId));
    }

    private static RecordedRequest request() {
        return new RecordedRequest("POST", "http://127.0.0.1:1/sso",
                List.of(new Header("X-Hubble-Secret", "[REDACTED:secret]")), "{\"token\":\"[REDACTED:token]\"}", 30);
    }
}
