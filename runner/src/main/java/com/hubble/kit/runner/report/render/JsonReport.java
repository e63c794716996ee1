package com.hubble.kit.runner.report.render;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Header;
import com.hubble.kit.runner.report.Measurement;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Preview;
import com.hubble.kit.runner.report.RecordedResponse;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.Summary;
import com.hubble.kit.runner.report.TransportFailure;

/** report.json: the shape of schemas/report.schema.json, built field by field so it cannot drift silently. */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(Report report) {
        try {
            return MAPPER.writeValueAsString(toJson(report)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("report.json could not be rendered", e);
        }
    }

    public static ObjectNode toJson(Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("suite", report.suite());
        root.put("verdict", report.verdict().name());
        root.put("strict", report.strict());
        root.put("target", report.target());
        root.put("startedAt", DateTimeFormatter.ISO_INSTANT.format(report.startedAt().truncatedTo(ChronoUnit.MILLIS)));
        root.put("durationMs", report.durationMs());
        ObjectNode summary = root.putObject("summary");
        Summary s = report.summary();
        summary.put("total", s.total());
        summary.put("PASS", s.pass());
        summary.put("FAIL", s.fail());
        summary.put("WARN", s.warn());
        summary.put("SKIP", s.skip());
        summary.put("ERROR", s.error());
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        ArrayNode checks = root.putArray("checks");
        for (CheckResult result : report.checks()) {
            ObjectNode check = checks.addObject();
            check.put("id", result.id());
            check.put("title", result.title());
            check.put("severity", result.severity().name());
            check.put("area", result.area());
            check.put("status", result.status().name());
            check.put("message", result.outcome().message());
            check.put("requirement", result.requirement());
            check.put("fix", result.fix());
            check.put("durationMs", result.durationMs());
            if (result.outcome() instanceof Outcome.Skip skip && skip.missingInput().isPresent()) {
                check.put("missingInput", skip.missingInput().get());
            }
            ArrayNode measurements = check.putArray("measurements");
            for (Measurement m : result.outcome().measurements()) {
                ObjectNode node = measurements.addObject();
                node.put("name", m.name());
                node.put("value", m.value());
                node.put("unit", m.unit());
            }
            ArrayNode evidence = check.putArray("evidence");
            result.outcome().evidence().forEach(e -> evidence.add(exchange(e)));
        }
        return root;
    }

    private static ObjectNode exchange(Exchange exchange) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("label", exchange.label());
        ObjectNode request = node.putObject("request");
        request.put("method", exchange.request().method());
        request.put("url", exchange.request().url());
        headers(request.putArray("headers"), exchange.request().headers());
        request.put("body", exchange.request().body());
        request.put("bodyBytes", exchange.request().bodyBytes());
        switch (exchange.reply()) {
            case RecordedResponse response -> {
                ObjectNode r = node.putObject("response");
                r.put("status", response.status());
                headers(r.putArray("headers"), response.headers());
                r.put("body", Preview.of(response.body(), 4096));
                r.put("truncated", response.truncated());
            }
            case TransportFailure failure -> {
                ObjectNode f = node.putObject("failure");
                f.put("kind", failure.kind().reported().name());
                f.put("cause", failure.kind().name());
                f.put("message", failure.message());
            }
        }
        node.put("elapsedMs", exchange.elapsed().toMillis());
        return node;
    }

    private static void headers(ArrayNode array, java.util.List<Header> headers) {
        for (Header header : headers) {
            ObjectNode h = array.addObject();
            h.put("name", header.name());
            h.put("value", header.value());
        }
    }
}
