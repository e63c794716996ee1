package com.hubble.kit.runner.client;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.CheckRun;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.Report;

/** Judges a recorded client session with every client check and builds the report. */
public final class ClientGrader {
    public static final String SUITE = "client-check";

    private ClientGrader() {
    }

    public static Report grade(ClientSession session, String target, Instant startedAt, boolean strict,
                               List<String> notes, Consumer<CheckResult> progress) {
        return grade(session, target, startedAt, strict, notes, new Redactor(), progress);
    }

    /**
     * Each outcome, the target and the notes go through {@code redactor} (which knows the client secret and every
     * token the sandbox issued) before progress or the report sees them: the sandbox's recordings name a token by
     * its id only where it appears plain, and a client may send or echo one encoded.
     */
    public static Report grade(ClientSession session, String target, Instant startedAt, boolean strict,
                               List<String> notes, Redactor redactor, Consumer<CheckResult> progress) {
        return CheckRun.run(SUITE, redactor.redact(target), startedAt, strict, notes.stream().map(redactor::redact).toList(),
                ClientCatalogue.checks(), Set.of(), check -> { }, check -> {
                    CheckResult result = redactor.whileJudging(() -> CheckRun.judge(check, session));
                    return result.withOutcome(redactor.redact(result.outcome()));
                }, progress);
    }
}
