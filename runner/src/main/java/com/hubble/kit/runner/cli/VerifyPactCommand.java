package com.hubble.kit.runner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.access.CommandTokens;
import com.hubble.kit.runner.access.TokenSource;
import com.hubble.kit.runner.baseline.BaselineOption;
import com.hubble.kit.runner.config.KitConfiguration;
import com.hubble.kit.runner.pact.ContractFile;
import com.hubble.kit.runner.pact.ContractVerifier;
import com.hubble.kit.runner.pact.InteractionResult;
import com.hubble.kit.runner.pact.PactInteractionCheck;
import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Gate;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.report.render.TextReport;
import com.hubble.kit.runner.sso.ErrorsNoSecretEcho;
import com.hubble.kit.runner.sso.probe.Observed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hubble-kit verify-pact}: the /sso Pact contract verified against a live partner, one check per interaction. */
@Command(name = "verify-pact",
        mixinStandardHelpOptions = true,
        description = {
                "Verifies the /sso Pact contract (hubble-platform -> partner-sso) against a live partner with Pact JVM's "
                        + "provider verifier. Each interaction is one MUST check, and sso.errors.no-secret-echo (MUST) judges every "
                        + "answer for an echoed secret or token; same reports and exit codes as check.",
                "Provider states get a fresh token from --token-command (an expired one from --expired-token-command); "
                        + "the pact's placeholder X-Hubble-Secret is replaced by the one from --secret-env or --secret-file.",
                "A contract allows extra fields, so user data inside a rejection is not caught here: 'check' catches it. "
                        + "Gate on both."},
        footerHeading = "%nExit codes:%n",
        footer = "%s")
public final class VerifyPactCommand implements Callable<Integer> {
    static final String SUITE = "verify-pact";
    /** Run over every answer of the verification, like check's run-wide check of the same id. */
    private static final ErrorsNoSecretEcho ECHO = new ErrorsNoSecretEcho();

    @Spec
    CommandSpec spec;

    @Option(names = "--pact", paramLabel = "FILE",
            description = "Pact file to verify (default: the bundled " + ContractFile.BUNDLED + ").")
    Path pact;

    @Option(names = "--base-url", paramLabel = "URL", description = "The partner's base URL; requests go to URL + the pact's path (/sso).")
    String baseUrl;

    @Option(names = "--secret-env", paramLabel = "NAME", defaultValue = "HUBBLE_SECRET",
            description = "Environment variable holding the X-Hubble-Secret (default: ${DEFAULT-VALUE}).")
    String secretEnv;

    @Option(names = "--secret-file", paramLabel = "PATH", description = "File holding the X-Hubble-Secret (instead of --secret-env).")
    Path secretFile;

    @Option(names = "--token-command", paramLabel = "CMD",
            description = "Run with sh -c once per interaction that needs a token; prints a bare token or {\"token\": \"...\", \"userId\": \"...\"}.")
    String tokenCommand;

