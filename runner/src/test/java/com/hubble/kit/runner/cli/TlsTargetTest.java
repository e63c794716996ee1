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
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.runner.access.TlsSupport;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * sso.transport.tls against real TLS servers (JDK HttpsServer, a key pair generated per run with keytool, no
 * committed private key): one offering TLS 1.2/1.3 only, one also accepting TLS 1.0 and 1.1.
 */
class TlsTargetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path keys;

    private static Path keystore;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateAKeyPairWithKeytool() throws Exception {
        TlsSupport.allowLegacyProbing(); // the test server shares the JVM and must be able to accept TLS 1.0
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
        Path secret = Files.writeString(dir.resolve("secret"), "tls-test-secret-77");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("check",
                "--base-url", "https://127.0.0.1:" + server.getAddress().getPort(), "--secret-file", secret.toString(),
                "--timeout", "3s", "--only", "sso.transport.tls", "--only", "sso.transport.https",
                "--report-dir", dir.resolve("report").toString()));
        args.addAll(java.util.List.of(more));
        return Cli.run(args.toArray(String[]::new));
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

    @Test
    void aServerThatStillAcceptsTls10And11Fails() throws Exception {
        HttpsServer server = server("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1");
        try {
            Cli cli = check(server, "--insecure");
            assertEquals(1, cli.exit(), cli.both());
            JsonNode tls = tlsCheck();
            assertEquals("FAIL", tls.get("status").asText(), tls.toString());
            assertEquals("TLS 1.0 was accepted; TLS 1.1 was accepted", tls.get("message").asText());
        } finally {
            server.stop(0);
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
