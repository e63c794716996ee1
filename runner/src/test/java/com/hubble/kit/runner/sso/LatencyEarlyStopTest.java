package com.hubble.kit.runner.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.Status;
import com.hubble.kit.runner.sso.probe.LatencySamples;
import com.hubble.kit.runner.sso.probe.ProbeContext;
import com.hubble.kit.runner.sso.probe.Probed;
import com.hubble.kit.runner.sso.probe.SeriesEnd;
import com.hubble.kit.runner.sso.probe.Settings;
import com.hubble.kit.runner.sso.probe.SsoClient;

/** The latency series stop once their verdict is decided, and the report says how many calls were made and why. */
class LatencyEarlyStopTest {
    private static final Secret SECRET = Secret.of("latency-stop-secret-0123456789");

    private static LatencySamples sample(Duration budget) throws IOException {
        Settings settings = new Settings(Duration.ofSeconds(2), budget, 2, Duration.ofMillis(200), true, false);
        try (PartnerServer server = PartnerServer.start(SECRET);
             SsoClient client = new SsoClient(settings.timeout(), false, new Redactor())) {
            ProbeContext context = new ProbeContext(server.baseUri(), client, SECRET, server.validTokens(),
                    server.expiredTokens(), settings);
            Probed<LatencySamples> probed = new PerfLatency().probe().run(context);
            return ((Probed.Gathered<LatencySamples>) probed).input();
        }
    }

    @Test
    void aSeriesOverBudgetStopsAfterTheTwoCallsThatDecideItsP95AndTheReportSaysSo() throws IOException {
        // A budget no answer can meet: every call is over it.
        LatencySamples samples = sample(Duration.ofNanos(1));
        assertEquals(2, samples.valid().size());
        assertEquals(2, samples.rejected().size());
        assertEquals(SeriesEnd.DECIDED, samples.validEnd());
        assertEquals(SeriesEnd.DECIDED, samples.rejectedEnd());
        Outcome outcome = new PerfLatency().evaluate(samples);
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("valid calls: 2 of 20, stopped early"), outcome.message());
    }

    @Test
    void aSeriesWithinBudgetMakesEveryPlannedCall() throws IOException {
        LatencySamples samples = sample(Duration.ofSeconds(10));
        assertEquals(20, samples.valid().size());
        assertEquals(20, samples.rejected().size());
        assertEquals(SeriesEnd.PLANNED, samples.validEnd());
        Outcome outcome = new PerfLatency().evaluate(samples);
        assertEquals(Status.PASS, outcome.status(), outcome.message());
        assertTrue(outcome.message().contains("20+20 calls"), outcome.message());
    }
}
