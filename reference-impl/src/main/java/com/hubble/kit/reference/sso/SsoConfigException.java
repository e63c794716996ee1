package com.hubble.kit.reference.sso;

/** A configuration the reference server refuses to run with; the message names the key or env var to fix. */
public final class SsoConfigException extends RuntimeException {
    public SsoConfigException(String message) {
        super(message);
    }
}
