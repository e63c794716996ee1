package com.hubble.kit.runner.cli;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * A partner that still accepts TLS 1.0 and 1.1, for TlsTargetTest. It runs in a JVM of its own, started with a
 * {@code jdk.tls.disabledAlgorithms} that allows them, so the test JVM keeps the JDK's TLS policy. Prints its port,
 * then serves until its standard input closes (the test ends it, or dies).
 * Arguments: keystore (PKCS12), password, protocols...
 */
public final class LegacyTlsServer {
    private LegacyTlsServer() {
    }

    public static void main(String[] args) throws Exception {
        char[] password = args[1].toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            store.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        String[] protocols = java.util.Arrays.copyOfRange(args, 2, args.length);
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
        System.out.println(server.getAddress().getPort());
        System.out.flush();
        while (System.in.read() != -1) {
            // serve until the parent closes our input
        }
        server.stop(0);
        System.exit(0);
    }
}
