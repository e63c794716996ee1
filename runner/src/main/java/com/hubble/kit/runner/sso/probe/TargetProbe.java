package com.hubble.kit.runner.sso.probe;

/** Sends nothing: reads the target URL. */
public record TargetProbe() implements Probe<TargetFacts> {

    @Override
    public Probed<TargetFacts> run(ProbeContext context) {
        return new Probed.Gathered<>(TargetFacts.of(context.base()));
    }

    @Override
    public String describe() {
        return "nothing: reads the scheme and host of --base-url";
    }
}
