package com.hubble.kit.runner.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.access.CommandTokens;
import com.hubble.kit.runner.access.FixedTokens;
import com.hubble.kit.runner.access.PartnerToken;
import com.hubble.kit.runner.access.TokenSource;
import com.hubble.kit.runner.config.UsageError;
import com.hubble.kit.runner.baseline.BaselineOption;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Header;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.TransportFailure;
import com.hubble.kit.runner.report.render.TextReport;
import com.hubble.kit.runner.sso.SsoCatalogue;
import com.hubble.kit.runner.sso.SsoCheck;
import com.hubble.kit.runner.sso.SsoRun;
import com.hubble.kit.runner.sso.probe.ProbeContext;
import com.hubble.kit.runner.sso.probe.Settings;
import com.hubble.kit.runner.sso.probe.SsoClient;
import com.hubble.kit.runner.sso.probe.Step;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** hubble-kit check: the compliance catalogue against a partner's live /sso (or the embedded reference). */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Runs the compliance catalogue against a partner's POST /sso and prints a verdict with evidence.",
                "Without --base-url it starts the reference /sso in-process on a free loopback port, with its own "
                        + "secret and tokens, and checks that.",
                "Progress goes to stderr (one line per check), the summary table to stdout."},
        footerHeading = "%nExit codes:%n",
        footer = "%s")
public final class CheckCommand implements Callable<ExitCode> {
    static final String VALID_MISSING = "a valid token (--token or --token-command)";
    static final String EXPIRED_MISSING = "an expired token (--expired-token or --expired-token-command)";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    TargetOptions target;

    @Option(names = "--token", paramLabel = "VALUE",
            description = "A valid token (repeatable). Without --single-use tokens are reused round-robin.")
    List<String> tokens = new ArrayList<>();

    @Option(names = "--user-id", paramLabel = "ID",
            description = "The userId the partner must return for a bare valid token (--token VALUE, or a token command "
                    + "printing a bare token); a userId in a token command's JSON output wins for that token.")
    String userId;

    @Option(names = "--expired-token", paramLabel = "VALUE", description = "An expired token (repeatable).")
    List<String> expiredTokens = new ArrayList<>();

    @Option(names = "--single-use", description = "Tokens are single-use: never reuse one; sso.token.replay becomes MUST.")
    boolean singleUse;

