package com.hubble.kit.reference.sso;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.hubble.kit.reference.Secret;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;

/** Test configuration, secrets and a small client helper shared by the /sso tests. */
final class SsoFixtures {
    static final Secret CURRENT = Secret.of("current-secret-0123456789");
    static final Secret NEXT = Secret.of("next-secret-abcdefghijklm");
    static final String USER = "test-user-123";
    static final String REJECTION = "{\"userId\":null}";

    private SsoFixtures() {
    }

    static Config testConfig() {
        return Config.just(ConfigSources.classpath("sso-test.yaml"));
    }

    static Config testConfig(Map<String, String> overrides) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(List.of(() -> ConfigSources.create(overrides).build(),
                        () -> ConfigSources.classpath("sso-test.yaml").build()))
                .build();
    }

    static SsoComponents components() {
        return SsoComponents.create(SsoConfig.from(testConfig()), Clock.systemUTC());
    }

    /**
     * A plain HTTP/1.1 GET over a socket, so that the path's and the X-REQUEST-ID's bytes reach the server exactly as
     * written; returns the response head (status line and headers), read up to its blank line.
     */
    static String rawGet(URI server, String path, String requestId) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-REQUEST-ID: " + requestId
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            for (int b; head.indexOf("\r\n\r\n") < 0 && (b = in.read()) >= 0; ) {
                head.append((char) b);
            }
            return head.toString();
        }
    }

    /** One recorded HTTP exchange. */
    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    static Reply postSso(Http1Client client, Secret secret, String body) {
        Http1ClientRequest request = client.post("/sso").contentType(MediaTypes.APPLICATION_JSON);
        if (secret != null) {
            request.header(SsoService.SECRET_HEADER, secret.reveal());
        }
        return reply(request.submit(body));
    }

    static Reply postToken(Http1Client client, Secret secret, MintedToken token) {
        return postSso(client, secret, "{\"token\":\"" + token.token().reveal() + "\"}");
    }

    static Reply reply(Http1ClientResponse response) {
        try (response) {
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().forEach(h -> headers.put(h.name().toLowerCase(java.util.Locale.ROOT), h.get()));
            String body = response.entity().hasEntity() ? response.as(String.class) : "";
            return new Reply(response.status().code(), headers, body);
        }
    }

    static boolean isJson(Reply reply) {
        String type = reply.header(HeaderNames.CONTENT_TYPE.defaultCase());
        return type != null && type.startsWith("application/json");
    }

    /** Captures the lines a JUL logger writes while a test runs. */
    static final class LogCapture extends Handler implements AutoCloseable {
        private final Logger logger;
        private final List<String> lines = new ArrayList<>();
        private final java.util.logging.Level previous;

        LogCapture(String loggerName) {
            this.logger = Logger.getLogger(loggerName);
            this.previous = logger.getLevel();
            logger.setLevel(java.util.logging.Level.INFO);
            logger.addHandler(this);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            lines.add(record.getMessage() == null ? "" : record.getMessage());
        }

        /** The first line containing {@code text}, waiting up to 5 s: the access line is written after the reply is sent. */
        String awaitLineContaining(String text) throws InterruptedException {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                for (String line : lines()) {
                    if (line.contains(text)) {
                        return line;
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no log line containing " + text + " in " + lines());
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setLevel(previous);
        }
    }
}
