package com.hubble.kit.runner.config;

/**
 * The user asked for something the kit cannot do as given (bad flag value, unreadable file, failing token
 * command): the message names the problem and the fix. The CLI prints {@code hubble-kit <command>: <message>}
 * and exits 2, in one place; nothing else catches this except to turn it into data (a pact provider state
 * whose token source failed).
 */
public final class UsageError extends RuntimeException {
    public UsageError(String message) {
        super(message, null, false, false);
    }
}
