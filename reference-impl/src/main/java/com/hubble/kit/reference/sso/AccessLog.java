package com.hubble.kit.reference.sso;

import java.lang.System.Logger.Level;
import java.util.UUID;
import java.util.regex.Pattern;

import com.hubble.kit.reference.Secret;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;

/**
 * Takes {@code X-REQUEST-ID} from the request (or generates one), echoes it, and writes one access log line per
 * request: request id, method, path, status, outcome, the token's short hash (never the token) and duration.
 */
final class AccessLog implements Filter {
    static final HeaderName REQUEST_ID = HeaderNames.create("X-REQUEST-ID");
    /** A caller's id is echoed only when it is short and plain, so it can be neither injected into logs nor headers. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final String LOGGER_NAME = "com.hubble.kit.reference.sso.access";
    private static final System.Logger LOG = System.getLogger(LOGGER_NAME);

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        String requestId = req.headers().first(REQUEST_ID)
                .filter(id -> SAFE_ID.matcher(id).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        res.header(REQUEST_ID, requestId);
        try {
            chain.proceed();
        } finally {
            Outcome outcome = req.context().get(Outcome.class).orElse(null);
            // Every value goes through LogText.escape: the decoded path (and a custom verifier's reason) can carry
            // line breaks and escape sequences that would otherwise forge lines.
            LOG.log(Level.INFO, () -> String.format("requestId=%s method=%s path=%s status=%d outcome=%s token=%s durationMs=%d",
                    LogText.escape(requestId), LogText.escape(req.prologue().method().text()),
                    LogText.escape(req.prologue().uriPath().path()), res.status().code(),
                    LogText.escape(outcome == null ? null : outcome.reason()),
                    outcome == null || outcome.tokenHash() == null ? "-" : "#" + LogText.escape(outcome.tokenHash()),
                    (System.nanoTime() - start) / 1_000_000));
        }
    }

    /** Records how /sso decided, for this request's access log line; the token is kept only as its fingerprint. */
    static void note(ServerRequest req, String reason, Secret token) {
        req.context().register(new Outcome(reason, token == null ? null : token.fingerprint()));
    }

    record Outcome(String reason, String tokenHash) {
    }
}
