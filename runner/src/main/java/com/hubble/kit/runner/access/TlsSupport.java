package com.hubble.kit.runner.access;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS set-up for the kit. The JDK disables TLS 1.0/1.1 in {@code jdk.tls.disabledAlgorithms}; to test that a
 * partner REFUSES them, the kit must be able to offer them, so {@link #allowLegacyProbing()} removes those
 * entries before any SSLContext exists. Ordinary calls still offer only TLS 1.2 and 1.3 (see sso.probe.SsoClient).
 */
public final class TlsSupport {
    private static final String PROPERTY = "jdk.tls.disabledAlgorithms";
    private static volatile boolean legacyAllowed;

    private TlsSupport() {
    }

    /** Must run before the first SSLContext is built (the JDK reads the property once). Idempotent. */
    public static synchronized void allowLegacyProbing() {
        if (legacyAllowed) {
            return;
        }
        String current = Security.getProperty(PROPERTY);
        if (current != null) {
            String kept = Arrays.stream(current.split(","))
                    .map(String::trim)
                    .filter(entry -> !entry.equals("TLSv1") && !entry.equals("TLSv1.1")
                            // TLS 1.0/1.1 handshakes can only be signed with SHA-1 (or MD5+SHA-1).
                            && !entry.startsWith("rsa_pkcs1_sha1") && !entry.startsWith("ecdsa_sha1")
                            && !entry.startsWith("dsa_sha1"))
                    .collect(Collectors.joining(", "));
            Security.setProperty(PROPERTY, kept);
        }
        legacyAllowed = true;
    }

    /** A TLS context that verifies certificates, or trusts every certificate with --insecure. */
    public static SSLContext context(boolean insecure) {
        allowLegacyProbing();
        try {
            if (!insecure) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, null, null);
                return context;
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new TrustEverything()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no usable TLS implementation", e);
        }
    }

    /** --insecure, and the legacy-protocol probe (which only asks "was TLS 1.0 negotiated?"). */
    public static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
