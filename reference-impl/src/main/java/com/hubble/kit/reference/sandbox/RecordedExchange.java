package com.hubble.kit.reference.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request the sandbox received and what it answered, with every secret removed: the Authorization header is
 * reduced to a {@link PresentedToken}, token values anywhere in headers, path or query are replaced by their token id,
 * a header value, query parameter or path segment holding a client secret (in any form it looks for) by [REDACTED],
 * the login body is reduced to a {@link LoginAttempt}.
 *
 * @param sequence      arrival order, from 1
 * @param headers       request headers as sent (names keep the client's case), redacted
 * @param query         raw query string, redacted; empty when there was none
 * @param tokenInUrl    id of an issued token that appeared in the path or query (a leak), if any
 * @param clientSecretAt where the request carried a client secret outside a login's JSON body (in the path, the query
 *                      or a header, in any form a client sends it): a leak; empty for a compliant request
 * @param issuedTokenId id of the token a successful login returned
 * @param errorCode     the {@code code} of the error envelope the sandbox answered with, if any
 * @param bodyDigest    of an authenticated call's body: "" when it had none, else "sha256:HEX/LENGTH"; "" for logins
 * @param answeredAt    when the sandbox sent its answer: a request that arrived before an earlier one was answered
 *                      shows a client with calls in flight at once
 */
public record RecordedExchange(int sequence, Instant receivedAt, String method, String path, String query,
                               Map<String, List<String>> headers, Optional<String> requestId,
                               Optional<String> contentType, Optional<PresentedToken> authorization,
                               Optional<String> tokenInUrl, List<SecretPlace> clientSecretAt,
                               Optional<LoginAttempt> login, int status, Fault fault,
                               Optional<String> issuedTokenId, Optional<String> errorCode, String bodyDigest,
                               Instant answeredAt) {
    public static final String LOGIN_PATH = "/v1/partners/auth/login";
    public static final String PLURAL_PREFIX = "/v1/partners/";
    public static final String SINGULAR_PREFIX = "/v1/partner/";

    public RecordedExchange {
        headers = Map.copyOf(headers);
        clientSecretAt = List.copyOf(clientSecretAt);
    }

    /** A request to the login endpoint, or to its singular misspelling. */
    public boolean isLogin() {
        return path.equals(LOGIN_PATH) || path.equals(SINGULAR_PREFIX + "auth/login")
                || path.equals(LOGIN_PATH + "/") || path.equals(SINGULAR_PREFIX + "auth/login/");
    }

    /** Any request other than a login: the rules for authenticated calls apply to it. */
    public boolean isAuthenticatedCall() {
        return !isLogin();
    }

    /** The singular-path mistake the source document warns about. */
    public boolean usesSingularPath() {
        return path.startsWith(SINGULAR_PREFIX) || path.equals("/v1/partner");
    }

    /** Method, path and query; with {@link #bodyDigest} it tells a retry of a call from another call. */
    public String target() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query);
    }

    /** First value of a header, matched case-insensitively as HTTP requires. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().getFirst())
                .findFirst();
    }
}
