package com.hubble.kit.runner.access;

/** A token source failed (command exited non-zero, printed nothing usable): a configuration error, exit 2. */
public final class TokenSourceFailure extends RuntimeException {
    public TokenSourceFailure(String message) {
        super(message, null, false, false);
    }
}
