package com.hubble.kit.runner.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.hubble.kit.runner.report.Measurement;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Status;
import com.hubble.kit.runner.sso.probe.LatencySamples;
import com.hubble.kit.runner.sso.probe.LoadResult;
import com.hubble.kit.runner.sso.probe.Sample;
import com.hubble.kit.runner.sso.probe.TargetFacts;
import com.hubble.kit.runner.sso.probe.TlsFacts;
import com.hubble.kit.runner.sso.probe.TimingSamples;

/** Transport and performance checks, judged from recorded facts and samples (no timing in these tests). */
class TransportAndPerfChecksTest {

    @Test
    void httpsPassesOnHttpsAndIsNotApplicableOnLoopbackHttp() {
        assertEquals(Status.PASS, new TransportHttps().evaluate(new TargetFacts("https", "partner.example", false)).status());
        Outcome loopback = new TransportHttps().evaluate(new TargetFacts("http", "127.0.0.1", true));
        assertEquals(Status.SKIP, loopback.status());
        assertTrue(((Outcome.Skip) loopback).missingInput().isEmpty(), "not applicable is not a missing input");
    }

    @Test
    void httpsFailsOnPlainHttpToARemoteHost() {
        assertEquals(Status.FAIL, new TransportHttps().evaluate(new TargetFacts("http", "partner.example", false)).status());
    }

    @Test
    void loopbackMeansLocalhostOrALoopbackLiteral() {
        assertTrue(TargetFacts.isLoopback("localhost"));
        assertTrue(TargetFacts.isLoopback("127.0.0.2"));
        assertTrue(TargetFacts.isLoopback("[::1]"));
        assertEquals(false, TargetFacts.isLoopback("10.0.0.1"));
        assertEquals(false, TargetFacts.isLoopback("partner.example"));
    }

    @Test
    void tlsPassesOnTls13WithLegacyRefused() {
        TlsFacts facts = new TlsFacts("h", Optional.of("TLSv1.3"), "", TlsFacts.Legacy.REFUSED, TlsFacts.Legacy.REFUSED);
        assertEquals(Status.PASS, new TransportTls().evaluate(facts).status());
    }

    @Test
    void tlsFailsWhenTls10IsAccepted() {
        TlsFacts facts = new TlsFacts("h", Optional.of("TLSv1.2"), "", TlsFacts.Legacy.ACCEPTED, TlsFacts.Legacy.REFUSED);
        Outcome outcome = new TransportTls().evaluate(facts);
        assertEquals(Status.FAIL, outcome.status());
        assertEquals("TLS 1.0 was accepted", outcome.message());
    }

    @Test
    void tlsIsAnErrorWhenTheKitCouldNotOfferTheLegacyProtocols() {
        TlsFacts facts = new TlsFacts("h", Optional.of("TLSv1.3"), "", TlsFacts.Legacy.UNTESTABLE, TlsFacts.Legacy.REFUSED);
        assertEquals(Status.ERROR, new TransportTls().evaluate(facts).status());
    }

    private static List<Sample> samples(double millis, int n) {
        return samples(millis, n, 200);
    }

    private static List<Sample> samples(double millis, int n, int status) {
        return Collections.nCopies(n, new Sample(millis, status));
    }

    @Test
    void latencyPassesWithinTheBudgetAndReportsPercentiles() {
        Outcome outcome = new PerfLatency().evaluate(new LatencySamples(samples(10, 20), samples(5, 20, 401),
                Duration.ofSeconds(1), 20, List.of()));
        assertEquals(Status.PASS, outcome.status());
        assertTrue(outcome.measurements().stream().map(Measurement::name).toList()
                .containsAll(List.of("valid.p50", "valid.p95", "valid.p99", "rejected.p95")));
    }

