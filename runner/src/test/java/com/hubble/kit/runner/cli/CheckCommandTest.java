package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.sso.PartnerServer;
import com.hubble.kit.runner.sso.PartnerServer.Defect;
import com.hubble.kit.schemas.Schemas;

/** hubble-kit check through mainWithoutExit: exit codes, usage errors, reports, and the secret kept out of all of it. */
class CheckCommandTest {
    private static final String SECRET = "cli-test-secret-Zq8v2LmN4pR7";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path secretFile() throws IOException {
        return Files.writeString(dir.resolve("secret.txt"), SECRET + "\n");
    }

    /** Fast settings: short load, small concurrency. */
    private List<String> args(PartnerServer server, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("check", "--base-url", server.baseUri().toString(),
                "--secret-file", secretFile().toString(), "--timeout", "2s", "--load-duration", "200ms",
                "--concurrency", "4"));
        args.addAll(List.of(more));
        return args;
    }

    private Cli runWithTokens(PartnerServer server, String... more) throws IOException {
        Path valid = server.tokenFile(dir, "valid.jsonl", 80, false);
        Path expired = server.tokenFile(dir, "expired.jsonl", 5, true);
        List<String> args = args(server, "--single-use", "--report-dir", dir.resolve("report").toString(),
                "--token-command", PartnerServer.popCommand(valid),
                "--expired-token-command", PartnerServer.popCommand(expired));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void helpListsEveryExitCodeFromTheEnum() {
        Cli cli = Cli.run("check", "--help");
        assertEquals(0, cli.exit());
        for (ExitCode code : ExitCode.values()) {
            assertTrue(cli.out().contains(code.code() + "  " + code.meaning()), cli.out());
        }
        assertTrue(cli.out().contains("--token-command"), cli.out());
    }

    @Test
    void aCompliantPartnerExitsZeroWithValidReportsAndNoSecretAnywhere() throws Exception {
        try (PartnerServer server = PartnerServer.start(Secret.of(SECRET))) {
            Cli cli = runWithTokens(server);
            assertEquals(0, cli.exit(), cli.both());
            assertTrue(cli.out().contains("VERDICT: PASS"), cli.out());
            assertTrue(cli.err().contains("PASS  MUST   sso.valid.status"), "one progress line per check on stderr");

            Path report = dir.resolve("report");
            String json = Files.readString(report.resolve("report.json"));
            assertEquals(List.of(), Schemas.validate("report", json));
            JsonNode root = JSON.readTree(json);
            assertEquals("PASS", root.get("verdict").asText());
            assertEquals(35, root.get("checks").size());
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.resolve("junit.xml").toFile());
            assertTrue(Files.readString(report.resolve("report.html")).contains("Verdict: PASS"));

            List<String> everything = new ArrayList<>(List.of(cli.out(), cli.err()));
            try (Stream<Path> files = Files.list(report)) {
                for (Path file : files.toList()) {
                    everything.add(Files.readString(file));
                }
            }
            for (String text : everything) {
                assertFalse(text.contains(SECRET), "the secret leaked");
                assertFalse(text.contains(SECRET.substring(0, SECRET.length() - 1)), "a near miss of the secret leaked");
                assertFalse(text.contains("pt_"), "a token leaked");
            }
        }
    }

    @Test
    void aPartnerThatIgnoresTheSecretExitsOneWithEvidence() throws Exception {
        try (PartnerServer server = PartnerServer.start(Secret.of(SECRET), Defect.IGNORES_SECRET)) {
            Cli cli = runWithTokens(server, "--skip", "sso.perf.timing-leak");
            assertEquals(1, cli.exit(), cli.both());
            assertTrue(cli.out().contains("FAIL   MUST   sso.secret.missing"), cli.out());
            assertTrue(cli.out().contains("VERDICT: FAIL"), cli.out());
            String html = Files.readString(dir.resolve("report/report.html"));
            assertTrue(html.contains("user data came back without the right secret"), "the HTML shows the evidence");
        }
    }

    @Test
    void strictMakesAFailedShouldCheckNonCompliant() throws Exception {
        try (PartnerServer server = PartnerServer.start(Secret.of(SECRET), Defect.NO_CACHE_CONTROL)) {
            assertEquals(0, runWithTokens(server, "--only", "sso.valid.no-store", "--only", "sso.valid.status").exit());
            Cli strict = runWithTokens(server, "--only", "sso.valid.no-store", "--only", "sso.valid.status", "--strict");
            assertEquals(1, strict.exit(), strict.both());
        }
    }

    @Test
    void withoutATokenSourceTheRunIsIncompleteAndNamesTheMissingInput() throws Exception {
        try (PartnerServer server = PartnerServer.start(Secret.of(SECRET))) {
            Cli cli = Cli.run(args(server, "--report-dir", dir.resolve("r").toString(),
                    "--only", "sso.valid.status", "--only", "sso.token.random").toArray(String[]::new));
            assertEquals(4, cli.exit(), cli.both());
            assertTrue(cli.out().contains("VERDICT: INCOMPLETE"), cli.out());
            JsonNode check = JSON.readTree(dir.resolve("r/report.json").toFile()).get("checks").get(0);
            assertEquals("sso.valid.status", check.get("id").asText());
            assertEquals("a valid token (--token or --token-command)", check.get("missingInput").asText());
        }
    }

    @Test
    void bareTokensWithUserIdCanReachExitZeroAndAWrongUserIdFails() throws Exception {
        try (PartnerServer server = PartnerServer.start(Secret.of(SECRET))) {
            Cli without = Cli.run(args(server, "--token", server.mint(), "--only", "sso.valid.identity").toArray(String[]::new));
            assertEquals(4, without.exit(), without.both());
            Cli right = Cli.run(args(server, "--token", server.mint(), "--user-id", PartnerServer.USER,
                    "--only", "sso.valid.identity").toArray(String[]::new));
            assertEquals(0, right.exit(), right.both());
            Cli wrong = Cli.run(args(server, "--token", server.mint(), "--user-id", "someone-else",
                    "--only", "sso.valid.identity").toArray(String[]::new));
            assertEquals(1, wrong.exit(), wrong.both());
        }
    }

    @Test
    void helpDescribesUserId() {
        Cli cli = Cli.run("check", "--help");
        assertTrue(cli.out().contains("--user-id"), cli.out());
    }

    @Test
    void skippingTheCheckThatLacksInputExplicitlyTurnsTheGateGreen() throws Exception {
        try (PartnerServer server = PartnerServer.start(Secret.of(SECRET))) {
            Cli lacking = Cli.run(args(server, "--token", server.mint(), "--only", "sso.token.expired",
                    "--only", "sso.valid.status").toArray(String[]::new));
            assertEquals(4, lacking.exit(), lacking.both());
            assertTrue(lacking.out().contains("expired token"), lacking.out());
            Cli skipped = Cli.run(args(server, "--token", server.mint(), "--only", "sso.token.expired",
                    "--only", "sso.valid.status", "--skip", "sso.token.expired").toArray(String[]::new));
            assertEquals(0, skipped.exit(), skipped.both());
        }
    }

    @Test
    void aBadDurationIsAUsageErrorNamingTheFlagAndTheForms() {
        Cli cli = Cli.run("check", "--timeout", "5x");
        assertEquals(2, cli.exit());
        assertTrue(cli.err().contains("--timeout") && cli.err().contains("500ms"), cli.err());
    }

    @Test
    void aZeroConcurrencyIsAUsageError() {
        Cli cli = Cli.run("check", "--base-url", "http://127.0.0.1:9", "--concurrency", "0");
        assertEquals(2, cli.exit());
        assertTrue(cli.err().contains("--concurrency"), cli.err());
    }

    @Test
    void aParallelismOutside1To64OrANegativeMaxRateIsAUsageErrorNamingTheFlag() {
        for (String[] bad : new String[][]{{"--parallelism", "0"}, {"--parallelism", "65"}, {"--max-rate", "-1"}}) {
            Cli cli = Cli.run("check", "--base-url", "http://127.0.0.1:9", bad[0], bad[1]);
            assertEquals(2, cli.exit(), cli.both());
            assertTrue(cli.err().contains(bad[0] + " must be"), cli.err());
        }
    }

    @Test
    void plainHttpToARemoteHostIsAUsageErrorUnlessAllowed() {
        Cli cli = Cli.run("check", "--base-url", "http://partner.example.com");
        assertEquals(2, cli.exit());
        assertTrue(cli.err().contains("--allow-http"), cli.err());
    }

    @Test
    void aBaseUrlEndingInSsoIsAUsageError() {
        Cli cli = Cli.run("check", "--base-url", "https://partner.example.com/sso");
        assertEquals(2, cli.exit());
        assertTrue(cli.err().contains("appends /sso"), cli.err());
    }

    @Test
    void aMissingSecretIsAUsageErrorNamingTheVariable() {
        Cli cli = Cli.run("check", "--base-url", "http://127.0.0.1:9", "--secret-env", "HUBBLE_KIT_TEST_SURELY_UNSET");
        assertEquals(2, cli.exit());
        assertTrue(cli.err().contains("HUBBLE_KIT_TEST_SURELY_UNSET") && cli.err().contains("--secret-file"), cli.err());
    }

    @Test
    void anUnknownCheckIdIsAUsageError() throws IOException {
        Cli cli = Cli.run("check", "--base-url", "http://127.0.0.1:9", "--secret-file", secretFile().toString(),
                "--only", "sso.no.such-check");
        assertEquals(2, cli.exit());
        assertTrue(cli.err().contains("sso.no.such-check") && cli.err().contains("hubble-kit list"), cli.err());
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Cli cli = Cli.run("check", "--base-url", "http://127.0.0.1:" + port, "--secret-file", secretFile().toString());
        assertEquals(3, cli.exit(), cli.both());
        assertTrue(cli.err().contains("cannot reach"), cli.err());
        assertFalse(cli.both().contains(SECRET));
    }

    @Test
    void aFailingTokenCommandIsAUsageErrorThatNamesItAndNeverPrintsItsOutput() throws Exception {
        try (PartnerServer server = PartnerServer.start(Secret.of(SECRET))) {
            Cli cli = Cli.run(args(server, "--token-command", "printf 'leaked-%s' value; exit 3").toArray(String[]::new));
            assertEquals(2, cli.exit(), cli.both());
            assertTrue(cli.err().contains("--token-command") && cli.err().contains("exited with status 3"), cli.err());
            assertFalse(cli.both().contains("leaked-value"), "the command's output may be a token: never print it");
        }
    }

    @Test
    void tokensAndBaseUrlFlagsNeedEachOther() {
        Cli cli = Cli.run("check", "--token", "abc");
        assertEquals(2, cli.exit());
        assertTrue(cli.err().contains("--base-url"), cli.err());
    }

    /** The embedded load alone, with these extra arguments: its check's report entry. */
    private JsonNode embeddedLoad(String... more) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("check", "--only", "sso.perf.concurrency", "--concurrency", "4",
                "--report-dir", dir.resolve("load").toString()));
        args.addAll(List.of(more));
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertEquals(0, cli.exit(), cli.both());
        return JSON.readTree(dir.resolve("load/report.json").toFile()).get("checks").get(0);
    }

    @Test
    void aLoadDurationGivenOnTheCommandLineIsHeldEvenWhenItEqualsTheDefault() throws IOException {
        JsonNode load = embeddedLoad("--load-duration", "3s");
        String message = load.get("message").asText();
        assertFalse(message.contains("stopped early"), message);
        assertTrue(seconds(message) >= 3.0, message);
    }

    /** The seconds a load message says it ran ("... calls in 3.0 s ..."). */
    private static double seconds(String loadMessage) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" calls in ([0-9.]+) s ").matcher(loadMessage);
        assertTrue(m.find(), loadMessage);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aLoadDurationFromTheConfigIsHeldLikeOneOnTheCommandLine() throws IOException {
        Path config = Files.writeString(dir.resolve("kit.yaml"), "check:\n  load-duration: 3s\n");
        String message = embeddedLoad("--config", config.toString()).get("message").asText();
        assertFalse(message.contains("stopped early"), message);
        assertTrue(seconds(message) >= 3.0, message);
    }

    @Test
    void withoutALoadDurationTheEmbeddedLoadStopsOnceSettled() throws IOException {
        String message = embeddedLoad().get("message").asText();
        assertTrue(message.contains("stopped early"), message);
    }

    @Test
    void withoutABaseUrlTheEmbeddedReferencePasses() {
        Cli cli = Cli.run("check", "--load-duration", "200ms", "--concurrency", "4");
        assertEquals(0, cli.exit(), cli.both());
        assertTrue(cli.out().contains("VERDICT: PASS"), cli.out());
        assertTrue(cli.err().contains("embedded reference"), cli.err());
    }
}
