package com.hubble.kit.runner.report.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.Status;
import com.hubble.kit.runner.report.Summary;
import com.hubble.kit.runner.report.Verdict;

/**
 * report.md: the verdict, a table per area and each finding with its requirement, fix and a short excerpt of
 * evidence, short enough for a pull-request comment or a GitHub job summary. It stops adding findings before
 * {@link #DEFAULT_MAX_CHARS} (GitHub refuses comments over 65,536 characters), says how many it left out and
 * points to report.html. Partner text is escaped for Markdown and HTML, and never starts a mention or a link.
 */
public final class MarkdownReport {
    /** Under GitHub's 65,536-character limit for a comment, with room for a caller's own heading. */
    public static final int DEFAULT_MAX_CHARS = 60_000;

    private static final int CELL_CHARS = 160;
    private static final int MESSAGE_CHARS = 600;
    private static final int EXCERPT_CHARS = 700;
    private static final int MIN_MAX_CHARS = 2_000;

    private MarkdownReport() {
    }

    public static String render(Report report) {
        return render(report, DEFAULT_MAX_CHARS);
    }

    /** The report in at most {@code maxChars} characters (at least 2,000: the verdict and tables always fit). */
    public static String render(Report report, int maxChars) {
        int max = Math.max(maxChars, MIN_MAX_CHARS);
        StringBuilder md = new StringBuilder();
        Summary s = report.summary();
        md.append("## hubble-kit ").append(text(report.suite())).append(": ").append(icon(report.verdict()))
                .append(" **").append(report.verdict()).append("**").append(report.strict() ? " (strict)" : "")
                .append("\n\n");
        md.append("Target ").append(text(report.target())).append(" · ")
                .append(String.format(Locale.ROOT, "%d checks: %d pass, %d fail, %d warn, %d skip, %d error · %d ms",
                        s.total(), s.pass(), s.fail(), s.warn(), s.skip(), s.error(), report.durationMs()))
                .append("\n\n");
        for (String note : report.notes()) {
            md.append("> Note: ").append(text(oneLine(note, MESSAGE_CHARS))).append("\n");
        }
        if (!report.notes().isEmpty()) {
            md.append('\n');
        }

        Map<String, List<CheckResult>> byArea = new LinkedHashMap<>();
        report.checks().forEach(r -> byArea.computeIfAbsent(r.area(), a -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<CheckResult>> area : byArea.entrySet()) {
            md.append("### ").append(text(area.getKey())).append("\n\n");
            md.append("| Status | Level | Check | Result |\n|---|---|---|---|\n");
            for (CheckResult r : area.getValue()) {
                md.append("| ").append(icon(r.status())).append(' ').append(r.status()).append(" | ")
                        .append(r.severity()).append(" | ").append(code(r.id())).append(' ').append(text(r.title()))
                        .append(" | ").append(text(oneLine(r.outcome().message(), CELL_CHARS))).append(" |\n");
            }
            md.append('\n');
        }

        List<CheckResult> findings = findings(report);
        String tail = "\n---\nThe complete evidence of every check is in **report.html** (and report.json, junit.xml) "
                + "in the report directory. Secrets and tokens are redacted as `[REDACTED:…]`.\n";
        if (findings.isEmpty()) {
            md.append("No failures, warnings or errors.\n");
            return md.append(tail).toString();
        }
        md.append("### Findings (").append(findings.size()).append(")\n\n");
        int shown = 0;
        for (CheckResult r : findings) {
            String block = finding(r);
            // Room for the block, the tail and the left-out sentence.
            if (md.length() + block.length() + tail.length() + 200 > max) {
                break;
            }
            md.append(block);
            shown++;
        }
        int left = findings.size() - shown;
        if (left > 0) {
            md.append("_").append(left).append(left == 1 ? " finding was" : " findings were")
                    .append(" left out to keep this under ").append(String.format(Locale.ROOT, "%,d", max))
                    .append(" characters: ").append(ids(findings.subList(shown, findings.size())))
                    .append(". See report.html for all of them._\n");
        }
        return md.append(tail).toString();
    }

    /** Failures, errors, warnings and unjudged checks: gating failures first, then by severity. */
    static List<CheckResult> findings(Report report) {
        return report.checks().stream()
                .filter(r -> r.status() == Status.FAIL || r.status() == Status.WARN || r.status() == Status.ERROR
                        || (r.outcome() instanceof Outcome.Skip skip && skip.missingInput().isPresent()))
                .sorted(Comparator.comparingInt((CheckResult r) -> rank(r.status()))
                        .thenComparing(CheckResult::severity))
                .toList();
    }

    private static int rank(Status status) {
        return switch (status) {
            case FAIL -> 0;
            case ERROR -> 1;
            case SKIP -> 2;
            case WARN -> 3;
            case PASS -> 4;
        };
    }

    private static String finding(CheckResult r) {
        StringBuilder md = new StringBuilder();
        md.append("#### ").append(icon(r.status())).append(' ').append(r.status()).append(' ').append(code(r.id()))
                .append(' ').append(text(r.title())).append(" (").append(r.severity()).append(")\n\n");
        md.append(text(oneLine(r.outcome().message(), MESSAGE_CHARS))).append("\n\n");
        md.append("- **Requirement:** ").append(text(oneLine(r.requirement(), MESSAGE_CHARS))).append('\n');
        md.append("- **Fix:** ").append(text(oneLine(r.fix(), MESSAGE_CHARS))).append('\n');
        if (!r.outcome().measurements().isEmpty()) {
            md.append("- **Figures:** ");
            r.outcome().measurements().forEach(m -> md.append(text(m.formatted())).append("; "));
            md.setLength(md.length() - 2);
            md.append('\n');
        }
        List<Exchange> evidence = r.outcome().evidence();
        if (!evidence.isEmpty()) {
            Exchange first = evidence.getFirst();
            md.append("- **Evidence** (").append(evidence.size() == 1 ? "1 exchange" : "first of " + evidence.size()
                    + " exchanges").append("): ").append(text(oneLine(first.summary(), CELL_CHARS))).append("\n\n");
            md.append(fenced(excerpt(HtmlReport.exchangeText(first), EXCERPT_CHARS)));
        }
        return md.append('\n').toString();
    }

    private static String ids(List<CheckResult> results) {
        StringBuilder ids = new StringBuilder();
        for (CheckResult r : results) {
            if (ids.length() > 600) {
                return ids.append(", …").toString();
            }
            ids.append(ids.isEmpty() ? "" : ", ").append(code(r.id()));
        }
        return ids.toString();
    }

    /** At most {@code max} characters of evidence (already redacted by the run), saying how much was cut. */
    static String excerpt(String evidence, int max) {
        String clean = controls(evidence);
        return clean.length() <= max ? clean : clean.substring(0, max) + "\n… (" + (clean.length() - max)
                + " more characters in report.html)";
    }

    /** A fenced block whose fence is longer than any backtick run inside, so partner text cannot close it. */
    static String fenced(String content) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + "text\n" + content + "\n" + fence + "\n";
    }

