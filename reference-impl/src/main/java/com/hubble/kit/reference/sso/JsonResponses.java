package com.hubble.kit.reference.sso;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Writes the server's JSON responses; every body it sends is built here from fixed text or typed values. */
final class JsonResponses {
    static final String CONTENT_TYPE = "application/json";
    /** The documented rejection body of {@code /sso}. */
    static final String REJECTION = "{\"userId\":null}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonResponses() {
    }

    static void send(ServerResponse res, Status status, String body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        res.send(body);
    }

    static void reject(ServerResponse res, Status status) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        send(res, status, REJECTION);
    }

    static void error(ServerResponse res, Status status, String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        send(res, status, write(body));
    }

    /** {@code /observe/health}: UP (200) when the replay store can decide, DOWN (503) when it cannot. */
    static void health(ServerResponse res, ReplayStore.Health store) {
        String status = store.up() ? "UP" : "DOWN";
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", "replay-store");
        check.put("status", status);
        check.put("store", store.kind());
        check.put("detail", store.detail());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("checks", java.util.List.of(check));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        send(res, store.up() ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, write(body));
    }

    /** Profiles already written, by value: a user's JSON is built once, not per request. Bounded; cleared when full. */
    private static final java.util.concurrent.ConcurrentHashMap<SsoUser, String> PROFILES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_CACHED_PROFILES = 10_000;

    static void user(ServerResponse res, SsoUser user) {
        String json = PROFILES.get(user);
        if (json == null) {
            if (PROFILES.size() >= MAX_CACHED_PROFILES) {
                PROFILES.clear();
            }
            json = profile(user);
            PROFILES.put(user, json);
        }
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(PRAGMA, "no-cache");
        send(res, Status.OK_200, json);
    }

    private static final io.helidon.http.HeaderName PRAGMA = HeaderNames.create("Pragma");

    static String profile(SsoUser user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", user.userId());
        putIfPresent(body, "email", user.email());
        putIfPresent(body, "firstName", user.firstName());
        putIfPresent(body, "lastName", user.lastName());
        putIfPresent(body, "phoneNumber", user.phoneNumber());
        putIfPresent(body, "cohorts", user.cohorts());
        return write(body);
    }

    private static void putIfPresent(Map<String, Object> body, String name, Object value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response body", e);
        }
    }
}
