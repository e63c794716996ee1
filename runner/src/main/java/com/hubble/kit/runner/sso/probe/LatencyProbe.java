package com.hubble.kit.runner.sso.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.hubble.kit.runner.access.PartnerToken;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Header;

/**
 * Times {@code validCalls} calls with fresh valid tokens and {@code rejectedCalls} calls with random tokens,
 * one at a time, recording each call's time and status. Stops a series after three transport failures in a row
 * (a dead target must not stall the run), or once the check's {@code stop} rule says its verdict is decided.
 */
public record LatencyProbe(int validCalls, int rejectedCalls, SeriesRule stop) implements Probe<LatencySamples> {
    private static final int GIVE_UP_AFTER = 3;

    @Override
    public Probed<LatencySamples> run(ProbeContext context) {
        List<Sample> valid = new ArrayList<>();
        List<Sample> rejected = new ArrayList<>();
        List<Exchange> validExchanges = new ArrayList<>();
        List<Exchange> rejectedExchanges = new ArrayList<>();
        List<Header> secret = List.of(new Header(Step.SECRET_HEADER, context.secret().reveal()));
        Duration budget = context.settings().latencyBudget();
        int failuresInARow = 0;
        SeriesEnd validEnd = SeriesEnd.PLANNED;
        for (int i = 0; i < validCalls; i++) {
            if (failuresInARow >= GIVE_UP_AFTER || stop.decided(valid, validCalls, budget)) {
                validEnd = failuresInARow >= GIVE_UP_AFTER ? SeriesEnd.SILENT : SeriesEnd.DECIDED;
                break;
            }
            Optional<PartnerToken> token = context.freshValid();
            if (token.isEmpty()) {
                validEnd = SeriesEnd.NO_TOKENS;
                break;
            }
            Exchange e = context.send("timed valid call", "POST", context.sso(null), secret,
                    "{\"token\":" + Plan.jsonString(token.get().token().reveal()) + "}");
            failuresInARow = e.failure().isPresent() ? failuresInARow + 1 : 0;
            valid.add(sample(e));
            validExchanges.add(e);
        }
        failuresInARow = 0;
        String random = context.randomToken(43);
        SeriesEnd rejectedEnd = SeriesEnd.PLANNED;
        for (int i = 0; i < rejectedCalls; i++) {
            if (failuresInARow >= GIVE_UP_AFTER || stop.decided(rejected, rejectedCalls, budget)) {
                rejectedEnd = failuresInARow >= GIVE_UP_AFTER ? SeriesEnd.SILENT : SeriesEnd.DECIDED;
                break;
            }
            Exchange e = context.send("timed rejected call", "POST", context.sso(null), secret,
                    "{\"token\":" + Plan.jsonString(random) + "}");
            failuresInARow = e.failure().isPresent() ? failuresInARow + 1 : 0;
            rejected.add(sample(e));
            rejectedExchanges.add(e);
        }
        // The evidence: each series' slowest call, and its first call that got no HTTP response (when that is not
        // the slowest: a reset comes fast), so a "got no HTTP response" verdict shows one such call and its error.
        List<Exchange> notable = new ArrayList<>();
        for (List<Exchange> series : List.of(validExchanges, rejectedExchanges)) {
            Optional<Exchange> slowest = slowest(series);
            slowest.ifPresent(notable::add);
            series.stream().filter(e -> e.failure().isPresent()).findFirst()
                    .filter(failed -> slowest.map(s -> s != failed).orElse(true))
                    .ifPresent(notable::add);
        }
        return new Probed.Gathered<>(new LatencySamples(valid, rejected, context.settings().latencyBudget(),
                validCalls, notable, rejectedCalls, validEnd, rejectedEnd));
    }

    private static Sample sample(Exchange e) {
        return new Sample(e.elapsed().toNanos() / 1e6, e.response().map(r -> r.status()).orElse(Sample.NO_RESPONSE));
    }

    private static Optional<Exchange> slowest(List<Exchange> exchanges) {
        return exchanges.stream().max(Comparator.comparing(Exchange::elapsed));
    }

    @Override
    public Schedule schedule() {
        return Schedule.ALONE; // concurrent calls would be in its timings
    }

    @Override
    public String describe() {
        return validCalls + " calls with fresh valid tokens and " + rejectedCalls
                + " calls with a random token, one at a time, each timed";
    }
}
