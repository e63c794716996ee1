package com.hubble.kit.junit5;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestReporter;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.access.PartnerToken;
import com.hubble.kit.runner.access.TokenSource;
import com.hubble.kit.runner.config.UsageError;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.sso.probe.Settings;

/**
 * The hubble-kit {@code /sso} catalogue as JUnit dynamic tests, one per check id, named {@code <id> [MUST] <title>}:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> hubbleSso(TestReporter reporter) {
 *     return SsoCompliance.of(server.baseUrl(), "the shared secret")
 *             .validTokens(() -> SsoToken.of(mint("u-1"), "u-1"))
 *             .expiredTokens(() -> mintExpired("u-1"))
 *             .singleUse(true)
 *             .reportDir(Path.of("target/hubble-kit"))
 *             .dynamicTests(reporter);
 * }
 * }</pre>
 *
 * The first test runs the whole catalogue (as {@code hubble-kit check} does, same judging, same report files); each
 * test then states its check's result. A gating failure (MUST, or SHOULD under {@link #strict}) fails with the
 * kit's message, the rule, the fix and the redacted evidence; a SHOULD or INFO failure outside strict mode passes and
 * is published as a report entry; a check that was not run (not applicable, skipped, or lacking an input) aborts,
 * so JUnit shows it skipped, never passed.
 */
public final class SsoCompliance {
    private final URI baseUrl;
    private final Secret secret;
    private Supplier<SsoToken> validTokens;
    private Supplier<String> expiredTokens;
    private boolean singleUse;
    private boolean strict;
    private Path baseline;
    private Path reportDir;
    private Duration timeout = Settings.defaults().timeout();
    private Duration latencyBudget = Settings.defaults().latencyBudget();
    private int concurrency = Settings.defaults().concurrency();
    private Duration loadDuration = Settings.defaults().loadDuration();
    /** Whether {@link #load} chose the duration: it is then held; the default may end early once settled. */
    private boolean loadDurationChosen;
    private final Set<String> skip = new LinkedHashSet<>();

    private SsoCompliance(URI baseUrl, Secret secret) {
        this.baseUrl = baseUrl;
        this.secret = secret;
    }

