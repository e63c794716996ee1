package com.hubble.kit.runner.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hubble.kit.runner.cli.HubbleKit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** client-check end to end: real client processes, run with sh -c against the sandbox, graded. */
class ClientCheckCommandTest {
    private static final Pattern ROW = Pattern.compile("^(PASS|FAIL|WARN|SKIP|ERROR)\\s+(MUST|SHOULD|INFO)\\s+(\\S+)",
            Pattern.MULTILINE);
    private static final String JAVA = "\"$HUBBLE_KIT_JAVA\" -cp \"$HUBBLE_KIT_CLASSPATH\" ";

    record Run(int exit, String out, String err, Map<String, String> statuses) {
        Set<String> failed() {
            Set<String> ids = new TreeSet<>();
            statuses.forEach((id, status) -> {
                if (status.equals("FAIL")) {
                    ids.add(id);
                }
            });
            return ids;
        }
    }

    static Run clientCheck(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("client-check"));
        all.addAll(Arrays.asList(args));
        int exit = HubbleKit.mainWithoutExit(new PrintWriter(out, true), new PrintWriter(err, true),
                all.toArray(String[]::new));
        Map<String, String> statuses = new LinkedHashMap<>();
        Matcher row = ROW.matcher(out.toString());
        while (row.find()) {
            statuses.put(row.group(3), row.group(1));
        }
        return new Run(exit, out.toString(), err.toString(), statuses);
    }

    static Run faulty(String fault, String... extra) {
        List<String> args = new ArrayList<>(List.of("--run", JAVA + FaultyClient.class.getName() + " " + fault));
        args.addAll(Arrays.asList(extra));
        return clientCheck(args.toArray(String[]::new));
    }

    /** The faulty client calling every 250 ms for four rounds of its seven calls: about 7 s, past a 3 s token. */
    static Run paced(String fault, String... extra) {
        List<String> args = new ArrayList<>(List.of("--run", "FAULTY_PACE_MILLIS=250 FAULTY_ROUNDS=4 " + JAVA
                + FaultyClient.class.getName() + " " + fault));
        args.addAll(Arrays.asList(extra));
        return clientCheck(args.toArray(String[]::new));
    }

    /** With the default 3600 s tokens a short client run never reaches a refresh: that one check is SKIP. */
    static void assertEveryCheckPassesButTheUnexercisedRefresh(Run run) {
        Map<String, String> expected = new LinkedHashMap<>();
        run.statuses().keySet().forEach(id -> expected.put(id, id.equals("client.token.refresh") ? "SKIP" : "PASS"));
        assertEquals(11, run.statuses().size(), run.out());
        assertEquals(expected, run.statuses(), run.out() + run.err());
        assertTrue(run.out().contains("expires-in"), "the SKIP names the input that exercises refresh: " + run.out());
    }

    @Test
    void theReferenceClientDemoPassesEveryCheckItExercises() {
        Run run = clientCheck("--run", JAVA + "com.hubble.kit.reference.client.ClientDemo");
        assertEquals(Set.of(), run.failed(), run.out() + run.err());
        assertEveryCheckPassesButTheUnexercisedRefresh(run);
        assertEquals(0, run.exit());
        assertTrue(run.err().contains("client| client demo: done with 2 login(s)"), "client output passed through");
    }

    @Test
    void theReferenceClientDemoRefreshesAShortLivedTokenAndStillPassesEveryCheck() {
        Run run = clientCheck("--run", "HUBBLE_DEMO_PAUSE_MILLIS=1000 " + JAVA
                + "com.hubble.kit.reference.client.ClientDemo", "--strict");
        assertEquals(11, run.statuses().size(), run.out());
        assertEquals(11, run.statuses().values().stream().filter("PASS"::equals).count(), run.out() + run.err());
        Matcher logins = Pattern.compile("done with (\\d+) login\\(s\\)").matcher(run.err());
        assertTrue(logins.find() && Integer.parseInt(logins.group(1)) >= 3,
                "the short first token was refreshed besides the re-login after the 401: " + run.err());
        assertEquals(0, run.exit());
    }

    @Test
    void aShellAndCurlClientWrittenToTheChecklistPassesEveryCheck() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                new ProcessBuilder("sh", "-c", "command -v curl").start().waitFor() == 0, "curl is not installed");
        Path script = Path.of(getClass().getResource("/clients/curl-client.sh").toURI());
        Run run = clientCheck("--run", "sh '" + script + "'");
        assertEveryCheckPassesButTheUnexercisedRefresh(run);
        assertEquals(0, run.exit());
    }

    @Test
    void aClientWithoutFaultsUnderStrictIsIncompleteWhileNoRefreshWasDue() {
        Run run = faulty("NONE", "--strict");
        assertEveryCheckPassesButTheUnexercisedRefresh(run);
        assertEquals(4, run.exit(), "--strict gates SHOULD checks, and refresh was not judged: " + run.out());
    }

    @Test
    void aClientThatLogsInOnEveryCallFailsOnlyTokenCaching() {
        Run run = faulty("LOGIN_EVERY_CALL");
        assertEquals(Set.of("client.token.cached"), run.failed(), run.out());
        assertEquals(1, run.exit());
    }

    @Test
    void aClientThatReusesItsRequestIdFailsOnlyRequestIdUniqueness() {
        Run run = faulty("REUSED_REQUEST_ID");
        assertEquals(Set.of("client.request-id.unique"), run.failed(), run.out());
        assertEquals(1, run.exit());
    }

    @Test
    void aClientThatCallsTheSingularPathFailsOnlyPathPlural() {
        Run run = faulty("SINGULAR_PATH");
        assertEquals(Set.of("client.path.plural"), run.failed(), run.out());
        assertEquals(1, run.exit());
    }

    @Test
    void aClientThatNeverRetriesFailsOnlyRetryOn401AndPassesWithoutStrict() {
        Run run = faulty("NEVER_RETRIES");
        assertEquals(Set.of("client.retry.on-401"), run.failed(), run.out());
        assertEquals(0, run.exit(), "a SHOULD failure gates only with --strict");
        assertTrue(run.out().contains("the client exited with status 1"), run.out());
    }

    @Test
    void aClientThatRefreshesOnScheduleButNeverRetriesFailsRetryOn401WithDefaultTokens() {
        Run run = faulty("SCHEDULED_REFRESH_NO_RETRY");
        assertEquals(Set.of("client.retry.on-401"), run.failed(), run.out() + run.err());
    }

    @Test
    void aClientThatRefreshesOnScheduleButNeverRetriesFailsRetryOn401WithShortTokensAtASteadyPace() {
        Run run = paced("SCHEDULED_REFRESH_NO_RETRY", "--expires-in", "3");
        assertEquals(Set.of("client.retry.on-401"), run.failed(), run.out() + run.err());
        assertEquals("PASS", run.statuses().get("client.token.refresh"), "a refresh was due and done: " + run.out());
    }

    @Test
    void aClientThatRetriesAtOnceOrAfterABackOffPassesWithShortTokensAtASteadyPace() {
        for (String client : List.of("NONE", "BACKS_OFF_THEN_RETRIES")) {
            Run run = paced(client, "--expires-in", "3", "--strict");
            assertEquals(Set.of(), run.failed(), client + ": " + run.out() + run.err());
            assertEquals(11, run.statuses().size(), run.out());
            assertEquals(11, run.statuses().values().stream().filter("PASS"::equals).count(), client + ": " + run.out());
        }
    }

    @Test
    void aClientThatBacksOffBeforeRetryingPassesWithDefaultTokens() {
        Run run = faulty("BACKS_OFF_THEN_RETRIES", "--strict");
        assertEquals("PASS", run.statuses().get("client.retry.on-401"), run.out() + run.err());
        assertEquals(Set.of(), run.failed(), run.out());
    }

    private Path pythonClients() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                new ProcessBuilder("sh", "-c", "command -v python3").start().waitFor() == 0, "python3 is not installed");
        return Path.of(getClass().getResource("/clients/python-clients.py").toURI());
    }

    @Test
    void aFourThreadClientSharingOneTokenPassesEveryCheckWithTheDefaultTokensRunAfterRun() throws Exception {
        Path script = pythonClients();
        for (int round = 0; round < 3; round++) {
            Run run = clientCheck("--run", "CALLS=28 PACE=1 python3 '" + script + "' threaded", "--strict");
            assertEquals(Set.of(), run.failed(), "round " + round + ": " + run.out() + run.err());
            assertEquals(11, run.statuses().values().stream().filter("PASS"::equals).count(), run.out());
            assertEquals(0, run.exit());
        }
    }

    @Test
    void theSourcesOwnCachingExampleWithItsFiveMinuteBufferPassesEveryCheckWithTheDefaultTokens() throws Exception {
        Run run = clientCheck("--run", "CALLS=10 PACE=0.5 python3 '" + pythonClients() + "' spec-buffer", "--strict");
        assertEquals(Set.of(), run.failed(), run.out() + run.err());
        assertEquals(11, run.statuses().values().stream().filter("PASS"::equals).count(), run.out() + run.err());
        assertEquals(0, run.exit());
    }

    @Test
    void aClientThatTakesExpiresInSecsOnlyAsANumberIsCaughtWhenTheSandboxSendsAString() throws Exception {
        Path script = pythonClients();
        Run asNumber = clientCheck("--run", "CALLS=8 python3 '" + script + "' numbers-only");
        assertEquals(Set.of(), asNumber.failed(), asNumber.out() + asNumber.err());
        assertEquals(0, asNumber.exit());
        Run asString = clientCheck("--run", "CALLS=8 python3 '" + script + "' numbers-only", "--expires-in-as-string");
        assertTrue(asString.err().contains("expiresInSecs as a string"), asString.err());
        assertEquals(1, asString.exit(), "each thread crashed after its own login: " + asString.out());
        assertTrue(asString.failed().contains("client.token.cached"), asString.out());
        assertEquals("SKIP", asString.statuses().get("client.auth.bearer"), "no authenticated call: " + asString.out());
    }

    @Test
    void aClientThatSendsTheSecretInTheLoginQueryAndAHeaderOfEveryCallFailsLoginAndBearerNamingOnlyThePlaces(
            @TempDir Path dir) throws Exception {
        Path script = pythonClients();
        Run run = clientCheck("--run", "CALLS=4 python3 '" + script + "' leaks-secret", "--report-dir", dir.toString());
        assertEquals(Set.of("client.login.request", "client.auth.bearer"), run.failed(), run.out() + run.err());
        assertEquals(1, run.exit());
        // The full messages: stdout's table cuts them short.
        Map<String, String> messages = new LinkedHashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode check : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("report.json").toFile()).get("checks")) {
            messages.put(check.get("id").asText(), check.get("message").asText());
        }
        String login = messages.get("client.login.request");
        String bearer = messages.get("client.auth.bearer");
        assertTrue(login.startsWith("2 of 2 logins were malformed: #1 POST /v1/partners/auth/login: the clientSecret "
                + "sent in the URL query of the login"), login);
        assertTrue(bearer.startsWith("4 call(s) carried the clientSecret"), bearer);
        assertTrue(bearer.contains("header X-Client-Secret of #2 GET /v1/partners/products"), bearer);
        assertFalse(bearer.contains("X-Client-Id"), "the clientId is no secret: " + bearer);
        List<String> texts = new ArrayList<>(List.of(run.out(), run.err()));
        for (String report : List.of("report.json", "junit.xml", "report.html", "report.md")) {
            texts.add(Files.readString(dir.resolve(report)));
        }
        // The client id is no secret, and shares its first 12 characters with the client secret.
        String notSecret = String.join(" ", LeakScan.forms("test-client-id"));
        for (String text : texts.stream().map(t -> t.replace(script.toString(), "")).toList()) { // a checkout path
            for (String form : LeakScan.forms("test-client-secret")) {
                for (int i = 0; i + 12 <= form.length(); i += 4) {
                    String piece = form.substring(i, i + 12);
                    int at = text.indexOf(piece);
                    assertFalse(at >= 0 && !notSecret.contains(piece), () -> "leaked " + piece + " at: ..."
                            + text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 72)));
                }
            }
        }
    }

    @Test
    void aClientThatRetriesForeverFailsTheRetryChecksAndFailsUnderStrict() {
        Run run = faulty("RETRIES_FOREVER", "--strict");
        assertEquals(Set.of("client.retry.on-401", "client.retry.bounded"), run.failed(), run.out());
        assertEquals(1, run.exit());
    }

    @Test
    void aClientThatSendsAnExpiredTokenFailsOnlyTokenRefresh() {
        Run run = faulty("EXPIRED_TOKEN", "--expires-in", "2");
        assertEquals(Set.of("client.token.refresh"), run.failed(), run.out() + run.err());
    }

    @Test
    void aClientThatPutsTheTokenInTheQueryStringFailsOnlyBearerAuth() {
        Run run = faulty("TOKEN_IN_QUERY");
        assertEquals(Set.of("client.auth.bearer"), run.failed(), run.out());
        assertTrue(run.out().contains("token in the URL"), run.out());
        assertEquals(1, run.exit());
    }

    @Test
    void aClientThatSendsNoRequestFailsLoginAndSkipsTheRest() {
        Run run = faulty("NO_REQUESTS");
        assertEquals(Set.of("client.login.request"), run.failed(), run.out());
        assertEquals(10, run.statuses().values().stream().filter("SKIP"::equals).count(), run.out());
        assertEquals(1, run.exit());
    }

    @Test
    void killsAClientThatRunsPastTheLimitWithItsChildrenAndSaysSo(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Run run = clientCheck("--run", "sleep 60 & echo $! > '" + pidFile + "'; wait", "--max-duration", "2s");
        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertTrue(run.err().contains("still running after 2s: killed it and 1 process it started: sleep (pid "
                + child + ")"), run.err());
        ProcessHandle.of(child).ifPresent(handle -> {
            handle.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join();
            assertFalse(handle.isAlive(), "the client's child process survived");
        });
        assertEquals(Set.of("client.login.request"), run.failed());
        assertEquals(1, run.exit(), "a MUST check failed on what was seen: cut short or not, that is a FAIL");
    }

    /** A client that did everything right and then kept running: the kit saw only part of its run. */
    @Test
    void aClientKilledAtTheLimitIsNeverGreenEvenWhenEveryCheckPassedOnWhatItSent(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                new ProcessBuilder("sh", "-c", "command -v curl").start().waitFor() == 0, "curl is not installed");
        Path script = Path.of(getClass().getResource("/clients/curl-client.sh").toURI());
        Path reports = dir.resolve("reports");
        Run run = clientCheck("--run", "sh '" + script + "'; sleep 60", "--max-duration", "10s",
                "--report-dir", reports.toString());
        assertEveryCheckPassesButTheUnexercisedRefresh(run);
        assertEquals(4, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("VERDICT: INCOMPLETE"), run.out());
        assertTrue(run.out().contains("note: the run was cut short, the checks judged only what the client sent until "
                + "then: the client was still running after 10s: killed it and 1 process it started: sleep (pid "),
                run.out());
        assertTrue(run.err().contains("the run was cut short, so it cannot pass"), run.err());
        String json = Files.readString(reports.resolve("report.json"));
        assertTrue(json.matches("(?s).*\"verdict\"\\s*:\\s*\"INCOMPLETE\".*"), json);
        assertTrue(json.contains("the run was cut short"), json);
        assertTrue(Files.readString(reports.resolve("report.html")).contains("The run was cut short (see the notes)"));
    }

    @Test
    void killsADetachedBackgroundProcessTheClientLeavesBehindWhenItExits(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("detached.pid");
        Run run = clientCheck("--run", "sh -c '(sleep 300 & echo $! > \"" + pidFile + "\")'; exit 0",
                "--max-duration", "30s");
        long detached = Long.parseLong(Files.readString(pidFile).strip());
        assertStopped(detached, run);
        // (named sleep, or sh if the kit was faster than the fork's exec)
        assertTrue(run.err().contains("WARNING: the client left 1 process running when it exited: killed "), run.err());
        assertTrue(run.err().contains("the client exited with status 0"), run.err());
    }

    /**
     * The QA repro: a process that left the client's session (setsid) and outlived it. It is listed by command name,
     * never with its arguments, which here hold the client secret.
     */
    @Test
    void killsAProcessThatLeftTheClientsSessionAndNamesItWithoutItsArguments(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("escaped.pid");
        Run run = clientCheck("--run", "setsid sh -c 'sleep 300 & echo $$ > \"" + pidFile + "\"; wait' "
                + "\"$HUBBLE_CLIENT_SECRET\" & " + untilWritten(pidFile) + "; exit 0", "--max-duration", "30s");
        long escaped = Long.parseLong(Files.readString(pidFile).strip());
        assertStopped(escaped, run);
        String line = run.err().lines().filter(l -> l.contains("WARNING: the client left")).findFirst().orElse("");
        assertTrue(line.matches(".*left 2 processes running when it exited: killed sh \\(pid " + escaped
                + "\\), (sleep|sh) \\(pid \\d+\\)"), run.err()); // (sh: the fork had not yet exec'd sleep)
        assertTrue(run.out().contains("note: the client left 2 processes running when it exited"), run.out());
    }

    /** A double fork into a session of its own keeps the run's marker in its environment. */
    @Test
    void killsADoubleForkedProcessInASessionOfItsOwn(@TempDir Path dir) throws Exception {
        assumeLinuxProc();
        Path pidFile = dir.resolve("daemon.pid");
        leaves(pidFile, "(setsid sh -c 'echo $$ > \"" + pidFile + "\"; exec sleep 300' "
                + ">/dev/null 2>&1 &); " + untilWritten(pidFile) + "; exit 0");
    }

    /** env -i drops the marker, the double fork the parent, the redirection the output: it is still in the session. */
    @Test
    void killsADoubleForkedProcessThatClearedItsEnvironmentButStayedInTheClientsSession(@TempDir Path dir)
            throws Exception {
        assumeLinuxProc();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                new ProcessBuilder("sh", "-c", "command -v setsid").start().waitFor() == 0, "no setsid(1)");
        Path pidFile = dir.resolve("daemon.pid");
        leaves(pidFile, "(env -i sh -c 'echo $$ > \"" + pidFile + "\"; exec sleep 300' "
                + ">/dev/null 2>&1 &); " + untilWritten(pidFile) + "; exit 0");
    }

    /** env -i drops the marker, setsid the session, the double fork the parent: it still holds the client's output. */
    @Test
    void killsADoubleForkedProcessThatClearedItsEnvironmentButHoldsTheClientsOutput(@TempDir Path dir)
            throws Exception {
        assumeLinuxProc();
        Path pidFile = dir.resolve("daemon.pid");
        Run run = leaves(pidFile, "(setsid env -i sh -c 'echo $$ > \"" + pidFile + "\"; exec sleep 300' &); "
                + untilWritten(pidFile) + "; exit 0");
        assertFalse(run.err().contains("output was still open"), run.err());
    }

    /**
     * No marker, no session, no output: found because it was the client's child while the kit looked (every 100 ms),
     * and remembered after the client exited. This net is also the one macOS has.
     */
    @Test
    void killsAProcessItSawAsTheClientsChildAfterItWasOrphaned(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        leaves(pidFile, "setsid env -i sh -c 'echo $$ > \"" + pidFile + "\"; exec sleep 300' "
                + ">/dev/null 2>&1 & " + untilWritten(pidFile) + "; sleep 2; exit 0");
    }

    /** SIGTERM (or Ctrl-C) on the kit takes the client down with everything it started. */
    @Test
    void stoppingTheKitStopsTheClientAndTheProcessesItStarted(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("escaped.pid");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process kit = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HubbleKit.class.getName(), "client-check", "--max-duration", "90s", "--run",
                "(setsid sleep 300 & echo $! > '" + pidFile + "'); sleep 300")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(pidFile) && Files.size(pidFile) > 0) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(pidFile), "the client never started: " + Files.readString(dir.resolve("err")));
            Thread.sleep(300); // the client's shell is on to its sleep 300
            kit.destroy(); // SIGTERM
            assertTrue(kit.waitFor(30, TimeUnit.SECONDS), "the kit did not stop");
            long escaped = Long.parseLong(Files.readString(pidFile).strip());
            String stderr = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
            Optional<ProcessHandle> handle = ProcessHandle.of(escaped);
            try {
                assertTrue(handle.isEmpty() || !handle.get().isAlive(), "the escaped sleep survived: " + stderr);
            } finally {
                handle.ifPresent(ProcessHandle::destroyForcibly);
            }
            assertTrue(stderr.contains("hubble-kit: the kit was stopped: killed the client and "), stderr);
            assertTrue(stderr.contains(" (pid " + escaped + ")"), stderr);
        } finally {
            kit.destroyForcibly();
        }
    }

    /** Waits (in the client's shell) until the file holds the pid written into it. */
    private static String untilWritten(Path pidFile) {
        return "while [ ! -s '" + pidFile + "' ]; do sleep 0.05; done";
    }

    private static void assumeLinuxProc() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/environ")),
                "this net reads /proc (Linux)");
    }

    /** The process is gone once client-check returned, and the run said it killed it. */
    /** Runs a client (--max-duration 30s) whose process writes its pid to {@code pidFile}; asserts it was stopped. */
    private static Run leaves(Path pidFile, String command) throws Exception {
        Run run = clientCheck("--run", command, "--max-duration", "30s");
        assertStopped(Long.parseLong(Files.readString(pidFile).strip()), run);
        return run;
    }

    private static void assertStopped(long pid, Run run) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        try {
            assertTrue(handle.isEmpty() || !handle.get().isAlive(), "process " + pid + " survived client-check: "
                    + run.err());
            assertTrue(run.err().contains("(pid " + pid + ")"), "the run names the process it killed: " + run.err());
        } finally {
            handle.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void clientCheckPrintsNoHelidonLoggingNoticeOnItsStderr(@TempDir Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HubbleKit.class.getName(), "client-check", "--run", "true", "--max-duration", "20s")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        boolean finished = process.waitFor(90, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String stderr = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
        assertTrue(finished, "client-check did not finish: " + stderr);
        assertTrue(Files.size(dir.resolve("out")) > 0);
        assertTrue(stderr.contains("hubble-kit: grading"), stderr);
        assertFalse(stderr.contains("Helidon logging"), stderr);
        for (String line : stderr.split("\n")) {
            assertTrue(line.startsWith("hubble-kit") || line.startsWith("client| ") || line.matches(
                    "^(PASS|FAIL|WARN|SKIP|ERROR)\\s.*"), "not a progress line: " + line);
        }
    }

    @Test
    void writesTheReportsWhenAskedAndNeverTheSecrets(@TempDir Path dir) throws Exception {
        Run run = faulty("TOKEN_IN_QUERY", "--report-dir", dir.toString());
        String json = Files.readString(dir.resolve("report.json"));
        assertTrue(json.contains("client.auth.bearer"));
        assertTrue(Files.exists(dir.resolve("junit.xml")) && Files.exists(dir.resolve("report.html")));
        for (String text : List.of(json, run.out(), Files.readString(dir.resolve("report.html")))) {
            assertFalse(text.contains("test-client-secret"), "the client secret leaked into a report");
            assertFalse(text.contains("sbx."), "a sandbox token leaked into a report");
        }
    }

    /** A client that prints its token and the client secret (plain, base64, hex) and sends them encoded. */
    @Test
    void theClientSecretAndEveryIssuedTokenAreRedactedFromTheClientsOutputAndTheReports(@TempDir Path dir)
            throws Exception {
        Path tokens = dir.resolve("tokens");
        Path reports = dir.resolve("reports");
        Run run = clientCheck("--run", "FAULTY_TOKENS_FILE='" + tokens + "' " + JAVA + FaultyClient.class.getName()
                + " PRINTS_CREDENTIALS", "--report-dir", reports.toString());
        // (base64's '=' padding after a redacted value holds none of its bits)
        assertTrue(run.err().contains("client| faulty client: token [REDACTED:token] base64 [REDACTED:token]"), run.err());
        assertTrue(run.err().contains(" hex [REDACTED:token] secret [REDACTED:secret] base64 [REDACTED:secret] inside "),
                run.err());
        assertTrue(run.err().contains("client| faulty client (stderr): token [REDACTED:token]"), run.err());
        assertEquals("FAIL", run.statuses().get("client.auth.bearer"), run.out());
        List<String> issued = Files.readAllLines(tokens);
        assertFalse(issued.isEmpty(), "the client logged in");
        List<String> texts = new ArrayList<>(List.of(run.out(), run.err()));
        for (String report : List.of("report.json", "junit.xml", "report.html", "report.md")) {
            texts.add(Files.readString(reports.resolve(report)));
        }
        assertTrue(texts.get(2).contains("trace=[REDACTED:token]"), "the report quotes the call: " + texts.get(2));
        List<String> values = new ArrayList<>(issued);
        values.add("test-client-secret");
        // The client id is no secret, and shares its first 12 characters with the client secret.
        String notSecret = String.join(" ", forms("test-client-id"));
        for (String value : values) {
            for (String text : texts) {
                for (String form : forms(value)) {
                    for (int i = 0; i + 12 <= form.length(); i += 4) {
                        String piece = form.substring(i, i + 12);
                        assertFalse(text.contains(piece) && !notSecret.contains(piece),
                                "leaked " + piece + " of " + form + " in: " + text);
                    }
                }
            }
        }
    }

    /** A value plain, base64, base64url and hex. */
    private static List<String> forms(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return List.of(value, java.util.Base64.getEncoder().encodeToString(bytes),
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                java.util.HexFormat.of().formatHex(bytes));
    }

    @Test
    void refusesAnEmptyCommandOrABadDurationAsUsageErrors() {
        assertEquals(2, clientCheck("--run", " ").exit());
        assertEquals(2, clientCheck("--run", "true", "--max-duration", "soon").exit());
        assertEquals(2, clientCheck("--run", "true", "--expires-in", "0").exit());
        assertEquals(2, clientCheck().exit(), "--run is required");
    }

    @Test
    void maxDurationTakesTheDurationGrammarOfEveryOtherOption() {
        Run bare = clientCheck("--run", "true", "--max-duration", "30");
        assertEquals(2, bare.exit());
        assertTrue(bare.err().contains("--max-duration: '30' is not a duration; write it like 500ms, 5s or 2m"), bare.err());
    }
}
