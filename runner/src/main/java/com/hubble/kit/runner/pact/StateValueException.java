package com.hubble.kit.runner.pact;

/** The token source could not supply provider-state values; the message never contains the command's output. */
public final class StateValueException extends Exception {
    private final boolean missingInput;

    public StateValueException(String message) {
        this(message, false);
    }

    /** @param missingInput true when no source was configured at all (the run is incomplete, not misconfigured) */
    public StateValueException(String message, boolean missingInput) {
        super(message);
        this.missingInput = missingInput;
    }

    public boolean missingInput() {
        return missingInput;
    }
}
