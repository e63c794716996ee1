package com.hubble.kit.reference.sso;

import static com.hubble.kit.reference.sso.SsoFixtures.CURRENT;
import static com.hubble.kit.reference.sso.SsoFixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hubble.kit.reference.Secret;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /observe/metrics: requests by outcome and a latency histogram, through Helidon's metrics (a real server). */
class SsoMetricsTest {
    private static WebServer server;
    private static Http1Client client;
    private static SsoComponents components;

    @BeforeAll
    static void start() {
        var config = SsoFixtures.testConfig(Map.of());
        SsoConfig sso = SsoConfig.from(config, Map.of());
        components = SsoComponents.create(sso, java.time.Clock.systemUTC());
        server = Main.start(config, sso, components);
        client = Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String metrics() {
        SsoFixtures.Reply reply = SsoFixtures.reply(client.get("/observe/metrics").header(HeaderNames.ACCEPT, "text/plain").request());
        assertEquals(200, reply.status(), reply.body());
        return reply.body();
    }

    /** The value of the first sample named {@code name} whose labels include {@code label}, 0 when absent. */
    private static double sample(String text, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} ([0-9.eE+-]+)$").matcher(text);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    @Test
    void countsSsoRequestsByOutcome() {
        String before = metrics();
        MintedToken token = components.tokens().mint(USER);
        SsoFixtures.postToken(client, CURRENT, token);
        SsoFixtures.postToken(client, CURRENT, token);
        SsoFixtures.postToken(client, CURRENT, token);
        SsoFixtures.postToken(client, Secret.of("wrong-secret-0000000000"), components.tokens().mint(USER));
        String after = metrics();

        assertEquals(1, delta(before, after, "sso_requests_total", "outcome=\"accepted\""), after);
        assertEquals(2, delta(before, after, "sso_requests_total", "outcome=\"replayed\""), after);
        assertEquals(1, delta(before, after, "sso_requests_total", "outcome=\"bad-secret\""), after);
    }

    @Test
    void recordsEachSsoRequestInALatencyHistogramButNotOtherRoutes() {
        String before = metrics();
        SsoFixtures.postSso(client, CURRENT, "{\"token\":\"hk1.x.y\"}");
        SsoFixtures.postSso(client, CURRENT, "not json");
        SsoFixtures.reply(client.get("/observe/health").request());
        String after = metrics();

        assertEquals(2, after.lines().filter(l -> l.startsWith("sso_request_duration_seconds_count")).mapToDouble(
                l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum()
                - before.lines().filter(l -> l.startsWith("sso_request_duration_seconds_count")).mapToDouble(
                l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum(), 0.0001, after);
        assertTrue(sample(after, "sso_request_duration_seconds_bucket", "le=\"1.0\"") >= 2, after);
        assertTrue(after.contains("sso_request_duration_seconds_bucket{") && after.contains("le=\"0.005\""),
                "buckets from 1 ms to 1 s: " + after);
    }

    @Test
    void reportsHowFullTheInMemoryReplayStoreIs() {
        String before = metrics();
        SsoFixtures.postToken(client, CURRENT, components.tokens().mint(USER));
        SsoFixtures.postToken(client, CURRENT, components.tokens().mint(USER));
        String after = metrics();

        assertEquals(2, plain(after, "sso_replay_entries") - plain(before, "sso_replay_entries"), 0.0001, after);
        assertEquals(((InMemoryReplayStore) components.replayStore()).capacity(), plain(after, "sso_replay_capacity"), 0.0001, after);
    }

    /** The value of the sample {@code name} without labels (or with any), failing when absent. */
    private static double plain(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
        assertTrue(m.find(), name + " missing from " + text);
        return Double.parseDouble(m.group(2));
    }

    private static double delta(String before, String after, String name, String label) {
        return sample(after, name, label) - sample(before, name, label);
    }
}
