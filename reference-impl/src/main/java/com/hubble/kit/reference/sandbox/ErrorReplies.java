package com.hubble.kit.reference.sandbox;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Sends Hubble's error envelope, echoing the caller's X-REQUEST-ID as {@code requestId}. */
final class ErrorReplies {
    static final ObjectMapper JSON = new ObjectMapper();

    private ErrorReplies() {
    }

    static void send(ServerRequest req, ServerResponse res, Status status, String code, String message,
                     String debugMessage) {
        send(req, res, status, code, message, debugMessage, List.of());
    }

    static void send(ServerRequest req, ServerResponse res, Status status, String code, String message,
                     String debugMessage, List<ErrorEnvelope.SubError> subErrors) {
        ExchangeNotes notes = req.context().get(ExchangeNotes.class).orElse(null);
        String requestId = notes == null ? null : notes.requestId.orElse(null);
        if (notes != null) {
            notes.errorCode = code;
        }
        ErrorEnvelope envelope = new ErrorEnvelope(UUID.randomUUID().toString(), code, message, requestId,
                debugMessage, subErrors);
        res.status(status);
        sendJson(res, envelope);
    }

    static void sendJson(ServerResponse res, Object body) {
        try {
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a sandbox response", e);
        }
    }
}
