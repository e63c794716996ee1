package com.hubble.kit.runner.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import com.hubble.kit.runner.baseline.BaselineDraft;
import com.hubble.kit.runner.baseline.BaselineEntry;
import com.hubble.kit.runner.config.UsageError;
import com.hubble.kit.runner.files.PathWords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hubble-kit baseline --from report.json}: drafts a baseline accepting the report's current failures. */
@Command(name = "baseline",
        mixinStandardHelpOptions = true,
        description = {
                "Writes a baseline from a report.json: one entry {id, reason, owner, expires} per FAIL.",
                "Pass it to check, verify-pact or client-check with --baseline FILE: listed failures WARN "
                        + "\"accepted until DATE (reason)\" instead of failing, until they expire."})
public final class BaselineCommand implements Callable<ExitCode> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "REPORT", required = true, description = "A report.json written with --report-dir.")
    Path from;

    @Option(names = "--owner", paramLabel = "NAME", defaultValue = "unassigned",
            description = "Who owns the fixes (default: ${DEFAULT-VALUE}).")
    String owner;

    @Option(names = "--days", paramLabel = "N", defaultValue = "30",
            description = "Entries expire N days from today (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "Reason for every entry (default: the check's failure message).")
    String reason;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of stdout.")
    Path out;

    @Override
    public ExitCode call() {
        if (days < 1 || days > 366) {
            throw new UsageError("--days must be between 1 and 366");
        }
        String report;
        try {
            report = Files.readString(from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageError("--from " + from + " " + PathWords.whyUnreadable(from, e)
                    + "; give a report.json written with --report-dir");
        }
        List<BaselineEntry> entries;
        try {
            entries = BaselineDraft.fromReport(report, owner, reason, days, LocalDate.now());
        } catch (UsageError e) {
            throw new UsageError(from + ": " + e.getMessage());
        }
        String yaml = BaselineDraft.render(entries);
        if (out == null) {
            spec.commandLine().getOut().print(yaml);
            spec.commandLine().getOut().flush();
            return ExitCode.SUCCESS;
        }
        try {
            Files.writeString(out, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageError("--out " + out + " " + PathWords.whyUnwritable(out, e) + "; give a file to write "
                    + "the baseline to");
        }
        spec.commandLine().getErr().println("wrote " + out + " (" + entries.size() + " entries, expiring "
                + LocalDate.now().plusDays(days) + ")");
        return ExitCode.SUCCESS;
    }
}
