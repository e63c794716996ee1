package com.hubble.kit.runner.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.RecordedRequest;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.ReportFixtures;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.report.TransportFailure;
import com.hubble.kit.schemas.Schemas;

/** One call writes the three reports, each well-formed and faithful to the model. */
class ReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesReportJsonValidAgainstItsSchema() throws Exception {
        ReportWriter.write(ReportFixtures.mixed(), dir);
        String json = Files.readString(dir.resolve("report.json"));
        assertEquals(java.util.List.of(), Schemas.validate("report", json));
        assertTrue(json.contains("\"missingInput\" : \"an expired token (--expired-token)\""), json);
        assertTrue(json.contains("\"verdict\" : \"FAIL\""), json);
    }

    @Test
    void aRequestNotSentIsATimeoutWhoseCauseSaysSoInReportJson() throws Exception {
        Exchange notSent = new Exchange("valid token", new RecordedRequest("POST", "http://127.0.0.1:8080/sso", List.of(), "", 0),
                new TransportFailure(TransportFailure.Kind.NOT_SENT, "not sent: the target had stopped answering"), Duration.ZERO);
        Exchange refused = new Exchange("oversized body", new RecordedRequest("POST", "http://127.0.0.1:8080/sso", List.of(), "", 0),
                TransportFailure.closedWhileSending("Broken pipe"), Duration.ofMillis(3));
        Report report = Report.of("sso", "http://127.0.0.1:8080", Instant.now(), 1, false, List.of(ReportFixtures.result(
                "sso.valid.status", Severity.MUST, "Valid token", Outcome.fail("no answer", List.of(notSent, refused)))),
                List.of());
        ReportWriter.write(report, dir);
        String json = Files.readString(dir.resolve("report.json"));
        assertEquals(List.of(), Schemas.validate("report", json));
        assertTrue(json.contains("\"kind\" : \"TIMEOUT\",\n"), json);
        assertTrue(json.contains("\"cause\" : \"NOT_SENT\""), json);
        assertTrue(json.contains("\"kind\" : \"IO\",\n"), json);
        assertTrue(json.contains("\"cause\" : \"CLOSED_WHILE_SENDING\""), json);
    }

    @Test
    void writesJunitXmlWithOneTestCasePerCheckEvenWithANulInEvidence() throws Exception {
        ReportWriter.write(ReportFixtures.mixed(), dir);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("junit.xml").toFile());
        assertEquals(8, xml.getElementsByTagName("testcase").getLength());
        assertEquals(2, xml.getElementsByTagName("failure").getLength());
        assertEquals(1, xml.getElementsByTagName("error").getLength());
        assertEquals(2, xml.getElementsByTagName("skipped").getLength());
    }

    @Test
    void writesASelfContainedHtmlPageWithEscapedEvidenceAndFixes() throws Exception {
        ReportWriter.write(ReportFixtures.mixed(), dir);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("Verdict: FAIL"));
        assertTrue(html.contains("How to fix sso.token.random."), "each failure shows its fix");
        assertTrue(html.contains("&lt;script&gt;"), "partner text is escaped");
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "no external assets");
    }

    @Test
    void theSummaryTableGroupsByAreaAndEndsWithTheVerdict() {
        String text = TextReport.render(ReportFixtures.mixed());
        assertTrue(text.contains("-- Token rejection"), text);
        assertTrue(text.strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("VERDICT: FAIL"), text);
    }

    @Test
    void redactionReplacesEveryRegisteredValueLongestFirst() {
        Redactor redactor = new Redactor()
                .add(com.hubble.kit.reference.Secret.of("abc"), "token")
                .add(com.hubble.kit.reference.Secret.of("abcdef"), "secret");
        assertEquals("x [REDACTED:secret] y [REDACTED:token]", redactor.redact("x abcdef y abc"));
    }
}
