package com.hubble.kit.reference.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /v1/partners/products} and {@code GET /v1/partners/products/{productId}}: Bearer token and X-REQUEST-ID required. */
final class ProductsService implements HttpService {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;
    private final SandboxState state;

    ProductsService(SandboxState state) {
        this.state = state;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::listProductsHandler)
                .get("/{productId}", this::getProductHandler);
    }

    private void listProductsHandler(ServerRequest req, ServerResponse res) {
        if (!authorized(req, res)) {
            return;
        }
        List<ErrorEnvelope.SubError> problems = new ArrayList<>();
        int pageNo = positiveInt(req, "pageNo", 1, problems);
        int limit = positiveInt(req, "limit", DEFAULT_LIMIT, problems);
        if (limit > MAX_LIMIT) {
            problems.add(new ErrorEnvelope.SubError("limit", "must be at most " + MAX_LIMIT, "limit=" + limit));
        }
        if (!problems.isEmpty()) {
            ErrorReplies.send(req, res, Status.BAD_REQUEST_400, "BAD_REQUEST", "Invalid paging parameters",
                    "pageNo counts from 1; limit is 1.." + MAX_LIMIT, problems);
            return;
        }
        ErrorReplies.sendJson(res, state.catalogue().page(req.query().first("q").orElse(null),
                req.query().first("category").orElse(null), pageNo, limit));
    }

    private void getProductHandler(ServerRequest req, ServerResponse res) {
        if (!authorized(req, res)) {
            return;
        }
        String productId = req.path().pathParameters().get("productId");
        Optional<JsonNode> brand = state.catalogue().find(productId);
        if (brand.isEmpty()) {
            ErrorReplies.send(req, res, Status.NOT_FOUND_404, "E100", "Brand not found",
                    "no brand with id " + productId + " in the sandbox catalogue");
            return;
        }
        ErrorReplies.sendJson(res, brand.get());
    }

    /** Token, then X-REQUEST-ID, then the fault plan; answers and returns false when the call must not proceed. */
    private boolean authorized(ServerRequest req, ServerResponse res) {
        ExchangeNotes notes = req.context().get(ExchangeNotes.class).orElseThrow();
        if (notes.authorization.isEmpty()) {
            return unauthorized(req, res, "Missing access token",
                    "send Authorization: Bearer <token from POST /v1/partners/auth/login>");
        }
        PresentedToken presented = notes.authorization.get();
        if (!presented.isBearer()) {
            return unauthorized(req, res, "Missing access token",
                    "the Authorization header must use the Bearer scheme");
        }
        switch (presented.status()) {
            case UNKNOWN -> {
                return unauthorized(req, res, "Invalid access token", "this token was not issued by this server");
            }
            case EXPIRED -> {
                return unauthorized(req, res, "Access token expired",
                        "the token is older than expiresInSecs; log in again");
            }
            case REVOKED -> {
                return unauthorized(req, res, "Access token revoked", "this token was revoked; log in again");
            }
            case LIVE -> {
                // carry on
            }
        }
        if (notes.requestId.isEmpty()) {
            ErrorReplies.send(req, res, Status.BAD_REQUEST_400, "MISSING_REQUEST_ID",
                    "Missing X-REQUEST-ID header", "send a fresh UUID in X-REQUEST-ID on every request");
            return false;
        }
        int call = state.countAuthenticatedCall();
        IssuedToken token = notes.presentedToken.orElseThrow();
        FaultPlan faults = state.settings().faults();
        if (state.revokesOn(call, state.countCallOn(token), token)) {
            state.revokeInjected(token);
            notes.fault = Fault.REVOKED_TOKEN;
            return unauthorized(req, res, "Access token revoked",
                    "injected fault: the token was revoked on authenticated call " + call);
        }
        if (call == faults.throttleAtCall()) {
            notes.fault = Fault.THROTTLED;
            res.header(HeaderNames.RETRY_AFTER, Integer.toString(faults.retryAfterSecs()));
            ErrorReplies.send(req, res, Status.TOO_MANY_REQUESTS_429, "TOO_MANY_REQUESTS", "Too many requests",
                    "injected fault on authenticated call " + call + "; retry after " + faults.retryAfterSecs() + " s");
            return false;
        }
        if (call == faults.unavailableAtCall()) {
            notes.fault = Fault.UNAVAILABLE;
            ErrorReplies.send(req, res, Status.SERVICE_UNAVAILABLE_503, "SERVICE_UNAVAILABLE",
                    "Service temporarily unavailable", "injected fault on authenticated call " + call);
            return false;
        }
        return true;
    }

    private static boolean unauthorized(ServerRequest req, ServerResponse res, String message, String debug) {
        ErrorReplies.send(req, res, Status.UNAUTHORIZED_401, "UNAUTHORIZED", message, debug);
        return false;
    }

    private static int positiveInt(ServerRequest req, String name, int fallback,
                                   List<ErrorEnvelope.SubError> problems) {
        Optional<String> raw = req.query().first(name).asOptional();
        if (raw.isEmpty() || raw.get().isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get().strip());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new ErrorEnvelope.SubError(name, "must be a positive integer", name + "=" + raw.get()));
        return fallback;
    }
}
