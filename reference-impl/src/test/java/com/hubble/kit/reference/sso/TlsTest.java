package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
    @TempDir
    static Path dir;
    private static Path store;

    @org.junit.jupiter.api.BeforeAll
    static void makeKeyStore() throws Exception {
        store = keyStore(dir);
    }

    /** A self-signed PKCS12 key store made with the JDK's keytool. */
    private static Path keyStore(Path where) throws Exception {
        Path store = where.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, keytool.exitValue(), new String(keytool.getInputStream().readAllBytes()));
        return store;
    }

    private static SSLContext trusting(Path store) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            trust.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static String handshake(SSLContext context, int port, String protocol) throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    private static WebServer startWithTls(Path keys, Map<String, String> extra) {
        java.util.HashMap<String, String> settings = new java.util.HashMap<>(Map.of(
                "server.tls.private-key.keystore.resource.path", keys.toString(),
                "server.tls.private-key.keystore.passphrase", "changeit",
                "server.tls.private-key.keystore.key.alias", "server"));
        settings.putAll(extra);
        return Main.start(SsoFixtures.testConfig(settings));
    }

    @Test
    void servesHttpsWithTls13AndTls12WhenAKeyStoreIsConfigured() throws Exception {
        WebServer server = startWithTls(store, Map.of());
        try {
            assertTrue(server.hasTls());
            assertEquals("TLSv1.3", handshake(trusting(store), server.port(), "TLSv1.3"));
            assertEquals("TLSv1.2", handshake(trusting(store), server.port(), "TLSv1.2"));
        } finally {
            server.stop();
        }
    }

    @Test
    void honoursAnExplicitTls13OnlyListByRefusingATls12Handshake() throws Exception {
        WebServer server = startWithTls(store, Map.of("server.tls.protocols.0", "TLSv1.3"));
        try {
            assertThrows(javax.net.ssl.SSLException.class, () -> handshake(trusting(store), server.port(), "TLSv1.2"));
            assertEquals("TLSv1.3", handshake(trusting(store), server.port(), "TLSv1.3"));
        } finally {
            server.stop();
        }
    }
}
