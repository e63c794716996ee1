package com.hubble.kit.runner.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A small, varied report: every status, evidence with a response and with a timeout, a NUL in a body. */
public final class ReportFixtures {
    private ReportFixtures() {
    }

    public static CheckResult result(String id, Severity severity, String area, Outcome outcome) {
        return new CheckResult(new CheckInfo(id, "Title of " + id, severity, area, "The rule " + id + " enforces.",
                "What the kit sends for " + id + ".", "How to fix " + id + "."), outcome, 5);
    }

    public static Exchange exchange(int status, String body) {
        return new Exchange("random token", new RecordedRequest("POST", "http://127.0.0.1:8080/sso",
                List.of(new Header("X-Hubble-Secret", Redactor.marker("secret"))),
                "{\"token\":\"" + Redactor.marker("token") + "\"}", 40),
                new RecordedResponse(status, List.of(new Header("content-type", "application/json")), body, false),
                Duration.ofMillis(12));
    }

    public static Exchange timeout() {
        return new Exchange("valid token", new RecordedRequest("POST", "http://127.0.0.1:8080/sso", List.of(), "", 0),
                new TransportFailure(TransportFailure.Kind.TIMEOUT, "no complete response within 5s"), Duration.ofSeconds(5));
    }

    public static Report mixed() {
        List<CheckResult> results = List.of(
                result("sso.valid.status", Severity.MUST, "Valid token", Outcome.fail("expected 200, timed out", List.of(timeout()))),
                result("sso.valid.profile", Severity.SHOULD, "Valid token", Outcome.pass("present", List.of())),
                result("sso.token.random", Severity.MUST, "Token rejection",
                        Outcome.fail("expected 401 or 400, got 200 <script>alert(1)</script>",
                                List.of(exchange(200, "{\"userId\":\"u-1\",\"note\":\"nul\u0000here\"}")))),
                result("sso.token.expired", Severity.MUST, "Token rejection", Outcome.missing("an expired token (--expired-token)")),
                result("sso.token.replay", Severity.INFO, "Token rejection", Outcome.warn("replay accepted", List.of())),
                result("sso.transport.https", Severity.MUST, "Transport", Outcome.notApplicable("loopback")),
                result("sso.perf.latency", Severity.SHOULD, "Performance", new Outcome.Pass("p95 12 ms", List.of(),
                        List.of(Measurement.of("valid.p95", 12.5, "ms")))),
                result("sso.perf.timing-leak", Severity.INFO, "Performance", Outcome.error("could not judge")));
        return Report.of("sso", "http://127.0.0.1:8080", Instant.parse("2026-11-23T11:30:00Z"), 4321, false, results,
                List.of("a note"));
    }

    public static Optional<String> none() {
        return Optional.empty();
    }
}
