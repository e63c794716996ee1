package com.hubble.kit.runner.sso.probe;

/**
 * One timed call as it happened: how long it took and the HTTP status of its answer, or {@link #NO_RESPONSE} when
 * no HTTP response came (refused, reset, timed out). Whether that answer was the right one is the check's call.
 */
public record Sample(double millis, int status) {
    public static final int NO_RESPONSE = -1;

    public boolean responded() {
        return status != NO_RESPONSE;
    }
}
