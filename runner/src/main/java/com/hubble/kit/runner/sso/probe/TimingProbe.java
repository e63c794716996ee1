package com.hubble.kit.runner.sso.probe;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Header;

/**
 * Sends {@code pairs} pairs of calls, one with the secret's first character wrong and one with its last
 * character wrong, in random order within each pair (so drift hits both classes alike), after a warm-up.
 * A byte-by-byte comparison answers the first sooner than the second.
 */
public record TimingProbe(int pairs) implements Probe<TimingSamples> {
    private static final int WARM_UP = 10;
    private static final int GIVE_UP_AFTER = 3;

    @Override
    public Probed<TimingSamples> run(ProbeContext context) {
        SecureRandom random = new SecureRandom();
        String secret = context.secret().reveal();
        List<Header> first = List.of(new Header(Step.SECRET_HEADER, SecretForm.WRONG_FIRST.apply(secret).orElseThrow()));
        List<Header> last = List.of(new Header(Step.SECRET_HEADER, SecretForm.WRONG_LAST.apply(secret).orElseThrow()));
        String body = "{\"token\":" + Plan.jsonString(context.randomToken(43)) + "}";
        List<Double> firstTimes = new ArrayList<>();
        List<Double> lastTimes = new ArrayList<>();
        List<Exchange> notable = new ArrayList<>();
        long failures = 0;
        int failuresInARow = 0;
        for (int i = 0; i < WARM_UP + pairs && failuresInARow < GIVE_UP_AFTER; i++) {
            boolean firstGoesFirst = random.nextBoolean();
            for (int k = 0; k < 2; k++) {
                boolean wrongFirst = (k == 0) == firstGoesFirst;
                Exchange e = context.client().send(wrongFirst ? "wrong first character" : "wrong last character",
                        "POST", context.sso(null), wrongFirst ? first : last, body);
                if (e.failure().isPresent()) {
                    failures++;
                    failuresInARow++;
                    if (notable.size() < 2) {
                        notable.add(e);
                    }
                    continue;
                }
                failuresInARow = 0;
                if (i >= WARM_UP) {
                    (wrongFirst ? firstTimes : lastTimes).add(e.elapsed().toNanos() / 1e6);
                }
            }
        }
        return new Probed.Gathered<>(new TimingSamples(firstTimes, lastTimes, failures, notable));
    }

    @Override
    public Schedule schedule() {
        return Schedule.ALONE; // a microsecond difference drowns in the noise of concurrent calls
    }

    @Override
    public String describe() {
        return pairs + " interleaved pairs of calls with a random token, one with the secret's first character "
                + "wrong, one with its last character wrong, each timed (after " + WARM_UP + " warm-up pairs)";
    }
}
