package com.hubble.kit.reference.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.reference.Secret;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

/**
 * A client of Hubble's partner API that follows the setup checklist: it logs in with POST /v1/partners/auth/login,
 * caches the token and replaces it at 80% of expiresInSecs (one login at a time, however many threads need it),
 * sends {@code Authorization: Bearer} and a fresh UUID {@code X-REQUEST-ID} on every call and logs that id with
 * the outcome, and on a 401 logs in again once and retries the call once.
 */
public final class HubbleClient implements AutoCloseable {
    public static final String LOGIN_PATH = "/v1/partners/auth/login";
    public static final String PRODUCTS_PATH = "/v1/partners/products";
    /** The most of a response body read: Hubble's pages and errors are a few KiB. */
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final System.Logger LOG = System.getLogger(HubbleClient.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final ClientSettings settings;
    private final Clock clock;
    private final WebClient web;
    private final ReentrantLock loginLock = new ReentrantLock();
    private final AtomicInteger logins = new AtomicInteger();
    private final Consumer<Secret> onToken;
    private volatile CachedToken cached;

    public HubbleClient(ClientSettings settings, Clock clock) {
        this(settings, clock, token -> { });
    }

    /**
     * As {@link #HubbleClient(ClientSettings, Clock)}; {@code onToken} is given every token a login returns, before
     * anything else sees it (also the re-login after a 401), so a caller that redacts its output can learn it first.
     */
    public HubbleClient(ClientSettings settings, Clock clock, Consumer<Secret> onToken) {
        this.settings = settings;
        this.clock = clock;
        this.onToken = onToken;
        this.web = WebClient.builder()
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .followRedirects(false)
                .build();
    }

    public static HubbleClient create(ClientSettings settings) {
        return new HubbleClient(settings, Clock.systemUTC());
    }

    public ClientSettings settings() {
        return settings;
    }

    /** Logs in now, whatever the cache holds, and caches the new token. */
    public LoginResult login() {
        loginLock.lock();
        try {
            return loginLocked();
        } finally {
            loginLock.unlock();
        }
    }

    /** How many logins this client has made; the point of caching is that this stays small. */
    public int loginCount() {
        return logins.get();
    }

    /** One page of brands. */
    public ProductsPage listProducts(ProductQuery query) {
        Map<String, String> params = new LinkedHashMap<>();
        query.q().ifPresent(v -> params.put("q", v));
        query.category().ifPresent(v -> params.put("category", v));
        query.pageNo().ifPresent(v -> params.put("pageNo", Integer.toString(v)));
        query.limit().ifPresent(v -> params.put("limit", Integer.toString(v)));
        return authenticatedGet(PRODUCTS_PATH, params, ProductsPage.class);
    }

    /** One brand by id. */
    public Brand getProduct(String productId) {
        return authenticatedGet(PRODUCTS_PATH + "/" + encodePathSegment(productId), Map.of(), Brand.class);
    }

    private <T> T authenticatedGet(String path, Map<String, String> params, Class<T> type) {
        CachedToken token = currentToken();
        Reply reply = send("GET", path, params, Optional.of(token.token()), null);
        if (reply.status() == 401) {
            // Hubble may revoke a token before its expiry: log in again once, retry once.
            LOG.log(System.Logger.Level.INFO, "GET {0} got 401 [X-REQUEST-ID {1}]: logging in again and retrying once",
                    path, reply.requestId());
            token = replaceRejected(token);
            reply = send("GET", path, params, Optional.of(token.token()), null);
        }
        if (reply.status() / 100 != 2) {
            throw failure("GET " + path, reply, null);
        }
        return parse("GET " + path, reply, type);
    }

    /** The cached token while it is younger than the refresh point, otherwise a new one (single flight). */
    private CachedToken currentToken() {
        CachedToken token = cached;
        if (token != null && clock.instant().isBefore(token.refreshAt())) {
            return token;
        }
        loginLock.lock();
        try {
            token = cached;
            if (token != null && clock.instant().isBefore(token.refreshAt())) {
                return token; // another thread refreshed it while we waited
            }
            loginLocked();
            return cached;
        } finally {
            loginLock.unlock();
        }
    }

    /** Replaces a token the server rejected, unless another thread already did. */
    private CachedToken replaceRejected(CachedToken rejected) {
        loginLock.lock();
        try {
            if (cached != null && cached != rejected) {
                return cached;
            }
            loginLocked();
            return cached;
        } finally {
            loginLock.unlock();
        }
    }

    private LoginResult loginLocked() {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("clientId", settings.clientId(),
                    "clientSecret", settings.clientSecret().reveal()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the login body", e);
        }
        Instant sentAt = clock.instant();
        Reply reply = send("POST", LOGIN_PATH, Map.of(), Optional.empty(), body);
        if (reply.status() != 200) {
            throw failure("POST " + LOGIN_PATH, reply, loginHint(reply.status()));
        }
        JsonNode json = tree("POST " + LOGIN_PATH, reply);
        String token = json.path("token").asText("");
        if (!token.isBlank()) {
            onToken.accept(Secret.of(token)); // before a failure below describes a body that may quote it
        }
        long expiresIn = expiresInSecs(json.path("expiresInSecs"));
        if (token.isBlank() || expiresIn <= 0) {
            throw failure("POST " + LOGIN_PATH, reply, "the login response lacks a token or a positive expiresInSecs");
        }
        // Measured from when the login was sent, so network time never stretches the token past its real expiry.
        LoginResult result = new LoginResult(Secret.of(token), expiresIn, sentAt);
        long refreshMillis = (long) (expiresIn * 1000 * settings.refreshFraction());
        cached = new CachedToken(result.token(), sentAt.plus(Duration.ofMillis(refreshMillis)));
        logins.incrementAndGet();
        return result;
    }

    /** expiresInSecs is a number on Hubble's current page and a string on an older one: accept both. */
    static long expiresInSecs(JsonNode node) {
        if (node.isNumber()) {
            return node.asLong();
        }
        if (node.isTextual()) {
            try {
                return (long) Double.parseDouble(node.asText().strip());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    private Reply send(String method, String path, Map<String, String> params, Optional<Secret> token, String body) {
        String requestId = UUID.randomUUID().toString();
        long started = System.nanoTime();
        HttpClientRequest request = web.method(io.helidon.http.Method.create(method))
                .uri(settings.baseUri())
                .path(path)
                .header(HeaderNames.create("X-REQUEST-ID"), requestId)
                .header(HeaderNames.ACCEPT, "application/json");
        params.forEach(request::queryParam);
        token.ifPresent(t -> request.header(HeaderNames.AUTHORIZATION, "Bearer " + t.reveal()));
        try (HttpClientResponse response = body == null ? request.request()
                : request.header(HeaderNames.CONTENT_TYPE, "application/json").submit(body)) {
            String text = response.entity().hasEntity() ? body(response, started) : "";
            int status = response.status().code();
            LOG.log(status / 100 == 2 ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                    "{0} {1} -> {2} in {3} ms [X-REQUEST-ID {4}]", method, path, Integer.toString(status),
                    Long.toString((System.nanoTime() - started) / 1_000_000), requestId);
            Optional<String> retryAfter = response.headers().first(HeaderNames.RETRY_AFTER);
            return new Reply(status, text, requestId, retryAfter.flatMap(HubbleClient::seconds));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "{0} {1} -> no response: {2} [X-REQUEST-ID {3}]", method, path,
                    e.getClass().getSimpleName(), requestId);
            throw new HubbleApiException(method + " " + path, 0, requestId, Optional.empty(),
                    "no response from " + settings.baseUri() + ": " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
    }

    /**
     * The body as text, at most {@link #MAX_BODY_BYTES} of it and read until the timeout counted from when the request was sent:
     * a server that sends an endless or dripping body gets a cut one (which then fails to parse) rather than the
     * caller's memory or time.
     */
    private String body(HttpClientResponse response, long started) {
        long deadline = started + settings.timeout().toNanos();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (java.io.InputStream in = response.inputStream()) {
            int n;
            while (bytes.size() < MAX_BODY_BYTES && System.nanoTime() < deadline
                    && (n = in.read(buffer, 0, Math.min(buffer.length, MAX_BODY_BYTES - bytes.size()))) != -1) {
                bytes.write(buffer, 0, n);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private <T> T parse(String call, Reply reply, Class<T> type) {
        try {
            return JSON.readValue(reply.body(), type);
        } catch (Exception e) {
            throw new HubbleApiException(call, reply.status(), reply.requestId(), Optional.empty(),
                    "the response is not the expected JSON", e);
        }
    }

    private JsonNode tree(String call, Reply reply) {
        try {
            return JSON.readTree(reply.body());
        } catch (Exception e) {
            throw new HubbleApiException(call, reply.status(), reply.requestId(), Optional.empty(),
                    "the response is not JSON", e);
        }
    }

    private static HubbleApiException failure(String call, Reply reply, String detail) {
        Optional<ApiError> error;
        try {
            ApiError parsed = JSON.readValue(reply.body(), ApiError.class);
            error = parsed.code() == null && parsed.message() == null ? Optional.empty() : Optional.of(parsed);
        } catch (Exception e) {
            error = Optional.empty();
        }
        return new HubbleApiException(call, reply.status(), reply.requestId(), error, reply.retryAfter(), detail,
                null);
    }

    /** The source document's common causes of a failed login. */
    static String loginHint(int status) {
        return switch (status) {
            case 400 -> "missing fields in the request body: send clientId and clientSecret as JSON";
            case 401 -> "wrong clientId/clientSecret, or staging keys on production (or the reverse)";
            case 403 -> "request from a non-whitelisted IP: ask Hubble to allow-list this machine's egress IP";
            case 404 -> "wrong path or base URL: the login is POST /v1/partners/auth/login (plural partners)";
            default -> null;
        };
    }

    private static String encodePathSegment(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        web.closeResource();
    }

    private record CachedToken(Secret token, Instant refreshAt) {
    }

    private record Reply(int status, String body, String requestId, Optional<Duration> retryAfter) {
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: rare from an API; the caller falls back to its own backoff
        }
    }
}
