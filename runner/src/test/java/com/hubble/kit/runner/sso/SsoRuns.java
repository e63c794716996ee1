package com.hubble.kit.runner.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.access.TokenSource;
import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.Status;
import com.hubble.kit.runner.sso.probe.ProbeContext;
import com.hubble.kit.runner.sso.probe.Settings;
import com.hubble.kit.runner.sso.probe.SsoClient;

/** Runs the whole catalogue against a test server with short, test-friendly settings. */
final class SsoRuns {
    static final Settings FAST = new Settings(Duration.ofSeconds(2), Duration.ofSeconds(1), 4,
            Duration.ofMillis(300), true, false);

    private SsoRuns() {
    }

    /**
     * The catalogue one probe at a time, then at the default parallelism: every check must get the same status both
     * ways (parallelism changes how long a run takes, never what it finds). Returns the parallel run's report.
     */
    static Report run(java.net.URI base, Secret secret, TokenSource valid, TokenSource expired) {
        Report serial = runAt(1, base, secret, valid, expired);
        Report parallel = runAt(Settings.DEFAULT_PARALLELISM, base, secret, valid, expired);
        assertEquals(statuses(serial), statuses(parallel), "parallelism changed a verdict; one at a time:\n"
                + describe(serial) + "\nin parallel:\n" + describe(parallel));
        return parallel;
    }

    static Report runAt(int parallelism, java.net.URI base, Secret secret, TokenSource valid, TokenSource expired) {
        Settings settings = FAST.withParallelism(parallelism);
        try (SsoClient client = new SsoClient(settings.timeout(), false, new Redactor())) {
            ProbeContext context = new ProbeContext(base, client, secret, valid, expired, settings);
            return new SsoRun(context).run(base.toString(), SsoCatalogue.checks(true), Set.of(), false, List.of(), r -> { });
        }
    }

    static Map<String, Status> statuses(Report report) {
        return report.checks().stream().collect(Collectors.toMap(CheckResult::id, CheckResult::status,
                (a, b) -> a, java.util.TreeMap::new));
    }

    static Set<String> withStatus(Report report, Status status) {
        return report.checks().stream().filter(r -> r.status() == status).map(CheckResult::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** "id: message" for every non-passing check, for assertion messages. */
    static String describe(Report report) {
        Map<String, String> lines = report.checks().stream().filter(r -> r.status() != Status.PASS)
                .collect(Collectors.toMap(CheckResult::id, r -> r.status() + " " + r.outcome().message(),
                        (a, b) -> a, java.util.TreeMap::new));
        return lines.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
    }
}
