package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hostile partners, one per way to hang, crash or blind the kit: a body that makes backtracking patterns
 * quadratic, a gzip bomb, bytes that are not text, and terminal escape sequences. Against each, check and
 * verify-pact end in bounded time, write the three reports and exit 1 (the partner failed), never 2 (the kit
 * failed); verify-pact survives the bomb in a 256 MiB heap. The ceilings are generous bounds, not timings.
 */
class HostileGalleryTest {
    private static final Duration CEILING = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "gallery-secret-Hq7/Lp+2";
    private static final String TOKEN = "gallery-valid-token-Zx81";
    private static final String EXPIRED = "gallery-expired-token-Yw03";
    private static byte[] bomb;

    @TempDir
    Path dir;

    /** 400 MiB of zeros, gzip-compressed to about 400 KB. */
    @BeforeAll
    static void makeTheBomb() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 400; i++) {
                gzip.write(zeros);
            }
        }
        bomb = compressed.toByteArray();
    }

    /** Serves every request on every connection with the same status, headers and body bytes. */
    private static RawServer answering(int status, String headers, byte[] body) throws IOException {
        return new RawServer(socket -> serveEach(socket, request -> {
            byte[] head = ("HTTP/1.1 " + status + " Whatever\r\n" + headers + "Content-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = new byte[head.length + body.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            return all;
        }));
    }

    /** Reads each request (head and Content-Length body) on a kept-alive connection and writes the answer. */
    private static void serveEach(Socket socket, Function<String, byte[]> answer) throws IOException {
        InputStream in = socket.getInputStream();
        while (true) {
            String head = RawServer.readHead(socket);
            if (head.isEmpty()) {
                return;
            }
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            in.readNBytes(length);
            socket.getOutputStream().write(answer.apply(head));
            socket.getOutputStream().flush();
        }
    }

    private Cli check(RawServer partner, String... checks) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret"), SECRET);
        List<String> args = new ArrayList<>(List.of("check", "--base-url", partner.baseUrl(), "--secret-file",
                secret.toString(), "--token", TOKEN, "--user-id", "gallery-user", "--expired-token", EXPIRED, "--timeout", "5s",
                "--load-duration", "200ms", "--concurrency", "2", "--report-dir", dir.resolve("check").toString()));
        for (String id : checks) {
            args.addAll(List.of("--only", id));
        }
        return assertTimeoutPreemptively(CEILING, () -> Cli.run(args.toArray(String[]::new)));
    }

    private List<String> verifyPactArgs(RawServer partner) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret"), SECRET);
        Path valid = Files.writeString(dir.resolve("valid"), TOKEN);
        Path expired = Files.writeString(dir.resolve("expired"), EXPIRED);
        return List.of("verify-pact", "--base-url", partner.baseUrl(), "--secret-file", secret.toString(),
                "--token-command", "cat " + valid, "--expired-token-command", "cat " + expired, "--timeout", "5s",
                "--report-dir", dir.resolve("pact").toString());
    }

    private Cli verifyPact(RawServer partner) throws IOException {
        List<String> args = verifyPactArgs(partner);
        return assertTimeoutPreemptively(CEILING, () -> Cli.run(args.toArray(String[]::new)));
    }

    /** The three reports are there and parse; returns report.json. */
    private JsonNode reportsWritten(String sub, Cli cli) throws Exception {
        Path reports = dir.resolve(sub);
        for (String name : List.of("report.json", "junit.xml", "report.html")) {
            assertTrue(Files.exists(reports.resolve(name)), name + " written: " + cli.both());
            assertFalse(Files.readString(reports.resolve(name), StandardCharsets.UTF_8).isEmpty(), name);
        }
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(reports.resolve("junit.xml").toFile());
        return JSON.readTree(reports.resolve("report.json").toFile());
    }

    private static String status(JsonNode report, String id) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("id").asText().equals(id)) {
                return check.get("status").asText();
            }
        }
        throw new AssertionError("no " + id + " in " + report);
    }

    @Test
    void aMegabyteOfNewlinesInEveryAnswerEndsInBoundedTimeWithTheStackTraceCheckJudged() throws Exception {
        byte[] newlines = "\n".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
        try (RawServer partner = answering(500, "Content-Type: text/plain\r\n", newlines)) {
            Cli cli = check(partner, "sso.valid.status", "sso.errors.no-stack-trace", "sso.errors.json");
            assertEquals(1, cli.exit(), cli.both());
            JsonNode report = reportsWritten("check", cli);
            assertEquals("PASS", status(report, "sso.errors.no-stack-trace"), "newlines are no stack trace");
            Cli pact = verifyPact(partner);
            assertEquals(1, pact.exit(), pact.both());
            reportsWritten("pact", pact);
        }
    }

    @Test
    void aGzipBombIsNeverInflatedByCheck() throws Exception {
        try (RawServer partner = answering(200, "Content-Type: application/json\r\nContent-Encoding: gzip\r\n", bomb)) {
            Cli cli = check(partner, "sso.valid.status", "sso.valid.schema", "sso.errors.no-secret-echo");
            assertEquals(1, cli.exit(), cli.both());
            assertEquals("FAIL", status(reportsWritten("check", cli), "sso.valid.schema"), "gzip bytes are no JSON profile");
        }
    }

    @Test
    void aGzipBombIsNeverInflatedByVerifyPactEvenInA256MiBHeap() throws Exception {
        try (RawServer partner = answering(200, "Content-Type: application/json\r\nContent-Encoding: gzip\r\n", bomb)) {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), HubbleKit.class.getName()));
            command.addAll(verifyPactArgs(partner));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("pact-output.txt").toFile()).start();
            boolean finished = process.waitFor(CEILING.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            String output = Files.readString(dir.resolve("pact-output.txt"));
            assertTrue(finished, "verify-pact did not finish: " + output);
            assertEquals(1, process.exitValue(), output);
            assertFalse(output.contains("OutOfMemoryError"), output);
            reportsWritten("pact", new Cli(process.exitValue(), output, ""));
        }
    }

    @Test
    void bytesThatAreNotTextStillGiveTheReportsAndExitOne() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"userId\":\"\\ud800\",\"email\":\"\\udc00@x\\u0000.example\",\"firstName\":\"".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(new byte[]{(byte) 0xFF, (byte) 0xFE, (byte) 0xC0, (byte) 0x80, 0, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
        body.writeBytes("\",\"lastName\":\"x\\ud800\\ud800\"}".getBytes(StandardCharsets.US_ASCII));
        try (RawServer partner = answering(200, "Content-Type: application/json\r\n", body.toByteArray())) {
            Cli cli = check(partner, "sso.valid.status", "sso.valid.identity", "sso.valid.email", "sso.valid.schema",
                    "sso.secret.missing", "sso.errors.no-secret-echo");
            assertEquals(1, cli.exit(), cli.both());
            reportsWritten("check", cli);
            Cli pact = verifyPact(partner);
            assertEquals(1, pact.exit(), pact.both());
            reportsWritten("pact", pact);
        }
    }

    @Test
    void terminalEscapeSequencesFromThePartnerReachNeitherStdoutNorStderrRaw() throws Exception {
        String hostile = "{\"userId\":null,\"error\":\"\u001b]0;owned\u0007\u001b[2K\u001b[1A\r\u0007\u0000\u009b31m\u202e\"}";
        try (RawServer partner = answering(200, "Content-Type: application/json\r\n",
                hostile.getBytes(StandardCharsets.UTF_8))) {
            Cli cli = check(partner, "sso.valid.status", "sso.valid.identity", "sso.valid.schema", "sso.secret.missing",
                    "sso.errors.no-secret-echo");
            assertEquals(1, cli.exit(), cli.both());
            reportsWritten("check", cli);
            assertNoRawControls(cli);
            assertTrue(cli.err().contains("\\u001b"), "shown escaped: " + cli.err());
            Cli pact = verifyPact(partner);
            assertEquals(1, pact.exit(), pact.both());
            reportsWritten("pact", pact);
            assertNoRawControls(pact);
        }
    }

    private static void assertNoRawControls(Cli cli) {
        for (String stream : List.of(cli.out(), cli.err())) {
            for (char c : stream.toCharArray()) {
                boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u202e';
                assertFalse(control, String.format("raw U+%04X in output: %s", (int) c, cli.both()));
            }
        }
    }
}
