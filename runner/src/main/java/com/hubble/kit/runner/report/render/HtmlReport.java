package com.hubble.kit.runner.report.render;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Gate;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Preview;
import com.hubble.kit.runner.report.RecordedResponse;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.Status;
import com.hubble.kit.runner.report.Summary;
import com.hubble.kit.runner.report.TransportFailure;

/**
 * report.html: one self-contained page (inline CSS, no scripts, no external assets) a partner can mail to
 * Hubble: the verdict, a table grouped by area, and every finding with its evidence and fix.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    private static final String CSS = """
            body{font-family:-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;margin:0;color:#1d2330;background:#f4f6fa}
            main{max-width:1180px;margin:0 auto;padding:24px}
            h1{font-size:24px;margin:0 0 4px}
            h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #d6dbe6;padding-bottom:4px}
            .meta{color:#566;font-size:14px}
            .verdict{border-radius:10px;padding:18px 22px;margin:18px 0;color:#fff;font-size:22px;font-weight:700}
            .verdict small{display:block;font-size:14px;font-weight:400;margin-top:4px}
            .v-PASS{background:#1e8e3e}.v-FAIL{background:#c5221f}.v-INCOMPLETE{background:#b06000}
            table{width:100%;border-collapse:collapse;background:#fff;border-radius:8px;overflow:hidden;box-shadow:0 1px 2px #0002}
            th,td{text-align:left;padding:7px 10px;border-bottom:1px solid #e6e9f0;font-size:14px;vertical-align:top}
            th{background:#e9edf5;font-size:13px;text-transform:uppercase;letter-spacing:.04em}
            td code{white-space:nowrap}
            code{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:13px}
            .s{display:inline-block;min-width:48px;text-align:center;border-radius:4px;padding:2px 6px;font-weight:700;font-size:12px;color:#fff}
            .s-PASS{background:#1e8e3e}.s-FAIL{background:#c5221f}.s-WARN{background:#e37400}.s-SKIP{background:#80868b}.s-ERROR{background:#7b1fa2}
            .finding{background:#fff;border-left:6px solid #c5221f;border-radius:6px;padding:12px 16px;margin:14px 0;box-shadow:0 1px 2px #0002}
            .finding.f-WARN{border-left-color:#e37400}.finding.f-ERROR{border-left-color:#7b1fa2}.finding.f-SKIP{border-left-color:#80868b}
            .finding h3{margin:0 0 6px;font-size:16px}
            .label{font-weight:700}
            pre{background:#f0f2f7;border:1px solid #dde2ec;border-radius:4px;padding:8px;white-space:pre-wrap;word-break:break-all;font-size:12px;max-height:320px;overflow:auto}
            .summary span{margin-right:14px}
            """;

    public static String render(Report report) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>hubble-kit ").append(esc(report.suite())).append(" report: ")
                .append(report.verdict()).append("</title><style>").append(CSS).append("</style></head><body><main>\n");
        html.append("<h1>Hubble partner compliance report: <code>").append(esc(report.suite())).append("</code></h1>\n");
        html.append("<div class=\"meta\">Target <code>").append(esc(report.target())).append("</code> · started ")
                .append(DateTimeFormatter.ISO_INSTANT.format(report.startedAt().truncatedTo(ChronoUnit.SECONDS)))
                .append(" · ").append(report.durationMs()).append(" ms").append(report.strict() ? " · strict" : "")
                .append("</div>\n");
        Summary s = report.summary();
        html.append("<div class=\"verdict v-").append(report.verdict()).append("\">Verdict: ").append(report.verdict())
                .append("<small>").append(esc(verdictSentence(report))).append("</small></div>\n");
        html.append("<div class=\"summary\">")
                .append(count("PASS", s.pass())).append(count("FAIL", s.fail())).append(count("WARN", s.warn()))
                .append(count("SKIP", s.skip())).append(count("ERROR", s.error())).append("</div>\n");
        for (String note : report.notes()) {
            html.append("<p class=\"meta\">Note: ").append(esc(note)).append("</p>\n");
        }

        Map<String, List<CheckResult>> byArea = new LinkedHashMap<>();
        report.checks().forEach(r -> byArea.computeIfAbsent(r.area(), a -> new java.util.ArrayList<>()).add(r));
        html.append("<h2>Checks by area</h2>\n<table><thead><tr><th>Status</th><th>Level</th><th>Check</th><th>Result</th></tr></thead><tbody>\n");
        for (Map.Entry<String, List<CheckResult>> area : byArea.entrySet()) {
            html.append("<tr><th colspan=\"4\">").append(esc(area.getKey())).append("</th></tr>\n");
            for (CheckResult r : area.getValue()) {
                html.append("<tr><td>").append(badge(r.status())).append("</td><td>").append(r.severity())
                        .append("</td><td><code>").append(esc(r.id())).append("</code><br>").append(esc(r.title()))
                        .append("</td><td>").append(esc(TextReport.oneLine(r.outcome().message(), 240)))
                        .append("</td></tr>\n");
            }
        }
        html.append("</tbody></table>\n");

        List<CheckResult> findings = report.checks().stream()
                .filter(r -> r.status() == Status.FAIL || r.status() == Status.WARN || r.status() == Status.ERROR
                        || (r.outcome() instanceof Outcome.Skip skip && skip.missingInput().isPresent()))
                .toList();
        html.append("<h2>Findings (").append(findings.size()).append(")</h2>\n");
        if (findings.isEmpty()) {
            html.append("<p>No failures, warnings or errors.</p>\n");
        }
        for (CheckResult r : findings) {
            html.append("<div class=\"finding f-").append(r.status()).append("\"><h3>").append(badge(r.status()))
                    .append(" <code>").append(esc(r.id())).append("</code> ").append(esc(r.title()))
                    .append(" <small>(").append(r.severity()).append(")</small></h3>\n");
            html.append("<p>").append(esc(r.outcome().message())).append("</p>\n");
            html.append("<p><span class=\"label\">Rule:</span> ").append(esc(r.requirement())).append("</p>\n");
            html.append("<p><span class=\"label\">Fix:</span> ").append(esc(r.fix())).append("</p>\n");
            if (!r.outcome().measurements().isEmpty()) {
                html.append("<p><span class=\"label\">Figures:</span> ");
                r.outcome().measurements().forEach(m -> html.append("<code>").append(esc(m.formatted())).append("</code> "));
                html.append("</p>\n");
            }
            for (Exchange e : r.outcome().evidence()) {
                html.append("<p class=\"label\">Evidence: ").append(esc(e.label())).append("</p><pre>")
                        .append(esc(exchangeText(e))).append("</pre>\n");
            }
            html.append("</div>\n");
        }
        html.append("<p class=\"meta\">Generated by hubble-kit. Secrets and tokens are redacted as <code>[REDACTED:…]</code>.</p>\n");
        html.append("</main></body></html>\n");
        return html.toString();
    }

    /** A request/response pair as text, like a terminal transcript. */
    public static String exchangeText(Exchange e) {
        StringBuilder text = new StringBuilder();
        text.append("> ").append(e.request().method()).append(' ').append(e.request().url()).append('\n');
        e.request().headers().forEach(h -> text.append("> ").append(h.name()).append(": ").append(h.value()).append('\n'));
        if (!e.request().body().isEmpty()) {
            text.append(">\n> ").append(Preview.of(e.request().body(), 1024)).append('\n');
        }
        switch (e.reply()) {
            case RecordedResponse r -> {
                text.append("< ").append(r.status()).append('\n');
                r.headers().forEach(h -> text.append("< ").append(h.name()).append(": ").append(h.value()).append('\n'));
                text.append("<\n< ").append(Preview.of(r.body(), 2048));
                if (r.truncated()) {
                    text.append("\n< (body longer than the kit's 1 MiB read cap; the rest was not read)");
                }
                text.append('\n');
            }
            case TransportFailure f -> text.append("! ").append(f.kind().reported()).append(": ").append(f.message()).append('\n');
        }
        text.append("(").append(e.elapsed().toMillis()).append(" ms)");
        return text.toString();
    }

    private static String verdictSentence(Report report) {
        return switch (report.verdict()) {
            case PASS -> "Every gating check passed" + (report.strict() ? " (MUST and SHOULD)." : " (MUST).");
            case FAIL -> "At least one gating check failed; see the findings below.";
            case INCOMPLETE -> Gate.wasCutShort(report)
                    ? "The run was cut short (see the notes): every gating check passed on what was seen, but the gate is not green for a run the kit did not see to its end."
                    : "A gating check could not run for lack of input; the gate is not green for what was not judged.";
        };
    }

    private static String count(String status, int n) {
        return "<span>" + badge(Status.valueOf(status)) + " " + n + "</span>";
    }

    private static String badge(Status status) {
        return "<span class=\"s s-" + status + "\">" + status + "</span>";
    }

    static String esc(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c == '\n' || c == '\t' || c >= 0x20) {
                        out.appendCodePoint(c);
                    } else {
                        out.append("\\u").append(String.format(Locale.ROOT, "%04x", c));
                    }
                }
            }
        });
        return out.toString();
    }
}
