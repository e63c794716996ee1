package com.hubble.kit.reference.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A partner /sso other than the reference, on a real loopback socket, to show what a contract tester sees:
 * one that is compliant but answers in its own words, one that lets any token in.
 */
final class ScriptedPartner implements AutoCloseable {
    /** How this partner judges a token. */
    enum Behaviour {
        /** Compliant: its own tokens once, an error code and a message in every rejection, extra profile fields. */
        COMPLIANT_WITH_EXTRA_FIELDS,
        /** Broken: any non-empty token gets the profile. */
        ACCEPTS_ANY_TOKEN
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROFILE = "{\"userId\":\"test-user-123\",\"email\":\"testuser@example.com\","
            + "\"firstName\":\"Test\",\"lastName\":\"User\",\"phoneNumber\":\"1234567890\",\"cohorts\":[\"premium\"],"
            + "\"locale\":\"en-IN\",\"tier\":\"gold\"}";

    private final HttpServer server;
    private final byte[] secret;
    private final Behaviour behaviour;
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> expiredTokens = ConcurrentHashMap.newKeySet();

    ScriptedPartner(Behaviour behaviour, String secret, String validToken, String expiredToken) throws IOException {
        this.behaviour = behaviour;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        validTokens.add(validToken);
        expiredTokens.add(expiredToken);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/sso", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(64 * 1024);
            String presented = exchange.getRequestHeaders().getFirst("X-Hubble-Secret");
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "{\"userId\":null,\"error\":\"method_not_allowed\"}");
            } else if (presented == null
                    || !MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
                answer(exchange, 401, "{\"userId\":null,\"error\":\"bad_secret\",\"message\":\"X-Hubble-Secret missing or wrong\"}");
            } else {
                String token = tokenOf(body);
                if (token == null) {
                    answer(exchange, 400, "{\"userId\":null,\"error\":\"malformed_body\",\"message\":\"token must be a non-empty string\"}");
                } else if (behaviour == Behaviour.ACCEPTS_ANY_TOKEN || validTokens.remove(token)) {
                    answer(exchange, 200, PROFILE);
                } else if (expiredTokens.contains(token)) {
                    answer(exchange, 401, "{\"userId\":null,\"error\":\"token_expired\",\"message\":\"SSO token expired\"}");
                } else {
                    answer(exchange, 401, "{\"userId\":null,\"error\":\"invalid_token\",\"message\":\"unknown token\"}");
                }
            }
        }
    }

    private static String tokenOf(byte[] body) {
        try {
            JsonNode token = JSON.readTree(body).path("token");
            return token.isTextual() && !token.textValue().isEmpty() ? token.textValue() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
