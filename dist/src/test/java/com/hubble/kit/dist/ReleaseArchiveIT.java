package com.hubble.kit.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The release as a partner gets it: unpacked into an empty directory outside the checkout, run with a JDK 21+
 * and no Maven (a fake mvn first on the PATH records any call), {@code check} exits 0 and {@code verify-pact}
 * passes against {@code serve}, both started from the unpacked directory.
 */
class ReleaseArchiveIT {
    private static final String NAME = System.getProperty("release.name");
    private static final Path ARCHIVE_BASE = Path.of(System.getProperty("release.archive.base"));
    private static Path workspace;
    private static Path kit;
    private static Path mavenCalled;
    private static Map<String, String> env;
    /** The unpacked files (relative paths), listed before any test ran the kit. */
    private static Set<String> unpacked;

    @BeforeAll
    static void unpackTheTarballIntoAnEmptyDirectory() throws Exception {
        workspace = Files.createTempDirectory("hubble-kit-release-");
        assertFalse(workspace.toRealPath().startsWith(Path.of("").toAbsolutePath().getParent().toRealPath()),
                "the release is tried outside the checkout");
        Path tarball = Path.of(ARCHIVE_BASE + ".tar.gz");
        assertEquals(0, run(workspace, List.of("tar", "xzf", tarball.toString()), Map.of(), 60).exit());
        kit = workspace.resolve(NAME);
        unpacked = new TreeSet<>();
        try (Stream<Path> files = Files.walk(kit)) {
            files.filter(Files::isRegularFile).map(p -> kit.relativize(p).toString()).forEach(unpacked::add);
        }
        Path fakeBin = Files.createDirectories(workspace.resolve("fake-bin"));
        mavenCalled = workspace.resolve("maven-was-called");
        Path mvn = fakeBin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\ntouch '" + mavenCalled + "'\nexit 1\n");
        mvn.toFile().setExecutable(true);
        Path home = Files.createDirectories(workspace.resolve("home"));
        env = Map.of("PATH", fakeBin + ":/usr/bin:/bin", "HOME", home.toString(),
                "JAVA_HOME", System.getProperty("java.home"), "HUBBLE_SECRET", "release-test-secret-0123456789");
    }

    @AfterAll
    static void removeTheWorkspace() throws IOException {
        if (workspace != null) {
            try (Stream<Path> files = Files.walk(workspace)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void holdsTheLauncherRunnerLibrariesSchemasContractsDocsAndAnSbom() throws Exception {
        assertTrue(Files.getPosixFilePermissions(kit.resolve("hubble-kit")).contains(PosixFilePermission.OWNER_EXECUTE));
        for (String file : List.of("hubble-kit.jar", "README.md", "SHA256SUMS", "hubble-kit-sbom.json",
                "schemas/report.schema.json", "schemas/sso-response.schema.json",
                "contracts/hubble-platform-partner-sso.json", "docs/CHECK.md", "docs/CI.md", "docs/SSO.md", "docs/CLIENT.md")) {
            assertTrue(Files.isRegularFile(kit.resolve(file)), file);
        }
        try (Stream<Path> libs = Files.list(kit.resolve("lib"))) {
            assertTrue(libs.anyMatch(p -> p.getFileName().toString().startsWith("hubble-kit-reference-impl-")));
        }
        String sbom = Files.readString(kit.resolve("hubble-kit-sbom.json"));
        assertTrue(sbom.contains("\"bomFormat\" : \"CycloneDX\""), sbom.substring(0, 200));
        assertTrue(sbom.contains("\"name\" : \"hubble-kit-runner\""), "the SBOM lists the runner");
        assertTrue(sbom.contains("\"name\" : \"helidon-webserver\""), "the SBOM lists the runner's libraries");
    }

    @Test
    void everyRelativeLinkOfTheReadmeResolvesInsideTheArchiveAndItAsksForNoMaven() throws Exception {
        String readme = Files.readString(kit.resolve("README.md"));
        Matcher link = Pattern.compile("\\]\\(([^)\\s]+)\\)").matcher(readme);
        List<String> relative = new ArrayList<>();
        while (link.find()) {
            String target = link.group(1);
            if (!target.matches("^[a-z]+:.*") && !target.startsWith("#")) {
                relative.add(target.replaceFirst("#.*", ""));
            }
        }
        assertFalse(relative.isEmpty(), "the README links to the docs");
        for (String target : relative) {
            Path resolved = kit.resolve(target).normalize();
            assertTrue(resolved.startsWith(kit) && Files.exists(resolved), "README link " + target + " is not in the archive");
        }
        assertFalse(readme.contains("mvn "), "the release README asks for no Maven build");
    }

    @Test
    void everyFileMatchesItsSha256SumAndTheArchivesMatchTheirs() throws Exception {
        Result check = run(kit, List.of("sha256sum", "-c", "--strict", "SHA256SUMS"), env, 60);
        assertEquals(0, check.exit(), check.output());
        Set<String> listed = new TreeSet<>();
        Files.readAllLines(kit.resolve("SHA256SUMS")).forEach(l -> listed.add(l.substring(66)));
        Set<String> present = new TreeSet<>(unpacked);
        present.remove("SHA256SUMS");
        assertEquals(present, listed, "SHA256SUMS lists every file");
        for (String ext : List.of(".tar.gz", ".zip")) {
            Path archive = Path.of(ARCHIVE_BASE + ext);
            String expected = Files.readString(Path.of(archive + ".sha256")).split(" ")[0].strip();
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive)));
            assertEquals(expected, actual, ext);
        }
    }

