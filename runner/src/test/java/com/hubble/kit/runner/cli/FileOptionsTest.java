package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File and directory options in words: an unusable --report-dir stops check, verify-pact and client-check before their
 * first request; --baseline, baseline --from and --out say "does not exist" / "is a directory", never a Java class name.
 */
class FileOptionsTest {
    private static final String SECRET = "file-options-secret-Hq7wP2xK9mR4";

    @TempDir
    Path dir;

    /** Runs a command against a listening socket that never accepts, then says whether anything connected to it. */
    private Cli runAgainstASilentTarget(String command, String reportDir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET + "\n");
        try (ServerSocket target = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<String> args = new ArrayList<>(List.of(command, "--base-url", "http://127.0.0.1:" + target.getLocalPort(),
                    "--secret-file", secret.toString(), "--timeout", "500ms", "--report-dir", reportDir));
            Cli cli = Cli.run(args.toArray(String[]::new));
            target.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, target::accept, command + " sent a request: " + cli.both());
            return cli;
        }
    }

    private static void assertOneLineUsageErrorWithoutVerdict(Cli cli, String expected) {
        assertEquals(2, cli.exit(), cli.both());
        assertTrue(cli.err().contains(expected), cli.err());
        assertEquals("", cli.out(), "no verdict is printed for a run that did not happen");
        assertFalse(cli.err().contains("Exception"), cli.err());
        // one line, and at most the usage hint every option error gets
        assertEquals(1, cli.err().strip().lines().filter(l -> !l.matches("Run 'hubble-kit [a-z-]+ --help' for usage\\.")).count(),
                cli.err());
    }

    @Test
    void aReportDirThatIsAFileStopsCheckAndVerifyPactBeforeTheirFirstRequest() throws Exception {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        for (String command : List.of("check", "verify-pact")) {
            Cli cli = runAgainstASilentTarget(command, file.toString());
            assertOneLineUsageErrorWithoutVerdict(cli, "--report-dir " + file + " is a file");
        }
    }

    @Test
    void aReportDirThatCannotBeCreatedNamesTheParentInTheWay() throws Exception {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        Cli under = runAgainstASilentTarget("check", file.resolve("reports").toString());
        assertOneLineUsageErrorWithoutVerdict(under, "--report-dir " + file.resolve("reports") + " cannot be created: "
                + file + " is a file");
        // /proc takes no new files, not even from root: tried, not guessed from permission bits
        Cli proc = runAgainstASilentTarget("verify-pact", "/proc/hubble-kit-reports");
        assertOneLineUsageErrorWithoutVerdict(proc, "--report-dir /proc/hubble-kit-reports cannot be created: /proc is not writable");
    }

    @Test
    void anExistingReportDirThatTakesNoFilesIsNotWritable() throws Exception {
        Cli cli = runAgainstASilentTarget("check", "/proc");
        assertOneLineUsageErrorWithoutVerdict(cli, "--report-dir /proc is not writable");
    }

    @Test
    void aMissingReportDirIsCreatedWithItsParentsAndHoldsTheReports() throws Exception {
        Path reports = dir.resolve("build/hubble-kit");
        Cli cli = Cli.run("check", "--only", "sso.valid.status", "--report-dir", reports.toString());
        assertEquals(0, cli.exit(), cli.both());
        assertTrue(Files.isRegularFile(reports.resolve("report.json")), cli.both());
        try (var left = Files.list(reports)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".probe")), "the write probe is removed");
        }
    }

    @Test
    void aReportDirThatIsAFileStopsClientCheckBeforeTheClientRuns() throws Exception {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        Path ran = dir.resolve("client-ran");
        Cli cli = Cli.run("client-check", "--run", "touch '" + ran + "'", "--report-dir", file.toString());
        assertOneLineUsageErrorWithoutVerdict(cli, "--report-dir " + file + " is a file");
        assertFalse(Files.exists(ran), "the client was started");
    }

    @Test
    void aBaselineThatDoesNotExistOrIsADirectorySaysSo() {
        Path missing = dir.resolve("no-such-baseline.yaml");
        Cli absent = Cli.run("check", "--baseline", missing.toString());
        assertOneLineUsageErrorWithoutVerdict(absent, "baseline " + missing + " does not exist");
        Cli directory = Cli.run("check", "--baseline", dir.toString());
        assertOneLineUsageErrorWithoutVerdict(directory, "baseline " + dir + " is a directory");
    }

    @Test
    void aMalformedBaselineIsOneLineNamingTheFileLineAndColumn() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "- id: sso.valid.status\n  reason: [unclosed\n  owner: me\n");
        Cli cli = Cli.run("check", "--baseline", bad.toString());
        assertOneLineUsageErrorWithoutVerdict(cli, "baseline " + bad + " is not valid YAML at line ");
        assertTrue(cli.err().matches("(?s).*at line \\d+, column \\d+: \\S.*"), cli.err());
    }

    @Test
    void baselineFromAMissingReportOrOutToADirectorySaysWhichAndWhy() throws Exception {
        Path missing = dir.resolve("nope.json");
        Cli from = Cli.run("baseline", "--from", missing.toString());
        assertOneLineUsageErrorWithoutVerdict(from, "--from " + missing + " does not exist");
        Cli fromDir = Cli.run("baseline", "--from", dir.toString());
        assertOneLineUsageErrorWithoutVerdict(fromDir, "--from " + dir + " is a directory");
        Path report = Files.writeString(dir.resolve("report.json"), "{\"checks\": []}");
        Cli out = Cli.run("baseline", "--from", report.toString(), "--out", dir.toString());
        assertOneLineUsageErrorWithoutVerdict(out, "--out " + dir + " is a directory");
        Path nowhere = dir.resolve("no/such/dir/baseline.yaml");
        Cli parent = Cli.run("baseline", "--from", report.toString(), "--out", nowhere.toString());
        assertOneLineUsageErrorWithoutVerdict(parent, "--out " + nowhere + " cannot be created: its directory "
                + nowhere.getParent() + " does not exist");
    }
}
