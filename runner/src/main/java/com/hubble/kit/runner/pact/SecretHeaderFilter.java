package com.hubble.kit.runner.pact;

import java.util.function.Consumer;

import com.hubble.kit.reference.Secret;
import org.apache.hc.core5.http.HttpRequest;

/**
 * Pact request filter: the pact's placeholder X-Hubble-Secret is replaced by the partner's real one. A request the
 * pact sends without the header (the missing-secret interaction) goes out without it.
 */
public final class SecretHeaderFilter implements Consumer<HttpRequest> {
    static final String HEADER = "X-Hubble-Secret";
    private final Secret secret;

    public SecretHeaderFilter(Secret secret) {
        this.secret = secret;
    }

    @Override
    public void accept(HttpRequest request) {
        if (request.containsHeader(HEADER)) {
            request.setHeader(HEADER, secret.reveal());
        }
    }

    @Override
    public String toString() {
        return "SecretHeaderFilter[" + secret + "]";
    }
}