    @Test
    void theZipHoldsTheSameFilesAsTheTarball() throws Exception {
        Set<String> inZip = new TreeSet<>();
        try (ZipFile zip = new ZipFile(Path.of(ARCHIVE_BASE + ".zip").toFile())) {
            zip.stream().filter(e -> !e.isDirectory()).forEach(e -> inZip.add(e.getName()));
        }
        Set<String> inTar = new TreeSet<>();
        unpacked.forEach(p -> inTar.add(NAME + "/" + p));
        assertEquals(inTar, inZip);
    }

    @Test
    void checkRunsFromTheUnpackedDirectoryWithoutMavenAndExitsZero() throws Exception {
        Result result = run(kit, List.of("./hubble-kit", "check", "--report-dir", workspace.resolve("reports").toString()), env, 180);
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("VERDICT: PASS"), result.output());
        assertTrue(Files.isRegularFile(workspace.resolve("reports/report.md")));
        assertFalse(Files.exists(mavenCalled), "the release never calls Maven");
    }

    @Test
    void verifyPactPassesAgainstServeBothFromTheUnpackedDirectory() throws Exception {
        ProcessBuilder serveBuilder = new ProcessBuilder("./hubble-kit", "serve", "--port", "0").directory(kit.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        serveBuilder.environment().clear();
        serveBuilder.environment().putAll(env);
        Process serve = serveBuilder.start();
        serve.getOutputStream().close();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String url = out.readLine();
            assertTrue(url != null && url.startsWith("http://127.0.0.1:"), "serve printed " + url);
            Result result = run(kit, List.of("./hubble-kit", "verify-pact", "--base-url", url.strip(),
                    "--token-command", "./hubble-kit mint", "--expired-token-command", "./hubble-kit mint --expired"),
                    env, 180);
            assertEquals(0, result.exit(), result.output());
            assertTrue(result.output().contains("VERDICT: PASS  (6 checks: 6 pass"), "the 5 interactions and the echo check: " + result.output());
            assertFalse(result.output().contains(env.get("HUBBLE_SECRET")), "the secret is never printed");
        } finally {
            serve.destroy();
            if (!serve.waitFor(20, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
        assertFalse(Files.exists(mavenCalled), "the release never calls Maven");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, List<String> command, Map<String, String> variables, int timeoutSecs)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(workspace, "run-", ".log");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(variables);
        Process process = builder.start();
        if (!process.waitFor(timeoutSecs, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSecs + " s: " + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
    }
}