    @Test
    void latencyFailsWhenTheRejectedP95IsOverBudget() {
        List<Sample> rejected = new ArrayList<>(samples(5, 18, 401));
        rejected.addAll(samples(1500, 2, 401));
        Outcome outcome = new PerfLatency().evaluate(new LatencySamples(samples(10, 20), rejected,
                Duration.ofSeconds(1), 20, List.of()));
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("rejected"), outcome.message());
    }

    @Test
    void latencyCountsOnlyCompletedResponsesAndFailsNamingTheCallsWithoutOne() {
        // Refused connections come back in a few ms: they must not count as fast calls.
        List<Sample> rejected = new ArrayList<>(samples(5, 17, 400));
        rejected.addAll(Collections.nCopies(3, new Sample(1, Sample.NO_RESPONSE)));
        Outcome outcome = new PerfLatency().evaluate(new LatencySamples(samples(10, 20), rejected,
                Duration.ofSeconds(1), 20, List.of()));
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("3 of 20 timed rejected calls got no HTTP response"), outcome.message());
        assertTrue(outcome.message().contains("20+17 calls"), outcome.message());
    }

    @Test
    void latencyNamesTheMissingTokensWhenNoValidCallWasTimed() {
        Outcome outcome = new PerfLatency().evaluate(new LatencySamples(List.of(), samples(5, 20, 401), Duration.ofSeconds(1), 20, List.of()));
        assertTrue(((Outcome.Skip) outcome).missingInput().isPresent());
    }

    @Test
    void concurrencyPassesUnderOnePercentErrors() {
        LoadResult load = new LoadResult(16, Duration.ofSeconds(3), Map.of(401, 991L, 500, 9L), 0, 0, Collections.nCopies(1000, 4.0));
        Outcome outcome = new PerfConcurrency().evaluate(load);
        assertEquals(Status.PASS, outcome.status());
        assertTrue(outcome.message().contains("333 calls/s"), outcome.message());
    }

    @Test
    void concurrencyFailsAtOnePercentErrors() {
        LoadResult load = new LoadResult(16, Duration.ofSeconds(3), Map.of(401, 990L), 10, 10, Collections.nCopies(990, 4.0));
        assertEquals(Status.FAIL, new PerfConcurrency().evaluate(load).status());
    }

    @Test
    void concurrencyFailsWhenNoCallCompletedAndSaysSoWithoutAnErrorRate() {
        Outcome outcome = new PerfConcurrency().evaluate(new LoadResult(4, Duration.ofSeconds(1), Map.of(), 0, 0, List.of()));
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().startsWith("4 callers, no call completed in 1.0 s"), outcome.message());
        assertFalse(outcome.message().contains("%"), "no rate of nothing: " + outcome.message());
    }

    /** A timing series: wrong-first calls around {@code first} ms, wrong-last around {@code last} ms (seeds seed, seed + 1). */
    private static TimingSamples series(double first, double last, int seed) {
        return new TimingSamples(noisy(first, seed), noisy(last, seed + 1), 0, List.of());
    }

    private static List<Double> noisy(double mean, long seed) {
        Random random = new Random(seed);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            values.add(mean + random.nextGaussian() * 0.2);
        }
        return values;
    }

    @Test
    void timingLeakPassesWhenBothClassesLookAlike() {
        Outcome outcome = new PerfTimingLeak().evaluate(series(2.0, 2.0, 1));
        assertEquals(Status.PASS, outcome.status());
        assertTrue(outcome.measurements().stream().anyMatch(m -> m.name().equals("t")));
    }

    @Test
    void timingLeakWarnsWhenWrongLastCharacterIsClearlySlower() {
        Outcome outcome = new PerfTimingLeak().evaluate(series(2.0, 2.5, 1));
        assertEquals(Status.WARN, outcome.status());
    }

    @Test
    void aTimingDifferenceThatASecondSeriesShowsAgainIsAWarn() {
        TimingSamples leak = series(2.0, 2.5, 1).confirmedBy(series(2.0, 2.5, 3));
        Outcome outcome = new PerfTimingLeak().evaluate(leak);
        assertEquals(Status.WARN, outcome.status(), outcome.message());
        assertTrue(outcome.message().contains("in two series"), outcome.message());
        assertTrue(outcome.measurements().stream().anyMatch(m -> m.name().equals("t.confirmation")));
    }

    @Test
    void aTimingDifferenceThatASecondSeriesDoesNotShowIsAPass() {
        // One noisy series (a busy machine) that looks like a leak, then a clean one: not confirmed.
        TimingSamples burst = series(2.0, 2.5, 1).confirmedBy(series(2.0, 2.0, 3));
        Outcome outcome = new PerfTimingLeak().evaluate(burst);
        assertEquals(Status.PASS, outcome.status(), outcome.message());
        assertTrue(outcome.message().contains("no timing difference confirmed"), outcome.message());
    }

    @Test
    void twoSeriesThatDifferInOppositeDirectionsConfirmNothing() {
        TimingSamples flipped = series(2.0, 2.5, 1).confirmedBy(series(2.5, 2.0, 3));
        assertEquals(Status.PASS, new PerfTimingLeak().evaluate(flipped).status());
    }

    @Test
    void onlyASeriesThatLooksLikeALeakAsksForASecond() {
        assertTrue(PerfTimingLeak.flagged(series(2.0, 2.5, 1)));
        assertFalse(PerfTimingLeak.flagged(series(2.0, 2.0, 1)));
        assertFalse(PerfTimingLeak.flagged(new TimingSamples(List.of(1.0), List.of(9.0), 0, List.of())), "too few");
    }

    @Test
    void timingLeakWarnsWithTooFewSamples() {
        assertEquals(Status.WARN, new PerfTimingLeak().evaluate(new TimingSamples(List.of(1.0, 2.0), List.of(1.0), 3, List.of())).status());
    }

    @Test
    void welchTIsZeroForIdenticalSamplesAndSignedOtherwise() {
        assertEquals(0.0, Stats.welchT(List.of(1.0, 1.0, 1.0), List.of(1.0, 1.0, 1.0)));
        assertTrue(Stats.welchT(List.of(1.0, 1.1, 0.9), List.of(2.0, 2.1, 1.9)) < -10);
    }
}
