package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the real {@code hubble-kit} launcher script (a copy, in a scratch checkout) with a stand-in {@code mvn} that
 * "builds" in milliseconds and a stand-in JDK whose {@code java} records its arguments and, when asked, stays up
 * like a long-running {@code serve}.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("..", "hubble-kit");
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private Path checkout;
    private Path bin;
    private Path jdk;

    @BeforeEach
    void aScratchCheckoutWithStandInMavenAndJava() throws IOException {
        checkout = Files.createDirectories(tmp.resolve("checkout"));
        Files.copy(LAUNCHER, checkout.resolve("hubble-kit"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(checkout.resolve("runner"));
        bin = Files.createDirectories(tmp.resolve("bin"));
        executable(bin.resolve("mvn"), """
                #!/usr/bin/env bash
                mkdir -p runner/target/lib && echo jar > runner/target/hubble-kit.jar && echo lib > runner/target/lib/a.jar
                """);
        jdk = Files.createDirectories(tmp.resolve("jdk/bin")).getParent();
        executable(jdk.resolve("bin/java"), """
                #!/usr/bin/env bash
                if [ "${1:-}" = "-version" ]; then echo 'openjdk version "21.0.9" 2025-10-21' >&2; exit 0; fi
                if [ -e "$(dirname "$0")/../records-archives" ]; then
                  for argument in "$@"; do
                    case "$argument" in -XX:ArchiveClassesAtExit=* | -XX:AOTCacheOutput=*) echo archive > "${argument#*=}" ;; esac
                  done
                fi
                printf '%s\\n' "$@" > "$FAKE_JAVA_ARGS.tmp" && mv "$FAKE_JAVA_ARGS.tmp" "$FAKE_JAVA_ARGS"
                if [ -n "${FAKE_JAVA_UNTIL:-}" ]; then
                  for _ in $(seq 1 600); do [ -e "$FAKE_JAVA_UNTIL" ] && exit 0; sleep 0.1; done
                fi
                """);
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private ProcessBuilder launcher(Path workingDirectory, String path, Map<String, String> extra, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", checkout.resolve("hubble-kit").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("launcher-" + System.nanoTime() + ".log").toFile());
        builder.environment().remove("HUBBLE_KIT_JAVA_OPTS");
        builder.environment().put("JAVA_HOME", jdk.toString());
        builder.environment().put("PATH", path);
        builder.environment().putAll(extra);
        return builder;
    }

    private String defaultPath() {
        return bin + ":" + System.getenv("PATH");
    }

    /** Runs the launcher to completion and returns the arguments java was given. */
    private List<String> runToCompletion(String path, Map<String, String> extra, Path workingDirectory, String... args)
            throws Exception {
        Path recorded = tmp.resolve("args-" + System.nanoTime());
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("FAKE_JAVA_ARGS", recorded.toString());
        Process process = launcher(workingDirectory, path, env, args).start();
        assertTrue(process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "the launcher finished");
        assertEquals(0, process.exitValue(), "launcher exit status");
        return Files.readAllLines(recorded, StandardCharsets.UTF_8);
    }

    private List<Path> builds() throws IOException {
        Path target = checkout.resolve("runner/target");
        try (Stream<Path> list = Files.list(target)) {
            return list.filter(p -> p.getFileName().toString().startsWith("dist-")).sorted().toList();
        }
    }

    private Path currentBuild() throws IOException {
        return checkout.resolve("runner/target/dist").toRealPath();
    }

    /** As if the build was made, and last run, two days ago; and a source is newer, so the next run rebuilds. */
    private void ageAndMakeStale(Path build) throws IOException {
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
        for (String name : List.of(".stamp", ".last-run")) {
            if (Files.exists(build.resolve(name))) {
                Files.setLastModifiedTime(build.resolve(name), old);
            }
        }
        Files.setLastModifiedTime(checkout.resolve("pom.xml"), FileTime.from(Instant.now()));
    }

    @Test
    void javaOptionsArePassedLiterallyNotExpandedAsFileNames() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("-Xglobbed"), "");
        Files.writeString(work.resolve("-Dkit.test=abc"), "");
        List<String> args = runToCompletion(defaultPath(),
                Map.of("HUBBLE_KIT_JAVA_OPTS", " -Xmx64m   -X*  -Dkit.test=a?c "), work, "list", "two words");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-X*", "-Dkit.test=a?c", "-jar",
                currentBuild() + "/hubble-kit.jar", "list",
                "two words"), args);
    }

    @Test
    void withoutJavaOptionsJavaGetsTheJarAndTheArgumentsAfterTheLaunchersOwnFlags() throws Exception {
        List<String> args = runToCompletion(defaultPath(), Map.of(), checkout, "list");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx1g", "-jar",
                currentBuild() + "/hubble-kit.jar", "list"), args);
    }

    @Test
    void onlyShortCommandsGoWithoutTheOptimisingCompiler() throws Exception {
        List<String> check = runToCompletion(defaultPath(), Map.of(), checkout, "check");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx1g", "-jar",
                currentBuild() + "/hubble-kit.jar", "check"), check);
        List<String> pact = runToCompletion(defaultPath(), Map.of(), checkout, "verify-pact");
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx1g", "-jar", currentBuild() + "/hubble-kit.jar", "verify-pact"), pact);
        List<String> help = runToCompletion(defaultPath(), Map.of(), checkout, "verify-pact", "--help");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx1g", "-jar",
                currentBuild() + "/hubble-kit.jar", "verify-pact", "--help"), help);
        List<String> serve = runToCompletion(defaultPath(), Map.of(), checkout, "serve");
        assertFalse(serve.contains("-XX:TieredStopAtLevel=1"), serve.toString());
    }

    @Test
    void aJdk22OrNewerExitsWithoutWaitingForThreadsInNativeCode() throws Exception {
        List<String> jdk21 = runToCompletion(defaultPath(), Map.of(), checkout, "check");
        assertFalse(jdk21.contains("-XX:UserThreadWaitAttemptsAtExit=0"), "JDK 21 does not know the flag: " + jdk21);
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");
        List<String> jdk25 = runToCompletion(defaultPath(), Map.of(), checkout, "check");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:UserThreadWaitAttemptsAtExit=0", "-XX:+UseSerialGC", "-Xmx1g",
                "-jar", currentBuild() + "/hubble-kit.jar", "check"), jdk25);
    }

    @Test
    void onAJdk25OrNewerACheckRunStartsFromTheAotCacheAndHelpAndTheOtherCommandsFromTheArchive() throws Exception {
        Files.writeString(jdk.resolve("records-archives"), "");
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");
        List<String> check = runToCompletion(defaultPath(), Map.of(), checkout, "check");
        Path build = currentBuild();
        assertTrue(Files.isRegularFile(build.resolve("hubble-kit.aot")), "the build recorded an AOT cache");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:UserThreadWaitAttemptsAtExit=0", "-XX:+UseSerialGC", "-Xmx1g",
                "-XX:AOTCache=" + build.resolve("hubble-kit.aot"), "-Xlog:aot*=off", "-Xlog:cds*=off",
                "-jar", build + "/hubble-kit.jar", "check"), check);
        for (List<String> command : List.of(List.of("--help"), List.of("check", "--help"))) {
            List<String> help = runToCompletion(defaultPath(), Map.of(), checkout, command.toArray(String[]::new));
            List<String> expected = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:UserThreadWaitAttemptsAtExit=0",
                    "-XX:+UseSerialGC", "-Xmx1g", "-XX:SharedArchiveFile=" + build.resolve("hubble-kit.jsa"), "-Xlog:cds*=off",
                    "-jar", build + "/hubble-kit.jar"));
            expected.addAll(command);
            assertEquals(expected, help);
        }
    }

    /** The JVM prints a cache's mismatch on stdout (where check's report goes) unless the launcher's flags quiet it. */
    @Test
    void aCheckWhoseAotCacheDoesNotMatchRunsWithoutAWordOnStdout() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 25, "needs a JDK 25+ to run the real JVM");
        Files.writeString(jdk.resolve("records-archives"), "");
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");
        List<String> args = runToCompletion(defaultPath(), Map.of(), checkout, "check");
        Path foreign = Files.write(tmp.resolve("foreign.aot"), new byte[4096]); // not a cache: bad magic number
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        for (String argument : args.subList(0, args.indexOf("-jar"))) {
            command.add(argument.startsWith("-XX:AOTCache=") ? "-XX:AOTCache=" + foreign : argument);
        }
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(java.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(0, java.exitValue(), "the JVM runs without the cache");
        assertEquals("", stdout, "nothing on stdout");
    }

    @Test
    void aJdkOlderThan25RecordsNoAotCacheAndIgnoresOne() throws Exception {
        Files.writeString(jdk.resolve("records-archives"), "");
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"24.0.2\"\n");
        runToCompletion(defaultPath(), Map.of(), checkout, "list");
        Path build = currentBuild();
        assertFalse(Files.exists(build.resolve("hubble-kit.aot")), "JDK 24 has no one-step AOT cache");
        Files.writeString(build.resolve("hubble-kit.aot"), "left by a JDK 25");
        List<String> check = runToCompletion(defaultPath(), Map.of(), checkout, "check");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:UserThreadWaitAttemptsAtExit=0", "-XX:+UseSerialGC", "-Xmx1g",
                "-XX:SharedArchiveFile=" + build.resolve("hubble-kit.jsa"), "-Xlog:cds*=off",
                "-jar", build + "/hubble-kit.jar", "check"), check);
    }

    @Test
    void longRunningServersKeepTheJvmsMemoryDefaults() throws Exception {
        for (String server : List.of("serve", "sandbox")) {
            List<String> args = runToCompletion(defaultPath(), Map.of(), checkout, server);
            assertEquals(List.of("-jar", currentBuild() + "/hubble-kit.jar", server), args);
        }
    }

    @Test
    void aCollectorOrHeapSizeInJavaOptionsReplacesTheLaunchersOwn() throws Exception {
        List<String> collector = runToCompletion(defaultPath(), Map.of("HUBBLE_KIT_JAVA_OPTS", "-XX:+UseG1GC"),
                checkout, "check");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-Xmx1g", "-XX:+UseG1GC", "-jar", currentBuild() + "/hubble-kit.jar",
                "check"), collector);
        List<String> heap = runToCompletion(defaultPath(), Map.of("HUBBLE_KIT_JAVA_OPTS", "-XX:MaxRAMPercentage=50"),
                checkout, "check");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=50", "-jar",
                currentBuild() + "/hubble-kit.jar", "check"), heap);
    }

    /**
     * A serve started from build 1 keeps running through two rebuilds; build 1 is then neither current nor the one
     * just replaced, and older than a day, so only its being in use keeps it. An unused old build goes, and build 1
     * goes too once its serve has stopped.
     */
    @ParameterizedTest(name = "with flock: {0}")
    @ValueSource(booleans = {true, false})
    void aBuildThatAKitStillRunsFromIsNeverDeleted(boolean withFlock) throws Exception {
        String path = withFlock ? defaultPath() : bin + ":" + pathWithoutFlock();
        Path stop = tmp.resolve("stop-serve");
        Path serveArgs = tmp.resolve("serve-args");
        Process serve = launcher(checkout, path,
                Map.of("FAKE_JAVA_ARGS", serveArgs.toString(), "FAKE_JAVA_UNTIL", stop.toString()), "serve").start();
        try {
            waitFor(serveArgs, serve);
            Path first = currentBuild();

            ageAndMakeStale(first);
            runToCompletion(path, Map.of(), checkout, "list");
            Path second = currentBuild();
            assertFalse(second.equals(first), "a rebuild made a new build directory");

            Path unused = Files.createDirectories(checkout.resolve("runner/target/dist-19700101-000000-1"));
            Files.writeString(unused.resolve("hubble-kit.jar"), "jar");
            Files.writeString(unused.resolve(".stamp"), "");
            ageAndMakeStale(unused);
            ageAndMakeStale(second);
            runToCompletion(path, Map.of(), checkout, "list");
            Path third = currentBuild();

            assertTrue(Files.isRegularFile(first.resolve("hubble-kit.jar")),
                    "the running serve's build is kept: " + builds());
            assertFalse(Files.exists(unused), "an old build no kit runs from is cleaned up: " + builds());
            assertTrue(Files.isDirectory(second), "the build just replaced is kept");
            assertTrue(serve.isAlive(), "serve is still running");

            Files.writeString(stop, "");
            assertTrue(serve.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "serve stopped");
            ageAndMakeStale(first);
            ageAndMakeStale(second);
            ageAndMakeStale(third);
            runToCompletion(path, Map.of(), checkout, "list");
            assertFalse(Files.exists(first), "once serve stopped, its old build is cleaned up: " + builds());
        } finally {
            Files.writeString(stop, "");
            serve.destroy();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void waitFor(Path file, Process process) throws InterruptedException {
        Instant deadline = Instant.now().plus(LIMIT);
        while (!Files.exists(file)) {
            assertTrue(process.isAlive() && Instant.now().isBefore(deadline), "the launcher started java");
            Thread.sleep(50);
        }
    }

    /** A directory of links to every program on PATH but flock, as on macOS. */
    private String pathWithoutFlock() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("no-flock"));
        for (String entry : System.getenv("PATH").split(":")) {
            Path source = Path.of(entry);
            if (!Files.isDirectory(source)) {
                continue;
            }
            try (Stream<Path> programs = Files.list(source)) {
                for (Path program : programs.toList()) {
                    Path link = dir.resolve(program.getFileName().toString());
                    if (!program.getFileName().toString().equals("flock") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, program);
                    }
                }
            }
        }
        assertFalse(Set.of(dir.toFile().list()).contains("flock"));
        return dir.toString();
    }
}
