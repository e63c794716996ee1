package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * sso.transport.tls against real TLS servers (JDK HttpsServer, a key pair generated per run with keytool, no
 * committed private key): one offering TLS 1.2/1.3 only, in this JVM, and one also accepting TLS 1.0 and 1.1, in
 * a JVM of its own whose TLS policy allows them (this JVM keeps the JDK's policy, which the kit must not relax).
 */
class TlsTargetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String PROPERTY = "jdk.tls.disabledAlgorithms";

    @TempDir
    static Path keys;

    private static Path keystore;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateAKeyPairWithKeytool() throws Exception {
        keystore = keys.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        byte[] output = keytool.getInputStream().readAllBytes();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, keytool.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static HttpsServer server(String... protocols) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setProtocols(protocols);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/", exchange -> {
            byte[] body = "{\"userId\":null}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private Cli check(HttpsServer server, String... more) throws IOException {
        return check("https://127.0.0.1:" + server.getAddress().getPort(), more);
    }

    private JsonNode tlsCheck() throws IOException {
        return JSON.readTree(dir.resolve("report/report.json").toFile()).get("checks").get(1); // catalogue order: https, then tls
    }

    @Test
    void aServerWithTls12And13OnlyPasses() throws Exception {
        HttpsServer server = server("TLSv1.3", "TLSv1.2");
        try {
            Cli cli = check(server, "--insecure");
            assertEquals(0, cli.exit(), cli.both());
            JsonNode tls = tlsCheck();
            assertEquals("sso.transport.tls", tls.get("id").asText());
            assertEquals("PASS", tls.get("status").asText(), tls.toString());
            assertTrue(tls.get("message").asText().contains("TLSv1.3"), tls.toString());
            assertTrue(cli.err().contains("WARNING: --insecure"), "--insecure is warned loudly");
        } finally {
            server.stop(0);
        }
    }

    /** A JDK HttpsServer accepting TLS 1.0 and 1.1, in a child JVM with those allowed; its port. */
    private static final class LegacyServer implements AutoCloseable {
        private final Process process;
        private final int port;

        LegacyServer(Path dir) throws Exception {
            String relaxed = java.util.Arrays.stream(Security.getProperty(PROPERTY).split(","))
                    .map(String::trim)
                    .filter(entry -> !entry.equals("TLSv1") && !entry.equals("TLSv1.1")
                            && !entry.startsWith("rsa_pkcs1_sha1") && !entry.startsWith("ecdsa_sha1")
                            && !entry.startsWith("dsa_sha1"))
                    .collect(java.util.stream.Collectors.joining(", "));
            Path properties = Files.writeString(dir.resolve("legacy.security"), PROPERTY + "=" + relaxed + "\n");
            String classes = Path.of(LegacyTlsServer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.security.properties=" + properties, "-cp", classes, LegacyTlsServer.class.getName(),
                    keystore.toString(), new String(PASSWORD), "TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            java.io.BufferedReader out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.matches("[0-9]+"), "the legacy server printed its port: " + line);
            port = Integer.parseInt(line);
        }

        String url() {
            return "https://127.0.0.1:" + port;
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private Cli check(String baseUrl, String... more) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret"), "tls-test-secret-77");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("check",
                "--base-url", baseUrl, "--secret-file", secret.toString(),
                "--timeout", "3s", "--only", "sso.transport.tls", "--only", "sso.transport.https",
                "--report-dir", dir.resolve("report").toString()));
        args.addAll(java.util.List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aServerThatStillAcceptsTls10And11Fails() throws Exception {
        try (LegacyServer server = new LegacyServer(dir)) {
            Cli cli = check(server.url(), "--insecure");
            assertEquals(1, cli.exit(), cli.both());
            JsonNode tls = tlsCheck();
            assertEquals("FAIL", tls.get("status").asText(), tls.toString());
            assertEquals("TLS 1.0 was accepted; TLS 1.1 was accepted", tls.get("message").asText());
        }
    }

    @Test
    void theLegacyProbeLeavesTheJvmsTlsPolicyAsTheJdkShipsIt() throws Exception {
        String before = Security.getProperty(PROPERTY);
        assertTrue(before.matches("(^|.*,\\s*)TLSv1(\\s*,.*|$)"), "the JDK disables TLS 1.0 by default: " + before);
        try (LegacyServer server = new LegacyServer(dir)) {
            Cli cli = check(server.url(), "--insecure");
            assertEquals(1, cli.exit(), cli.both()); // the probe did reach TLS 1.0 ...
            assertEquals(before, Security.getProperty(PROPERTY), "... without editing " + PROPERTY);
            // ... and this JVM's own TLS stack still will not speak TLS 1.0 to the same server.
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, null, null);
            try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory()
                    .createSocket("127.0.0.1", server.port)) {
                socket.setSoTimeout(3000);
                socket.setEnabledProtocols(new String[]{"TLSv1"});
                javax.net.ssl.SSLHandshakeException refused = org.junit.jupiter.api.Assertions.assertThrows(
                        javax.net.ssl.SSLHandshakeException.class, socket::startHandshake);
                assertTrue(String.valueOf(refused.getMessage()).contains("No appropriate protocol"), refused.toString());
            }
        }
    }

    @Test
    void anUntrustedCertificateWithoutInsecureIsUnreachable() throws Exception {
        HttpsServer server = server("TLSv1.3", "TLSv1.2");
        try {
            Cli cli = check(server);
            assertEquals(3, cli.exit(), cli.both());
            assertTrue(cli.err().contains("certificate"), cli.err());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void verifyPactChecksTheCertificateSoAnUntrustedOneIsUnreachable() throws Exception {
        HttpsServer server = server("TLSv1.3", "TLSv1.2");
        try {
            Path secret = Files.writeString(dir.resolve("secret"), "tls-test-secret-77");
            Cli cli = Cli.run("verify-pact", "--base-url", "https://127.0.0.1:" + server.getAddress().getPort(),
                    "--secret-file", secret.toString(), "--token-command", "echo some-token", "--timeout", "3s");
            assertEquals(ExitCode.UNREACHABLE.code(), cli.exit(), cli.both());
            assertTrue(cli.err().contains("cannot connect"), cli.both());
        } finally {
            server.stop(0);
        }
    }
}
