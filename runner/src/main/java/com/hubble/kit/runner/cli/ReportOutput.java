package com.hubble.kit.runner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import com.hubble.kit.runner.config.UsageError;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.render.ReportWriter;
import com.hubble.kit.runner.report.render.TextReport;

/** The end every judging command shares: the summary table on stdout, then the report files when asked for. */
final class ReportOutput {
    private ReportOutput() {
    }

    /** Prints the summary table; with a report dir, writes report.json, junit.xml, report.html and report.md and says where. */
    static void show(Report report, Path reportDir, PrintWriter out, PrintWriter err) {
        out.print(TextReport.render(report));
        out.flush();
        if (reportDir != null) {
            try {
                ReportWriter.write(report, reportDir);
            } catch (IOException e) {
                // the path is the user's; the exception's message may repeat it with a JDK class name
                throw new UsageError("cannot write the reports to " + reportDir + ": " + e.getClass().getSimpleName()
                        + "; give a writable directory with --report-dir");
            }
            err.println("hubble-kit: reports written to " + reportDir.toAbsolutePath()
                    + " (report.json, junit.xml, report.html, report.md)");
            err.flush();
        }
    }
}
