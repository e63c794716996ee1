package com.hubble.kit.runner.report.render;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Measurement;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.Summary;

/** junit.xml: one test case per check; FAIL is a failure, ERROR an error, SKIP skipped, so any CI shows it. */
public final class JunitReport {
    private JunitReport() {
    }

    public static String render(Report report) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        Summary s = report.summary();
        xml.append(String.format(Locale.ROOT,
                "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%s\" timestamp=\"%s\">%n",
                attr("hubble-kit " + report.suite() + " " + report.target()), s.total(), s.fail(), s.error(), s.skip(),
                seconds(report.durationMs()),
                DateTimeFormatter.ISO_INSTANT.format(report.startedAt().truncatedTo(ChronoUnit.SECONDS))));
        xml.append("  <properties>\n");
        xml.append("    <property name=\"verdict\" value=\"").append(report.verdict()).append("\"/>\n");
        xml.append("    <property name=\"target\" value=\"").append(attr(report.target())).append("\"/>\n");
        xml.append("  </properties>\n");
        for (CheckResult result : report.checks()) {
            xml.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\" time=\"%s\">%n",
                    attr("hubble-kit." + result.area()), attr(result.id() + " [" + result.severity() + "] " + result.title()),
                    seconds(result.durationMs())));
            String message = attr(result.outcome().message());
            switch (result.status()) {
                case FAIL -> xml.append("    <failure type=\"").append(result.severity()).append("\" message=\"")
                        .append(message).append("\">").append(text(details(result))).append("</failure>\n");
                case ERROR -> xml.append("    <error message=\"").append(message).append("\">")
                        .append(text(details(result))).append("</error>\n");
                case SKIP -> xml.append("    <skipped message=\"").append(message).append("\"/>\n");
                case WARN -> xml.append("    <system-out>").append(text("WARN: " + details(result))).append("</system-out>\n");
                case PASS -> { }
            }
            xml.append("  </testcase>\n");
        }
        xml.append("</testsuite>\n");
        return xml.toString();
    }

    private static String details(CheckResult result) {
        StringBuilder text = new StringBuilder(result.outcome().message()).append("\n\n");
        text.append("Requirement: ").append(result.requirement()).append('\n');
        text.append("Fix: ").append(result.fix()).append('\n');
        for (Measurement m : result.outcome().measurements()) {
            text.append(m.formatted()).append('\n');
        }
        for (Exchange exchange : result.outcome().evidence()) {
            text.append(exchange.summary()).append('\n');
        }
        return text.toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> {
                    // XML 1.0 forbids most control characters even escaped (a partner may echo a NUL), and a
                    // surrogate code point (codePoints() yields one only for a lone surrogate).
                    if (c == '\n' || c == '\r' || c == '\t'
                            || (c >= 0x20 && (c < 0xD800 || c > 0xDFFF) && c != 0xFFFE && c != 0xFFFF)) {
                        out.appendCodePoint(c);
                    } else {
                        out.append("\\u").append(String.format(Locale.ROOT, "%04x", c));
                    }
                }
            }
        });
        return out.toString();
    }

    static String attr(String value) {
        return text(value).replace("\"", "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    }
}
