package com.hubble.kit.runner.sso.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import com.hubble.kit.runner.access.TlsSupport;

/**
 * Handshakes with the target: once as an ordinary client (which version is negotiated), then offering only
 * TLS 1.0, then only TLS 1.1 (is it refused?). Only the handshake is performed; no request is sent.
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
                legacy(host, port, timeout, "TLSv1"), legacy(host, port, timeout, "TLSv1.1")));
    }

    private static TlsFacts.Legacy legacy(String host, int port, int timeout, String protocol) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new TlsSupport.TrustEverything()}, null);
            String agreed = handshake(context, host, port, timeout, new String[]{protocol});
            return agreed.equals(protocol) ? TlsFacts.Legacy.ACCEPTED : TlsFacts.Legacy.REFUSED;
        } catch (SSLHandshakeException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            // The JDK itself refused to offer the protocol: the kit cannot judge.
            return message.contains("no appropriate protocol") ? TlsFacts.Legacy.UNTESTABLE : TlsFacts.Legacy.REFUSED;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return TlsFacts.Legacy.UNTESTABLE;
        } catch (IOException e) {
            return TlsFacts.Legacy.REFUSED; // the server closed or reset the connection: refused
        }
    }

    private static String handshake(SSLContext context, String host, int port, int timeout, String[] protocols)
            throws IOException {
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(host, port), timeout);
            raw.setSoTimeout(timeout);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, false)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setProtocols(protocols);
                if (!TargetFacts.isLoopback(host) && !host.matches("[0-9.]+") && !host.contains(":")) {
                    parameters.setServerNames(java.util.List.of(new SNIHostName(host)));
                }
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                return socket.getSession().getProtocol();
            }
        }
    }

    @Override
    public String describe() {
        return "TLS handshakes only: one as an ordinary client, one offering only TLS 1.0, one offering only TLS 1.1";
    }
}
