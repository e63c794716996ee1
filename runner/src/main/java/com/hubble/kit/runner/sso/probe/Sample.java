package com.hubble.kit.runner.sso.probe;

/** One timed call: how long it took and whether the answer was the expected kind. */
public record Sample(double millis, boolean ok) {
}
