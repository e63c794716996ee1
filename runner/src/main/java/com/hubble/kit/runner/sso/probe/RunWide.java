package com.hubble.kit.runner.sso.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.hubble.kit.runner.report.Exchange;

/**
 * For checks about every response of the run (errors are JSON, no stack traces, no echo, no redirects):
 * runs its own small plan, then hands over everything the run recorded so far.
 */
public record RunWide(Plan own) implements Probe<Observed> {

    @Override
    public Probed<Observed> run(ProbeContext context) {
        Probed<Observed> mine = own.run(context);
        if (!(mine instanceof Probed.Gathered<Observed>)) {
            return mine;
        }
        List<Exchange> all = new ArrayList<>(context.log());
        return new Probed.Gathered<>(new Observed(all, Optional.empty(), context.client().redactor()));
    }

    @Override
    public Schedule schedule() {
        return Schedule.AFTER_OTHERS; // it judges every response the other probes recorded
    }

    @Override
    public String describe() {
        return own.describe() + "; then judges every response recorded in the run";
    }
}
