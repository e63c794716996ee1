package com.hubble.kit.runner.sso.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.access.TokenSource;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.Status;
import com.hubble.kit.runner.report.TransportFailure;
import com.hubble.kit.runner.sso.PerfTimingLeak;
import com.sun.net.httpserver.HttpServer;

/** The timing-leak probe's series: what it times, what it keeps of failures, and a target already found silent. */
class TimingProbeTest {
    private static final Secret SECRET = Secret.of("timing-probe-secret-0123456789");
    private static final int PAIRS = 100; // as sso.perf.timing-leak sends them
    private static final String WRONG_LAST = SecretForm.WRONG_LAST.apply(SECRET.reveal()).orElseThrow();

    private static TimingSamples probe(SsoClient client, URI base) {
        return probe(client, base, new TimingProbe(PAIRS));
    }

    private static TimingSamples probe(SsoClient client, URI base, Probe<TimingSamples> probe) {
        Settings settings = new Settings(client.timeout(), Duration.ofSeconds(1), 4, Duration.ofSeconds(1), true, false,
                Settings.DEFAULT_PARALLELISM, 0);
        ProbeContext context = new ProbeContext(base, client, SECRET, TokenSource.none("a"), TokenSource.none("b"), settings);
        return ((Probed.Gathered<TimingSamples>) probe.run(context)).input();
    }

    /** Rejects every call with 401; a secret with its last character wrong waits {@code extraMillis} first. */
    private static HttpServer rejecting(int extraMillis) throws IOException {
        return RejectingServer.start(exchange ->
                WRONG_LAST.equals(exchange.getRequestHeaders().getFirst("X-Hubble-Secret")) ? extraMillis : 0);
    }

    private static URI base(HttpServer server) {
        return RejectingServer.base(server);
    }

    @Test
    void timesEveryPairAfterTheWarmUpSoTheCheckSeesALateMismatchAnsweredLater() throws IOException {
        HttpServer server = rejecting(3);
        try (SsoClient client = new SsoClient(Duration.ofSeconds(2), false, new Redactor())) {
            TimingSamples samples = probe(client, base(server));
            assertEquals(PAIRS, samples.wrongFirstMillis().size());
            assertEquals(PAIRS, samples.wrongLastMillis().size());
            assertEquals(0, samples.failures());
            assertEquals(Status.WARN, new PerfTimingLeak().evaluate(samples).status(), "3 ms more for a wrong last character");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theChecksProbeConfirmsARealLeakWithASecondSeries() throws IOException {
        HttpServer server = rejecting(3);
        try (SsoClient client = new SsoClient(Duration.ofSeconds(2), false, new Redactor())) {
            PerfTimingLeak check = new PerfTimingLeak();
            TimingSamples samples = probe(client, base(server), check.probe());
            assertNotNull(samples.confirmation(), "a series that showed the leak is repeated");
            assertEquals(PAIRS, samples.confirmation().wrongLastMillis().size());
            Outcome outcome = check.evaluate(samples);
            assertEquals(Status.WARN, outcome.status(), outcome.message());
            assertTrue(outcome.message().contains("in two series"), outcome.message());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRefusedConnectionEndsTheSeriesAfterTwoFailedPairsKeptInTheKitsWording() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (SsoClient client = new SsoClient(Duration.ofSeconds(2), false, new Redactor())) {
            TimingSamples samples = probe(client, URI.create("http://127.0.0.1:" + port));
            assertEquals(4, samples.failures(), "two pairs: no pair starts after 3 failures in a row");
            assertEquals(2, samples.notable().size());
            TransportFailure failure = samples.notable().getFirst().failure().orElseThrow();
            assertEquals(TransportFailure.Kind.CONNECT, failure.kind());
            assertFalse(samples.notable().getFirst().request().headers().toString().contains(SECRET.reveal().substring(1)),
                    "the near-miss secret is redacted in the recorded request");
        }
    }

    @Test
    void aTargetTheRunFoundSilentIsNotWaitedForAgain() throws IOException {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             SsoClient client = new SsoClient(Duration.ofMillis(300), false, new Redactor())) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accepts, never answers
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            URI base = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            for (int i = 0; i < SsoClient.SILENT_AFTER; i++) {
                client.send("before", "POST", URI.create(base + "/sso"), List.of(), "{}");
            }
            assertTrue(client.silent());
            TimingSamples samples = probe(client, base);
            assertEquals(4, samples.failures(), "two pairs: no pair starts after 3 failures in a row");
            assertEquals(TransportFailure.Kind.NOT_SENT, samples.notable().getFirst().failure().orElseThrow().kind(),
                    "the run's client, which sends only every " + SsoClient.RETRY_EVERY + "th request to a silent target");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
