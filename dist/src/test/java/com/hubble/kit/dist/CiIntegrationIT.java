package com.hubble.kit.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The GitHub Action and the GitLab template, run here without GitHub or GitLab: action.yml against the action
 * metadata schema's required fields, its step script with the variables a runner sets (first with a stand-in kit
 * that writes a crafted report, then with the real one), and the GitLab template's script with the real release.
 */
class CiIntegrationIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path STEP = ROOT.resolve("integrations/github-action-step.sh");
    private static final Path STAGED_KIT = ROOT.resolve("dist/target/stage/hubble-kit");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path work;

    private record Result(int exit, String stdout, String stderr, String summary, Map<String, String> outputs) {
    }

    @Test
    void actionYmlHasEveryFieldTheActionMetadataSchemaRequires() throws Exception {
        JsonNode action = YAML.readTree(ROOT.resolve("action.yml").toFile());
        assertFalse(action.path("name").asText().isBlank(), "name");
        assertFalse(action.path("description").asText().isBlank(), "description");
        assertEquals("composite", action.path("runs").path("using").asText());
        JsonNode steps = action.path("runs").path("steps");
        assertTrue(steps.isArray() && !steps.isEmpty(), "a composite action has steps");
        boolean setsUpJava = false;
        for (JsonNode step : steps) {
            if (step.has("run")) {
                assertFalse(step.path("shell").asText().isBlank(), "a composite run step needs shell: " + step);
            } else {
                assertTrue(step.has("uses"), "a step either runs or uses: " + step);
            }
            setsUpJava |= step.path("uses").asText().startsWith("actions/setup-java@");
        }
        assertTrue(setsUpJava, "sets up Java");
        Set<String> inputs = new TreeSet<>();
        action.path("inputs").fieldNames().forEachRemaining(inputs::add);
        assertTrue(inputs.containsAll(List.of("command", "base-url", "token-command", "expired-token-command",
                "single-use", "strict", "baseline", "config", "report-dir", "java-version", "fail-on-non-zero")), inputs.toString());
        for (Iterator<Map.Entry<String, JsonNode>> it = action.path("inputs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> input = it.next();
            assertTrue(input.getValue().has("description"), "input " + input.getKey() + " needs a description");
        }
        for (String output : List.of("verdict", "exit-code")) {
            assertEquals("${{ steps.kit.outputs." + output + " }}", action.path("outputs").path(output).path("value").asText());
        }
        // Every input reaches the step, and the step reads no input that is not declared.
        String text = Files.readString(ROOT.resolve("action.yml"));
        Matcher used = Pattern.compile("\\$\\{\\{ inputs\\.([a-z-]+) }}").matcher(text);
        Set<String> referenced = new TreeSet<>();
        while (used.find()) {
            referenced.add(used.group(1));
        }
        assertEquals(inputs, referenced);
        Matcher read = Pattern.compile("INPUT_([A-Z_]+)").matcher(Files.readString(STEP));
        while (read.find()) {
            assertTrue(inputs.contains(read.group(1).toLowerCase().replace('_', '-')), "undeclared input " + read.group());
        }
    }

    private static final String FAILED_REPORT = """
            {"suite":"sso","verdict":"FAIL","checks":[
             {"id":"sso.valid.status","severity":"MUST","status":"FAIL","message":"expected 200, got 500\\n::error::injected 100%\\r done"},
             {"id":"sso.perf.latency","severity":"SHOULD","status":"FAIL","message":"p95 1.2 s, over the 1 s budget"},
             {"id":"sso.errors.json","severity":"MUST","status":"ERROR","message":"the kit could not judge this check"},
             {"id":"sso.valid.schema","severity":"MUST","status":"PASS","message":"valid"},
             {"id":"sso.token.replay","severity":"INFO","status":"WARN","message":"replay accepted"}]}
            """;

    /** A stand-in kit: records its arguments, writes a crafted report (hostile messages included) and exits 1. */
    private Path fakeKit(int exit, boolean writeReport) throws IOException {
        return fakeKit(exit, writeReport ? FAILED_REPORT : null, "");
    }

    /**
     * A stand-in kit: records its arguments, prints {@code stderr} on its stderr, writes {@code report} (null: none) as
     * report.json with a report.md, and exits with {@code exit}.
     */
    private Path fakeKit(int exit, String report, String stderr) throws IOException {
        Path kit = work.resolve("fake-kit");
        Files.writeString(work.resolve("stderr.in"), stderr);
        StringBuilder script = new StringBuilder("#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + work.resolve("args") + "'\n"
                + "cat '" + work.resolve("stderr.in") + "' >&2\n");
        if (report != null) {
            Files.writeString(work.resolve("report.json.in"), report);
            Files.writeString(work.resolve("report.md.in"), "## hubble-kit sso: FAIL\n| table |\n");
            script.append("dir=\"$3\"; mkdir -p \"$dir\"; cp '").append(work.resolve("report.json.in")).append("' \"$dir/report.json\"; ")
                    .append("cp '").append(work.resolve("report.md.in")).append("' \"$dir/report.md\"\n");
        }
        script.append("exit ").append(exit).append('\n');
        Files.writeString(kit, script);
        kit.toFile().setExecutable(true);
        return kit;
    }

    private Result step(Path kit, Map<String, String> inputs) throws Exception {
        Path summary = Files.createFile(work.resolve("summary-" + System.nanoTime()));
        Path output = Files.createFile(work.resolve("output-" + System.nanoTime()));
        Map<String, String> env = new HashMap<>(Map.of("PATH", System.getenv("PATH"), "HOME", work.toString(),
                "GITHUB_STEP_SUMMARY", summary.toString(), "GITHUB_OUTPUT", output.toString(),
                "HUBBLE_KIT_LAUNCHER", kit.toString(), "JAVA_HOME", System.getProperty("java.home")));
        inputs.forEach((name, value) -> env.put("INPUT_" + name.toUpperCase().replace('-', '_'), value));
        Path stdout = work.resolve("stdout-" + System.nanoTime());
        Path stderr = work.resolve("stderr-" + System.nanoTime());
        ProcessBuilder builder = new ProcessBuilder("bash", STEP.toString()).directory(work.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the action step did not finish");
        }
        Map<String, String> outputs = new HashMap<>();
        for (String line : Files.readAllLines(output)) {
            String[] kv = line.split("=", 2);
            outputs.put(kv[0], kv[1]);
        }
        return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr), Files.readString(summary),
                outputs);
    }

    private static List<String> commands(String stdout) {
        return stdout.lines().filter(l -> l.startsWith("::")).toList();
    }

    @Test
    void writesOneEscapedAnnotationPerFailedCheckTheSummaryAndTheOutputsAndFailsTheStep() throws Exception {
        Result result = step(fakeKit(1, true), Map.of("command", "check", "base-url", "https://sso.partner.example",
                "token-command", "./mint.sh", "single-use", "true", "strict", "true", "baseline", "b.yaml",
                "config", "hubble-kit.yaml"));
        assertEquals(1, result.exit());
        assertEquals(List.of(
                "::error title=sso.valid.status::sso.valid.status: expected 200, got 500%0A::error::injected 100%25%0D done",
                "::warning title=sso.perf.latency::sso.perf.latency: p95 1.2 s, over the 1 s budget",
                "::error title=sso.errors.json::sso.errors.json: could not be judged: the kit could not judge this check"),
                commands(result.stdout()));
        assertEquals(Map.of("verdict", "FAIL", "exit-code", "1"), result.outputs());
        assertEquals("## hubble-kit sso: FAIL\n| table |\n", result.summary());
        assertEquals(List.of("check", "--report-dir", "hubble-kit-report/check", "--base-url", "https://sso.partner.example",
                "--token-command", "./mint.sh", "--single-use", "--strict", "--baseline", "b.yaml", "--config", "hubble-kit.yaml"),
                Files.readAllLines(work.resolve("args")));
    }

    @Test
    void withFailOnNonZeroFalseTheStepPassesButReportsTheExitCode() throws Exception {
        Result result = step(fakeKit(1, true), Map.of("command", "verify-pact", "fail-on-non-zero", "false",
                "report-dir", "out/pact"));
        assertEquals(0, result.exit());
        assertEquals("1", result.outputs().get("exit-code"));
        assertEquals("out/pact", Files.readAllLines(work.resolve("args")).get(2));
    }

    @Test
    void anUnreachableTargetWithoutAReportIsOneErrorAnnotationWithTheKitsReasonAndIsNamedInTheOutputsAndTheSummary()
            throws Exception {
        String reason = "hubble-kit check: cannot reach https://down.example/sso: cannot connect: connection refused";
        Result result = step(fakeKit(3, null, "hubble-kit: checking https://down.example/sso (35 checks)\n"
                + "PASS  MUST   sso.token.random             rejected\n" + reason + "\n"
                + "Check the URL, that the service is up and reachable from here.\n"), Map.of("command", "check",
                "base-url", "https://down.example"));
        assertEquals(3, result.exit());
        assertEquals(Map.of("verdict", "UNREACHABLE", "exit-code", "3"), result.outputs());
        assertEquals(List.of("::error title=hubble-kit UNREACHABLE::" + reason), commands(result.stdout()));
        assertTrue(result.summary().contains("The kit exited 3 before writing a report"), result.summary());
        assertTrue(result.summary().contains("    " + reason), result.summary());
        assertTrue(result.stderr().contains(reason + "\nCheck the URL"), "the kit's stderr still reaches the log: " + result.stderr());
    }

    @Test
    void aUsageErrorsAnnotationCarriesTheLastBlockOfHubbleKitLinesButNoProgressNoteEscapedAndNeverExpanded() throws Exception {
        String stderr = "hubble-kit: note: building the runner\n[INFO] BUILD SUCCESS\n"
                + "hubble-kit: recording the start-up archive (one embedded check)...\n"
                + "hubble-kit: no JDK 21 or newer found (looked at $JAVA_HOME and /usr/lib/jvm/*).\n"
                + "hubble-kit: install one, e.g. $(touch pwned-1) `touch pwned-2` ${HOME} 100%\r\n";
        Result result = step(fakeKit(2, null, stderr), Map.of("command", "check"));
        assertEquals(2, result.exit());
        assertEquals(List.of("::error title=hubble-kit USAGE-ERROR::hubble-kit: no JDK 21 or newer found (looked at $JAVA_HOME "
                + "and /usr/lib/jvm/*).%0Ahubble-kit: install one, e.g. $(touch pwned-1) `touch pwned-2` ${HOME} 100%25%0D"),
                commands(result.stdout()));
        assertFalse(Files.exists(work.resolve("pwned-1")) || Files.exists(work.resolve("pwned-2")), "nothing was run");
        assertEquals(Map.of("verdict", "USAGE-ERROR", "exit-code", "2"), result.outputs());
    }

    @Test
    void exitOneWithoutAReportIsAnErrorNotAFailAndSaysSo() throws Exception {
        Result result = step(fakeKit(1, null, "Unrecognized option: -Xfoo\nError: Could not create the Java Virtual Machine.\n"),
                Map.of("command", "check"));
        assertEquals(1, result.exit());
        assertEquals(Map.of("verdict", "ERROR", "exit-code", "1"), result.outputs());
        assertEquals(List.of("::error title=hubble-kit ERROR::the kit exited 1 without saying why; see the step log"),
                commands(result.stdout()));
    }

    @Test
    void aKilledKitIsAnErrorNamingTheSignalNotAUsageError() throws Exception {
        Result result = step(fakeKit(137, null, "hubble-kit: checking https://sso.partner.example/sso (35 checks)\n"),
                Map.of("command", "check"));
        assertEquals(137, result.exit());
        assertEquals(Map.of("verdict", "ERROR", "exit-code", "137"), result.outputs());
        assertEquals(List.of("::error title=hubble-kit ERROR::the kit was stopped by signal 9 (exit 137); its last message: "
                + "hubble-kit: checking https://sso.partner.example/sso (35 checks)"), commands(result.stdout()));
    }

    @Test
    void anIncompleteReportIsOneAnnotationNamingTheMissingInputsOfItsGatingChecks() throws Exception {
        String report = """
                {"suite":"verify-pact","verdict":"INCOMPLETE","strict":false,"notes":["pact: classpath:contracts/x.json"],"checks":[
                 {"id":"pact.a","severity":"MUST","status":"SKIP","message":"not run","missingInput":"a valid token (--token-command)"},
                 {"id":"pact.b","severity":"MUST","status":"SKIP","message":"not run","missingInput":"a valid token (--token-command)"},
                 {"id":"pact.c","severity":"MUST","status":"SKIP","message":"not run","missingInput":"an expired token (--expired-token-command)"},
                 {"id":"sso.valid.profile","severity":"SHOULD","status":"SKIP","message":"not run","missingInput":"a profile (--profile)"},
                 {"id":"sso.transport.https","severity":"MUST","status":"SKIP","message":"loopback target"},
                 {"id":"pact.d","severity":"MUST","status":"PASS","message":"matches"}]}
                """;
        Result result = step(fakeKit(4, report, "hubble-kit: reports written to /x (report.json)\n"),
                Map.of("command", "verify-pact", "base-url", "https://sso.partner.example"));
        assertEquals(4, result.exit());
        assertEquals(Map.of("verdict", "INCOMPLETE", "exit-code", "4"), result.outputs());
        assertEquals(List.of("::error title=hubble-kit INCOMPLETE::3 check(s) not run for lack of input: needs a valid token "
                + "(--token-command); an expired token (--expired-token-command)"), commands(result.stdout()));
    }

    @Test
    void theReportsOfAnEarlierRunAreDeletedBeforeTheKitRuns() throws Exception {
        Path dir = Files.createDirectories(work.resolve("hubble-kit-report/check"));
        for (String name : List.of("report.json", "report.md", "junit.xml", "report.html")) {
            Files.writeString(dir.resolve(name), "from an earlier run");
        }
        Result result = step(fakeKit(3, null, "hubble-kit check: cannot reach https://down.example/sso\n"),
                Map.of("command", "check"));
        assertEquals(3, result.exit());
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "no stale report is left for a later upload");
        }
    }

    @Test
    void aBadInputIsOneErrorAnnotationAndExitTwoWithoutRunningTheKit() throws Exception {
        Result result = step(fakeKit(0, true), Map.of("command", "deploy"));
        assertEquals(2, result.exit());
        assertEquals(List.of("::error title=hubble-kit::input command must be check, verify-pact or client-check, got 'deploy'"),
                commands(result.stdout()));
        assertEquals("USAGE-ERROR", result.outputs().get("verdict"));
        assertFalse(Files.exists(work.resolve("args")), "the kit was not run");
        Result strict = step(fakeKit(0, true), Map.of("command", "check", "strict", "yes"));
        assertEquals(List.of("::error title=hubble-kit::input strict must be true or false, got 'yes'"), commands(strict.stdout()));
        for (String input : List.of("token-command", "expired-token-command")) {
            Result client = step(fakeKit(0, true), Map.of("command", "client-check", "client-run", "./client.sh", input, "./mint.sh"));
            assertEquals(2, client.exit());
            assertEquals(List.of("::error title=hubble-kit::input " + input + " is for check and verify-pact; client-check's "
                    + "sandbox issues the tokens"), commands(client.stdout()));
            assertFalse(Files.exists(work.resolve("args")), "the kit was not run");
        }
    }

    @Test
    void withTheRealKitACompliantRunPassesWithTheMarkdownReportInTheSummary() throws Exception {
        Result result = step(STAGED_KIT, Map.of("command", "check"));
        assertEquals(0, result.exit(), result.stdout());
        assertEquals(Map.of("verdict", "PASS", "exit-code", "0"), result.outputs());
        assertTrue(result.summary().startsWith("## hubble-kit sso: ✅ **PASS**"), result.summary());
        assertEquals(List.of(), commands(result.stdout()));
        assertTrue(Files.isRegularFile(work.resolve("hubble-kit-report/check/report.html")));
    }

    @Test
    void withTheRealKitAMissingSecretIsOneErrorAnnotationNamingTheVariable() throws Exception {
        Result result = step(STAGED_KIT, Map.of("command", "check", "base-url", "http://127.0.0.1:9"));
        assertEquals(2, result.exit(), result.stderr());
        assertEquals(Map.of("verdict", "USAGE-ERROR", "exit-code", "2"), result.outputs());
        List<String> annotations = commands(result.stdout());
        assertEquals(1, annotations.size(), annotations.toString());
        assertTrue(annotations.get(0).startsWith("::error title=hubble-kit USAGE-ERROR::hubble-kit check: no secret: ")
                && annotations.get(0).contains("HUBBLE_SECRET is not set"), annotations.get(0));
    }

    @Test
    void theGitlabTemplateRunsTheReleaseAndPublishesJunitXmlAsTheJobsJunitReport() throws Exception {
        JsonNode template = YAML.readTree(ROOT.resolve("integrations/hubble-kit.gitlab-ci.yml").toFile());
        JsonNode job = template.path(".hubble-kit");
        assertEquals("always", job.path("artifacts").path("when").asText());
        String junit = job.path("artifacts").path("reports").path("junit").asText();
        assertEquals("hubble-kit-report/junit.xml", junit);
        List<String> lines = new ArrayList<>();
        job.path("script").forEach(line -> {
            assertTrue(line.isTextual(), "GitLab takes only strings as script lines: " + line);
            lines.add(line.asText());
        });
        Path tarball = Path.of(System.getProperty("release.archive.base") + ".tar.gz");
        String sha = Files.readString(Path.of(tarball + ".sha256")).split(" ")[0];
        // GitLab runs the script lines in one shell and stops at the first failing one: so does bash -e.
        ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-c", String.join("\n", lines)).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("gitlab.log").toFile());
        builder.environment().putAll(Map.of("HUBBLE_KIT_URL", tarball.toUri().toString(), "HUBBLE_KIT_SHA256", sha,
                "HUBBLE_KIT_COMMAND", "check", "HUBBLE_KIT_ARGS", "--skip sso.perf.concurrency",
                "JAVA_HOME", System.getProperty("java.home")));
        Process process = builder.start();
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the template's script finished");
        assertEquals(0, process.exitValue(), Files.readString(work.resolve("gitlab.log")));
        assertTrue(Files.isRegularFile(work.resolve(junit)), "junit.xml is where the template publishes it");
        assertTrue(Files.readString(work.resolve(junit)).contains("<testsuite"));

        builder.environment().put("HUBBLE_KIT_SHA256", "0".repeat(64));
        Process tampered = builder.start();
        assertTrue(tampered.waitFor(60, TimeUnit.SECONDS));
        assertTrue(tampered.exitValue() != 0, "a wrong SHA-256 stops the job");

        builder.environment().put("HUBBLE_KIT_SHA256", "hubble-kit.tar.gz");
        Process garbage = builder.start();
        assertTrue(garbage.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, garbage.exitValue(), "a value that is not a hash is a usage error");
        assertTrue(Files.readString(work.resolve("gitlab.log")).contains("HUBBLE_KIT_SHA256 must start with the 64 hex digits"));
    }

    /** What CI.md says to paste (the .sha256 file's content), in an image without curl (eclipse-temurin 22+). */
    @Test
    void theGitlabTemplateTakesTheSha256FilesContentAndDownloadsWithJavaWhenTheImageHasNoCurl() throws Exception {
        JsonNode job = YAML.readTree(ROOT.resolve("integrations/hubble-kit.gitlab-ci.yml").toFile()).path(".hubble-kit");
        List<String> lines = new ArrayList<>();
        job.path("script").forEach(line -> lines.add(line.asText()));
        Path tarball = Path.of(System.getProperty("release.archive.base") + ".tar.gz");
        String shaFile = Files.readString(Path.of(tarball + ".sha256"));
        assertTrue(shaFile.matches("[0-9a-f]{64} +\\S+\\s*"), "the .sha256 file is '<hash>  <file name>': " + shaFile);
        // Every command of the PATH but curl and wget, the JDK first (as in an eclipse-temurin image).
        Path bin = Files.createDirectories(work.resolve("bin-without-curl"));
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        for (String dir : (javaBin + ":" + System.getenv("PATH")).split(":")) {
            Path from = Path.of(dir);
            if (!Files.isDirectory(from)) {
                continue;
            }
            try (var commands = Files.list(from)) {
                for (Path command : (Iterable<Path>) commands::iterator) {
                    Path link = bin.resolve(command.getFileName());
                    String name = command.getFileName().toString();
                    if (!name.equals("curl") && !name.equals("wget") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, command);
                    }
                }
            }
        }
        Path log = work.resolve("gitlab-no-curl.log");
        ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-c", String.join("\n", lines)).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("PATH", bin.toString(), "HUBBLE_KIT_URL", tarball.toUri().toString(),
                "HUBBLE_KIT_SHA256", shaFile, "HUBBLE_KIT_COMMAND", "check", "HUBBLE_KIT_ARGS", "--only sso.valid.status",
                "JAVA_HOME", System.getProperty("java.home")));
        Process process = builder.start();
        boolean finished = process.waitFor(180, TimeUnit.SECONDS);
        try (var links = Files.list(bin)) { // here, not by @TempDir, which warns about every link to outside it
            for (Path link : (Iterable<Path>) links::iterator) {
                Files.delete(link);
            }
        }
        assertTrue(finished, "the template's script finished");
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("no curl in this image: downloading the release with java"), output);
        assertTrue(output.contains("hubble-kit.tar.gz: OK"), "the SHA-256 was checked: " + output);
        assertTrue(Files.readString(work.resolve("hubble-kit-report/junit.xml")).contains("sso.valid.status"));
    }
}
