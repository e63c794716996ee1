package com.hubble.kit.reference.client;

/** The client cannot start: a missing credential, an unknown environment, a malformed base URL. */
public final class ClientConfigurationException extends RuntimeException {
    public ClientConfigurationException(String message) {
        super(message);
    }
}
