package com.hubble.kit.runner.sso.probe;

/** One timed call: how long it took, whether the answer was the expected kind, and whether any HTTP response came. */
public record Sample(double millis, boolean ok, boolean responded) {

    public Sample(double millis, boolean ok) {
        this(millis, ok, true);
    }
}
