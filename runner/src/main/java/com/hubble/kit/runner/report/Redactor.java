package com.hubble.kit.runner.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.hubble.kit.reference.Secret;

/**
 * Knows every secret value of a run (shared secret, its variants, tokens). Checks judge raw responses
 * (a secret "test" must not turn a userId "test-user-123" into "[REDACTED:secret]-user-123"); the run
 * redacts each outcome's message and evidence with {@link #redact(Outcome)} before anything renders it,
 * replacing every occurrence with a marker such as {@code [REDACTED:secret]}. {@link #echoIn} finds an
 * echo: a value of at least {@value #SUBSTRING_MATCH_MIN} characters anywhere, a shorter one only as a
 * whole header value, JSON string value or body (a short secret occurs in ordinary data by chance).
 */
public final class Redactor {
    public static final String PREFIX = "[REDACTED:";

    /** Values shorter than this are echoes only when they make up a whole header value, JSON string or body. */
    public static final int SUBSTRING_MATCH_MIN = 8;

    private record Entry(String value, String label) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Registers a value to redact under a label ("secret", "token", ...); empty values are ignored. */
    public synchronized Redactor add(Secret value, String label) {
        String raw = value.reveal();
        if (!raw.isEmpty() && entries.stream().noneMatch(e -> e.value.equals(raw))) {
            entries.add(new Entry(raw, label));
            entries.sort(Comparator.comparingInt((Entry e) -> e.value.length()).reversed());
        }
        return this;
    }

    public static String marker(String label) {
        return PREFIX + label + "]";
    }

    public synchronized String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Entry entry : entries) {
            if (result.contains(entry.value)) {
                result = result.replace(entry.value, marker(entry.label));
            }
        }
        return result;
    }

    /** A redacted copy: the message, and each evidence exchange's request, response and failure text. */
    public Outcome redact(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Pass p -> new Outcome.Pass(redact(p.message()), redactAll(p.evidence()), p.measurements());
            case Outcome.Fail f -> new Outcome.Fail(redact(f.message()), redactAll(f.evidence()), f.measurements());
            case Outcome.Warn w -> new Outcome.Warn(redact(w.message()), redactAll(w.evidence()), w.measurements());
            case Outcome.Skip s -> new Outcome.Skip(redact(s.message()), s.missingInput());
            case Outcome.Error e -> new Outcome.Error(redact(e.message()), redactAll(e.evidence()));
        };
    }

    private List<Exchange> redactAll(List<Exchange> exchanges) {
        return exchanges.stream().map(this::redact).toList();
    }

    public Exchange redact(Exchange exchange) {
        RecordedRequest q = exchange.request();
        RecordedRequest request = new RecordedRequest(q.method(), redact(q.url()), redactHeaders(q.headers()),
                redact(q.body()), q.bodyBytes());
        Reply reply = switch (exchange.reply()) {
            case RecordedResponse r -> new RecordedResponse(r.status(), redactHeaders(r.headers()), redact(r.body()), r.truncated());
            case TransportFailure f -> new TransportFailure(f.kind(), redact(f.message()));
        };
        return new Exchange(redact(exchange.label()), request, reply, exchange.elapsed());
    }

    private List<Header> redactHeaders(List<Header> headers) {
        return headers.stream().map(h -> new Header(h.name(), redact(h.value()))).toList();
    }

    /** True when a registered value is too short to be searched for inside text (see {@link #echoIn}). */
    public synchronized boolean hasShortValues() {
        return entries.stream().anyMatch(e -> e.value.length() < SUBSTRING_MATCH_MIN);
    }

    /**
     * The label ("secret", "token") and place of a registered value echoed in a response, if any: long values
     * anywhere in a header value or the body; short ones only as a whole header value, JSON string value or body.
     */
    public synchronized Optional<String> echoIn(RecordedResponse response) {
        List<String> strings = jsonStrings(response.body());
        for (Entry entry : entries) {
            boolean longValue = entry.value.length() >= SUBSTRING_MATCH_MIN;
            for (Header header : response.headers()) {
                if (longValue ? header.value().contains(entry.value) : header.value().strip().equals(entry.value)) {
                    return Optional.of(entry.label + " came back in the response header " + header.name());
                }
            }
            boolean inBody = longValue ? response.body().contains(entry.value)
                    : response.body().strip().equals(entry.value) || strings.contains(entry.value);
            if (inBody) {
                return Optional.of(entry.label + " came back in the response body");
            }
        }
        return Optional.empty();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> jsonStrings(String body) {
        List<String> strings = new ArrayList<>();
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null) {
                collect(root, strings);
            }
        } catch (Exception notJson) {
            // Not JSON: only the whole body counts for a short value.
        }
        return strings;
    }

    private static void collect(JsonNode node, List<String> strings) {
        if (node.isTextual()) {
            strings.add(node.asText());
        }
        node.fieldNames().forEachRemaining(strings::add);
        node.elements().forEachRemaining(child -> collect(child, strings));
    }
}
