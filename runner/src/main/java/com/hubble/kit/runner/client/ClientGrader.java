package com.hubble.kit.runner.client;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.CheckRun;
import com.hubble.kit.runner.report.Report;

/** Judges a recorded client session with every client check and builds the report. */
public final class ClientGrader {
    public static final String SUITE = "client-check";

    private ClientGrader() {
    }

    public static Report grade(ClientSession session, String target, Instant startedAt, boolean strict,
                               List<String> notes, Consumer<CheckResult> progress) {
        return CheckRun.run(SUITE, target, startedAt, strict, notes, ClientCatalogue.checks(), Set.of(), check -> { },
                check -> CheckRun.judge(check, session), progress);
    }
}
