package com.partner.example;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The partner's {@code POST /sso}, as Hubble's SDK page describes it: the shared secret in {@code X-Hubble-Secret},
 * the token in {@code {"token": ...}}, the user's profile back, {@code {"userId": null}} for anything wrong.
 */
public final class SsoServer implements HttpService, AutoCloseable {
    private static final HeaderName SECRET = HeaderNames.create("X-Hubble-Secret");
    private static final int BODY_LIMIT = 64 * 1024;
    private static final String REJECTION = "{\"userId\":null}";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final byte[] secret;
    private final Tokens tokens;
    private final Map<String, Map<String, Object>> users;
    private final boolean secretOptional;
    private WebServer server;

    /**
     * @param secretOptional the planted defect {@code sso-secret-missing}: a request without the header is served
     */
    public SsoServer(String secret, Tokens tokens, Map<String, Map<String, Object>> users, boolean secretOptional) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tokens = tokens;
        this.users = Map.copyOf(users);
        this.secretOptional = secretOptional;
    }

    /** Starts on 127.0.0.1 and the given port (0: a free one). */
    public SsoServer start(int port) {
        server = WebServer.builder().host("127.0.0.1").port(port)
                .routing(routing -> routing.register("/sso", this)).build().start();
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::postSsoHandler).any("/", (req, res) -> {
            res.header(HeaderNames.ALLOW, "POST");
            reply(res, Status.METHOD_NOT_ALLOWED_405, REJECTION);
        });
    }

    private void postSsoHandler(ServerRequest req, ServerResponse res) {
        if (req.headers().contentLength().orElse(0) > BODY_LIMIT) {
            reply(res, Status.REQUEST_ENTITY_TOO_LARGE_413, REJECTION);
            return;
        }
        Optional<String> given = req.headers().first(SECRET);
        boolean secretOk = given.map(g -> MessageDigest.isEqual(g.getBytes(StandardCharsets.UTF_8), secret))
                .orElse(secretOptional);
        if (!secretOk) {
            reply(res, Status.UNAUTHORIZED_401, REJECTION);
            return;
        }
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(BODY_LIMIT + 1);
        } catch (IOException | RuntimeException e) {
            reply(res, Status.BAD_REQUEST_400, REJECTION);
            return;
        }
        if (body.length > BODY_LIMIT) {
            reply(res, Status.REQUEST_ENTITY_TOO_LARGE_413, REJECTION);
            return;
        }
        Optional<String> token = tokenOf(body);
        if (token.isEmpty()) {
            reply(res, Status.BAD_REQUEST_400, REJECTION);
            return;
        }
        Optional<Map<String, Object>> user = tokens.redeem(token.get()).map(users::get);
        if (user.isEmpty()) {
            reply(res, Status.UNAUTHORIZED_401, REJECTION);
            return;
        }
        reply(res, Status.OK_200, write(user.get()));
    }

    private static Optional<String> tokenOf(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            JsonNode root = JSON.readTree(body);
            JsonNode token = root == null ? null : root.get("token");
            return root != null && root.isObject() && token != null && token.isTextual() && !token.textValue().isEmpty()
                    ? Optional.of(token.textValue()) : Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void reply(ServerResponse res, Status status, String body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(body);
    }

    private static String write(Map<String, Object> user) {
        try {
            return JSON.writeValueAsString(user);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a profile", e);
        }
    }

    /** One demo user, with every field Hubble asks for. */
    public static Map<String, Map<String, Object>> demoUsers() {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("userId", "partner-user-42");
        user.put("email", "ada@partner.example");
        user.put("firstName", "Ada");
        user.put("lastName", "Lovelace");
        user.put("phoneNumber", "+441234567890");
        user.put("cohorts", List.of("gold"));
        return Map.of("partner-user-42", user);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }
}
