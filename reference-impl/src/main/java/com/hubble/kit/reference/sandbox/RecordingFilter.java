package com.hubble.kit.reference.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.http.Header;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/** Reads the credentials of every request before routing, then records the exchange with secrets removed. */
final class RecordingFilter implements Filter {
    private final SandboxState state;

    RecordingFilter(SandboxState state) {
        this.state = state;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        int sequence = state.recorder().nextSequence();
        Instant receivedAt = state.clock().instant();
        Optional<String> authorization = firstHeader(req, "Authorization");
        Optional<IssuedToken> token = authorization.flatMap(value -> state.tokens().find(credential(value)));
        Optional<PresentedToken> presented = authorization.map(value -> new PresentedToken(scheme(value),
                token.map(IssuedToken::tokenId),
                token.map(t -> state.tokens().status(t)).orElse(TokenStatus.UNKNOWN)));
        Optional<String> requestId = firstHeader(req, "X-REQUEST-ID").filter(v -> !v.isBlank());
        ExchangeNotes notes = new ExchangeNotes(presented, token, requestId);
        // Captured before routing: inside a service the request path is relative to the service.
        String method = req.prologue().method().text();
        String rawPath = req.path().rawPath();
        String path = req.path().path();
        String rawQuery = req.query().rawValue();
        req.context().register(notes);
        // Recorded before the response leaves, so a client that has its answer never races the recording.
        AtomicBoolean recorded = new AtomicBoolean();
        Runnable record = () -> {
            if (recorded.compareAndSet(false, true)) {
                state.recorder().record(exchange(sequence, receivedAt, method, rawPath, path, rawQuery, req,
                        res.status().code(), notes));
            }
        };
        res.beforeSend(record);
        try {
            chain.proceed();
        } finally {
            record.run();
        }
    }

    private RecordedExchange exchange(int sequence, Instant receivedAt, String method, String rawPath, String path,
                                      String rawQuery, RoutingRequest req, int status, ExchangeNotes notes) {
        TokenStore tokens = state.tokens();
        String url = rawPath + "?" + rawQuery;
        Optional<String> leaked = tokens.foundIn(url)
                .or(() -> tokens.foundIn(URLDecoder.decode(url, StandardCharsets.UTF_8)))
                .map(IssuedToken::tokenId);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : req.headers()) {
            List<String> values = new ArrayList<>();
            for (String value : header.allValues()) {
                values.add(header.name().equalsIgnoreCase("Authorization") ? redactAuthorization(value) : redact(value));
            }
            headers.put(header.name(), values);
        }
        return new RecordedExchange(sequence, receivedAt, method, redact(path),
                redact(rawQuery == null ? "" : rawQuery), headers, notes.requestId.map(this::redact),
                firstHeader(req, "Content-Type"), notes.authorization, leaked, Optional.ofNullable(notes.login),
                status, notes.fault, Optional.ofNullable(notes.issuedTokenId), Optional.ofNullable(notes.errorCode));
    }

    private String redactAuthorization(String value) {
        Optional<IssuedToken> token = state.tokens().find(credential(value));
        String scheme = scheme(value);
        return (scheme.isEmpty() ? "" : scheme + " ") + token.map(t -> "[" + t.tokenId() + "]").orElse("[REDACTED]");
    }

    /** Token values become their ids; client secrets become [REDACTED]. */
    private String redact(String text) {
        String result = state.tokens().redact(text);
        for (SandboxClient client : state.settings().clients()) {
            String secret = client.clientSecret().reveal();
            if (!secret.isEmpty() && result.contains(secret)) {
                result = result.replace(secret, "[REDACTED]");
            }
        }
        return result;
    }

    private static Optional<String> firstHeader(RoutingRequest req, String name) {
        for (Header header : req.headers()) {
            if (header.name().equalsIgnoreCase(name) && header.valueCount() > 0) {
                return Optional.of(header.allValues().getFirst());
            }
        }
        return Optional.empty();
    }

    /** The scheme word, or "" when the header is a bare credential (which then must not be echoed as a scheme). */
    static String scheme(String authorization) {
        String trimmed = authorization.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? "" : trimmed.substring(0, space);
    }

    static String credential(String authorization) {
        String trimmed = authorization.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(space + 1).strip();
    }
}
