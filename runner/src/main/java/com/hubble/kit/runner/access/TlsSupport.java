package com.hubble.kit.runner.access;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS set-up for the kit's own connections, with the JDK's TLS policy as shipped: the kit never edits
 * {@code jdk.tls.disabledAlgorithms} (the TLS 1.0/1.1 refusal test writes its own ClientHello, see
 * sso.probe.LegacyHello). Ordinary calls offer TLS 1.2 and 1.3 (see sso.probe.SsoClient).
 */
public final class TlsSupport {

    private TlsSupport() {
    }

    /** A TLS context that verifies certificates, or trusts every certificate with --insecure. */
    public static SSLContext context(boolean insecure) {
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

    /** --insecure. */
    static final class TrustEverything extends X509ExtendedTrustManager {
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