    /** An id or other kit-made token as inline code; a backtick inside would end the span, so none is kept. */
    private static String code(String value) {
        return "`" + controls(value).replace("`", "'").replace("\n", " ") + "`";
    }

    /**
     * Inline text safe for Markdown and HTML: no tag, entity, emphasis, link, table cell break, heading or list
     * can start in it, and an {@code @name} does not notify anyone.
     */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        controls(value).codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '@' -> out.append("&#64;");
                case '|' -> out.append("&#124;");
                case '\n', '\r', '\t' -> out.append(' ');
                case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '!', '~', '{', '}', '+', '-', '.' ->
                        out.append('\\').appendCodePoint(c);
                default -> out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Control characters (a partner may echo a NUL or an escape sequence) shown as \\uXXXX; newlines stay. */
    private static String controls(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0)
                    && c != 0x2028 && c != 0x2029 && c != 0x202E && c != 0x200B)) {
                out.appendCodePoint(c);
            } else {
                out.append("\\u").append(String.format(Locale.ROOT, "%04x", c));
            }
        });
        return out.toString();
    }

    private static String oneLine(String value, int max) {
        return TextReport.oneLine(value == null ? "" : value, max);
    }

    private static String icon(Verdict verdict) {
        return switch (verdict) {
            case PASS -> "✅";
            case FAIL -> "❌";
            case INCOMPLETE -> "⚠️";
        };
    }

    private static String icon(Status status) {
        return switch (status) {
            case PASS -> "✅";
            case FAIL -> "❌";
            case WARN -> "⚠️";
            case SKIP -> "⏭️";
            case ERROR -> "💥";
        };
    }
}
