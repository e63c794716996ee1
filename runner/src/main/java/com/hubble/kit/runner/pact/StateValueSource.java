package com.hubble.kit.runner.pact;

/** Supplies fresh provider-state values, one call per interaction that needs them (tokens may be single-use). */
@FunctionalInterface
public interface StateValueSource {
    ProviderStateValues next() throws StateValueException;

    /** A source that has nothing to give: interactions that need a token end as errors naming the missing input. */
    static StateValueSource none() {
        return () -> {
            throw new StateValueException("no token source: pass --token-command CMD (it prints a token or {\"token\",\"userId\"})", true);
        };
    }
}
