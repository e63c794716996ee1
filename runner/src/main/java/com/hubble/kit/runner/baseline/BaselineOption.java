package com.hubble.kit.runner.baseline;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

import com.hubble.kit.runner.report.Report;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import com.hubble.kit.runner.config.UsageError;

/**
 * {@code --baseline FILE} for any command that writes a report: {@code @Mixin BaselineOption baseline;} then
 * {@code report = baseline.applyTo(report);} before the gate. The file is read when the option is parsed, so a
 * malformed one is a usage error (exit 2) before anything is sent.
 */
public final class BaselineOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private Baseline baseline;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Accepted failures: a YAML list of {id, reason, owner, expires: YYYY-MM-DD}. A listed FAIL "
                    + "becomes WARN \"accepted until DATE (reason)\" until it expires; entries of passing checks are "
                    + "reported as stale. Draft one with 'hubble-kit baseline --from report.json'.")
    void file(Path file) {
        try {
            baseline = Baseline.read(file);
        } catch (UsageError e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    public Optional<Baseline> baseline() {
        return Optional.ofNullable(baseline);
    }

    /** The report with the baseline applied today, or the report itself without --baseline. */
    public Report applyTo(Report report) {
        return baseline == null ? report : baseline.apply(report, LocalDate.now());
    }
}
