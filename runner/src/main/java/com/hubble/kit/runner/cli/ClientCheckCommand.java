package com.hubble.kit.runner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.hubble.kit.reference.sandbox.FaultPlan;
import com.hubble.kit.reference.sandbox.Sandbox;
import com.hubble.kit.reference.sandbox.SandboxSettings;
import com.hubble.kit.runner.baseline.BaselineOption;
import com.hubble.kit.runner.client.ClientGrader;
import com.hubble.kit.runner.client.ClientProcess;
import com.hubble.kit.runner.client.ClientSession;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.render.TextReport;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import com.hubble.kit.runner.config.Durations;
import com.hubble.kit.runner.config.UsageError;

/** hubble-kit client-check: runs a partner's Hubble API client against the sandbox and grades its traffic. */
@Command(name = "client-check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Starts a Hubble API sandbox on a free loopback port, runs CMD with sh -c and the environment variables "
                        + "HUBBLE_BASE_URL, HUBBLE_CLIENT_ID and HUBBLE_CLIENT_SECRET, waits for it to exit, then grades "
                        + "every request it sent against Hubble's setup checklist.",
                "CMD's output goes to stderr (prefixed 'client| '), progress to stderr, the summary table to stdout."})
public final class ClientCheckCommand implements Callable<ExitCode> {

