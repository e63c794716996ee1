package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The CLI's edges: every --help ends with the exit codes, nothing escapes as a stack trace, bad numbers say why. */
class CliRobustnessTest {
    private static final List<String> EXIT_LINES = List.of("  0  compliant", "  1  non-compliant", "  2  usage",
            "  3  target unreachable", "  4  incomplete");

    @Test
    void everyCommandsHelpEndsWithTheExitCodeTableAndNoPlaceholderOrWarning() {
        List<String> names = HubbleKit.commandLine().getSubcommands().keySet().stream().toList();
        assertTrue(names.containsAll(List.of("client-check", "sandbox", "login-doctor", "verify-pact", "baseline",
                "check", "list", "explain", "serve", "mint")), names.toString());
        for (String name : names) {
            Cli cli = name.equals("help") ? Cli.run("help", "help") : Cli.run(name, "--help");
            assertHelp(name, cli);
        }
        assertHelp("hubble-kit", Cli.run("--help"));
        assertHelp("help client-check", Cli.run("help", "client-check"));
    }

    private static void assertHelp(String name, Cli cli) {
        assertEquals(0, cli.exit(), name + ": " + cli.both());
        String text = cli.out() + cli.err();
        assertFalse(text.contains("%s") || text.contains("%n"), name + " help has a format placeholder: " + text);
        assertFalse(text.contains("[picocli WARN]"), name + ": " + text);
        assertTrue(text.contains("Exit codes:"), name + ": " + text);
        EXIT_LINES.forEach(line -> assertTrue(text.contains(line), name + " lacks '" + line + "': " + text));
    }

    @CommandLine.Command(name = "boom")
    static final class Boom implements Callable<ExitCode> {
        private final Supplier<Throwable> failure;

        Boom(Supplier<Throwable> failure) {
            this.failure = failure;
        }

        @Override
        public ExitCode call() throws Exception {
            Throwable t = failure.get();
            if (t instanceof Exception e) {
                throw e;
            }
            throw (Error) t;
        }
    }