    @Option(names = "--latency-budget", paramLabel = "DURATION", defaultValue = Settings.LATENCY_BUDGET, converter = DurationConverter.class,
            description = "p95 budget for sso.perf.latency (default: ${DEFAULT-VALUE}).")
    Duration latencyBudget;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = Settings.CONCURRENCY,
            description = "Parallel callers for sso.perf.concurrency (default: ${DEFAULT-VALUE}).")
    int concurrency;

    // No defaultValue: null means not chosen (neither a flag nor the config), and only then may the load stop early.
    @Option(names = "--load-duration", paramLabel = "DURATION", converter = DurationConverter.UpToAnHour.class,
            description = "How long sso.perf.concurrency runs (at most 60m). Given, it runs that long; without it, at most "
                    + Settings.LOAD_DURATION + ", stopping once its verdict is settled and its call rate steady.")
    Duration loadDuration;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = Settings.PARALLELISM,
            description = "How many probes may run at once (default: ${DEFAULT-VALUE}); 1 runs them one after another. "
                    + "The latency, load and timing-leak probes always run alone, and the checks over every response "
                    + "after the others; verdicts do not depend on it.")
    int parallelism;

    /** Past a million calls a second a cap caps nothing: a bigger value is a typo. */
    static final int MAX_RATE = 1_000_000;

    @Option(names = "--max-rate", paramLabel = "CALLS_PER_S", defaultValue = Settings.MAX_RATE,
            description = "Cap on the calls per second sso.perf.concurrency sends, all callers together (default: "
                    + "${DEFAULT-VALUE}, no cap: the callers send back to back; at most " + MAX_RATE + "). Set it to "
                    + "spare a shared staging system.")
    int maxRate;

    @Option(names = "--only", paramLabel = "ID", description = "Run only these checks (repeatable).")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", paramLabel = "ID", description = "Skip these checks (repeatable); reported as SKIP.")
    List<String> skip = new ArrayList<>();

    @Option(names = "--strict", description = "SHOULD checks gate too: any failed SHOULD makes the run non-compliant.")
    boolean strict;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Write report.json, junit.xml, report.html and report.md here.")
    Path reportDir;

    @CommandLine.Mixin
    BaselineOption baseline;

    @Option(names = "--insecure", description = "Do not verify the TLS certificate (loudly warned; for test systems only).")
    boolean insecure;

    @Override
    public ExitCode call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<SsoCheck<?>> catalogue = SsoCatalogue.checks(singleUse || target.baseUrl == null);
        Set<String> ids = catalogue.stream().map(SsoCheck::id).collect(Collectors.toCollection(LinkedHashSet::new));
        for (String id : concat(only, skip)) {
            if (!ids.contains(id)) {
                throw new UsageError("unknown check id '" + id + "' (in --only/--skip); run 'hubble-kit list' for the ids");
            }
        }
        if (concurrency < 1 || concurrency > 1024) {
            throw new UsageError("--concurrency must be between 1 and 1024, got " + concurrency);
        }
        if (parallelism < 1 || parallelism > 64) {
            throw new UsageError("--parallelism must be between 1 and 64, got " + parallelism);
        }
        if (maxRate < 0 || maxRate > MAX_RATE) {
            throw new UsageError("--max-rate must be 0 (no cap) or a number of calls per second up to " + MAX_RATE
                    + ", got " + maxRate);
        }
        ReportOutput.prepare(reportDir);
        List<SsoCheck<?>> selected = only.isEmpty() ? catalogue
                : catalogue.stream().filter(c -> only.contains(c.id())).toList();
        List<String> notes = new ArrayList<>();
        if (insecure) {
            err.println("WARNING: --insecure: TLS certificates are NOT verified. Anyone on the path could read the "
                    + "secret and tokens. Use this only against a test system.");
            notes.add("--insecure: TLS certificates were not verified");
        }
        if (target.baseUrl == null) {
            if (!tokens.isEmpty() || target.tokenCommand != null || !expiredTokens.isEmpty() || target.expiredTokenCommand != null
                    || userId != null) {
                throw new UsageError("--token, --token-command, --user-id, --expired-token and --expired-token-command need "
                        + "--base-url (without it the kit checks its embedded reference with its own tokens)");
            }
            try (EmbeddedReference reference = EmbeddedReference.start()) {
                err.println("hubble-kit: no --base-url: checking the embedded reference /sso at " + reference.baseUrl()
                        + " (random secret, its own tokens, single-use)");
                notes.add("embedded reference server (no --base-url)");
                Settings settings = settings(true);
                return execute(out, err, URI.create(reference.baseUrl()), reference.secret(), reference.validTokens(),
                        reference.expiredTokens(), settings, selected, notes);
            }
        }
        URI base = target.baseUri();
        Secret secret = target.secret();
        if (userId != null && userId.isBlank()) {
            throw new UsageError("--user-id must not be empty");
        }
        TokenSource valid = tokenSource("--token", tokens, "--token-command", target.tokenCommand, VALID_MISSING,
                Optional.ofNullable(userId));
        TokenSource expired = tokenSource("--expired-token", expiredTokens, "--expired-token-command",
                target.expiredTokenCommand, EXPIRED_MISSING, Optional.empty());
        Settings settings = settings(singleUse);
        return execute(out, err, base, secret, valid, expired, settings, selected, notes);
    }

    private Settings settings(boolean singleUseTokens) {
        boolean chosen = loadDuration != null;
        return new Settings(target.timeout, latencyBudget, concurrency,
                chosen ? loadDuration : Settings.defaults().loadDuration(), singleUseTokens, insecure, parallelism, maxRate,
                chosen);
    }

    private ExitCode execute(PrintWriter out, PrintWriter err, URI base, Secret secret, TokenSource valid, TokenSource expired,
                             Settings settings, List<SsoCheck<?>> checks, List<String> notes) {
        Redactor redactor = KitOutput.redactorOf(err);
        try (SsoClient client = new SsoClient(settings.timeout(), settings.insecure(), redactor)) {
            ProbeContext context = new ProbeContext(base, client, secret, valid, expired, settings);
            Optional<TransportFailure> unreachable = preflight(context);
            if (unreachable.isPresent()) {
                err.println("hubble-kit check: cannot reach " + context.sso(null) + ": " + unreachable.get().message());
                err.println("Check the URL, that the service is up and reachable from here"
                        + (unreachable.get().kind() == TransportFailure.Kind.TLS
                        ? ", and that its certificate is valid for the host (or use --insecure on a test system)" : "")
                        + ".");
                err.flush();
                return ExitCode.UNREACHABLE;
            }
            err.println("hubble-kit: checking " + context.sso(null) + " (" + checks.size() + " checks)");
            err.flush();
            boolean live = terminal();
            Report report = new SsoRun(context).onStart(check -> {
                if (live) {
                    KitOutput.control(err, "\r\033[K");
                    err.print("… running " + check.id());
                    err.flush();
                }
            }).run(base.toString(), checks, Set.copyOf(skip), strict, notes, result -> {
                if (live) {
                    KitOutput.control(err, "\r\033[K");
                }
                err.println(TextReport.line(result));
                err.flush();
            });
            report = baseline.applyTo(report);
            ReportOutput.show(report, reportDir, out, err);
            return ExitCode.of(report.verdict());
        }
    }

    /** Whether the process talks to a terminal: then a live "running ..." line is overwritten in place. */
    private static boolean terminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Console.isTerminal() exists from JDK 22; on 21 a non-null console already means a terminal.
            return (boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** One call with a random token: a refused connection, an unknown host or a TLS failure means exit 3. */
    private static Optional<TransportFailure> preflight(ProbeContext context) {
        Exchange exchange = context.send("reachability", "POST", context.sso(null),
                List.of(new Header(Step.SECRET_HEADER, context.secret().reveal())),
                "{\"token\":\"" + context.randomToken(43) + "\"}");
        return exchange.failure().filter(f -> f.kind() == TransportFailure.Kind.CONNECT || f.kind() == TransportFailure.Kind.TLS);
    }

    private TokenSource tokenSource(String listFlag, List<String> values, String commandFlag, String command,
                                    String missing, Optional<String> bareUserId) {
        if (!values.isEmpty() && command != null) {
            throw new UsageError("give either " + listFlag + " or " + commandFlag + ", not both");
        }
        if (command != null) {
            if (command.isBlank()) {
                throw new UsageError(commandFlag + " is empty");
            }
            return new CommandTokens(commandFlag, command, Duration.ofSeconds(30), bareUserId);
        }
        if (values.stream().anyMatch(String::isEmpty)) {
            throw new UsageError(listFlag + " must not be empty");
        }
        return values.isEmpty() ? TokenSource.none(missing)
                : new FixedTokens(values.stream().map(v -> new PartnerToken(Secret.of(v), bareUserId)).toList(),
                singleUse, missing);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
