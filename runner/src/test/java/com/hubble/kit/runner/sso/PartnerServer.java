package com.hubble.kit.runner.sso;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.access.PartnerToken;
import com.hubble.kit.runner.access.TokenSource;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A partner /sso written from the source document (not from the reference), on a JDK HttpServer: compliant by
 * default; each {@link Defect} switches on one mistake real partners make, for the gallery tests.
 */
public final class PartnerServer implements AutoCloseable {

    /** One real-world defect each. */
    public enum Defect {
        SERVER_ERROR_ON_BAD_JSON, ACCEPTS_ANY_TOKEN, ECHOES_TOKEN, STACK_TRACE_IN_ERRORS, IGNORES_SECRET,
        WRONG_CONTENT_TYPE, TEXT_PLAIN_ERRORS, NOT_SINGLE_USE, CONSUMES_TOKEN_BEFORE_SECRET, NO_CACHE_CONTROL,
        NAME_AND_PHONE_MISSING, PHONE_AS_NUMBER, GET_RETURNS_USER, NO_BODY_LIMIT, SECRET_PREFIX_MATCH,
        IGNORES_EXPIRY, USER_ID_FROM_BODY, REDIRECTS,
        /** Not a defect: the spec's example profile (userId "test-user-123", email "testuser@example.com"). */
        SPEC_EXAMPLE_PROFILE,
        /** Not a defect: a framework's (Spring-style) JSON 400 page for a missing header or an empty/missing token. */
        FRAMEWORK_ERROR_PAGES,
        /** A 401 for an invalid/expired/replayed token that carries the profile next to "userId": null. */
        PROFILE_IN_REJECTIONS,
        /** Never answers a token with a SQL or JNDI payload (the connection stays open); answers everything else. */
        HANGS_ON_INJECTION
    }

    public static final String SPEC_USER = "test-user-123";

    public static final String USER = "partner-user-7";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 16 * 1024;
    private static final int MAX_TOKEN = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Issued(String userId, Instant expiresAt) {
    }

    private final HttpServer server;
    private final Secret secret;
    private final Set<Defect> defects;
    private final String user;
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private volatile URI redirectTo;

