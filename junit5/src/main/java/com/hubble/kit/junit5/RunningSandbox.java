package com.hubble.kit.junit5;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.hubble.kit.reference.sandbox.FaultPlan;
import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.reference.sandbox.Sandbox;
import com.hubble.kit.reference.sandbox.SandboxSettings;
import com.hubble.kit.runner.client.ClientSession;
import com.hubble.kit.runner.report.Report;

/**
 * The Hubble API sandbox of one test class: where your client connects, with which credentials, which faults it
 * injects, and, after your client ran, {@link #grade()}: the 11 {@code client.*} checks over what it sent.
 */
public final class RunningSandbox implements AutoCloseable {
    private final Sandbox sandbox;
    private final boolean strict;
    private final Path reportDir;
    private final String testClass;
    private final Instant startedAt = Instant.now();

    private RunningSandbox(Sandbox sandbox, boolean strict, Path reportDir, String testClass) {
        this.sandbox = sandbox;
        this.strict = strict;
        this.reportDir = reportDir;
        this.testClass = testClass;
    }

    static RunningSandbox start(HubbleSandbox settings, String testClass) {
        if (settings.tokenLifetimeSecs() < 1) {
            throw new IllegalArgumentException("tokenLifetimeSecs must be at least 1, got " + settings.tokenLifetimeSecs());
        }
        FaultPlan faults = new FaultPlan(settings.revokeTokenAtCall(), settings.throttleAtCall(),
                settings.retryAfterSecs(), settings.unavailableAtCall());
        SandboxSettings sandboxSettings = SandboxSettings.defaults().withTokenLifetimeSecs(settings.tokenLifetimeSecs())
                .withFaults(faults);
        Path reportDir = settings.reportDir().isBlank() ? null : Path.of(settings.reportDir());
        return new RunningSandbox(Sandbox.start(sandboxSettings), settings.strict(), reportDir, testClass);
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash: your client's Hubble base URL. */
    public URI baseUri() {
        return sandbox.baseUri();
    }

    public String baseUrl() {
        return sandbox.baseUri().toString();
    }

    /** The allow-listed sandbox client id ({@code test-client-id}). */
    public String clientId() {
        return SandboxSettings.DEFAULT_CLIENT_ID;
    }

    /** The sandbox client's secret: a sandbox-only credential, not a real one. */
    public String clientSecret() {
        return SandboxSettings.DEFAULT_CLIENT_SECRET;
    }

    /** HUBBLE_BASE_URL, HUBBLE_CLIENT_ID and HUBBLE_CLIENT_SECRET, as {@code client-check} passes them to a client. */
    public Map<String, String> environment() {
        return Map.of("HUBBLE_BASE_URL", baseUrl(), "HUBBLE_CLIENT_ID", clientId(), "HUBBLE_CLIENT_SECRET", clientSecret());
    }

    public long tokenLifetimeSecs() {
        return sandbox.settings().tokenLifetimeSecs();
    }

    /** The faults this sandbox injects: revoked token, 429 and 503, each on the Nth authenticated call (0 = off). */
    public FaultPlan faults() {
        return sandbox.settings().faults();
    }

    /** Every request the sandbox recorded so far, in arrival order, secrets removed. */
    public List<RecordedExchange> exchanges() {
        return sandbox.exchanges();
    }

    /**
     * Grades everything your client sent to this sandbox so far with the same 11 checks as {@code client-check}
     * (and writes the report files when {@link HubbleSandbox#reportDir()} is set).
     */
    public ClientGrade grade() {
        ClientSession session = ClientSession.of(sandbox);
        Report report = KitCalls.gradeClient(session, "client in " + testClass, startedAt, strict);
        if (reportDir != null) {
            KitCalls.writeReports(report, reportDir);
        }
        return new ClientGrade(report, strict);
    }

    @Override
    public void close() {
        sandbox.close();
    }

    @Override
    public String toString() {
        return "RunningSandbox[" + baseUrl() + ", " + faults() + "]";
    }
}
