package com.hubble.kit.runner.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client of the Hubble API with exactly one deliberate fault (or none), run by client-check in tests:
 * {@code FaultyClient <fault>}. Apart from its fault it follows the checklist, so it fails only the checks about it.
 * Reads HUBBLE_BASE_URL, HUBBLE_CLIENT_ID, HUBBLE_CLIENT_SECRET; FAULTY_PACE_MILLIS spaces the calls (a client calling at
 * a steady pace) and FAULTY_ROUNDS repeats its list of calls.
 */
public final class FaultyClient {
    /** The mistakes, by the name the tests pass on the command line. */
    enum Fault {
        NONE, LOGIN_EVERY_CALL, REUSED_REQUEST_ID, SINGULAR_PATH, NEVER_RETRIES, RETRIES_FOREVER, EXPIRED_TOKEN,
        TOKEN_IN_QUERY, NO_REQUESTS,
        /** Refreshes on schedule, but a 401 is only logged: the call is dropped and the client carries on. */
        SCHEDULED_REFRESH_NO_RETRY,
        /** Not a fault: waits a little after a 401 before logging in again and retrying. */
        BACKS_OFF_THEN_RETRIES,
        /**
         * Prints each token and the client secret, plain, base64 and hex, on stdout and stderr, and sends them
         * encoded in the query and a header besides the token in the query (so the report quotes those calls);
         * writes the tokens it got to the file FAULTY_TOKENS_FILE names.
         */
        PRINTS_CREDENTIALS
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIXED_REQUEST_ID = "0f8e2a4c-1b7d-4e36-9a51-0c2d3e4f5a6b";

    private final Fault fault;
    private final String base = System.getenv("HUBBLE_BASE_URL");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant refreshAt = Instant.MIN;

    private FaultyClient(Fault fault) {
        this.fault = fault;
    }

    public static void main(String[] args) throws Exception {
        Fault fault = Fault.valueOf(args[0]);
        if (fault == Fault.NO_REQUESTS) {
            System.out.println("faulty client: doing nothing");
            return;
        }
        new FaultyClient(fault).run();
    }

    private void run() throws Exception {
        login();
        JsonNode first = JSON.readTree(call("/v1/partners/products?pageNo=1&limit=4").body());
        String brandId = first.path("data").get(0).path("id").asText();
        List<String> rest = new ArrayList<>(List.of("/v1/partners/products?pageNo=2&limit=4",
                "/v1/partners/products?pageNo=3&limit=4", "/v1/partners/products?category=Food",
                "/v1/partners/products?category=Travel", "/v1/partners/products/" + brandId,
                "/v1/partners/products?q=an"));
        if (fault == Fault.SINGULAR_PATH) {
            rest.set(2, "/v1/partner/products?category=Food");
        }
        long pace = Long.parseLong(System.getenv().getOrDefault("FAULTY_PACE_MILLIS", "0"));
        int rounds = Integer.parseInt(System.getenv().getOrDefault("FAULTY_ROUNDS", "1"));
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < rest.size(); i++) {
                if (fault == Fault.EXPIRED_TOKEN && i == 2 && round == 0) {
                    Thread.sleep(3000); // outlives the 2-second token without refreshing it
                }
                Thread.sleep(pace);
                call(rest.get(i));
            }
        }
        System.out.println("faulty client (" + fault + "): done");
    }

    private HttpResponse<String> call(String pathAndQuery) throws Exception {
        if (fault == Fault.LOGIN_EVERY_CALL || fault != Fault.EXPIRED_TOKEN && !Instant.now().isBefore(refreshAt)) {
            login();
        }
        HttpResponse<String> response = get(pathAndQuery);
        if (response.statusCode() != 401) {
            return response;
        }
        switch (fault) {
            case NEVER_RETRIES -> {
                System.out.println("faulty client: 401 on " + pathAndQuery + ", giving up");
                System.exit(1);
            }
            case RETRIES_FOREVER -> {
                for (int attempt = 0; attempt < 5 && response.statusCode() == 401; attempt++) {
                    response = get(pathAndQuery); // same revoked token, again and again
                }
                System.out.println("faulty client: still 401 after 5 retries, stopping");
                System.exit(1);
            }
            case SCHEDULED_REFRESH_NO_RETRY -> System.out.println("faulty client: 401 on " + pathAndQuery + ", skipped");
            case BACKS_OFF_THEN_RETRIES -> {
                Thread.sleep(400);
                login();
                response = get(pathAndQuery);
            }
            default -> {
                login();
                response = get(pathAndQuery);
            }
        }
        return response;
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        String url = base + pathAndQuery;
        if (fault == Fault.TOKEN_IN_QUERY) {
            url += (pathAndQuery.contains("?") ? "&" : "?") + "access_token=" + token;
        }
        String debug = "none";
        if (fault == Fault.PRINTS_CREDENTIALS) {
            url += (pathAndQuery.contains("?") ? "&" : "?") + "access_token=" + token + "&trace=" + base64Url(token)
                    + "&s=" + base64Url(System.getenv("HUBBLE_CLIENT_SECRET"));
            debug = java.util.HexFormat.of().formatHex(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("X-Debug", debug)
                .header("Authorization", "Bearer " + token)
                .header("X-Request-Id", fault == Fault.REUSED_REQUEST_ID ? FIXED_REQUEST_ID
                        : UUID.randomUUID().toString())
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("faulty client: GET " + pathAndQuery + " -> " + response.statusCode());
        return response;
    }

    private void login() throws Exception {
        Instant sentAt = Instant.now();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/partners/auth/login"))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", UUID.randomUUID().toString())
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of(
                        "clientId", System.getenv("HUBBLE_CLIENT_ID"),
                        "clientSecret", System.getenv("HUBBLE_CLIENT_SECRET")))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login answered " + response.statusCode());
        }
        JsonNode body = JSON.readTree(response.body());
        token = body.path("token").asText();
        long lifetime = body.path("expiresInSecs").asLong();
        refreshAt = sentAt.plusMillis(lifetime * 800);
        System.out.println("faulty client: logged in for " + lifetime + " s");
        if (fault == Fault.PRINTS_CREDENTIALS) {
            String secret = System.getenv("HUBBLE_CLIENT_SECRET");
            java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
            String line = "token " + token + " base64 " + base64.encodeToString(token.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    + " hex " + java.util.HexFormat.of().formatHex(token.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    + " secret " + secret + " base64 " + base64.encodeToString(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    + " inside " + base64.encodeToString(("clientSecret=" + secret + "&token=" + token)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            System.out.println("faulty client: " + line);
            System.err.println("faulty client (stderr): " + line);
            java.nio.file.Files.writeString(java.nio.file.Path.of(System.getenv("FAULTY_TOKENS_FILE")), token + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private static String base64Url(String value) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
