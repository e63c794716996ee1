package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.hubble.kit.reference.StartFailure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} and {@code sandbox} on a port they cannot bind, each as its own process: exit 2 at once with one line
 * on stderr naming the port and the fix, nothing on stdout (scripts read the URL from there), no stack trace.
 */
class BusyPortTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, List<String> err) {
    }

    /** Runs the kit's main class in a fresh JVM from an empty directory; a run still alive after 30 s fails. */
    private Run kit(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HubbleKit.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("HUBBLE_SECRET", "busy-port-secret-0123456789");
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), args[0] + " still running 30 s after it was started; stderr: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    private static void assertOneLineError(Run run, String expected) {
        assertEquals(2, run.exit(), "exit code; stderr: " + run.err());
        assertEquals("", run.out(), "nothing on stdout");
        assertEquals(List.of(expected), run.err(), "one line on stderr");
        String err = String.join("\n", run.err());
        assertFalse(err.contains("Exception") || err.contains("at io.helidon"), err);
    }

    private static String inUse(String command, int port) {
        return "hubble-kit " + command + ": port " + port + " on 127.0.0.1 is already in use; stop what holds it or "
                + "pick another with --port (0 picks a free one)";
    }

    @Test
    void serveOnAPortAlreadyInUseExits2WithOneLineNamingThePortAndPortFlag() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = held.getLocalPort();

            assertOneLineError(kit("serve", "--port", Integer.toString(port)), inUse("serve", port));
        }
    }

    @Test
    void sandboxOnAPortAlreadyInUseExits2WithOneLineNamingThePortAndPortFlag() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = held.getLocalPort();

            assertOneLineError(kit("sandbox", "--port", Integer.toString(port)), inUse("sandbox", port));
        }
    }

    @Test
    void serveOnAnAddressThatIsNotThisMachinesExits2WithOneLineNamingTheHostSetting() throws Exception {
        // A configuration with its own key may listen beyond loopback; 192.0.2.1 (TEST-NET-1, RFC 5737) is nobody's.
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        Path config = Files.writeString(dir.resolve("far.yaml"), "server:\n  host: 192.0.2.1\n  port: 8080\n"
                + "app:\n  sso:\n    secrets: [\"far-away-secret-0123456789abcdef0123\"]\n"
                + "    signing:\n      key: \"" + Base64.getEncoder().encodeToString(key) + "\"\n");

        assertOneLineError(kit("serve", "--config", config.toString()),
                "hubble-kit serve: 192.0.2.1 is not an address of this machine, so port 8080 on 192.0.2.1 cannot be "
                        + "bound; set server.host (SERVER_HOST) or server.bind-address to one of its addresses, e.g. 127.0.0.1");
    }

    @Test
    void aPortThisUserMayNotBindIsNamedWithTheReasonAndThePortFlag() {
        // The tests may run as root, who may bind anything: the wording is checked on the failure itself.
        StartFailure failure = new StartFailure(StartFailure.Reason.NOT_PERMITTED, "127.0.0.1", 80, "BindException", null);

        assertEquals("port 80 on 127.0.0.1 may not be bound by this user (below 1024 a port needs root or "
                + "CAP_NET_BIND_SERVICE); pick another with --port (0 picks a free one)",
                StartFailureMessage.usageError(failure).getMessage());
    }
}
