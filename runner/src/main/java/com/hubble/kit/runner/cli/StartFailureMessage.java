package com.hubble.kit.runner.cli;

import com.hubble.kit.reference.StartFailure;
import com.hubble.kit.runner.config.UsageError;

/** The one wording of "the server could not listen" for {@code serve} and {@code sandbox}: what, then the fix. */
final class StartFailureMessage {
    private static final String OTHER_PORT = "pick another with --port (0 picks a free one)";

    private StartFailureMessage() {
    }

    static UsageError usageError(StartFailure failure) {
        String where = "port " + failure.port() + " on " + failure.host();
        return new UsageError(switch (failure.reason()) {
            case IN_USE -> where + " is already in use; stop what holds it or " + OTHER_PORT;
            case NOT_PERMITTED -> where + " may not be bound by this user"
                    + (failure.port() > 0 && failure.port() < 1024 ? " (below 1024 a port needs root or CAP_NET_BIND_SERVICE)" : "")
                    + "; " + OTHER_PORT;
            case ADDRESS_NOT_LOCAL -> failure.host() + " is not an address of this machine, so " + where
                    + " cannot be bound; set server.host (SERVER_HOST) or server.bind-address to one of its addresses, "
                    + "e.g. 127.0.0.1";
            case OTHER -> "could not listen on " + where + ": " + failure.detail() + "; check the server settings or "
                    + OTHER_PORT;
        });
    }
}
