package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.reference.Secret;
import com.hubble.kit.reference.sso.MintedToken;
import com.hubble.kit.reference.sso.ReferencePartner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyPactCommandTest {
    private static final String SECRET = "reference-secret-for-verify-pact-tests";
    private static final Path FIXTURE = Path.of("src/test/resources/pact/sso-fixture.json").toAbsolutePath();
    private static final Path EMPTY = Path.of("src/test/resources/pact/empty.json").toAbsolutePath();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HubbleKit.mainWithoutExit(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path secretFile() throws IOException {
        return Files.writeString(dir.resolve("secret"), SECRET + "\n");
    }

    /** A real token command: each run pops one pre-minted {"token","userId"} line from a file. */
    private String tokenCommand(List<MintedToken> minted) throws IOException {
        List<String> lines = new ArrayList<>();
        for (MintedToken token : minted) {
            lines.add("{\"token\":\"" + token.token().reveal() + "\",\"userId\":\"" + token.userId() + "\"}");
        }
        Path queue = Files.write(dir.resolve("tokens"), lines);
        return "f='" + queue + "'; head -n 1 \"$f\"; sed -i 1d \"$f\"";
    }

    @Test
    void passesAgainstTheReferenceServerWithARealTokenCommandAndWritesEveryReport() throws Exception {
        try (ReferencePartner partner = ReferencePartner.startDemo(Secret.of(SECRET))) {
            List<MintedToken> minted = List.of(partner.mint(partner.demoUserId()), partner.mint(partner.demoUserId()));
            Path reports = dir.resolve("reports");
            Run run = run("verify-pact", "--pact", FIXTURE.toString(), "--base-url", partner.baseUri().toString(),
                    "--secret-file", secretFile().toString(), "--token-command", tokenCommand(minted),
                    "--report-dir", reports.toString());
            assertEquals(0, run.exit(), run.out() + run.err());
            assertTrue(run.out().contains("VERDICT: PASS"), run.out());
            JsonNode json = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
            assertEquals("PASS", json.get("verdict").asText());
            assertEquals(3, json.get("checks").size(), "two interactions and the echo check over their answers");
            assertEquals("pact.a-valid-sso-token", json.get("checks").get(0).get("id").asText());
            assertEquals("sso.errors.no-secret-echo", json.get("checks").get(2).get("id").asText());
            assertTrue(Files.exists(reports.resolve("junit.xml")) && Files.exists(reports.resolve("report.html")));
            String everything = run.out() + run.err() + Files.readString(reports.resolve("report.json"))
                    + Files.readString(reports.resolve("junit.xml")) + Files.readString(reports.resolve("report.html"));
            assertFalse(everything.contains(SECRET), "the secret leaked");
            minted.forEach(token -> assertFalse(everything.contains(token.token().reveal()), "a token leaked"));
        }
    }

    /** A real command that prints one queued line per run. */
    private String queueCommand(String name, List<MintedToken> minted) throws IOException {
        Path queue = Files.write(dir.resolve(name), minted.stream().map(t -> t.token().reveal()).toList());
        return "f='" + queue + "'; head -n 1 \"$f\"; sed -i 1d \"$f\"";
    }

    @Test
    void theBundledContractPassesAgainstTheReferenceServer() throws Exception {
        try (ReferencePartner partner = ReferencePartner.startDemo(Secret.of(SECRET))) {
            String user = partner.demoUserId();
            Path reports = dir.resolve("reports");
            Run run = run("verify-pact", "--base-url", partner.baseUri().toString(),
                    "--secret-file", secretFile().toString(),
                    "--token-command", queueCommand("valid", List.of(partner.mint(user), partner.mint(user))),
                    "--expired-token-command", queueCommand("expired", List.of(partner.mintExpired(user))),
                    "--report-dir", reports.toString());
            assertEquals(0, run.exit(), run.out() + run.err());
            JsonNode json = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
            assertEquals(6, json.get("summary").get("PASS").asInt(), "5 interactions and no echo: " + run.out());
            assertTrue(run.out().contains("pact.a-request-without-the-x-hubble-secret-header"), run.out());
            assertFalse(Files.readString(reports.resolve("report.json")).contains(SECRET));
        }
    }

    @Test
    void theBundledContractWithoutAnExpiredTokenSourceIsIncompleteUnlessThatInteractionIsSkipped() throws Exception {
        try (ReferencePartner partner = ReferencePartner.startDemo(Secret.of(SECRET))) {
            String user = partner.demoUserId();
            String[] common = {"verify-pact", "--base-url", partner.baseUri().toString(), "--secret-file",
                    secretFile().toString(), "--token-command",
                    queueCommand("valid", List.of(partner.mint(user), partner.mint(user), partner.mint(user), partner.mint(user)))};
            Run incomplete = run(common);
            assertEquals(ExitCode.INCOMPLETE.code(), incomplete.exit(), incomplete.out() + incomplete.err());
            assertTrue(incomplete.out().contains("needs an expired token (--expired-token-command)"), incomplete.out());

            List<String> skipping = new ArrayList<>(List.of(common));
            skipping.addAll(List.of("--skip", "pact.a-request-with-an-expired-token"));
            Run skipped = run(skipping.toArray(String[]::new));
            assertEquals(0, skipped.exit(), skipped.out() + skipped.err());
        }
    }

    @Test
    void theBundledContractFailsAPartnerThatAcceptsAnyTokenNamingTheInteractionAndTheStatus() throws Exception {
        try (var partner = com.hubble.kit.runner.pact.FakePartnerAccess.acceptsAnyToken()) {
            Run run = run("verify-pact", "--base-url", partner.baseUri().toString(),
                    "--secret-file", Files.writeString(dir.resolve("s"), partner.secret()).toString(),
                    "--token-command", "echo fresh-token-$$", "--expired-token-command", "echo stale-token-$$");
            assertEquals(1, run.exit(), run.out() + run.err());
            String invalid = run.out().lines().filter(l -> l.contains("pact.a-request-with-an-invalid-token")).findFirst()
                    .orElseThrow();
            assertTrue(invalid.startsWith("FAIL") && invalid.contains("status"), invalid);
            String expired = run.out().lines().filter(l -> l.contains("pact.a-request-with-an-expired-token")).findFirst()
                    .orElseThrow();
            assertTrue(expired.startsWith("FAIL"), expired);
        }
    }

    @Test
    void failsAgainstAFaultyServerNamingTheInteractionAndTheMismatch() throws Exception {
        try (var partner = com.hubble.kit.runner.pact.FakePartnerAccess.wrongUser()) {
            Path reports = dir.resolve("reports");
            Run run = run("verify-pact", "--pact", FIXTURE.toString(), "--base-url", partner.baseUri().toString(),
                    "--secret-file", Files.writeString(dir.resolve("s"), partner.secret()).toString(),
                    "--token-command", "echo '{\"token\":\"" + partner.mint() + "\",\"userId\":\"" + partner.user() + "\"}'",
                    "--report-dir", reports.toString());
            assertEquals(1, run.exit(), run.out() + run.err());
            assertTrue(run.out().contains("FAIL   MUST   pact.a-valid-sso-token"), run.out());
            String json = Files.readString(reports.resolve("report.json"));
            assertTrue(json.contains("$.userId") && json.contains("someone-else"), json);
            assertTrue(Files.readString(reports.resolve("junit.xml")).contains("<failure"), "junit records the failure");
        }
    }

    @Test
    void aPactWithNoInteractionsIsNotGreen() throws Exception {
        Run run = run("verify-pact", "--pact", EMPTY.toString(), "--base-url", "http://127.0.0.1:9",
                "--secret-file", secretFile().toString());
        assertEquals(ExitCode.INCOMPLETE.code(), run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("no interactions"), run.out());
    }

    @Test
    void anOnlyIdMatchingNothingIsAUsageErrorListingTheValidIds() throws Exception {
        Run run = run("verify-pact", "--pact", FIXTURE.toString(), "--base-url", "http://127.0.0.1:9",
                "--secret-file", secretFile().toString(), "--only", "pact.no-such-thing");
        assertEquals(ExitCode.USAGE.code(), run.exit());
        assertTrue(run.err().contains("pact.no-such-thing") && run.err().contains("pact.a-valid-sso-token"), run.err());
    }

    @Test
    void withoutABaseUrlItIsAUsageErrorNamingEveryWayToGiveOne() throws Exception {
        Run run = run("verify-pact", "--pact", FIXTURE.toString(), "--secret-file", secretFile().toString());
        assertEquals(ExitCode.USAGE.code(), run.exit());
        assertTrue(run.err().contains("--base-url") && run.err().contains("HUBBLE_KIT_VERIFY_PACT_BASE_URL"), run.err());
    }

    @Test
    void plainHttpToANonLoopbackHostOrATrailingSsoIsAUsageError() throws Exception {
        Run http = run("verify-pact", "--pact", FIXTURE.toString(), "--base-url", "http://partner.example.com",
                "--secret-file", secretFile().toString());
        assertEquals(ExitCode.USAGE.code(), http.exit());
        assertTrue(http.err().contains("--allow-http"), http.err());
        Run sso = run("verify-pact", "--pact", FIXTURE.toString(), "--base-url", "https://partner.example.com/sso",
                "--secret-file", secretFile().toString());
        assertEquals(ExitCode.USAGE.code(), sso.exit());
        assertTrue(sso.err().contains("drop the trailing /sso"), sso.err());
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Run run = run("verify-pact", "--pact", FIXTURE.toString(), "--base-url", "http://127.0.0.1:" + port,
                "--secret-file", secretFile().toString(), "--token-command", "echo some-token-value");
        assertEquals(ExitCode.UNREACHABLE.code(), run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("connection refused"), run.err());
        assertFalse(run.err().contains("Exception"), "no Java class names for a partner: " + run.err());
    }

    @Test
    void aMissingPactFileIsAUsageErrorInPlainWords() throws Exception {
        Run run = run("verify-pact", "--pact", "/nonexistent/pact.json", "--base-url", "http://127.0.0.1:9",
                "--secret-file", secretFile().toString(), "--token-command", "echo some-token-value");
        assertEquals(ExitCode.USAGE.code(), run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("/nonexistent/pact.json: no such file"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void aFailingTokenCommandIsAUsageErrorNamingIt() throws Exception {
        try (ReferencePartner partner = ReferencePartner.startDemo(Secret.of(SECRET))) {
            Run run = run("verify-pact", "--pact", FIXTURE.toString(), "--base-url", partner.baseUri().toString(),
                    "--secret-file", secretFile().toString(), "--token-command", "exit 7");
            assertEquals(ExitCode.USAGE.code(), run.exit(), run.out() + run.err());
            assertTrue(run.err().contains("--token-command 'exit 7' exited with status 7"), run.err());
        }
    }

    @Test
    void withoutATokenCommandTheRunIsIncompleteNamingTheMissingInput() throws Exception {
        try (ReferencePartner partner = ReferencePartner.startDemo(Secret.of(SECRET))) {
            Run run = run("verify-pact", "--pact", FIXTURE.toString(), "--base-url", partner.baseUri().toString(),
                    "--secret-file", secretFile().toString());
            assertEquals(ExitCode.INCOMPLETE.code(), run.exit(), run.out() + run.err());
            assertTrue(run.out().contains("--token-command"), run.out());
        }
    }

    @Test
    void aConfigFileGivesEveryOptionSoTheCiStepIsOneShortLine() throws Exception {
        try (ReferencePartner partner = ReferencePartner.startDemo(Secret.of(SECRET))) {
            List<MintedToken> minted = List.of(partner.mint(partner.demoUserId()), partner.mint(partner.demoUserId()));
            Path config = Files.writeString(dir.resolve("ci.yaml"), String.join("\n",
                    "verify-pact:",
                    "  pact: " + FIXTURE,
                    "  base-url: " + partner.baseUri(),
                    "  secret-file: " + secretFile(),
                    "  token-command: >-",
                    "    " + tokenCommand(minted),
                    "  timeout: 3s",
                    "  report-dir: " + dir.resolve("from-config"),
                    ""));
            Run run = run("verify-pact", "--config", config.toString());
            assertEquals(0, run.exit(), run.out() + run.err());
            assertTrue(Files.exists(dir.resolve("from-config").resolve("report.json")));
        }
    }

    @Test
    void aConfigErrorIsAUsageErrorOnTheCli() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "verify-pact:\n  base-ulr: http://127.0.0.1:9\n");
        Run run = run("verify-pact", "--config", config.toString());
        assertEquals(ExitCode.USAGE.code(), run.exit());
        assertTrue(run.err().contains("did you mean 'base-url'?"), run.err());
    }

    @Test
    void aBaselineDraftedFromAFailingReportTurnsTheFailureIntoAnAcceptedWarning() throws Exception {
        try (var partner = com.hubble.kit.runner.pact.FakePartnerAccess.wrongUser()) {
            Path secret = Files.writeString(dir.resolve("s"), partner.secret());
            Path reports = dir.resolve("reports");
            Run failing = run("verify-pact", "--pact", FIXTURE.toString(), "--base-url", partner.baseUri().toString(),
                    "--secret-file", secret.toString(), "--token-command",
                    "echo '{\"token\":\"" + partner.mint() + "\",\"userId\":\"" + partner.user() + "\"}'",
                    "--report-dir", reports.toString());
            assertEquals(1, failing.exit());

            Path baseline = dir.resolve("baseline.yaml");
            Run drafted = run("baseline", "--from", reports.resolve("report.json").toString(), "--owner", "team-sso",
                    "--days", "14", "--reason", "identity mapping fix ships next sprint", "--out", baseline.toString());
            assertEquals(0, drafted.exit(), drafted.err());
            String yaml = Files.readString(baseline);
            assertTrue(yaml.contains("id: \"pact.a-valid-sso-token\"") && yaml.contains("owner: \"team-sso\""), yaml);
            assertFalse(yaml.contains("pact.an-unknown-sso-token"), "passing checks are not baselined");

            Run accepted = run("verify-pact", "--pact", FIXTURE.toString(), "--base-url", partner.baseUri().toString(),
                    "--secret-file", secret.toString(), "--token-command",
                    "echo '{\"token\":\"" + partner.mint() + "\",\"userId\":\"" + partner.user() + "\"}'",
                    "--baseline", baseline.toString());
            assertEquals(0, accepted.exit(), accepted.out() + accepted.err());
            assertTrue(accepted.out().lines().anyMatch(line -> line.startsWith("WARN   MUST   pact.a-valid-sso-token ")
                    && line.contains("accepted until ")), accepted.out());
            assertTrue(accepted.out().contains("(identity mapping fix ships next sprint"), accepted.out());
        }
    }

    @Test
    void aMalformedBaselineIsAUsageErrorNamingTheEntry() throws Exception {
        Path baseline = Files.writeString(dir.resolve("b.yaml"), "- id: pact.x\n  reason: r\n  owner: o\n  expires: soon\n");
        Run run = run("verify-pact", "--pact", FIXTURE.toString(), "--base-url", "http://127.0.0.1:9",
                "--secret-file", secretFile().toString(), "--baseline", baseline.toString());
        assertEquals(ExitCode.USAGE.code(), run.exit());
        assertTrue(run.err().contains("entry 1 (pact.x)") && run.err().contains("'soon'"), run.err());
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
