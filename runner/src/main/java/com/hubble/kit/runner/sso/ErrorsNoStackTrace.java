package com.hubble.kit.runner.sso;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.RecordedResponse;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Probe;

/** No response of the run shows a stack trace, an exception class name or a server file path. */
public final class ErrorsNoStackTrace implements SsoCheck<Observed> {
    /**
     * Partner bodies are up to 1 MiB: every repetition is bounded and nothing can re-scan a long stretch from each
     * start position, so each pattern runs in linear time (a body of newlines once took seconds per 32 KiB with
     * {@code ^\\s*}). {@code PartnerPatternsTest} feeds each one adversarial megabytes.
     */
    private static final List<Pattern> LEAKS = List.of(
            Pattern.compile("(?m)^[ \\t]{0,64}at [\\w$.]{1,300}\\([\\w$.]{0,300}(?::\\d{1,9})?\\)"), // Java/JS stack frame
            Pattern.compile("\\b[a-z_][\\w$]{0,80}+\\.[A-Z][\\w$]{0,120}(?:Exception|Error)\\b"),     // java.lang.NullPointerException
            Pattern.compile("\\b[A-Z][A-Za-z0-9]{0,120}Exception\\b"),                              // NullPointerException, ValueException
            Pattern.compile("Traceback \\(most recent call last\\)"),                              // Python
            Pattern.compile("File \"[^\"\\n]{1,500}\", line \\d{1,9}"),                               // Python frame
            Pattern.compile("\\.(?:java|kt|scala|py|rb|php|go|cs|js|ts):\\d{1,9}"),                  // file:line
            Pattern.compile("(?:^|[\\s\"'(=])/(?:home|usr|var|opt|srv|app|Users|root|tmp)/[\\w.-]{1,255}+/"), // server paths
            Pattern.compile("\\b[A-Z]:\\\\[\\w.-]{1,255}+\\\\"),                                    // C:\\dir\\
            Pattern.compile("goroutine \\d{1,9} \\["),                                               // Go panic
            Pattern.compile("node_modules/"));
    private static final CheckInfo INFO = new CheckInfo("sso.errors.no-stack-trace",
            "No stack trace, exception name or file path in any response", Severity.SHOULD, Area.ERRORS,
            "OWASP API8:2023 security misconfiguration: \"error messages include stack traces or expose other sensitive "
                    + "information\"; CWE-209.",
            RunWidePlans.ERRORS.describe(),
            "Turn off debug error pages in production and map every exception to a fixed JSON body; log the details "
                    + "on your side with the request id.");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Probe<Observed> probe() {
        return RunWidePlans.ERRORS;
    }

    @Override
    public Outcome evaluate(Observed input) {
        List<Exchange> withResponse = input.exchanges().stream().filter(e -> e.response().isPresent()).toList();
        return Expect.nothingToJudge(input, withResponse, "response").orElseGet(() -> Expect.all(withResponse,
                ErrorsNoStackTrace::leak, withResponse.size() + " responses, none with a stack trace, exception name or file path"));
    }

    static Optional<String> leak(Exchange exchange) {
        RecordedResponse response = exchange.response().orElseThrow();
        for (Pattern pattern : LEAKS) {
            Matcher m = pattern.matcher(response.body());
            if (m.find()) {
                // Show the whole dotted name ("java.lang.X", not "lang.X"), looking back a bounded stretch.
                int start = m.start();
                while (start > 0 && m.start() - start < 200 && isNamePart(response.body().charAt(start - 1))) {
                    start--;
                }
                String shown = response.body().substring(start, m.end()).strip();
                return Optional.of("the response shows internals: \"" + shown + "\" (status " + response.status() + ")");
            }
        }
        return Optional.empty();
    }

    private static boolean isNamePart(char c) {
        return c == '.' || c == '$' || c == '_' || Character.isLetterOrDigit(c);
    }
}
