package com.hubble.kit.reference.sso;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.hubble.kit.reference.Secret;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /sso}: checks the shared secret, then the body, then the token (signature, audience, expiry,
 * single use), then looks the user up. Every rejection is {@code {"userId":null}}.
 */
public final class SsoService implements HttpService {
    static final HeaderName SECRET_HEADER = HeaderNames.create("X-Hubble-Secret");
    private static final System.Logger LOG = System.getLogger(SsoService.class.getName());
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    private final SsoComponents components;

    public SsoService(SsoComponents components) {
        this.components = components;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::postSsoHandler)
                .any("/", this::methodNotAllowedHandler);
    }

    private void methodNotAllowedHandler(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.ALLOW, Method.POST.text());
        JsonResponses.reject(res, Status.METHOD_NOT_ALLOWED_405);
    }

    private void postSsoHandler(ServerRequest req, ServerResponse res) {
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > components.bodyLimit()) {
            reject(req, res, Status.REQUEST_ENTITY_TOO_LARGE_413, "body-too-large", null);
            return;
        }
        // The secret is checked before the body is read: a request without it never consumes a token.
        if (!components.secrets().matches(req.headers().first(SECRET_HEADER).orElse(null))) {
            reject(req, res, Status.UNAUTHORIZED_401, "bad-secret", null);
            return;
        }
        byte[] body;
        try {
            body = readAtMost(req, components.bodyLimit());
        } catch (IOException e) {
            reject(req, res, Status.BAD_REQUEST_400, "unreadable-body", null);
            return;
        }
        if (body == null) {
            reject(req, res, Status.REQUEST_ENTITY_TOO_LARGE_413, "body-too-large", null);
            return;
        }
        String token = tokenOf(body);
        if (token == null) {
            reject(req, res, Status.BAD_REQUEST_400, "malformed-body", null);
            return;
        }
        Secret presented = Secret.of(token);
        TokenVerifier.Verification verification;
        try {
            verification = components.verifier().verify(token);
        } catch (RuntimeException e) {
            // A plugged-in verifier that throws must not turn into a 500 that says why.
            LOG.log(Level.WARNING, "token verifier threw " + e.getClass().getName() + "; treating the token as invalid");
            verification = new TokenVerifier.Verification.Invalid("verifier-error");
        }
        if (!(verification instanceof TokenVerifier.Verification.Valid valid)) {
            reject(req, res, Status.UNAUTHORIZED_401, ((TokenVerifier.Verification.Invalid) verification).reason(), presented);
            return;
        }
        switch (components.replayStore().consume(valid.tokenId(), valid.expiresAt())) {
            case REJECTED -> {
                reject(req, res, Status.UNAUTHORIZED_401, "replayed", presented);
                return;
            }
            case FULL -> {
                res.header(HeaderNames.RETRY_AFTER, "1");
                reject(req, res, Status.SERVICE_UNAVAILABLE_503, "replay-store-full", presented);
                return;
            }
            case UNAVAILABLE -> {
                // Fail closed: a token whose single use could not be recorded is never accepted.
                res.header(HeaderNames.RETRY_AFTER, "1");
                reject(req, res, Status.SERVICE_UNAVAILABLE_503, "replay-store-unavailable", presented);
                return;
            }
            case FIRST_USE -> {
                // accepted once; fall through to the user lookup
            }
        }
        var user = components.users().find(valid.userId());
        if (user.isEmpty()) {
            reject(req, res, Status.UNAUTHORIZED_401, "unknown-user", presented);
            return;
        }
        AccessLog.note(req, "accepted", presented);
        JsonResponses.user(res, user.get());
    }

    private static void reject(ServerRequest req, ServerResponse res, Status status, String reason, Secret token) {
        AccessLog.note(req, reason, token);
        JsonResponses.reject(res, status);
    }

    /** The body, or null when it is longer than {@code limit} bytes. */
    private static byte[] readAtMost(ServerRequest req, int limit) throws IOException {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        OptionalLong declared = req.headers().contentLength();
        try (InputStream in = req.content().inputStream()) {
            if (declared.isPresent() && declared.getAsLong() <= limit) {
                // The usual case: read exactly the declared length into an array of that size, no 8 KiB chunks.
                byte[] bytes = new byte[(int) declared.getAsLong()];
                int read = in.readNBytes(bytes, 0, bytes.length);
                if (read < bytes.length) {
                    throw new IOException("body shorter than its Content-Length");
                }
                return bytes;
            }
            byte[] bytes = in.readNBytes(limit + 1);
            return bytes.length > limit ? null : bytes;
        } catch (RuntimeException e) {
            // Helidon reports a broken or malformed chunked body as an unchecked exception.
            throw new IOException("unreadable body", e);
        }
    }

    /** The non-empty string {@code token} of a JSON object body, or null when the body is anything else. */
    static String tokenOf(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body));
            // Streamed, not read into a tree: the same rules (one object, no duplicate keys at any depth, nothing
            // after it) without building nodes for fields that are ignored anyway.
            try (JsonParser parser = JSON.createParser(body)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                String token = null;
                boolean tokenIsText = false;
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("token".equals(name)) {
                        tokenIsText = value == JsonToken.VALUE_STRING;
                        token = tokenIsText ? parser.getText() : null;
                    }
                    parser.skipChildren();
                }
                if (next != JsonToken.END_OBJECT || parser.nextToken() != null) {
                    return null;
                }
                return tokenIsText && !token.isEmpty() ? token : null;
            }
        } catch (CharacterCodingException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
