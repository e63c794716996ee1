package com.hubble.kit.runner.sso.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import com.hubble.kit.runner.access.TlsSupport;

/**
 * Handshakes with the target as an ordinary client (which version is negotiated), then asks with a ClientHello
 * offering only TLS 1.0, then only TLS 1.1, whether it would speak them (see {@link LegacyHello}). No request is sent.
 */
public record TlsProbe() implements Probe<TlsFacts> {

    @Override
    public Probed<TlsFacts> run(ProbeContext context) {
        if (!"https".equalsIgnoreCase(context.base().getScheme())) {
            return new Probed.NotApplicable<>("the target is plain HTTP, there is no TLS to judge");
        }
        String host = context.base().getHost();
        int port = context.base().getPort() == -1 ? 443 : context.base().getPort();
        int timeout = (int) context.settings().timeout().toMillis();
        Optional<String> negotiated = Optional.empty();
        String failure = "";
        try {
            negotiated = Optional.of(handshake(TlsSupport.context(context.settings().insecure()), host, port, timeout,
                    new String[]{"TLSv1.3", "TLSv1.2"}));
        } catch (IOException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return new Probed.Gathered<>(new TlsFacts(host, negotiated, failure,
                LegacyHello.offer(host, port, timeout, LegacyHello.Version.TLS_1_0),
                LegacyHello.offer(host, port, timeout, LegacyHello.Version.TLS_1_1)));
    }

    private static String handshake(SSLContext context, String host, int port, int timeout, String[] protocols)
            throws IOException {
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(host, port), timeout);
            raw.setSoTimeout(timeout);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, false)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setProtocols(protocols);
                if (sendsServerName(host)) {
                    parameters.setServerNames(java.util.List.of(new SNIHostName(host)));
                }
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                return socket.getSession().getProtocol();
            }
        }
    }

    /** SNI names a host by DNS name only: not an IP literal, not loopback. */
    static boolean sendsServerName(String host) {
        return !TargetFacts.isLoopback(host) && !host.matches("[0-9.]+") && !host.contains(":");
    }

    @Override
    public String describe() {
        return "TLS handshakes only: one as an ordinary client, one offering only TLS 1.0, one offering only TLS 1.1";
    }
}