    /** The first token's lifetime by default: a client calling for more than 80% of it gets to a refresh. */
    static final long DEFAULT_FIRST_LIFETIME = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--run", paramLabel = "CMD", required = true,
            description = "The client to grade, run with sh -c; it must read HUBBLE_BASE_URL, HUBBLE_CLIENT_ID, HUBBLE_CLIENT_SECRET.")
    String command;

    @Option(names = "--expires-in", converter = WholeNumber.Seconds.class, paramLabel = "SECONDS",
            description = "Lifetime of every token the sandbox issues, announced in expiresInSecs (default: 3600, as "
                    + "Hubble's, with a first token of --first-expires-in).")
    Long expiresIn;

    @Option(names = "--first-expires-in", converter = WholeNumber.Seconds.class, paramLabel = "SECONDS",
            description = "Lifetime of the first token only (default: " + DEFAULT_FIRST_LIFETIME + " without "
                    + "--expires-in, else the same as --expires-in). A short first token makes a refresh due within a "
                    + "short run, so client.token.refresh is judged; the later 3600 s tokens keep client.token.cached "
                    + "fair to clients that refresh minutes before expiry. Refresh is SKIP when the client's last call "
                    + "came before 80%% of a token's life.")
    Long firstExpiresIn;

    @Option(names = "--expires-in-as-string",
            description = "Send expiresInSecs as a string (\"3600\"), as an older Hubble page shows: a client must "
                    + "accept both.")
    boolean lifetimeAsString;

    @Option(names = "--inject-401-at", converter = WholeNumber.CallNumber.class, paramLabel = "N", defaultValue = "5",
            description = "Revoke the token from the Nth authenticated call on, at the first call whose token was "
                    + "used before and is younger than half its lifetime (so no scheduled refresh looks like a "
                    + "recovery): a 401 the client must answer by logging in and repeating that request "
                    + "(default: ${DEFAULT-VALUE}; 0 turns it off).")
    int inject401At;

    @Option(names = "--max-duration", paramLabel = "DURATION", defaultValue = "120s", converter = DurationConverter.class,
            description = "How long CMD may run before it and every process it started are killed (default: "
                    + "${DEFAULT-VALUE}). What it sent is graded, but a run cut short is never PASS: INCOMPLETE (exit 4), "
                    + "or FAIL when a MUST check failed. Forms: 500ms, 30s, 2m.")
    Duration maxDuration;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Write report.json, junit.xml, report.html and report.md here.")
    Path reportDir;

    @Option(names = "--strict", description = "SHOULD checks gate too: any failed SHOULD makes the run non-compliant.")
    boolean strict;

    @CommandLine.Mixin
    BaselineOption baseline;

    /** Held so the level sticks: the sandbox's start-up chatter would drown the client's own output. */
    private static final java.util.logging.Logger HELIDON_LOGS = java.util.logging.Logger.getLogger("io.helidon");

    @Override
    public ExitCode call() {
        HELIDON_LOGS.setLevel(java.util.logging.Level.WARNING);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (command.isBlank()) {
            throw new UsageError("--run is empty: give the command that runs your client, e.g. --run 'node client.js'");
        }
        long lifetime = expiresIn == null ? SandboxSettings.DEFAULT_TOKEN_LIFETIME_SECS : expiresIn;
        long firstLifetime = firstExpiresIn != null ? firstExpiresIn
                : expiresIn == null ? DEFAULT_FIRST_LIFETIME : expiresIn;
        if (lifetime < 1) {
            throw new UsageError("--expires-in must be at least 1 second, got " + lifetime);
        }
        if (firstLifetime < 1) {
            throw new UsageError("--first-expires-in must be at least 1 second, got " + firstLifetime);
        }
        if (inject401At < 0) {
            throw new UsageError("--inject-401-at must be 0 (off) or a positive call number, got " + inject401At);
        }
        ReportOutput.prepare(reportDir);
        SandboxSettings settings = SandboxSettings.defaults().withTokenLifetimeSecs(lifetime)
                .withFirstTokenLifetimeSecs(firstLifetime).withLifetimeAsString(lifetimeAsString)
                .withFaults(FaultPlan.NONE.withRevokeTokenAtCall(inject401At));
        String tokens = (firstLifetime == lifetime ? "tokens live " + lifetime + " s"
                : "the first token lives " + firstLifetime + " s, later ones " + lifetime + " s")
                + (lifetimeAsString ? ", expiresInSecs as a string" : "");
        Instant startedAt = Instant.now();
        // The client secret and every token the sandbox issues are redacted from everything printed or written: the
        // client's own output relayed below, messages and evidence (a client may send or print them encoded).
        Redactor redactor = KitOutput.redactorOf(err);
        settings.clients().forEach(client -> redactor.add(client.clientSecret(), "secret"));
        try (LogsToStderr logs = new LogsToStderr(err); Sandbox sandbox = Sandbox.start(settings)) {
            // A token is in the sandbox's list before its login is answered, so before the client can print it.
            Runnable learnTokens = () -> sandbox.state().tokens().issued().forEach(t -> redactor.add(t.value(), "token"));
            err.println("hubble-kit: Hubble API sandbox at " + sandbox.baseUri() + " (" + tokens
                    + (inject401At > 0 ? "; the token is revoked from authenticated call " + inject401At + " on" : "")
                    + ")");
            err.println("hubble-kit: running the client: sh -c " + quote(command));
            err.flush();
            ClientProcess.Result result;
            try {
                result = ClientProcess.run(command, environment(sandbox), maxDuration, err, learnTokens);
            } catch (IOException e) {
                throw new UsageError("cannot start sh -c for --run: " + e.getMessage());
            }
            learnTokens.run(); // tokens issued after the client's last line, before the lines below name its processes
            List<String> notes = new ArrayList<>();
            notes.add("client command: " + command);
            notes.add("sandbox: " + tokens + "; "
                    + (inject401At > 0 ? "token revoked from authenticated call " + inject401At + " on"
                    : "no injected 401"));
            String cutShort = null;
            if (result.timedOut()) {
                String killed = "the client was still running after " + Durations.format(maxDuration) + ": killed it"
                        + (result.stopped().isEmpty() ? "" : " and " + ClientProcess.processes(result.stopped().size())
                        + " it started: " + ClientProcess.list(result.stopped(), redactor));
                err.println("hubble-kit: " + killed + ". Graded what it sent until then");
                err.println("hubble-kit: the run was cut short, so it cannot pass: verdict INCOMPLETE (exit 4) unless a "
                        + "MUST check failed on what was seen. Give the client more time (--max-duration) or make it "
                        + "end by itself after its calls");
                cutShort = "the run was cut short, the checks judged only what the client sent until then: " + killed;
            } else {
                int status = result.exitStatus().orElseThrow();
                err.println("hubble-kit: the client exited with status " + status + " after "
                        + result.elapsed().toMillis() + " ms");
                if (status != 0) {
                    notes.add("the client exited with status " + status);
                }
            }
            if (result.leftovers()) {
                String killed = "the client left " + ClientProcess.processes(result.stopped().size())
                        + " running when it exited: killed " + ClientProcess.list(result.stopped(), redactor);
                err.println("hubble-kit: WARNING: " + killed);
                notes.add(killed);
            }
            if (result.outputHeld()) {
                String escaped = "the client's output was still open after every process the kit found was killed: "
                        + "a process the client started is still running out of the kit's reach (one that cleared its "
                        + "environment and left the session between two looks; see CLIENT.md)";
                err.println("hubble-kit: WARNING: " + escaped);
                notes.add(escaped);
            }
            err.flush();
            learnTokens.run();
            ClientSession session = ClientSession.of(sandbox);
            err.println("hubble-kit: grading " + session.exchanges().size() + " recorded request(s)");
            Report report = ClientGrader.grade(session, "client command: " + command, startedAt, strict, notes, redactor,
                    r -> {
                        err.println(TextReport.line(r));
                        err.flush();
                    });
            report = baseline.applyTo(report);
            if (cutShort != null) {
                report = report.cutShort(redactor.redact(cutShort));
            }
            ReportOutput.show(report, reportDir, out, err);
            return ExitCode.of(report.verdict());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageError("interrupted while waiting for the client");
        }
    }

    /**
     * The three variables a client reads, plus HUBBLE_KIT_JAVA and HUBBLE_KIT_CLASSPATH (the JDK and classpath running
     * the kit), so a Java client such as the reference ClientDemo runs without knowing where the kit is installed.
     */
    static Map<String, String> environment(Sandbox sandbox) {
        return Map.of(
                "HUBBLE_BASE_URL", sandbox.baseUri().toString(),
                "HUBBLE_CLIENT_ID", SandboxSettings.DEFAULT_CLIENT_ID,
                "HUBBLE_CLIENT_SECRET", SandboxSettings.DEFAULT_CLIENT_SECRET,
                "HUBBLE_KIT_JAVA", ProcessHandle.current().info().command().orElse("java"),
                "HUBBLE_KIT_CLASSPATH", System.getProperty("java.class.path", ""));
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
