package com.hubble.kit.runner.pact;

/** A provider state could not get its values: no token source given, the source failed, or it lacks a value. */
final class StateValueException extends Exception {
    /** Why the values are missing. */
    enum Cause { NO_SOURCE, SOURCE_FAILED, VALUE_MISSING }

    private final Cause cause;

    StateValueException(String message, Cause cause) {
        super(message, null, false, false);
        this.cause = cause;
    }

    /** No source was configured: the run is incomplete, not misconfigured. */
    boolean missingInput() {
        return cause == Cause.NO_SOURCE;
    }

    boolean sourceFailed() {
        return cause == Cause.SOURCE_FAILED;
    }
}
