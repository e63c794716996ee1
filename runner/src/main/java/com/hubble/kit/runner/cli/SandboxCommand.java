package com.hubble.kit.runner.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import com.hubble.kit.reference.StartFailure;
import com.hubble.kit.reference.sandbox.FaultPlan;
import com.hubble.kit.reference.sandbox.Sandbox;
import com.hubble.kit.reference.sandbox.SandboxSettings;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import com.hubble.kit.runner.config.UsageError;
import com.hubble.kit.runner.report.Redactor;

/** hubble-kit sandbox: the Hubble API sandbox on its own, for developing a client against it. */
@Command(name = "sandbox", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a local stand-in for Hubble's partner API on 127.0.0.1 until interrupted (Ctrl-C): "
                + "POST /v1/partners/auth/login (clientId test-client-id, clientSecret test-client-secret), "
                + "GET /v1/partners/products and /v1/partners/products/{id}."})
public final class SandboxCommand implements Callable<ExitCode> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", converter = WholeNumber.Port.class, paramLabel = "P", defaultValue = "8089",
            description = "Loopback port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--expires-in", converter = WholeNumber.Seconds.class, paramLabel = "SECONDS", defaultValue = "3600",
            description = "Token lifetime announced in expiresInSecs (default: ${DEFAULT-VALUE}).")
    long expiresIn;

    @Option(names = "--expires-in-as-string", description = "Send expiresInSecs as a string (\"3600\"), as an older Hubble page shows.")
    boolean expiresInAsString;

    @Option(names = "--inject-401-at", converter = WholeNumber.CallNumber.class, paramLabel = "N", defaultValue = "0",
            description = "Revoke the token from the Nth authenticated call on, at the first call on a token used "
                    + "before and younger than half its lifetime (default: ${DEFAULT-VALUE} = off).")
    int inject401At;

    @Option(names = "--inject-429-at", converter = WholeNumber.CallNumber.class, paramLabel = "N", defaultValue = "0",
            description = "Answer the Nth authenticated call 429 with Retry-After (default: off).")
    int inject429At;

    @Option(names = "--retry-after", converter = WholeNumber.IntSeconds.class, paramLabel = "SECONDS", defaultValue = "1",
            description = "Retry-After of the injected 429 (default: ${DEFAULT-VALUE}).")
    int retryAfter;

    @Option(names = "--inject-503-at", converter = WholeNumber.CallNumber.class, paramLabel = "N", defaultValue = "0",
            description = "Answer the Nth authenticated call 503 (default: off).")
    int inject503At;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public ExitCode call() {
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535 || expiresIn < 1 || inject401At < 0 || inject429At < 0 || inject503At < 0
                || retryAfter < 0) {
            throw new UsageError("--port must be 0..65535, --expires-in at least 1, call numbers 0 or positive");
        }
        SandboxSettings settings = SandboxSettings.defaults().withTokenLifetimeSecs(expiresIn)
                .withLifetimeAsString(expiresInAsString)
                .withFaults(new FaultPlan(inject401At, inject429At, retryAfter, inject503At));
        KitLogging.quietFeatureBanner();
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(settings, port);
        } catch (StartFailure e) {
            throw StartFailureMessage.usageError(e); // the server is stopped: the process exits 2
        } catch (RuntimeException e) {
            throw new UsageError("could not start the sandbox on 127.0.0.1:" + port + " (" + e.getClass().getSimpleName()
                    + "); try another port with --port (0 picks a free one)");
        }
        // A live log on stderr: what the client sent, as the sandbox recorded it (plain token values already replaced
        // by their ids). A client may send a token encoded (base64 in a query, hex in X-REQUEST-ID): every issued
        // token is registered with the output's redactor before each line. The sandbox's client secrets are public
        // (printed below), so they are not redacted.
        Redactor redactor = KitOutput.redactorOf(err);
        sandbox.state().recorder().subscribe(exchange -> {
            sandbox.state().tokens().issued().forEach(token -> redactor.add(token.value(), "token"));
            synchronized (err) {
                err.println(describe(exchange));
                err.flush();
            }
        });
        // Helidon's log records go through the same redaction and escaping (a record may quote a request).
        LogsToStderr logs = new LogsToStderr(err);
        Thread hook = new Thread(sandbox::close);
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Hubble API sandbox on " + sandbox.baseUri() + " (Ctrl-C stops it)");
        out.println("  export HUBBLE_BASE_URL=" + sandbox.baseUri());
        out.println("  export HUBBLE_CLIENT_ID=" + SandboxSettings.DEFAULT_CLIENT_ID);
        out.println("  export HUBBLE_CLIENT_SECRET=" + SandboxSettings.DEFAULT_CLIENT_SECRET
                + "   # sandbox-only credentials");
        out.println("  curl -s -X POST $HUBBLE_BASE_URL/v1/partners/auth/login -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"clientId\":\"test-client-id\",\"clientSecret\":\"test-client-secret\"}'");
        out.println("tokens live " + expiresIn + " s; blocked (403) client: " + SandboxSettings.BLOCKED_CLIENT_ID
                + " / " + SandboxSettings.BLOCKED_CLIENT_SECRET);
        out.flush();
        boolean interrupted = false;
        try {
            stopped.await();
        } catch (InterruptedException e) {
            interrupted = true; // the normal way to stop it from a caller thread; Ctrl-C goes through the hook
        }
        // Stopped before the interrupt flag is restored: the server's shutdown must not see it.
        sandbox.close();
        logs.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.SUCCESS;
    }

    /** One line per exchange, secrets already removed: "#3 GET /v1/partners/products?pageNo=2 token-1 LIVE -> 200". */
    static String describe(com.hubble.kit.reference.sandbox.RecordedExchange e) {
        StringBuilder line = new StringBuilder("#").append(e.sequence()).append(' ').append(e.method()).append(' ')
                .append(e.path()).append(e.query().isEmpty() ? "" : "?" + e.query());
        e.authorization().ifPresent(a -> line.append(' ').append(a.tokenId().orElse("unknown-token")).append(' ')
                .append(a.tokenId().isPresent() ? a.status() : ""));
        line.append(e.requestId().map(id -> " X-REQUEST-ID " + id).orElse(" (no X-REQUEST-ID)"));
        line.append(" -> ").append(e.status());
        e.issuedTokenId().ifPresent(id -> line.append(" issued ").append(id));
        if (e.fault() != com.hubble.kit.reference.sandbox.Fault.NONE) {
            line.append(" [injected ").append(e.fault()).append(']');
        }
        return line.toString();
    }
}
