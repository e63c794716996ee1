package com.hubble.kit.runner.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Report;

/** Judges a recorded client session with every client check and builds the report. */
public final class ClientGrader {
    public static final String SUITE = "client-check";

    private ClientGrader() {
    }

    public static Report grade(ClientSession session, String target, Instant startedAt, boolean strict,
                               List<String> notes, Consumer<CheckResult> progress) {
        List<CheckResult> results = new ArrayList<>();
        for (ClientCheck check : ClientCatalogue.checks()) {
            long started = System.nanoTime();
            Outcome outcome;
            try {
                outcome = check.evaluate(session);
            } catch (RuntimeException e) {
                outcome = Outcome.error("the check itself failed: " + e.getClass().getSimpleName());
            }
            CheckResult result = CheckResult.of(check, outcome, (System.nanoTime() - started) / 1_000_000);
            results.add(result);
            progress.accept(result);
        }
        long durationMs = java.time.Duration.between(startedAt, Instant.now()).toMillis();
        return Report.of(SUITE, target, startedAt, durationMs, strict, results, notes);
    }

    public static Report grade(ClientSession session, boolean strict) {
        return grade(session, "recorded session", Instant.now(), strict, List.of(), r -> { });
    }
}
