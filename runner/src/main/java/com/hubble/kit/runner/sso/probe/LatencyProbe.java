package com.hubble.kit.runner.sso.probe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.hubble.kit.runner.access.PartnerToken;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Header;

/**
 * Times {@code validCalls} calls with fresh valid tokens and {@code rejectedCalls} calls with random tokens,
 * one at a time. Stops a series after three transport failures in a row (a dead target must not stall the run).
 */
public record LatencyProbe(int validCalls, int rejectedCalls) implements Probe<LatencySamples> {
    private static final int GIVE_UP_AFTER = 3;

    @Override
    public Probed<LatencySamples> run(ProbeContext context) {
        List<Sample> valid = new ArrayList<>();
        List<Sample> rejected = new ArrayList<>();
        List<Exchange> validExchanges = new ArrayList<>();
        List<Exchange> rejectedExchanges = new ArrayList<>();
        List<Header> secret = List.of(new Header(Step.SECRET_HEADER, context.secret().reveal()));
        int failuresInARow = 0;
        for (int i = 0; i < validCalls && failuresInARow < GIVE_UP_AFTER; i++) {
            Optional<PartnerToken> token = context.freshValid();
            if (token.isEmpty()) {
                break;
            }
            Exchange e = context.client().send("timed valid call", "POST", context.sso(null), secret,
                    "{\"token\":" + Plan.jsonString(token.get().token().reveal()) + "}");
            boolean ok = e.response().map(r -> r.status() == 200).orElse(false);
            failuresInARow = e.failure().isPresent() ? failuresInARow + 1 : 0;
            valid.add(new Sample(e.elapsed().toNanos() / 1e6, ok, e.response().isPresent()));
            validExchanges.add(e);
        }
        failuresInARow = 0;
        String random = context.randomToken(43);
        for (int i = 0; i < rejectedCalls && failuresInARow < GIVE_UP_AFTER; i++) {
            Exchange e = context.client().send("timed rejected call", "POST", context.sso(null), secret,
                    "{\"token\":" + Plan.jsonString(random) + "}");
            boolean ok = e.response().map(r -> r.status() == 400 || r.status() == 401).orElse(false);
            failuresInARow = e.failure().isPresent() ? failuresInARow + 1 : 0;
            rejected.add(new Sample(e.elapsed().toNanos() / 1e6, ok, e.response().isPresent()));
            rejectedExchanges.add(e);
        }
        List<Exchange> notable = new ArrayList<>();
        slowest(validExchanges).ifPresent(notable::add);
        slowest(rejectedExchanges).ifPresent(notable::add);
        return new Probed.Gathered<>(new LatencySamples(valid, rejected, context.settings().latencyBudget(),
                validCalls, notable));
    }

    private static Optional<Exchange> slowest(List<Exchange> exchanges) {
        return exchanges.stream().max(Comparator.comparing(Exchange::elapsed));
    }

    @Override
    public String describe() {
        return validCalls + " calls with fresh valid tokens and " + rejectedCalls
                + " calls with a random token, one at a time, each timed";
    }
}
