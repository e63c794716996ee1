package com.hubble.kit.junit5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.access.TokenSource;
import com.hubble.kit.runner.baseline.Baseline;
import com.hubble.kit.runner.client.ClientGrader;
import com.hubble.kit.runner.client.ClientSession;
import com.hubble.kit.runner.config.UsageError;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Gate;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.report.render.HtmlReport;
import com.hubble.kit.runner.report.render.ReportWriter;
import com.hubble.kit.runner.sso.SsoCatalogue;
import com.hubble.kit.runner.sso.SsoCheck;
import com.hubble.kit.runner.sso.SsoRun;
import com.hubble.kit.runner.sso.probe.ProbeContext;
import com.hubble.kit.runner.sso.probe.Settings;
import com.hubble.kit.runner.sso.probe.SsoClient;

/**
 * Every call this module makes into the runner, in one place: the catalogue, the run, the grading, the baseline,
 * the report files. The CLI makes the same calls, so JUnit and the CLI judge alike.
 */
final class KitCalls {
    private KitCalls() {
    }

    /** The /sso catalogue in report order; the replay check is MUST when tokens are single-use. */
    static List<CheckInfo> ssoCatalogue(boolean singleUse) {
        return SsoCatalogue.checks(singleUse).stream().map(SsoCheck::info).toList();
    }

    /** Runs the /sso catalogue against {@code base} as {@code hubble-kit check} does, redacted, ids in {@code skip} not run. */
    static Report runSso(URI base, Secret secret, TokenSource valid, TokenSource expired, Settings settings,
                         boolean strict, Set<String> skip, List<String> notes) {
        List<SsoCheck<?>> checks = SsoCatalogue.checks(settings.singleUse());
        try (SsoClient client = new SsoClient(settings.timeout(), settings.insecure(), new Redactor())) {
            ProbeContext context = new ProbeContext(base, client, secret, valid, expired, settings);
            return new SsoRun(context).run(base.toString(), checks, skip, strict, notes, result -> { });
        }
    }

    /** Grades a recorded client session with the 11 client checks, as {@code hubble-kit client-check} does. */
    static Report gradeClient(ClientSession session, String target, Instant startedAt, boolean strict) {
        return ClientGrader.grade(session, target, startedAt, strict, List.of(), result -> { });
    }

    /** The report with the baseline file applied today (a listed FAIL becomes WARN until it expires). */
    static Report applyBaseline(Report report, Path baseline) {
        try {
            return Baseline.read(baseline).apply(report, LocalDate.now());
        } catch (UsageError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** report.json, junit.xml, report.html and report.md, as the CLI writes them. */
    static void writeReports(Report report, Path dir) {
        try {
            ReportWriter.write(report, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the hubble-kit reports to " + dir + ": " + e.getMessage(), e);
        }
    }

    static boolean gates(Severity severity, boolean strict) {
        return Gate.gates(severity, strict);
    }

    /** One exchange as a transcript (already redacted by the run). */
    static String transcript(Exchange exchange) {
        return HtmlReport.exchangeText(exchange);
    }

    static CheckResult find(Report report, String id) {
        return report.checks().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the run has no result for " + id));
    }
}
