package com.hubble.kit.runner.sso;

import com.hubble.kit.runner.report.Check;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Probe;

/** A check of a partner's /sso: its catalogue entry, the probe that gathers its input, its pure judgement. */
public interface SsoCheck<I> extends Check<I> {

    @Override
    CheckInfo info();

    /** The probe whose recording this check judges; the check itself does no I/O. */
    Probe<I> probe();

    @Override
    default String id() {
        return info().id();
    }

    @Override
    default String title() {
        return info().title();
    }

    @Override
    default Severity severity() {
        return info().severity();
    }

    @Override
    default String requirement() {
        return info().requirement();
    }

    @Override
    default String area() {
        return info().area();
    }

    @Override
    default String fix() {
        return info().fix();
    }

    @Override
    default String sends() {
        return probe().describe();
    }
}
