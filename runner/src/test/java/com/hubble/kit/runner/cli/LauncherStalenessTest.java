package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's staleness rule, on a copy of ./hubble-kit in a scratch tree with a fake {@code mvn} that only
 * notes that it was called: a changed main source rebuilds, an unchanged tree, a test source or a doc does not.
 */
class LauncherStalenessTest {
    private static final Path LAUNCHER = Path.of("..", "hubble-kit").toAbsolutePath().normalize();
    private static final Instant BUILT = Instant.now().minusSeconds(600);

    @TempDir
    Path root;

    @BeforeEach
    void aBuiltKitWhoseSourcesAreOlderThanItsStamp() throws IOException {
        Files.copy(LAUNCHER, root.resolve("hubble-kit"));
        root.resolve("hubble-kit").toFile().setExecutable(true);
        old(Files.writeString(root.resolve("pom.xml"), "<project/>"));
        old(write("runner/src/main/java/Main.java", "class Main {}"));
        old(write("runner/src/test/java/MainTest.java", "class MainTest {}"));
        old(write("runner/CHECK.md", "# docs"));
        Path dist = Files.createDirectories(root.resolve("runner/target/dist-old/lib"));
        old(Files.writeString(dist.getParent().resolve("hubble-kit.jar"), "not a jar"));
        Files.setLastModifiedTime(Files.createFile(dist.getParent().resolve(".stamp")), FileTime.from(BUILT));
        Files.createSymbolicLink(root.resolve("runner/target/dist"), Path.of("dist-old"));
        Path mvn = write("bin/mvn", """
                #!/bin/sh
                echo called >> "$(dirname "$0")/../mvn-calls"
                mkdir -p runner/target/lib && echo 'not a jar' > runner/target/hubble-kit.jar
                """);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void anUnchangedTreeStartsTheBuiltKitWithoutBuilding() throws Exception {
        launch();
        assertFalse(Files.exists(root.resolve("mvn-calls")), "the launcher rebuilt an unchanged tree");
    }

    @Test
    void aChangedMainSourceRebuildsBeforeStarting() throws Exception {
        Files.writeString(root.resolve("runner/src/main/java/Main.java"), "class Main { int changed; }");
        launch();
        assertEquals(List.of("called"), Files.readAllLines(root.resolve("mvn-calls")));
        assertTrue(Files.isSymbolicLink(root.resolve("runner/target/dist")));
        assertFalse(Files.readSymbolicLink(root.resolve("runner/target/dist")).toString().equals("dist-old"),
                "the rebuilt kit is not the one started");
    }

    @Test
    void aChangedTestSourceOrDocDoesNotRebuild() throws Exception {
        Files.writeString(root.resolve("runner/src/test/java/MainTest.java"), "class MainTest { int changed; }");
        Files.writeString(root.resolve("runner/CHECK.md"), "# changed docs");
        launch();
        assertFalse(Files.exists(root.resolve("mvn-calls")), "the launcher rebuilt for a test source or a doc");
    }

    /** Runs the copied launcher with the fake mvn first on the PATH; java then fails on the fake jar, as it may. */
    private void launch() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("hubble-kit").toString(), "--version")
                .directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(root.resolve("launcher.log").toFile());
        builder.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
    }

    private Path write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static Path old(Path file) throws IOException {
        return Files.setLastModifiedTime(file, FileTime.from(BUILT.minusSeconds(60)));
    }
}
