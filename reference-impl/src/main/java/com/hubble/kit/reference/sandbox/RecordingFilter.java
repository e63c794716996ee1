package com.hubble.kit.reference.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import io.helidon.http.Header;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/** Reads the credentials of every request before routing, then records the exchange with secrets removed. */
final class RecordingFilter implements Filter {
    /** Bodies of authenticated calls are digested up to this size: enough to tell a retry from another request. */
    static final int MAX_DIGESTED_BODY = 1024 * 1024;
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
        // No handler of an authenticated call reads its body, so it is read here, for telling a retry from another call.
        String bodyDigest = isLoginPath(path) ? "" : bodyDigest(req);
        req.context().register(notes);
        // Recorded before the response leaves, so a client that has its answer never races the recording.
        AtomicBoolean recorded = new AtomicBoolean();
        Runnable record = () -> {
            if (recorded.compareAndSet(false, true)) {
                state.recorder().record(exchange(sequence, receivedAt, method, rawPath, path, rawQuery, req,
                        res.status().code(), notes, bodyDigest));
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
                                      String rawQuery, RoutingRequest req, int status, ExchangeNotes notes,
                                      String bodyDigest) {
        TokenStore tokens = state.tokens();
        String url = rawPath + "?" + rawQuery;
        Optional<String> leaked = tokens.foundIn(url)
                .or(() -> tokens.foundIn(URLDecoder.decode(url, StandardCharsets.UTF_8)))
                .map(IssuedToken::tokenId);
        // The secret belongs only in a login's JSON body: anywhere else it is a leak, recorded by place, then removed.
        SecretFinder secrets = new SecretFinder(state.settings().clients().stream().map(SandboxClient::clientSecret)
                .toList());
        String query = rawQuery == null ? "" : rawQuery;
        List<SecretPlace> secretAt = new ArrayList<>();
        if (secrets.foundIn(rawPath)) {
            secretAt.add(SecretPlace.PATH);
        }
        if (secrets.foundIn(query)) {
            secretAt.add(SecretPlace.QUERY);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : req.headers()) {
            boolean inName = secrets.foundIn(header.name());
            boolean inValue = false;
            List<String> values = new ArrayList<>();
            for (String value : header.allValues()) {
                if (header.name().equalsIgnoreCase("Authorization")) {
                    values.add(redactAuthorization(value));
                    inValue |= secrets.foundIn(value);
                } else if (secrets.foundIn(value)) {
                    values.add("[REDACTED]");
                    inValue = true;
                } else {
                    values.add(redact(value));
                }
            }
            if (inName) {
                secretAt.add(SecretPlace.HEADER_NAME);
            } else if (inValue) {
                secretAt.add(SecretPlace.header(header.name()));
            }
            headers.put(inName ? "[REDACTED]" : header.name(), values);
        }
        return new RecordedExchange(sequence, receivedAt, method, redactParts(path, "/", secrets),
                redactParts(query, "&", secrets), headers, notes.requestId.map(this::redact),
                firstHeader(req, "Content-Type"), notes.authorization, leaked, secretAt,
                Optional.ofNullable(notes.login),
                status, notes.fault, Optional.ofNullable(notes.issuedTokenId), Optional.ofNullable(notes.errorCode),
                bodyDigest, state.clock().instant());
    }

    private static boolean isLoginPath(String path) {
        return path.equals(RecordedExchange.LOGIN_PATH) || path.equals(RecordedExchange.SINGULAR_PREFIX + "auth/login")
                || path.startsWith(RecordedExchange.LOGIN_PATH + "/")
                || path.startsWith(RecordedExchange.SINGULAR_PREFIX + "auth/login/");
    }

    /** "" without a body, else "sha256:HEX/LENGTH" of its first {@link #MAX_DIGESTED_BODY} bytes ("+" when longer). */
    private static String bodyDigest(RoutingRequest req) {
        if (!req.content().hasEntity()) {
            return "";
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_DIGESTED_BODY);
            boolean longer = in.read() >= 0;
            if (bytes.length == 0 && !longer) {
                return "";
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return "sha256:" + HexFormat.of().formatHex(sha256.digest(bytes)) + "/" + bytes.length + (longer ? "+" : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String redactAuthorization(String value) {
        Optional<IssuedToken> token = state.tokens().find(credential(value));
        String scheme = scheme(value);
        return (scheme.isEmpty() ? "" : scheme + " ") + token.map(t -> "[" + t.tokenId() + "]").orElse("[REDACTED]");
    }

    /**
     * A path segment or query parameter holding a client secret in any form becomes [REDACTED] (a parameter keeps its
     * name); in the others token values become their ids and plain client secrets [REDACTED].
     */
    private String redactParts(String text, String separator, SecretFinder secrets) {
        if (!secrets.foundIn(text)) {
            return redact(text);
        }
        List<String> parts = new ArrayList<>();
        boolean inAPart = false;
        for (String part : text.split(Pattern.quote(separator), -1)) {
            if (!secrets.foundIn(part)) {
                parts.add(redact(part));
            } else {
                inAPart = true;
                int equals = part.indexOf('=');
                String name = equals < 0 ? "" : part.substring(0, equals);
                parts.add(separator.equals("&") && equals > 0 && !secrets.foundIn(name)
                        ? redact(name) + "=[REDACTED]" : "[REDACTED]");
            }
        }
        return inAPart ? String.join(separator, parts) : "[REDACTED]"; // a secret holding the separator itself
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
