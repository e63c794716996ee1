package com.hubble.kit.runner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import com.hubble.kit.runner.config.UsageError;
import com.hubble.kit.runner.files.PathWords;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.render.ReportWriter;
import com.hubble.kit.runner.report.render.TextReport;

/** The end every judging command shares: the summary table on stdout, then the report files when asked for. */
final class ReportOutput {
    private ReportOutput() {
    }

    /**
     * Called before the first request: makes the report directory ready, or stops with a usage error saying why it
     * cannot hold the reports, so a bad --report-dir never costs a whole run (nor prints a verdict the exit contradicts).
     */
    static void prepare(Path reportDir) {
        if (reportDir != null) {
            PathWords.prepareDirectory(reportDir).ifPresent(why -> {
                throw new UsageError("--report-dir " + reportDir + " " + why + "; give a directory the kit can write "
                        + "the reports to");
            });
        }
    }

    /** Prints the summary table; with a report dir, writes report.json, junit.xml, report.html and report.md and says where. */
    static void show(Report report, Path reportDir, PrintWriter out, PrintWriter err) {
        out.print(TextReport.render(report));
        out.flush();
        if (reportDir != null) {
            try {
                ReportWriter.write(report, reportDir);
            } catch (IOException e) {
                // checked before the run (prepare), so something changed since: say what is wrong with it now
                String why = PathWords.prepareDirectory(reportDir).orElse("a write failed (is the disk full?)");
                throw new UsageError("cannot write the reports to " + reportDir + ": " + why
                        + "; give a writable directory with --report-dir");
            }
            err.println("hubble-kit: reports written to " + reportDir.toAbsolutePath()
                    + " (report.json, junit.xml, report.html, report.md)");
            err.flush();
        }
    }
}
