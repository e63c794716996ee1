package com.hubble.kit.runner.report.render;

import java.util.Locale;

import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.Summary;

/** The summary table printed on stdout, and the one-line progress format used on stderr. */
public final class TextReport {
    private TextReport() {
    }

    /** One progress line: "PASS  MUST    sso.valid.status  200 with a JSON body". */
    public static String line(CheckResult result) {
        return String.format(Locale.ROOT, "%-5s %-6s %-28s %s", result.status(), result.severity(), result.id(),
                oneLine(result.outcome().message(), 110));
    }

    public static String render(Report report) {
        StringBuilder text = new StringBuilder();
        text.append("hubble-kit ").append(report.suite()).append(" check of ").append(report.target()).append('\n');
        text.append(String.format(Locale.ROOT, "%-6s %-6s %-28s %s%n", "STATUS", "LEVEL", "CHECK", "RESULT"));
        String area = null;
        for (CheckResult result : report.checks()) {
            if (!result.area().equals(area)) {
                area = result.area();
                text.append("-- ").append(area).append('\n');
            }
            text.append(String.format(Locale.ROOT, "%-6s %-6s %-28s %s%n", result.status(), result.severity(),
                    result.id(), oneLine(result.outcome().message(), 100)));
        }
        for (String note : report.notes()) {
            text.append("note: ").append(note).append('\n');
        }
        Summary s = report.summary();
        text.append(String.format(Locale.ROOT,
                "%nVERDICT: %s%s  (%d checks: %d pass, %d fail, %d warn, %d skip, %d error; %d ms)%n",
                report.verdict(), report.strict() ? " (strict)" : "", s.total(), s.pass(), s.fail(), s.warn(),
                s.skip(), s.error(), report.durationMs()));
        return text.toString();
    }

    static String oneLine(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
