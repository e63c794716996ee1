package com.hubble.kit.runner.sso;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Header;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.RecordedRequest;
import com.hubble.kit.runner.report.RecordedResponse;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.TransportFailure;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.RunWide;

/**
 * Coverage-guided fuzzing of the judging of partner responses: every check that judges recorded exchanges gets
 * arbitrary statuses, headers and bodies (a fuzzed piece, repeated up to 256 KiB, so a pattern that is not linear
 * shows) and must return an outcome, never throw, and finish in bounded time.
 */
class JudgingFuzzTest {
    /** Far above what linear work on 256 KiB takes, even on a loaded machine; a quadratic pattern exceeds it. */
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final int MAX_BODY = 256 * 1024;

    @SuppressWarnings("unchecked")
    private static final List<SsoCheck<Observed>> CHECKS = SsoCatalogue.checks(true).stream()
            .filter(c -> c.probe() instanceof Plan || c.probe() instanceof RunWide)
            .map(c -> (SsoCheck<Observed>) c)
            .toList();

    private static int steps(SsoCheck<Observed> check) {
        return check.probe() instanceof Plan plan ? plan.steps().size() : ((RunWide) check.probe()).own().steps().size();
    }

    private static String body(FuzzedDataProvider data) {
        byte[] piece = data.consumeBytes(data.consumeInt(0, 512));
        int times = Math.max(1, Math.min(data.consumeInt(1, 4096), MAX_BODY / Math.max(1, piece.length)));
        // Partner bytes arrive decoded leniently (invalid UTF-8 becomes U+FFFD), as the kit's client does.
        return new String(piece, StandardCharsets.UTF_8).repeat(times);
    }

    private static Exchange exchange(FuzzedDataProvider data, int index) {
        RecordedRequest request = new RecordedRequest("POST", "http://127.0.0.1:1/sso", List.of(), "{}", 2);
        Duration elapsed = Duration.ofMillis(data.consumeInt(0, 10_000));
        if (data.consumeInt(0, 9) == 0) {
            return new Exchange("step " + index, request,
                    new TransportFailure(data.pickValue(TransportFailure.Kind.values()), data.consumeString(80)), elapsed);
        }
        List<Header> headers = new ArrayList<>();
        int count = data.consumeInt(0, 6);
        for (int i = 0; i < count; i++) {
            String name = data.pickValue(new String[]{"Content-Type", "Location", "Cache-Control", "Pragma", "Server",
                    "X-Powered-By", "WWW-Authenticate", "Set-Cookie", data.consumeString(20)});
            headers.add(new Header(name, data.consumeString(200)));
        }
        int status = data.consumeInt(0, 999);
        return new Exchange("step " + index, request,
                new RecordedResponse(status, headers, body(data), data.consumeBoolean()), elapsed);
    }

    @FuzzTest(maxDuration = "30s")
    void everyCheckJudgesArbitraryResponsesWithoutThrowingInBoundedTime(FuzzedDataProvider data) {
        Redactor secrets = new Redactor()
                .add(Secret.of("s3cret/value+with=parts"), "secret")
                .add(Secret.of(data.consumeString(40)), "token");
        Optional<String> declaredUserId = data.consumeBoolean() ? Optional.of(data.consumeString(40)) : Optional.empty();
        List<Exchange> pool = new ArrayList<>();
        int exchanges = data.consumeInt(1, 8);
        for (int i = 0; i < exchanges; i++) {
            pool.add(exchange(data, i));
        }
        for (SsoCheck<Observed> check : CHECKS) {
            int wanted = check.probe() instanceof RunWide ? Math.max(steps(check), pool.size()) : steps(check);
            List<Exchange> recorded = new ArrayList<>();
            for (int i = 0; i < wanted; i++) {
                recorded.add(pool.get(i % pool.size()));
            }
            long start = System.nanoTime();
            Outcome outcome = check.evaluate(new Observed(recorded, declaredUserId, secrets));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertNotNull(outcome, check.id());
            assertNotNull(outcome.message(), check.id());
            long longest = recorded.stream().flatMap(e -> e.response().stream()).mapToLong(r -> r.body().length()).max().orElse(0);
            assertTrue(took.compareTo(LIMIT) < 0, () -> check.id() + " took " + took.toMillis() + " ms judging bodies of up to "
                    + longest + " characters");
        }
    }
}
