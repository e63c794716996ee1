package com.hubble.kit.reference.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code POST /v1/partners/auth/login}: clientId and clientSecret for a token. */
final class LoginService implements HttpService {
    private final SandboxState state;

    LoginService(SandboxState state) {
        this.state = state;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/login", this::loginHandler)
                .any("/login", this::wrongMethodHandler);
    }

    private void loginHandler(ServerRequest req, ServerResponse res) {
        ExchangeNotes notes = req.context().get(ExchangeNotes.class).orElseThrow();
        String body = req.content().hasEntity() ? req.content().as(String.class) : "";
        JsonNode json = parse(body);
        String clientId = text(json, "clientId");
        String clientSecret = text(json, "clientSecret");
        notes.login = new LoginAttempt(json != null && json.isObject(), clientId != null, clientSecret != null,
                Optional.ofNullable(clientId));
        if (json == null || !json.isObject()) {
            ErrorReplies.send(req, res, Status.BAD_REQUEST_400, "BAD_REQUEST",
                    "The body must be a JSON object with clientId and clientSecret",
                    "send Content-Type: application/json and {\"clientId\": \"...\", \"clientSecret\": \"...\"}");
            return;
        }
        List<ErrorEnvelope.SubError> missing = new ArrayList<>();
        if (clientId == null) {
            missing.add(new ErrorEnvelope.SubError("clientId", "must not be blank", "clientId is missing or empty"));
        }
        if (clientSecret == null) {
            missing.add(new ErrorEnvelope.SubError("clientSecret", "must not be blank",
                    "clientSecret is missing or empty"));
        }
        if (!missing.isEmpty()) {
            ErrorReplies.send(req, res, Status.BAD_REQUEST_400, "BAD_REQUEST", "Missing fields in request body",
                    "login needs both clientId and clientSecret", missing);
            return;
        }
        Optional<SandboxClient> client = state.settings().client(clientId);
        if (client.isPresent() && !client.get().allowListed()) {
            ErrorReplies.send(req, res, Status.FORBIDDEN_403, "FORBIDDEN",
                    "Request from a non-whitelisted IP",
                    "this sandbox client is configured as not allow-listed (Hubble allow-lists partner IPs)");
            return;
        }
        if (client.isEmpty() || !client.get().clientSecret().matches(clientSecret)) {
            ErrorReplies.send(req, res, Status.UNAUTHORIZED_401, "UNAUTHORIZED", "Invalid client credentials",
                    "wrong clientId/clientSecret, or keys of another environment");
            return;
        }
        SandboxSettings settings = state.settings();
        IssuedToken token = state.issueForLogin(clientId);
        long lifetime = Duration.between(token.issuedAt(), token.expiresAt()).toSeconds();
        notes.issuedTokenId = token.tokenId();
        ObjectNode reply = ErrorReplies.JSON.createObjectNode();
        reply.put("token", token.value().reveal());
        if (settings.lifetimeAsString()) {
            reply.put("expiresInSecs", Long.toString(lifetime));
        } else {
            reply.put("expiresInSecs", lifetime);
        }
        ErrorReplies.sendJson(res, reply);
    }

    private void wrongMethodHandler(ServerRequest req, ServerResponse res) {
        ErrorReplies.send(req, res, Status.METHOD_NOT_ALLOWED_405, "METHOD_NOT_ALLOWED",
                "The Login endpoint requires POST", req.prologue().method().text() + " is not supported here");
    }

    private static JsonNode parse(String body) {
        if (body.isBlank()) {
            return null;
        }
        try {
            return ErrorReplies.JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode json, String field) {
        if (json == null || !json.path(field).isTextual() || json.path(field).asText().isBlank()) {
            return null;
        }
        return json.path(field).asText();
    }
}