    /**
     * The {@code /sso} at {@code baseUrl + "/sso"}, called with {@code X-Hubble-Secret: secret}.
     *
     * @throws IllegalArgumentException when the URL is missing, not an absolute http(s) URL or ends in /sso, or the
     *                                  secret is missing or blank (usually an unset {@code HUBBLE_SECRET})
     */
    public static SsoCompliance of(String baseUrl, String secret) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("no base URL: give the partner's base URL, like http://127.0.0.1:8080 "
                    + "(the kit calls it + \"/sso\")");
        }
        // the usual cause is SsoCompliance.of(url, System.getenv("HUBBLE_SECRET")) in a job that never set it
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("no secret (the X-Hubble-Secret is " + (secret == null ? "null" : "blank")
                    + "): is HUBBLE_SECRET set? Export it (in CI: from the job's secrets) before running the tests");
        }
        URI uri;
        try {
            uri = URI.create(baseUrl.strip().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("base URL '" + baseUrl + "' is not a URL; write it like http://127.0.0.1:8080");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("base URL '" + baseUrl + "' must be an absolute http(s) URL without a "
                    + "query, like http://127.0.0.1:8080 (the kit calls it + \"/sso\")");
        }
        if (uri.getPath() != null && uri.getPath().endsWith("/sso")) {
            throw new IllegalArgumentException("base URL '" + baseUrl + "' is the BASE URL: the kit appends /sso itself "
                    + "(drop the trailing /sso)");
        }
        return new SsoCompliance(uri, Secret.of(secret));
    }

    /** Called once per valid token a check needs; return null when you have no more (those checks are skipped). */
    public SsoCompliance validTokens(Supplier<SsoToken> supplier) {
        this.validTokens = Objects.requireNonNull(supplier, "supplier");
        return this;
    }

    /** Called once per expired token a check needs; return null when you have none. */
    public SsoCompliance expiredTokens(Supplier<String> supplier) {
        this.expiredTokens = Objects.requireNonNull(supplier, "supplier");
        return this;
    }

    /** Tokens are single-use: the kit never reuses one, and {@code sso.token.replay} becomes MUST. */
    public SsoCompliance singleUse(boolean on) {
        this.singleUse = on;
        return this;
    }

    /** SHOULD checks gate too: a failed SHOULD check fails its test. */
    public SsoCompliance strict(boolean on) {
        this.strict = on;
        return this;
    }

    /** Accepted failures with an expiry date, the same YAML file as {@code --baseline}. */
    public SsoCompliance baseline(Path file) {
        this.baseline = Objects.requireNonNull(file, "file");
        return this;
    }

    /** Writes report.json, junit.xml, report.html and report.md here after the run, as {@code --report-dir}. */
    public SsoCompliance reportDir(Path dir) {
        this.reportDir = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /** Deadline per request (default 5 s), as {@code --timeout}. */
    public SsoCompliance timeout(Duration value) {
        this.timeout = positive(value, "timeout");
        return this;
    }

    /** p95 budget of {@code sso.perf.latency} (default 1 s), as {@code --latency-budget}. */
    public SsoCompliance latencyBudget(Duration value) {
        this.latencyBudget = positive(value, "latencyBudget");
        return this;
    }

    /** Parallel callers of {@code sso.perf.concurrency} (default 16) and how long it runs (default 3 s). */
    public SsoCompliance load(int callers, Duration duration) {
        if (callers < 1 || callers > 1024) {
            throw new IllegalArgumentException("callers must be between 1 and 1024, got " + callers);
        }
        this.concurrency = callers;
        this.loadDuration = positive(duration, "duration");
        this.loadDurationChosen = true;
        return this;
    }

    /** Checks not to run, as {@code --skip}: their tests abort with "skipped". */
    public SsoCompliance skip(String... ids) {
        Set<String> known = new LinkedHashSet<>();
        KitCalls.ssoCatalogue(true).forEach(info -> known.add(info.id()));
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException("unknown check id '" + id + "'; the ids are " + String.join(", ", known));
            }
            skip.add(id);
        }
        return this;
    }

    /** One dynamic test per check id; SHOULD and INFO findings outside strict mode go to {@code reporter}. */
    public Stream<DynamicTest> dynamicTests(TestReporter reporter) {
        Objects.requireNonNull(reporter, "reporter");
        SharedRun run = new SharedRun(this::run);
        return KitCalls.ssoCatalogue(singleUse).stream().map(info -> DynamicTest.dynamicTest(
                info.id() + " [" + info.severity() + "] " + info.title(),
                () -> judge(KitCalls.find(run.report(), info.id()), strict, reporter)));
    }

    /** The whole catalogue's report, for a caller who wants it without dynamic tests (one run per call). */
    public Report run() {
        Settings settings = new Settings(timeout, latencyBudget, concurrency, loadDuration, singleUse, false,
                Settings.DEFAULT_PARALLELISM, Settings.NO_RATE_CAP, loadDurationChosen);
        TokenSource valid = validTokens == null ? TokenSource.none("a valid token (SsoCompliance.validTokens)")
                : new SupplierTokens<>("validTokens", "a valid token (SsoCompliance.validTokens)", validTokens,
                t -> new PartnerToken(Secret.of(t.token()), Optional.of(t.userId())));
        TokenSource expired = expiredTokens == null ? TokenSource.none("an expired token (SsoCompliance.expiredTokens)")
                : new SupplierTokens<>("expiredTokens", "an expired token (SsoCompliance.expiredTokens)", expiredTokens,
                t -> new PartnerToken(Secret.of(t), Optional.empty()));
        List<String> notes = new ArrayList<>(List.of("run from JUnit (hubble-kit-junit5)"));
        Report report = KitCalls.runSso(baseUrl, secret, valid, expired, settings, strict, Set.copyOf(skip), notes);
        if (baseline != null) {
            report = KitCalls.applyBaseline(report, baseline);
        }
        if (reportDir != null) {
            KitCalls.writeReports(report, reportDir);
        }
        return report;
    }

    /** Turns one check's result into the test's result. */
    static void judge(CheckResult result, boolean strict, TestReporter reporter) {
        boolean gating = KitCalls.gates(result.severity(), strict);
        switch (result.outcome()) {
            case Outcome.Pass pass -> { }
            case Outcome.Fail fail when gating -> throw new AssertionFailedError(details(result));
            case Outcome.Fail fail -> reporter.publishEntry(result.id(), result.severity() + " failed (not gating"
                    + (strict ? "" : " without strict") + "): " + fail.message());
            case Outcome.Warn warn -> reporter.publishEntry(result.id(), "WARN: " + warn.message());
            case Outcome.Skip skip -> throw new TestAbortedException(result.id() + " not run: " + skip.message());
            case Outcome.Error error when gating -> throw new AssertionFailedError(details(result));
            case Outcome.Error error -> throw new TestAbortedException(result.id() + " could not be judged: " + error.message());
        }
    }

    /** The kit's message, rule, fix and redacted evidence, as junit.xml carries them. */
    static String details(CheckResult result) {
        StringBuilder text = new StringBuilder();
        text.append(result.id()).append(" [").append(result.severity()).append("] ").append(result.status())
                .append(": ").append(result.outcome().message()).append("\n\n");
        text.append("Requirement: ").append(result.requirement()).append('\n');
        text.append("Fix: ").append(result.fix()).append('\n');
        result.outcome().measurements().forEach(m -> text.append(m.formatted()).append('\n'));
        List<Exchange> evidence = result.outcome().evidence();
        for (int i = 0; i < Math.min(evidence.size(), 3); i++) {
            text.append("\nEvidence (").append(evidence.get(i).label()).append("):\n")
                    .append(KitCalls.transcript(evidence.get(i))).append('\n');
        }
        if (evidence.size() > 3) {
            text.append("\n(").append(evidence.size() - 3).append(" more exchanges in report.html)\n");
        }
        return text.toString();
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    /** The catalogue's ids and severities for these settings (single use makes the replay check MUST). */
    public List<CheckInfo> catalogue() {
        return KitCalls.ssoCatalogue(singleUse);
    }

    /** Runs once, on the first test that asks; a failure of the run itself fails every test with its message. */
    private static final class SharedRun {
        private final Supplier<Report> runner;
        private Report report;
        private RuntimeException failure;

        SharedRun(Supplier<Report> runner) {
            this.runner = runner;
        }

        synchronized Report report() {
            if (report == null && failure == null) {
                try {
                    report = runner.get();
                } catch (UsageError | IllegalArgumentException | java.io.UncheckedIOException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw new AssertionFailedError("hubble-kit could not run the catalogue: " + failure.getMessage());
            }
            return report;
        }
    }

    /**
     * A token source over the caller's supplier: null means no more tokens; a throwing supplier stops the run.
     * Probes may run in parallel: the supplier is called by one thread at a time, so it need not be thread-safe.
     */
    private record SupplierTokens<T>(String name, String missing, Supplier<T> supplier,
                                     java.util.function.Function<T, PartnerToken> issue) implements TokenSource {
        @Override
        public synchronized Optional<PartnerToken> next() {
            T value;
            try {
                value = supplier.get();
            } catch (RuntimeException e) {
                // The exception's message may carry a token: name only its type.
                throw new UsageError("the " + name + " supplier threw " + e.getClass().getName());
            }
            if (value instanceof String text && text.isEmpty()) {
                throw new UsageError("the " + name + " supplier returned an empty token");
            }
            return Optional.ofNullable(value).map(issue);
        }

        @Override
        public String describeMissing() {
            return missing;
        }
    }
}
