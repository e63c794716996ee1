package com.hubble.kit.runner.sso.probe;

/** A probe's result: the gathered input, or why there is none. */
public sealed interface Probed<I> permits Probed.Gathered, Probed.Lacking, Probed.NotApplicable {

    record Gathered<I>(I input) implements Probed<I> {
    }

    /** An input the partner did not provide (e.g. an expired-token source): a MUST check becomes INCOMPLETE. */
    record Lacking<I>(String input) implements Probed<I> {
    }

    /** The check does not apply to this target (e.g. TLS on a plain-HTTP loopback target). */
    record NotApplicable<I>(String why) implements Probed<I> {
    }
}