    private PartnerServer(Secret secret, Set<Defect> defects) throws IOException {
        this.secret = secret;
        this.defects = defects.isEmpty() ? EnumSet.noneOf(Defect.class) : EnumSet.copyOf(defects);
        this.user = this.defects.contains(Defect.SPEC_EXAMPLE_PROFILE) ? SPEC_USER : USER;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public static PartnerServer start(Secret secret, Defect... defects) throws IOException {
        return new PartnerServer(secret, Set.of(defects));
    }

    /** For {@link Defect#REDIRECTS}: where every /sso call is sent. */
    public PartnerServer redirectingTo(URI target) {
        this.redirectTo = target;
        return this;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String mint() {
        return issue(Instant.now().plusSeconds(300));
    }

    public String mintExpired() {
        return issue(Instant.now().minusSeconds(60));
    }

    private String issue(Instant expiresAt) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = "pt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(token, new Issued(user, expiresAt));
        return token;
    }

    public TokenSource validTokens() {
        return source(false);
    }

    public TokenSource expiredTokens() {
        return source(true);
    }

    /** Writes {@code count} fresh tokens to a file, one JSON object per line, for a popping --token-command. */
    public java.nio.file.Path tokenFile(java.nio.file.Path dir, String name, int count, boolean expired) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append("{\"token\":\"").append(expired ? mintExpired() : mint()).append("\",\"userId\":\"")
                    .append(user).append("\"}\n");
        }
        return java.nio.file.Files.writeString(dir.resolve(name), lines);
    }

    /** A shell command printing the first line of the file and removing it: a fresh token per invocation. */
    public static String popCommand(java.nio.file.Path file) {
        return "f='" + file + "'; head -n 1 \"$f\"; sed -i 1d \"$f\"";
    }

    private TokenSource source(boolean expired) {
        return new TokenSource() {
            @Override
            public Optional<PartnerToken> next() {
                return Optional.of(new PartnerToken(Secret.of(expired ? mintExpired() : mint()), Optional.of(user)));
            }

            @Override
            public String describeMissing() {
                return "a partner token";
            }
        };
    }

    private boolean has(Defect defect) {
        return defects.contains(defect);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/sso")) {
                error(exchange, 404, "not_found", null);
                return;
            }
            if (has(Defect.REDIRECTS) && redirectTo != null) {
                exchange.getResponseHeaders().add("Location", redirectTo + "/sso");
                exchange.sendResponseHeaders(307, -1);
                return;
            }
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && has(Defect.GET_RETURNS_USER)) {
                String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
                String token = query.startsWith("token=") ? query.substring(6) : "";
                if (secretOk(exchange) && tokens.containsKey(token)) {
                    profile(exchange, tokens.get(token).userId());
                    return;
                }
            }
            if (!method.equals("POST")) {
                exchange.getResponseHeaders().add("Allow", "POST");
                error(exchange, 405, "method_not_allowed", null);
                return;
            }
            byte[] body = read(exchange.getRequestBody(), has(Defect.NO_BODY_LIMIT) ? 4 * 1024 * 1024 : MAX_BODY);
            if (body == null) {
                error(exchange, 413, "body_too_large", null);
                return;
            }
            if (has(Defect.FRAMEWORK_ERROR_PAGES) && exchange.getRequestHeaders().getFirst("X-Hubble-Secret") == null) {
                frameworkPage(exchange, "Required request header 'X-Hubble-Secret' is not present");
                return;
            }
            if (has(Defect.HANGS_ON_INJECTION)) {
                String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
                if (text.contains("jndi") || text.contains("OR '1'='1'") || text.contains("\\u0000") || text.contains("\\r\\n")) {
                    try {
                        Thread.sleep(60_000); // stops with the server (close interrupts nothing; the test's timeout is short)
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
            }
            if (!secretOk(exchange)) {
                if (has(Defect.CONSUMES_TOKEN_BEFORE_SECRET)) {
                    tokenOf(body).ifPresent(used::add); // the defect: the token was redeemed before the secret check
                }
                error(exchange, 401, "bad_secret", null);
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(body);
            } catch (IOException e) {
                if (has(Defect.SERVER_ERROR_ON_BAD_JSON)) {
                    error(exchange, 500, "internal_error", null);
                } else if (has(Defect.STACK_TRACE_IN_ERRORS)) {
                    error(exchange, 400, "com.fasterxml.jackson.core.JsonParseException: Unexpected end-of-input\n"
                            + "\tat com.partner.sso.SsoHandler.handle(SsoHandler.java:42)", null);
                } else {
                    error(exchange, 400, "malformed_json", null);
                }
                return;
            }
            JsonNode tokenNode = request == null || !request.isObject() ? null : request.get("token");
            if (tokenNode == null || !tokenNode.isTextual() || tokenNode.asText().isEmpty()
                    || tokenNode.asText().length() > MAX_TOKEN) {
                if (has(Defect.FRAMEWORK_ERROR_PAGES) && (tokenNode == null || tokenNode.asText().isEmpty())) {
                    frameworkPage(exchange, "token must not be blank");
                    return;
                }
                error(exchange, 400, "invalid_request", null);
                return;
            }
            String token = tokenNode.asText();
            if (has(Defect.USER_ID_FROM_BODY) && request.hasNonNull("userId")) {
                profile(exchange, request.get("userId").asText());
                return;
            }
            Issued issued = tokens.get(token);
            if (has(Defect.ACCEPTS_ANY_TOKEN)) {
                profile(exchange, issued == null ? "anonymous" : issued.userId());
                return;
            }
            boolean expired = issued != null && issued.expiresAt().isBefore(Instant.now()) && !has(Defect.IGNORES_EXPIRY);
            boolean replayed = !has(Defect.NOT_SINGLE_USE) && !used.add(token);
            if (issued == null || expired || replayed) {
                error(exchange, 401, "invalid_token", token);
                return;
            }
            profile(exchange, issued.userId());
        }
    }

    private boolean secretOk(HttpExchange exchange) {
        if (has(Defect.IGNORES_SECRET)) {
            return true;
        }
        String provided = exchange.getRequestHeaders().getFirst("X-Hubble-Secret");
        if (provided == null) {
            return false;
        }
        if (has(Defect.SECRET_PREFIX_MATCH)) {
            return provided.startsWith(secret.reveal());
        }
        return MessageDigest.isEqual(provided.getBytes(StandardCharsets.UTF_8), secret.reveal().getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> tokenOf(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.path("token").isTextual() ? Optional.of(node.get("token").asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void profile(HttpExchange exchange, String userId) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("userId", userId);
        body.put("email", has(Defect.SPEC_EXAMPLE_PROFILE) ? "testuser@example.com" : "partner.user@example.com");
        if (!has(Defect.NAME_AND_PHONE_MISSING)) {
            body.put("firstName", "Asha");
            body.put("lastName", "Rao");
            if (has(Defect.PHONE_AS_NUMBER)) {
                body.put("phoneNumber", 9876543210L);
            } else {
                body.put("phoneNumber", "9876543210");
            }
        }
        body.putArray("cohorts").add("gold");
        if (!has(Defect.NO_CACHE_CONTROL)) {
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
        }
        send(exchange, 200, has(Defect.WRONG_CONTENT_TYPE) ? "text/plain" : "application/json; charset=utf-8",
                JSON.writeValueAsBytes(body));
    }

    private void error(HttpExchange exchange, int status, String code, String token) throws IOException {
        if (has(Defect.TEXT_PLAIN_ERRORS)) {
            send(exchange, status, "text/plain; charset=utf-8", ("error: " + code).getBytes(StandardCharsets.UTF_8));
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.putNull("userId");
        body.put("error", code);
        if (has(Defect.PROFILE_IN_REJECTIONS) && code.equals("invalid_token")) {
            body.put("email", "someone@example.com");
            body.put("firstName", "Asha");
            body.put("phoneNumber", "9876543210");
        }
        if (has(Defect.ECHOES_TOKEN) && token != null) {
            body.put("message", "invalid token: " + token);
        }
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    /** Spring Boot's default error body: JSON, but no userId. */
    private static void frameworkPage(HttpExchange exchange, String message) throws IOException {
        String body = "{\"timestamp\":\"2026-01-01T00:00:00.000+00:00\",\"status\":400,\"error\":\"Bad Request\","
                + "\"message\":\"" + message + "\",\"path\":\"/sso\"}";
        send(exchange, 400, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The body, or null when it is longer than the limit. */
    private static byte[] read(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            in.skip(Long.MAX_VALUE);
            return null;
        }
        return bytes;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
