package com.hubble.kit.runner.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
import com.hubble.kit.runner.report.CheckRun;
import com.hubble.kit.runner.report.Exchange;
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
import com.hubble.kit.runner.config.UsageError;
import com.hubble.kit.runner.report.CheckInfo;

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
public final class VerifyPactCommand implements Callable<ExitCode> {
    static final String SUITE = "verify-pact";
    /** Run over every answer of the verification, like check's run-wide check of the same id. */
    private static final ErrorsNoSecretEcho ECHO = new ErrorsNoSecretEcho();

    @Spec
    CommandSpec spec;

    @Option(names = "--pact", paramLabel = "FILE",
            description = "Pact file to verify (default: the bundled " + ContractFile.BUNDLED + ").")
    Path pact;

    @Mixin
    TargetOptions target;

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

    @Override
    public ExitCode call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (target.baseUrl == null || target.baseUrl.isBlank()) {
            throw new UsageError("--base-url is required (or verify-pact.base-url in hubble-kit.yaml, or "
                    + KitConfiguration.environmentName(SUITE, "base-url") + ")");
        }
        URI base = target.baseUri();
        Secret secret = target.secret();
        ContractFile contract = ContractFile.load(Optional.ofNullable(pact));
        TokenSource valid = tokenSource("--token-command", target.tokenCommand, "a valid token (--token-command)");
        TokenSource expired = tokenSource("--expired-token-command", target.expiredTokenCommand,
                "an expired token (--expired-token-command)");
        Redactor redactor = KitOutput.redactorOf(err);
        redactor.add(secret, "secret");

        Set<String> known = new LinkedHashSet<>(ContractVerifier.checkIds(contract));
        if (!known.isEmpty()) {
            known.add(ECHO.id());
        }
        requireKnown(only, "--only", known);
        requireKnown(skip, "--skip", known);
        ReportOutput.prepare(reportDir);

        Instant started = Instant.now();
        ContractVerifier verifier = new ContractVerifier(redactor);
        List<InteractionResult> verified = verifier.verify(contract,
                new ContractVerifier.Target(base, secret, target.timeout), valid, expired, this::selected);

        String pactName = contract.pact().getConsumer().getName() + " -> " + contract.pact().getProvider().getName();
        Map<PactInteractionCheck, InteractionResult> interactions = new LinkedHashMap<>();
        verified.forEach(result -> interactions.put(new PactInteractionCheck(result.id(), result.description(),
                result.providerStates(), pactName), result));
        // The verifier already left out --only/--skip interactions (as SKIP); a check's time is its request's.
        List<CheckResult> checks = new ArrayList<>(CheckRun.results(List.copyOf(interactions.keySet()), Set.of(),
                check -> { }, check -> {
                    InteractionResult result = interactions.get(check);
                    return CheckResult.of(check, check.evaluate(result),
                            result.exchange().map(e -> e.elapsed().toMillis()).orElse(0L));
                }, result -> err.println(TextReport.line(result))));
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
            checks.add(new CheckResult(new CheckInfo("pact.interactions", "The pact has interactions to verify",
                    Severity.MUST, "Pact contract", "A contract verification verifies at least one interaction.",
                    "nothing: it counts the interactions verified",
                    "Check the pact file (" + contract.source() + ") and --only/--skip."),
                    Outcome.error(verified.isEmpty() ? "the pact " + contract.source() + " has no interactions: nothing was verified"
                            : "every interaction was skipped: nothing was verified"), 0));
        }
        Report report = Report.of(SUITE, redactor.redact(base.toString()), started,
                Duration.between(started, Instant.now()).toMillis(), strict, checks,
                List.of("pact: " + contract.source() + " (" + pactName + ")"));
        report = baseline.applyTo(report);
        return finish(report, verified, out, err);
    }

    private ExitCode finish(Report report, List<InteractionResult> verified, PrintWriter out, PrintWriter err) {
        ReportOutput.show(report, reportDir, out, err);
        // unreachable: a connection failed and no request at all got an answer
        Optional<InteractionResult> unreachable = verified.stream()
                .filter(r -> r.status() == InteractionResult.Status.UNREACHABLE).findFirst();
        boolean answered = verified.stream().anyMatch(r -> r.exchange().flatMap(Exchange::response).isPresent());
        if (unreachable.isPresent() && !answered) {
            err.println("hubble-kit verify-pact: " + unreachable.get().message());
            return ExitCode.UNREACHABLE;
        }
        Optional<InteractionResult> sourceFailed = verified.stream()
                .filter(r -> r.status() == InteractionResult.Status.SOURCE_FAILED).findFirst();
        if (sourceFailed.isPresent()) {
            throw new UsageError(sourceFailed.get().message());
        }
        return ExitCode.of(report.verdict());
    }

    private static TokenSource tokenSource(String flag, String command, String missing) {
        return command == null || command.isBlank() ? TokenSource.none(missing)
                : new CommandTokens(flag, command, Duration.ofSeconds(30));
    }

    private boolean selected(String id) {
        return (only.isEmpty() || only.contains(id)) && !skip.contains(id);
    }

    private static void requireKnown(List<String> ids, String flag, Set<String> known) {
        List<String> unknown = ids.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            if (known.isEmpty()) {
                return; // an empty pact is reported as an error check, not as a usage error
            }
            throw new UsageError(flag + " names no check of this pact: " + String.join(", ", unknown)
                    + "; the pact's checks are: " + String.join(", ", known));
        }
    }
}
