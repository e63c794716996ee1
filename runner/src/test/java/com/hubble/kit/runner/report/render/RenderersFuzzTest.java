package com.hubble.kit.runner.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.xml.parsers.DocumentBuilderFactory;

import org.jsoup.Jsoup;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Header;
import com.hubble.kit.runner.report.Measurement;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.RecordedRequest;
import com.hubble.kit.runner.report.RecordedResponse;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.report.TransportFailure;

/**
 * Coverage-guided fuzzing of the three file renderers with arbitrary strings (lone surrogates, NULs, markup and
 * quotes included) wherever partner or user text can reach a report: report.json parses and gives every string
 * back; junit.xml parses with one test case per check; report.html has exactly the element structure of the same
 * report with harmless placeholder strings, so no string became markup.
 */
class RenderersFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a report's choices and strings come from: the fuzzer (recorded), or a replay of that record. */
    private interface Source {
        int pick(int min, int max);

        String text();
    }

    private record Live(FuzzedDataProvider data, List<Object> log) implements Source {
        public int pick(int min, int max) {
            int value = data.consumeInt(min, max);
            log.add(value);
            return value;
        }

        /** An arbitrary string; now and then with a lone surrogate, which the fuzzer's strings may lack. */
        public String text() {
            String value = data.consumeString(120);
            value = data.consumeInt(0, 15) == 0 ? value + '\ud800' + value : value;
            log.add(value);
            return value;
        }
    }

    private record Replay(java.util.Iterator<Object> log, UnaryOperator<String> map) implements Source {
        public int pick(int min, int max) {
            return (Integer) log.next();
        }

        public String text() {
            return map.apply((String) log.next());
        }
    }

    private static Report report(Source in) {
        List<CheckResult> checks = new ArrayList<>();
        int count = in.pick(1, 4);
        for (int i = 0; i < count; i++) {
            String message = in.text();
            List<Exchange> evidence = new ArrayList<>();
            int exchanges = in.pick(0, 2);
            for (int j = 0; j < exchanges; j++) {
                evidence.add(exchange(in));
            }
            Outcome outcome = switch (in.pick(0, 5)) {
                case 0 -> new Outcome.Pass(message, evidence, List.of(Measurement.of("p95", 12.5, "ms")));
                case 1 -> new Outcome.Warn(message, evidence, List.of());
                case 2 -> new Outcome.Skip(message, Optional.of(in.text()));
                case 3 -> new Outcome.Error(message, evidence);
                default -> new Outcome.Fail(message, evidence, List.of());
            };
            String id = in.text();
            String title = in.text();
            Severity severity = Severity.values()[in.pick(0, Severity.values().length - 1)];
            String area = in.text();
            String requirement = in.text();
            String fix = in.text();
            checks.add(new CheckResult(new CheckInfo(id, title, severity, area, requirement, "what the fuzzer sent", fix),
                    outcome, 5));
        }
        List<String> notes = List.of(in.text());
        return Report.of(in.text(), in.text(), Instant.parse("2026-11-29T12:00:00Z"), 42, false, checks, notes);
    }

    private static Exchange exchange(Source in) {
        RecordedRequest request = new RecordedRequest("POST", in.text(), List.of(new Header(in.text(), in.text())),
                in.text(), 10);
        if (in.pick(0, 1) == 0) {
            return new Exchange(in.text(), request, new TransportFailure(TransportFailure.Kind.IO, in.text()),
                    Duration.ofMillis(3));
        }
        return new Exchange(in.text(), request, new RecordedResponse(in.pick(100, 599),
                List.of(new Header(in.text(), in.text())), in.text(), in.pick(0, 1) == 1), Duration.ofMillis(3));
    }

    @FuzzTest(maxDuration = "30s")
    void everyRendererGivesAParsableDocumentForArbitraryStrings(FuzzedDataProvider data) throws Exception {
        List<Object> log = new ArrayList<>();
        Report report = report(new Live(data, log));

        JsonNode json = JSON.readTree(JsonReport.render(report));
        assertEquals(report.checks().size(), json.get("checks").size());
        for (int i = 0; i < report.checks().size(); i++) {
            assertEquals(report.checks().get(i).outcome().message(), json.get("checks").get(i).get("message").asText());
            assertEquals(report.checks().get(i).id(), json.get("checks").get(i).get("id").asText());
        }
        assertEquals(report.target(), json.get("target").asText());

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document xml = factory.newDocumentBuilder().parse(new InputSource(new StringReader(JunitReport.render(report))));
        assertEquals(report.checks().size(), xml.getElementsByTagName("testcase").getLength());

        // Equal strings get equal placeholders: grouping by area depends on equality, not on content.
        Map<String, String> placeholders = new HashMap<>();
        Report twin = report(new Replay(log.iterator(),
                s -> placeholders.computeIfAbsent(s, k -> k.isEmpty() ? "" : "p" + placeholders.size())));
        String html = HtmlReport.render(report);
        assertEquals(structure(HtmlReport.render(twin)), structure(html), () -> "a string changed report.html's "
                + "element structure: " + html.substring(html.indexOf("<tbody>")).replaceAll("[^\\x20-\\x7e\\n]",
                        "<?>").lines().limit(12).reduce("", (a, b) -> a + "\n" + b));
    }

    private static List<String> structure(String html) {
        // jsoup's reader takes U+FFFF for the end of input (browsers parse on); the structure is what is compared.
        return Jsoup.parse(html.replace('\uffff', '\ufffd')).getAllElements().stream()
                .map(e -> e.tagName() + e.attributes().asList().stream().map(a -> " " + a.getKey()).reduce("", String::concat))
                .toList();
    }
}
