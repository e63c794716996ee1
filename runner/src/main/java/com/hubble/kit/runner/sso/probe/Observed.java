package com.hubble.kit.runner.sso.probe;

import java.util.List;
import java.util.Optional;

import com.hubble.kit.runner.report.Exchange;

/** The exchanges a plan recorded, in step order, and the userId the token source declared for slot 0. */
public record Observed(List<Exchange> exchanges, Optional<String> declaredUserId) {
    public Observed {
        exchanges = List.copyOf(exchanges);
    }

    public static Observed of(Exchange... exchanges) {
        return new Observed(List.of(exchanges), Optional.empty());
    }

    public Exchange get(int index) {
        return exchanges.get(index);
    }
}
