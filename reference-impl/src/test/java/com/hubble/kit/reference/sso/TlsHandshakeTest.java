package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TLS 1.2 and 1.3 handshakes with a server started as {@code serve --config FILE} starts it (a YAML file read by
 * SsoConfigLoader.file), one for an RSA and one for an EC key made by the JDK's keytool, from openssl s_client and
 * from a JDK client, each verifying the server's certificate.
 */
class TlsHandshakeTest {
    enum KeyType {
        RSA(List.of("-keyalg", "RSA", "-keysize", "2048")),
        EC(List.of("-keyalg", "EC")); // keytool's default curve

        final List<String> keytoolArgs;

        KeyType(List<String> keytoolArgs) {
            this.keytoolArgs = keytoolArgs;
        }
    }

    private static final String PASSWORD = "changeit";
    @TempDir
    static Path dir;
    private static final Map<KeyType, WebServer> SERVERS = new EnumMap<>(KeyType.class);
    private static final Map<KeyType, Path> STORES = new EnumMap<>(KeyType.class);

    @BeforeAll
    static void startOneServerPerKeyType() throws Exception {
        String template = new String(TlsHandshakeTest.class.getClassLoader().getResourceAsStream("sso-test.yaml")
                .readAllBytes(), StandardCharsets.UTF_8);
        for (KeyType type : KeyType.values()) {
            Path store = dir.resolve(type + ".p12");
            keytool(type.keytoolArgs, "-genkeypair", "-alias", "server", "-dname", "CN=localhost",
                    "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
            keytool(List.of(), "-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(),
                    "-storepass", PASSWORD, "-file", dir.resolve(type + ".pem").toString());
            Path yaml = dir.resolve(type + ".yaml");
            Files.writeString(yaml, template.replace("  port: 0\n", """
                      port: 0
                      tls:
                        private-key:
                          keystore:
                            resource:
                              path: "%s"
                            passphrase: "%s"
                            key:
                              alias: "server"
                    """.formatted(store, PASSWORD)));
            STORES.put(type, store);
            SERVERS.put(type, Main.start(SsoConfigLoader.file(yaml, Map.of())));
        }
    }

    @AfterAll
    static void stopServers() {
        SERVERS.values().forEach(WebServer::stop);
    }

    private static void keytool(List<String> extra, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(extra);
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, keytool.exitValue(), output);
    }

    @ParameterizedTest(name = "{0} key, {1}")
    @CsvSource({"RSA, TLSv1.2", "RSA, TLSv1.3", "EC, TLSv1.2", "EC, TLSv1.3"})
    void aJdkClientNegotiatesEachVersionAndVerifiesTheCertificate(KeyType type, String protocol) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(STORES.get(type))) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", SERVERS.get(type).port())) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();

            assertEquals(protocol, socket.getSession().getProtocol());
            String expectedKey = type == KeyType.RSA ? "RSA" : "EC";
            assertEquals(expectedKey, socket.getSession().getPeerCertificates()[0].getPublicKey().getAlgorithm());
        }
    }

    @ParameterizedTest(name = "{0} key, {1}")
    @CsvSource({"RSA, tls1_2, TLSv1.2", "RSA, tls1_3, TLSv1.3", "EC, tls1_2, TLSv1.2", "EC, tls1_3, TLSv1.3"})
    void opensslNegotiatesEachVersionAndVerifiesTheCertificate(KeyType type, String flag, String protocol)
            throws Exception {
        Assumptions.assumeTrue(onPath("openssl"), "openssl is not installed: the s_client handshakes were skipped "
                + "(apt-get install openssl to run them)");
        Process client = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + SERVERS.get(type).port(),
                "-" + flag, "-CAfile", dir.resolve(type + ".pem").toString(), "-verify_return_error",
                "-verify_ip", "127.0.0.1")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(client.waitFor(30, TimeUnit.SECONDS), "openssl s_client did not finish");

        Matcher negotiated = Pattern.compile("New, (TLSv1\\.[23]), Cipher is (\\S+)").matcher(output);
        assertTrue(negotiated.find(), "no handshake: " + output);
        assertEquals(protocol, negotiated.group(1), output);
        assertTrue(output.contains("Verify return code: 0 (ok)"), output);
        assertTrue(protocol.equals("TLSv1.3") || negotiated.group(2).startsWith(type == KeyType.RSA ? "ECDHE-RSA-" : "ECDHE-ECDSA-"),
                "TLS 1.2 should use forward-secret ECDHE with the " + type + " key: " + negotiated.group(2));
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }
}
