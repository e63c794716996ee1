package com.hubble.kit.runner.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One run's report: every renderer (text, JSON, JUnit XML, HTML) reads this and nothing else. */
public record Report(String suite, String target, Instant startedAt, long durationMs, boolean strict,
                     Verdict verdict, Summary summary, List<CheckResult> checks, List<String> notes) {

    public Report {
        checks = List.copyOf(checks);
        notes = List.copyOf(notes);
    }

    /** Builds a report whose verdict and summary are derived from the results by {@link Gate}. */
    public static Report of(String suite, String target, Instant startedAt, long durationMs, boolean strict,
                            List<CheckResult> checks, List<String> notes) {
        return new Report(suite, target, startedAt, durationMs, strict, Gate.verdict(checks, strict),
                Summary.of(checks), checks, notes);
    }

    /** This report for a run the kit cut short: the verdict by {@link Gate#cutShort}, {@code why} first among the notes. */
    public Report cutShort(String why) {
        List<String> all = new ArrayList<>(List.of(why));
        all.addAll(notes);
        return new Report(suite, target, startedAt, durationMs, strict, Gate.cutShort(verdict), summary, checks, all);
    }
}
