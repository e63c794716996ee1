package com.hubble.kit.runner.pact;

import java.util.function.Consumer;

import com.hubble.kit.reference.Secret;
import org.apache.hc.core5.http.HttpRequest;

/** Pact request filter: every request the verifier sends carries the partner's real X-Hubble-Secret. */
public final class SecretHeaderFilter implements Consumer<HttpRequest> {
    static final String HEADER = "X-Hubble-Secret";
    private final Secret secret;

    public SecretHeaderFilter(Secret secret) {
        this.secret = secret;
    }

    @Override
    public void accept(HttpRequest request) {
        request.setHeader(HEADER, secret.reveal());
    }

    @Override
    public String toString() {
        return "SecretHeaderFilter[" + secret + "]";
    }
}
