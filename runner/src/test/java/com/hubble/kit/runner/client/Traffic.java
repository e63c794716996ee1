package com.hubble.kit.runner.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.hubble.kit.reference.sandbox.Fault;
import com.hubble.kit.reference.sandbox.LoginAttempt;
import com.hubble.kit.reference.sandbox.PresentedToken;
import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.reference.sandbox.SecretPlace;
import com.hubble.kit.reference.sandbox.TokenStatus;

/** Fixture: a client session as the sandbox would record it, built step by step without a server. */
final class Traffic {
    private final List<RecordedExchange> exchanges = new ArrayList<>();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private int tokens;
    private String currentToken;

    /** One request, described by its fields; defaults are a compliant authenticated GET. */
    static final class Spec {
        String method = "GET";
        String path = "/v1/partners/products";
        String query = "";
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Optional<String> requestId = Optional.of(UUID.randomUUID().toString());
        Optional<String> contentType = Optional.empty();
        Optional<PresentedToken> authorization = Optional.empty();
        Optional<String> tokenInUrl = Optional.empty();
        List<SecretPlace> clientSecretAt = List.of();
        Optional<LoginAttempt> login = Optional.empty();
        int status = 200;
        Fault fault = Fault.NONE;
        Optional<String> issuedTokenId = Optional.empty();
        String bodyDigest = "";
        /** How long the sandbox took to answer; past the next request's arrival, the calls overlap. */
        Duration answeredAfter = Duration.ofMillis(10);

        Spec query(String value) {
            query = value;
            return this;
        }

        Spec status(int value) {
            status = value;
            return this;
        }

        Spec requestId(String value) {
            requestId = Optional.ofNullable(value);
            return this;
        }

        Spec token(String scheme, String tokenId, TokenStatus status) {
            authorization = Optional.of(new PresentedToken(scheme, Optional.ofNullable(tokenId), status));
            return this;
        }

        Spec noAuthorization() {
            authorization = Optional.empty();
            return this;
        }

        /** Where the sandbox found the clientSecret outside the login body (it records the place, never the secret). */
        Spec secretAt(SecretPlace... places) {
            clientSecretAt = List.of(places);
            return this;
        }

        Spec header(String name, String value) {
            headers.put(name, List.of(value));
            return this;
        }

        Spec contentType(String value) {
            contentType = Optional.ofNullable(value);
            return this;
        }
    }

    Traffic after(Duration pause) {
        now = now.plus(pause);
        return this;
    }

    /** A compliant login that issues the next token. */
    Traffic login() {
        return loginWith(s -> s);
    }

    Traffic loginWith(UnaryOperator<Spec> change) {
        Spec spec = new Spec();
        spec.method = "POST";
        spec.path = RecordedExchange.LOGIN_PATH;
        spec.contentType = Optional.of("application/json");
        spec.requestId = Optional.empty();
        spec.login = Optional.of(new LoginAttempt(true, true, true, Optional.of("test-client-id")));
        spec = change.apply(spec);
        if (spec.status == 200) {
            currentToken = "token-" + (++tokens);
            spec.issuedTokenId = Optional.of(currentToken);
        }
        return add(spec);
    }

    /** A compliant authenticated GET with the current token. */
    Traffic call(String query) {
        return callWith(s -> s.query(query));
    }

    Traffic callWith(UnaryOperator<Spec> change) {
        Spec spec = new Spec();
        spec.authorization = Optional.of(new PresentedToken("Bearer", Optional.ofNullable(currentToken),
                currentToken == null ? TokenStatus.UNKNOWN : TokenStatus.LIVE));
        return add(change.apply(spec));
    }

    /** The sandbox's injected 401: the call carried a live token, which is revoked from now on. */
    Traffic revokedCall(String query) {
        return callWith(s -> {
            s.query(query).status(401).fault = Fault.REVOKED_TOKEN;
            return s;
        });
    }

    /** A call carrying the token revoked by the injected 401, without a new login. */
    Traffic callWithRevokedToken(String query) {
        return callWith(s -> s.query(query).status(401).token("Bearer", currentToken, TokenStatus.REVOKED));
    }

    private Traffic add(Spec spec) {
        Map<String, List<String>> headers = new LinkedHashMap<>(spec.headers);
        spec.requestId.ifPresent(id -> headers.put("X-Request-Id", List.of(id)));
        exchanges.add(new RecordedExchange(exchanges.size() + 1, now, spec.method, spec.path, spec.query, headers,
                spec.requestId, spec.contentType, spec.authorization, spec.tokenInUrl, spec.clientSecretAt, spec.login, spec.status,
                spec.fault, spec.issuedTokenId, Optional.empty(), spec.bodyDigest, now.plus(spec.answeredAfter)));
        now = now.plusMillis(50);
        return this;
    }

    ClientSession session() {
        return session(3600, 5);
    }

    ClientSession session(long lifetimeSecs, int revokeAt) {
        return new ClientSession(exchanges, lifetimeSecs, revokeAt);
    }

    /**
     * A compliant session with 10 s tokens: calls every second, a scheduled login at 8 s (80%), the injected 401 on
     * the young new token, one login, the retry, one more call.
     */
    static Traffic compliantWithRefresh() {
        Traffic traffic = new Traffic().login();
        for (int i = 1; i <= 7; i++) {
            traffic.call("pageNo=" + i).after(Duration.ofMillis(950));
        }
        return traffic.login().call("pageNo=8").after(Duration.ofMillis(950)).revokedCall("category=Food").login()
                .call("category=Food").after(Duration.ofMillis(950)).call("q=an");
    }

    /** The compliant reference session: login, four calls, the injected 401, one login, the retry, two more calls. */
    static Traffic compliant() {
        return new Traffic().login().call("pageNo=1").call("pageNo=2").call("pageNo=3").call("category=Food")
                .revokedCall("category=Travel").login().call("category=Travel").call("q=an").call("q=ay");
    }
}
