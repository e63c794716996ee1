package com.hubble.kit.runner.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.access.TokenSource;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.RecordedRequest;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.report.TransportFailure;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.ProbeContext;
import com.hubble.kit.runner.sso.probe.Probed;
import com.hubble.kit.runner.sso.probe.Schedule;
import com.hubble.kit.runner.sso.probe.Settings;
import com.hubble.kit.runner.sso.probe.SsoClient;

/** How SsoRun schedules probes: without a partner, with probes that only note who else was running. */
class ProbeScheduleTest {

    /** What every probe of one run shares: how many run now, the most that ever ran together, when each ran. */
    static final class Tracker {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final List<Interval> intervals = Collections.synchronizedList(new ArrayList<>());
        /** How many probes each waits to see running (at most 10 s) before its 60 ms; 0: none. */
        final int meet;

        Tracker() {
            this(0);
        }

        Tracker(int meet) {
            this.meet = meet;
        }

        boolean overlapsAnother(String name) {
            Interval mine = intervals.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
            return intervals.stream().anyMatch(o -> !o.name().equals(name) && o.start() < mine.end() && mine.start() < o.end());
        }
    }

    record Interval(String name, long start, long end) {
    }

    /** Runs for 60 ms, notes when, records one exchange labelled with its name and returns the log's labels. */
    record NotingProbe(String name, Schedule schedule, Tracker tracker) implements Probe<List<String>> {
        @Override
        public Probed<List<String>> run(ProbeContext context) {
            long start = System.nanoTime();
            tracker.most.accumulateAndGet(tracker.running.incrementAndGet(), Math::max);
            try {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (tracker.running.get() < tracker.meet && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                Thread.sleep(60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            tracker.running.decrementAndGet();
            tracker.intervals.add(new Interval(name, start, System.nanoTime()));
            context.record(List.of(new Exchange(name, new RecordedRequest("POST", "/sso", List.of(), "", 0),
                    new TransportFailure(TransportFailure.Kind.IO, "none"), Duration.ZERO)));
            return new Probed.Gathered<>(context.log().stream().map(Exchange::label).toList());
        }

        @Override
        public String describe() {
            return name;
        }
    }

    record NotingCheck(NotingProbe probe) implements SsoCheck<List<String>> {
        @Override
        public CheckInfo info() {
            return new CheckInfo("test." + probe.name(), probe.name(), Severity.SHOULD, "test", "none", probe.describe(), "none");
        }

        @Override
        public Outcome evaluate(List<String> seen) {
            return new Outcome.Pass(String.join(",", seen), List.of(), List.of());
        }
    }

    private static Report run(int parallelism, List<SsoCheck<?>> checks) {
        Settings settings = SsoRuns.FAST.withParallelism(parallelism);
        try (SsoClient client = new SsoClient(settings.timeout(), false, new Redactor())) {
            ProbeContext context = new ProbeContext(URI.create("http://127.0.0.1:9"), client,
                    Secret.of("schedule-test-secret-000"), TokenSource.none("a"), TokenSource.none("b"), settings);
            return new SsoRun(context).run("test", checks, Set.of(), false, List.of(), r -> { });
        }
    }

    private static List<SsoCheck<?>> alongside(Tracker tracker, int count) {
        List<SsoCheck<?>> checks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            checks.add(new NotingCheck(new NotingProbe("p" + i, Schedule.ALONGSIDE, tracker)));
        }
        return checks;
    }

    @Test
    void independentProbesRunTogetherUpToTheParallelism() {
        // Each waits to see 3 running: 60 ms alone left the third to start before the first ended, which a loaded
        // machine need not do. A schedule that allowed fewer never gets there (most 2, after 10 s).
        Tracker tracker = new Tracker(3);
        run(3, alongside(tracker, 6));
        assertEquals(3, tracker.most.get());
    }

    @Test
    void parallelismOneRunsOneProbeAtATime() {
        Tracker tracker = new Tracker();
        run(1, alongside(tracker, 4));
        assertEquals(1, tracker.most.get());
    }

    @Test
    void aTimingSensitiveProbeRunsWithNothingElseInFlightWhereverItStandsInTheCatalogue() {
        Tracker tracker = new Tracker();
        List<SsoCheck<?>> checks = new ArrayList<>(alongside(tracker, 2));
        checks.add(new NotingCheck(new NotingProbe("alone", Schedule.ALONE, tracker)));
        for (int i = 2; i < 6; i++) {
            checks.add(new NotingCheck(new NotingProbe("p" + i, Schedule.ALONGSIDE, tracker)));
        }
        run(4, checks);
        assertTrue(tracker.most.get() > 1, "the independent probes did run together");
        assertTrue(!tracker.overlapsAnother("alone"), "intervals: " + tracker.intervals);
    }

    @Test
    void aRunWideProbeSeesWhatEveryOtherProbeRecordedInCatalogueOrder() {
        Tracker tracker = new Tracker();
        List<SsoCheck<?>> checks = new ArrayList<>(alongside(tracker, 2));
        checks.add(new NotingCheck(new NotingProbe("wide", Schedule.AFTER_OTHERS, tracker)));
        for (int i = 2; i < 5; i++) {
            checks.add(new NotingCheck(new NotingProbe("p" + i, Schedule.ALONGSIDE, tracker)));
        }
        Report report = run(4, checks);
        CheckResult wide = report.checks().stream().filter(c -> c.id().equals("test.wide")).findFirst().orElseThrow();
        assertEquals("p0,p1,wide,p2,p3,p4", wide.outcome().message());
        assertEquals(List.of("test.p0", "test.p1", "test.wide", "test.p2", "test.p3", "test.p4"),
                report.checks().stream().map(CheckResult::id).toList(), "reported in catalogue order");
    }
}