    private static Cli boom(Supplier<Throwable> failure) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HubbleKit.run(() -> {
            CommandLine commandLine = HubbleKit.commandLine();
            commandLine.addSubcommand("boom", new CommandLine(new Boom(failure)));
            return commandLine;
        }, new PrintWriter(out, true), new PrintWriter(err, true), "boom");
        return new Cli(exit, out.toString(), err.toString());
    }

    @Test
    void anErrorEscapingACommandIsOneLineAndExitTwoNotATraceAndNotOne() {
        Cli noClass = boom(() -> new NoClassDefFoundError("com/hubble/kit/runner/report/Gate"));
        assertEquals(2, noClass.exit(), noClass.both());
        assertEquals("hubble-kit: internal error: NoClassDefFoundError: com/hubble/kit/runner/report/Gate",
                noClass.err().strip(), noClass.both());
        Cli memory = boom(() -> new OutOfMemoryError("Java heap space"));
        assertEquals(2, memory.exit(), memory.both());
        assertEquals("hubble-kit: internal error: OutOfMemoryError: Java heap space", memory.err().strip());
    }

    @Test
    void anExceptionEscapingACommandShowsItsOwnMessageOnOneLineAndNeverItsCauses() {
        Cli cli = boom(() -> new IllegalStateException("cannot go on\n\tat line two",
                new RuntimeException("Authorization: Bearer sbx.cause-token")));
        assertEquals(2, cli.exit(), cli.both());
        assertEquals("hubble-kit: internal error: IllegalStateException: cannot go on at line two", cli.err().strip());
        assertFalse(cli.err().contains("sbx.cause-token"), cli.err());
        assertFalse(cli.err().contains("\tat "), "no stack trace: " + cli.err());
    }

    @Test
    void anInternalErrorBlanksTheValuesOfSecretVariablesAndStaysShort() {
        String line = HubbleKit.internalError(new IllegalArgumentException("bad header value hunter2-secret-value "
                + "x".repeat(500)), Map.of("HUBBLE_SECRET", "hunter2-secret-value", "HOME", "/root"));
        assertFalse(line.contains("hunter2-secret-value"), line);
        assertTrue(line.contains("[redacted]"), line);
        assertTrue(line.length() < 300, line);
    }

    @Test
    void mainWithoutExitTurnsOffPactTracking() {
        System.clearProperty("pact_do_not_track");
        Cli.run("--version");
        assertEquals("true", System.getProperty("pact_do_not_track"));
    }

    @Test
    void anUnknownOptionIsNamedButTheValuesGivenWithItAreNeverPrinted() {
        Cli secret = Cli.run("check", "--secret", "my-partner-secret-123");
        assertEquals(2, secret.exit());
        assertFalse(secret.both().contains("my-partner-secret-123"), secret.both());
        assertTrue(secret.err().contains("unknown option --secret"), secret.err());
        assertTrue(secret.err().contains("export HUBBLE_SECRET") && secret.err().contains("--secret-file"), secret.err());
        Cli joined = Cli.run("check", "--secret=hunter2-abc", "--client-secret", "cs-value-456");
        assertEquals(2, joined.exit());
        assertFalse(joined.both().contains("hunter2-abc") || joined.both().contains("cs-value-456"), joined.both());
        assertTrue(joined.err().contains("unknown options --secret, --client-secret"), joined.err());
        Cli typo = Cli.run("check", "--tokn", "SECRETTOKEN123");
        assertEquals(2, typo.exit());
        assertFalse(typo.both().contains("SECRETTOKEN123"), typo.both());
        assertTrue(typo.err().contains("unknown option --tokn") && typo.err().contains("did you mean --token"), typo.err());
        Cli stray = Cli.run("check", "stray-token-value-789");
        assertEquals(2, stray.exit());
        assertFalse(stray.both().contains("stray-token-value-789"), stray.both());
        assertTrue(stray.err().contains("1 value not understood (not shown"), stray.err());
        Cli command = Cli.run("chek");
        assertEquals(2, command.exit());
        assertTrue(command.err().contains("unknown command 'chek'") && command.err().contains("did you mean check"),
                command.err());
    }

    @Test
    void aBadValueFromTheConfigFileIsNamedWhereItWasWritten(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path config = java.nio.file.Files.writeString(dir.resolve("kit.yaml"), "check:\n  parallelism: abc\n");
        Cli fromFile = Cli.run("check", "--config", config.toString());
        assertEquals(2, fromFile.exit(), fromFile.both());
        assertTrue(fromFile.err().contains(config + ": check.parallelism (--parallelism): 'abc'"), fromFile.err());
        Cli fromFlag = Cli.run("check", "--config", config.toString(), "--parallelism", "xyz");
        assertEquals(2, fromFlag.exit(), fromFlag.both());
        assertTrue(fromFlag.err().contains("hubble-kit: --parallelism: 'xyz'"), "a flag is named as the flag: " + fromFlag.err());
    }

    @Test
    void aNonNumericNumberOptionNamesTheOptionAndWhatItWants() {
        Cli expires = Cli.run("client-check", "--run", "true", "--expires-in", "abc");
        assertEquals(2, expires.exit());
        assertTrue(expires.err().contains("--expires-in: 'abc' is not a whole number of seconds"), expires.err());
        assertFalse(expires.err().contains("is not a long"), expires.err());
        Cli inject = Cli.run("client-check", "--run", "true", "--inject-401-at", "fifth");
        assertEquals(2, inject.exit());
        assertTrue(inject.err().contains("--inject-401-at: 'fifth' is not a call number"), inject.err());
        Cli port = Cli.run("sandbox", "--port", "http");
        assertEquals(2, port.exit());
        assertTrue(port.err().contains("--port: 'http' is not a port number"), port.err());
        Cli big = Cli.run("sandbox", "--port", "70000");
        assertEquals(2, big.exit());
        assertTrue(big.err().contains("--port: '70000' is not a port number (0 to 65535)"), big.err());
        for (String option : List.of("--expires-in", "--retry-after", "--inject-401-at", "--inject-429-at",
                "--inject-503-at")) {
            Cli cli = Cli.run("sandbox", option, "1.5");
            assertEquals(2, cli.exit(), option);
            assertTrue(cli.err().contains(option + ": '1.5' is not a "), cli.err());
            assertFalse(cli.err().contains("is not a long") || cli.err().contains("is not an int"), cli.err());
        }
    }

    @Test
    void aDurationPastItsLimitIsAUsageErrorNamingTheFlagAndTheLimitBeforeAnyRequest() {
        Cli load = Cli.run("check", "--load-duration", "999999999999s");
        assertEquals(2, load.exit(), load.both());
        assertTrue(load.err().contains("--load-duration: '999999999999s' is longer than the limit of 60m (1 h)"), load.err());
        assertFalse(load.err().contains("checking") || load.err().contains("internal error"), load.err());
        assertEquals("", load.out());
        Cli hour = Cli.run("check", "--load-duration", "61m");
        assertTrue(hour.exit() == 2 && hour.err().contains("--load-duration: '61m' is longer than the limit of 60m"),
                hour.both());
        // 18 digits of minutes overflowed Duration.ofMinutes before the limit
        Cli minutes = Cli.run("check", "--timeout", "999999999999999999m");
        assertTrue(minutes.exit() == 2
                && minutes.err().contains("--timeout: '999999999999999999m' is longer than the limit of 1440m (24 h)"),
                minutes.both());
        Cli client = Cli.run("client-check", "--run", "true", "--max-duration", "1441m");
        assertTrue(client.exit() == 2 && client.err().contains("--max-duration: '1441m' is longer than the limit"),
                client.both());
        // the limit itself is accepted: the run goes on to the next usage error
        Cli atLimit = Cli.run("check", "--base-url", "http://127.0.0.1:9", "--timeout", "1440m", "--load-duration",
                "60m", "--concurrency", "0");
        assertTrue(atLimit.exit() == 2 && atLimit.err().contains("--concurrency must be"), atLimit.both());
    }

    @Test
    void aNumberPastItsLimitIsAUsageErrorNamingTheFlagAndTheLimitBeforeTheClientRuns() {
        for (String value : List.of("9300000000000000", "99999999999999999999999")) {
            for (String option : List.of("--expires-in", "--first-expires-in")) {
                Cli cli = Cli.run("client-check", "--run", "echo client-ran", option, value);
                assertEquals(2, cli.exit(), cli.both());
                assertTrue(cli.err().contains(option + ": '" + value
                        + "' is more than the limit of 315360000 seconds (10 years)"), cli.err());
                assertFalse(cli.both().contains("client-ran") || cli.err().contains("sandbox at"), cli.both());
            }
        }
        Cli retry = Cli.run("sandbox", "--retry-after", "86401");
        assertTrue(retry.exit() == 2 && retry.err().contains("--retry-after: '86401' is more than the limit of 86400 seconds"),
                retry.both());
        Cli inject = Cli.run("client-check", "--run", "true", "--inject-401-at", "1000001");
        assertTrue(inject.exit() == 2 && inject.err().contains("--inject-401-at: '1000001' is more than the limit of 1000000"),
                inject.both());
        Cli maxRate = Cli.run("check", "--base-url", "http://127.0.0.1:9", "--max-rate", "1000001");
        assertTrue(maxRate.exit() == 2 && maxRate.err().contains("--max-rate must be"), maxRate.both());
    }
}
