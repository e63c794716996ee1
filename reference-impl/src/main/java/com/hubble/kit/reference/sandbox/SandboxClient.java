package com.hubble.kit.reference.sandbox;

import java.util.Objects;

import com.hubble.kit.reference.Secret;

/** One set of partner credentials the sandbox accepts; a client that is not allow-listed gets 403 (Hubble's IP allow-list). */
public record SandboxClient(String clientId, Secret clientSecret, boolean allowListed) {
    public SandboxClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }
}
