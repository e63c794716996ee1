package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.sso.PartnerServer;

/** The secret is checked where it enters: a value HTTP cannot carry is a usage error that never prints it. */
class SecretInputTest {
    @TempDir
    Path dir;

    private Path secretFile(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("secret"), bytes);
    }

    private Cli check(String command, Path secret) {
        return Cli.run(command, "--base-url", "http://127.0.0.1:9", "--secret-file", secret.toString(),
                "--timeout", "300ms");
    }

    @Test
    void aNonAsciiSecretIsAUsageErrorThatNamesTheProblemAndNeverTheValue() throws IOException {
        for (String value : new String[]{"euro-€-secret-value", "lower-ÿ-secret-value", "ctl\u0007-secret-value",
                "tab-at-end-secret\t", " space-first-secret"}) {
            Path file = secretFile(value.getBytes(StandardCharsets.UTF_8));
            for (String command : new String[]{"check", "verify-pact"}) {
                Cli cli = check(command, file);
                assertEquals(2, cli.exit(), value + " " + cli.both());
                assertTrue(cli.err().contains("cannot be sent as the X-Hubble-Secret header"), cli.both());
                assertTrue(cli.err().contains("RFC 9110"), cli.both());
                assertFalse(cli.both().contains("secret-value") || cli.both().contains("space-first")
                        || cli.both().contains("tab-at-end"), cli.both());
                assertFalse(cli.both().contains("internal error"), cli.both());
            }
        }
    }

    @Test
    void aSecretFromTheEnvironmentIsValidatedToo() {
        Cli cli = Cli.run("check", "--base-url", "http://127.0.0.1:9", "--secret-env", "PATH_DOES_NOT_MATTER_"
                + "NOT_SET_" + System.nanoTime());
        assertEquals(2, cli.exit(), cli.both());
        assertTrue(cli.err().contains("is not set"), cli.both());
        assertEquals(java.util.Optional.of("contains a non-ASCII character at position 2 of 3"),
                TargetInput.headerValueProblem("a€b"));
        assertEquals(java.util.Optional.empty(), TargetInput.headerValueProblem("a b\tc!~"));
    }

    @Test
    void aLeadingByteOrderMarkIsRemovedWithANoteAndTheRunGoesOn() throws IOException {
        String secret = "bom-secret-Qx81Lm02";
        try (PartnerServer server = PartnerServer.start(Secret.of(secret))) {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            byte[] value = (secret + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] bytes = new byte[bom.length + value.length];
            System.arraycopy(bom, 0, bytes, 0, bom.length);
            System.arraycopy(value, 0, bytes, bom.length, value.length);
            Path file = secretFile(bytes);
            Cli cli = Cli.run("check", "--base-url", server.baseUri().toString(), "--secret-file", file.toString(),
                    "--token", server.mint(), "--only", "sso.valid.status", "--only", "sso.secret.wrong");
            assertEquals(0, cli.exit(), cli.both());
            assertTrue(cli.err().contains("byte order mark (U+FEFF); the kit removed it"), cli.err());
            assertFalse(cli.both().contains(secret), cli.both());
        }
    }

    @Test
    void aNamedPipeNobodyWritesToIsAUsageErrorAfterAWaitNotAHangAndOneWithAWriterIsRead() throws Exception {
        Path fifo = dir.resolve("secret.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        long started = System.nanoTime();
        com.hubble.kit.runner.config.UsageError error = org.junit.jupiter.api.Assertions.assertThrows(
                com.hubble.kit.runner.config.UsageError.class, () -> TargetInput.read(fifo, java.time.Duration.ofMillis(300)));
        assertTrue(error.getMessage().contains("delivered nothing within") && error.getMessage().contains("named pipe"),
                error.getMessage());
        assertTrue(System.nanoTime() - started < java.time.Duration.ofSeconds(10).toNanos(), "bounded");
        // Process substitution (--secret-file <(vault read ...)) is a pipe with a writer: it is read. (Another pipe: the
        // reader given up on above still waits on the first.)
        Path piped = dir.resolve("piped.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", piped.toString()).start().waitFor());
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(piped, "piped-secret-0123456789\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.setDaemon(true);
        writer.start();
        assertEquals("piped-secret-0123456789\n", TargetInput.read(piped, java.time.Duration.ofSeconds(10)));
    }
}
