package com.hubble.kit.reference.sso;

import java.io.OutputStream;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
 * Lines go to the JUL logger {@value #LOGGER_NAME} at INFO (WARNING for a 5xx), so its level is the switch
 * production turns; {@link #writeAsynchronously} moves the writing off the request thread.
 */
public final class AccessLog implements Filter {
    static final HeaderName REQUEST_ID = HeaderNames.create("X-REQUEST-ID");
    /** A caller's id is echoed only when it is short and plain, so it can be neither injected into logs nor headers. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final String LOGGER_NAME = "com.hubble.kit.reference.sso.access";
    /** Held strongly: JUL keeps loggers weakly, and a collected logger forgets the level production set. */
    private static final Logger LOG = Logger.getLogger(LOGGER_NAME);
    /** Set by {@link #writeAsynchronously}; used directly so that JUL's own shutdown reset cannot drop late lines. */
    private static volatile AsyncLogHandler direct;

    /** The shared secrets, which a caller must not be able to write into the log (null: none to look for). */
    private final SharedSecrets secrets;

    /** An access log that writes no value holding one of {@code secrets} in any form {@link SharedSecrets} knows. */
    public AccessLog(SharedSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        // An id that holds the shared secret (plain, hex, base64) is neither logged nor echoed: a fresh one is used.
        String requestId = req.headers().first(REQUEST_ID)
                .filter(id -> SAFE_ID.matcher(id).matches() && !holdsSecret(id))
                .orElseGet(AccessLog::newRequestId);
        res.header(REQUEST_ID, requestId);
        try {
            chain.proceed();
        } finally {
            int status = res.status().code();
            Level level = status >= 500 ? Level.WARNING : Level.INFO;
            if (LOG.isLoggable(level)) {
                Outcome outcome = req.context().get(Outcome.class).orElse(null);
                // Every value goes through LogText.escape: the decoded path (and a custom verifier's reason) can
                // carry line breaks and escape sequences that would otherwise forge lines.
                StringBuilder line = new StringBuilder(192)
                        .append("requestId=").append(LogText.escape(requestId))
                        .append(" method=").append(LogText.escape(req.prologue().method().text()))
                        .append(" path=").append(loggedPath(req.prologue().uriPath().path()))
                        .append(" status=").append(status)
                        .append(" outcome=").append(LogText.escape(outcome == null ? null : outcome.reason()))
                        .append(" token=").append(outcome == null || outcome.tokenHash() == null
                                ? "-" : "#" + LogText.escape(outcome.tokenHash()))
                        .append(" durationMs=").append((System.nanoTime() - start) / 1_000_000);
                log(level, line.toString());
            }
        }
    }

    private boolean holdsSecret(String value) {
        return secrets != null && secrets.appearsIn(value);
    }

    private String loggedPath(String path) {
        return holdsSecret(path) ? "[a path holding the shared secret, not logged]" : LogText.escape(path);
    }

    /**
     * A random (version 4) UUID for a request that brought no usable id. It only correlates log lines and needs no
     * secrecy, so it comes from ThreadLocalRandom rather than the shared, locking SecureRandom of UUID.randomUUID.
     */
    static String newRequestId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0x3L << 62)) | (0x2L << 62);
        return new UUID(most, least).toString();
    }

    private static void log(Level level, String line) {
        LogRecord record = new LogRecord(level, line);
        record.setLoggerName(LOGGER_NAME);
        // Naming the source spares JUL a stack walk per line to infer it.
        record.setSourceClassName(AccessLog.class.getName());
        record.setSourceMethodName("filter");
        AsyncLogHandler writer = direct;
        if (writer != null) {
            writer.publish(record);
        } else {
            LOG.log(record);
        }
    }

    /** Sets the access log's level (INFO: every request; WARNING: only 5xx answers; OFF). */
    static void level(Level level) {
        LOG.setLevel(level);
    }

    /**
     * From now on access lines are written to {@code out} by a background writer (see {@link AsyncLogHandler}),
     * still subject to the logger's level. Close the returned handler after the server stopped: it writes every
     * queued line, and later lines go through the logger again.
     */
    public static AutoCloseable writeAsynchronously(OutputStream out) {
        AsyncLogHandler handler = new AsyncLogHandler(out);
        direct = handler;
        return () -> {
            if (direct == handler) {
                direct = null;
            }
            handler.close();
        };
    }

    /** Records how /sso decided, for this request's access log line; the token is kept only as its fingerprint. */
    static void note(ServerRequest req, String reason, Secret token) {
        req.context().register(new Outcome(reason, token == null ? null : token.fingerprint()));
    }

    record Outcome(String reason, String tokenHash) {
    }
}
