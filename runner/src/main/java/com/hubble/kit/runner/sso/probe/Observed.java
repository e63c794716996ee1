package com.hubble.kit.runner.sso.probe;

import java.util.List;
import java.util.Optional;

import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Redactor;

/**
 * The exchanges a plan recorded, in step order (raw: checks judge what the partner sent), the userId the token
 * source declared for slot 0, and the run's secret values (for echo detection; never rendered).
 */
public record Observed(List<Exchange> exchanges, Optional<String> declaredUserId, Redactor secrets) {
    public Observed {
        exchanges = List.copyOf(exchanges);
    }

    public Observed(List<Exchange> exchanges, Optional<String> declaredUserId) {
        this(exchanges, declaredUserId, new Redactor());
    }

    public static Observed of(Exchange... exchanges) {
        return new Observed(List.of(exchanges), Optional.empty());
    }

    public Exchange get(int index) {
        return exchanges.get(index);
    }
}