    @Option(names = "--expired-token-command", paramLabel = "CMD",
            description = "Run with sh -c for the expired-token interaction; prints an expired token (same forms).")
    String expiredTokenCommand;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "Deadline per request (default: ${DEFAULT-VALUE}). Forms: 500ms, 5s, 2m.")
    Duration timeout;

    @Option(names = "--only", paramLabel = "ID", description = "Run only these checks (repeatable; ids as in the report: pact.<description>).")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", paramLabel = "ID", description = "Skip these checks (repeatable).")
    List<String> skip = new ArrayList<>();

    @Option(names = "--strict", description = "SHOULD checks gate too (every pact check is a MUST).")
    boolean strict;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Write report.json, junit.xml, report.html and report.md here.")
    Path reportDir;

    @Mixin
    BaselineOption baseline;

    @Option(names = "--allow-http", description = "Allow plain http:// to a non-loopback host.")
    boolean allowHttp;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } catch (UsageException e) {
            err.println("hubble-kit verify-pact: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
    }

    private int run(PrintWriter out, PrintWriter err) throws UsageException {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new UsageException("--base-url is required (or verify-pact.base-url in hubble-kit.yaml, or "
                    + KitConfiguration.environmentName(SUITE, "base-url") + ")");
        }
        URI base;
        Secret secret;
        try {
            base = TargetInput.baseUrl(baseUrl, allowHttp);
            secret = TargetInput.secret(secretFile, secretEnv,
                    spec.commandLine().getParseResult().hasMatchedOption("--secret-env"),
                    note -> err.println("hubble-kit: note: " + note));
        } catch (TargetInput.Problem e) {
            throw new UsageException(e.getMessage());
        }
        ContractFile contract;
        try {
            contract = ContractFile.load(Optional.ofNullable(pact));
        } catch (ContractFile.ContractLoadException e) {
            throw new UsageException(e.getMessage());
        }
        TokenSource valid = tokenSource("--token-command", tokenCommand, "a valid token (--token-command)");
        TokenSource expired = tokenSource("--expired-token-command", expiredTokenCommand,
                "an expired token (--expired-token-command)");
        Redactor redactor = KitOutput.redactorOf(err);
        redactor.add(secret, "secret");

        Set<String> known = new LinkedHashSet<>(ContractVerifier.checkIds(contract));
        if (!known.isEmpty()) {
            known.add(ECHO.id());
        }
        requireKnown(only, "--only", known);
        requireKnown(skip, "--skip", known);

        Instant started = Instant.now();
        ContractVerifier verifier = new ContractVerifier(redactor);
        List<InteractionResult> verified = verifier.verify(contract,
                new ContractVerifier.Target(base, secret, timeout), valid, expired, this::selected);

        String pactName = contract.pact().getConsumer().getName() + " -> " + contract.pact().getProvider().getName();
        List<CheckResult> checks = new ArrayList<>();
        for (InteractionResult result : verified) {
            PactInteractionCheck check = new PactInteractionCheck(result.id(), result.description(),
                    result.providerStates(), pactName);
            Outcome outcome = check.evaluate(result);
            long ms = result.exchange().map(e -> e.elapsed().toMillis()).orElse(0L);
            CheckResult checkResult = CheckResult.of(check, outcome, ms);
            checks.add(checkResult);
            err.println(TextReport.line(checkResult));
        }
        List<Exchange> answered = verifier.rawExchanges();
        if (selected(ECHO.id()) && !answered.isEmpty()) {
            // The contract allows extra fields, so an echoed secret or token is judged here, as check judges it.
            Outcome echo = redactor.redact(redactor.whileJudging(() ->
                    ECHO.evaluate(new Observed(answered, Optional.empty(), redactor))));
            CheckResult echoResult = CheckResult.of(ECHO, echo, 0);
            checks.add(echoResult);
            err.println(TextReport.line(echoResult));
        }
        if (checks.stream().noneMatch(c -> c.status() != com.hubble.kit.runner.report.Status.SKIP)) {
            // never green for what was not judged: an empty pact (or everything skipped) is not a pass
            checks.add(new CheckResult("pact.interactions", "The pact has interactions to verify", Severity.MUST,
                    "Pact contract", "A contract verification verifies at least one interaction.",
                    "Check the pact file (" + contract.source() + ") and --only/--skip.",
                    Outcome.error(verified.isEmpty() ? "the pact " + contract.source() + " has no interactions: nothing was verified"
                            : "every interaction was skipped: nothing was verified"), 0));
        }
        Report report = Report.of(SUITE, redactor.redact(base.toString()), started,
                Duration.between(started, Instant.now()).toMillis(), strict, checks,
                List.of("pact: " + contract.source() + " (" + pactName + ")"));
        report = baseline.applyTo(report);
        return finish(report, verified, out, err);
    }

    private int finish(Report report, List<InteractionResult> verified, PrintWriter out, PrintWriter err) {
        try {
            ReportOutput.show(report, reportDir, out, err);
        } catch (IOException e) {
            err.println("hubble-kit verify-pact: cannot write reports to " + reportDir + ": " + e.getClass().getSimpleName());
            return ExitCode.USAGE.code();
        }
        // unreachable: a connection failed and no request at all got an answer
        Optional<InteractionResult> unreachable = verified.stream()
                .filter(r -> r.status() == InteractionResult.Status.UNREACHABLE).findFirst();
        boolean answered = verified.stream().anyMatch(r -> r.exchange().flatMap(Exchange::response).isPresent());
        if (unreachable.isPresent() && !answered) {
            err.println("hubble-kit verify-pact: " + unreachable.get().message());
            return ExitCode.UNREACHABLE.code();
        }
        Optional<InteractionResult> sourceFailed = verified.stream()
                .filter(r -> r.status() == InteractionResult.Status.SOURCE_FAILED).findFirst();
        if (sourceFailed.isPresent()) {
            err.println("hubble-kit verify-pact: " + sourceFailed.get().message());
            return ExitCode.USAGE.code();
        }
        return Gate.exitCode(report, strict).code();
    }

    private static TokenSource tokenSource(String flag, String command, String missing) {
        return command == null || command.isBlank() ? TokenSource.none(missing)
                : new CommandTokens(flag, command, Duration.ofSeconds(30));
    }

    private boolean selected(String id) {
        return (only.isEmpty() || only.contains(id)) && !skip.contains(id);
    }

    private static void requireKnown(List<String> ids, String flag, Set<String> known) throws UsageException {
        List<String> unknown = ids.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            if (known.isEmpty()) {
                return; // an empty pact is reported as an error check, not as a usage error
            }
            throw new UsageException(flag + " names no check of this pact: " + String.join(", ", unknown)
                    + "; the pact's checks are: " + String.join(", ", known));
        }
    }

    /** A usage or configuration error: exit 2 with this message. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
