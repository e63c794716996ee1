package com.hubble.kit.runner.sso.probe;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.hubble.kit.runner.access.FailureWords;
import com.hubble.kit.runner.config.Durations;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Header;
import com.hubble.kit.runner.report.RecordedRequest;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.Reply;
import com.hubble.kit.runner.report.TransportFailure;

/**
 * Sends {@code pairs} pairs of calls, one with the secret's first character wrong and one with its last
 * character wrong, in random order within each pair (so drift hits both classes alike), after a warm-up.
 * A byte-by-byte comparison answers the first sooner than the second. The calls go over one keep-alive connection
 * with both requests prepared once, so what is timed is the target, not the kit's HTTP client (a tenth of the
 * client's per-call time and its jitter); a target the run already found silent gets the run's client, which does
 * not wait for it again.
 */
public record TimingProbe(int pairs, Predicate<TimingSamples> confirmWhen) implements Probe<TimingSamples> {
    /** A probe that takes one series and never a confirming one. */
    public TimingProbe(int pairs) {
        this(pairs, samples -> false);
    }

    private static final int WARM_UP = 10;
    private static final int GIVE_UP_AFTER = 3;

    /** One timed call: its time, or the failure recorded as an exchange. */
    private record Timed(double millis, Exchange failure) {
    }

    @Override
    public Probed<TimingSamples> run(ProbeContext context) {
        String secret = context.secret().reveal();
        List<Header> first = List.of(new Header(Step.SECRET_HEADER, SecretForm.WRONG_FIRST.apply(secret).orElseThrow()));
        List<Header> last = List.of(new Header(Step.SECRET_HEADER, SecretForm.WRONG_LAST.apply(secret).orElseThrow()));
        String body = "{\"token\":" + Plan.jsonString(context.randomToken(43)) + "}";
        URI target = context.sso(null);
        if (context.client().silent()) {
            return confirmed(call -> {
                Exchange e = context.send(call.label(), "POST", target, call.wrongFirst() ? first : last, body);
                return new Timed(e.elapsed().toNanos() / 1e6, e.failure().isPresent() ? e : null);
            });
        }
        byte[] firstRequest = KeepAliveConnection.request(target, first, body);
        byte[] lastRequest = KeepAliveConnection.request(target, last, body);
        Duration timeout = context.client().timeout();
        try (KeepAliveConnection connection = new KeepAliveConnection(target, context.settings().insecure(),
                (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))) {
            return confirmed(call -> {
                long sent = System.nanoTime();
                Reply failure;
                try {
                    connection.call(call.wrongFirst() ? firstRequest : lastRequest, false);
                    return new Timed((System.nanoTime() - sent) / 1e6, null);
                } catch (SocketTimeoutException e) {
                    failure = new TransportFailure(TransportFailure.Kind.TIMEOUT, "no complete response within "
                            + Durations.format(timeout));
                } catch (IOException e) {
                    failure = FailureWords.of(e, timeout, true, context.client().redactor()).failure();
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - sent);
                return new Timed(elapsed.toNanos() / 1e6, new Exchange(call.label(),
                        recorded(context.client().redactor(), target, call.wrongFirst() ? first : last, body), failure, elapsed));
            });
        }
    }

    /** Which call of the series: wrong first or wrong last character. */
    private record Call(boolean wrongFirst) {
        String label() {
            return wrongFirst ? "wrong first character" : "wrong last character";
        }
    }

    /**
     * One series; when it looks like a leak ({@link #confirmWhen}), a second, independent one (fresh random order,
     * its own warm-up), so the check can ask that a difference show twice: a real leak does, a burst of noise from a
     * busy machine seldom does.
     */
    private Probed<TimingSamples> confirmed(java.util.function.Function<Call, Timed> send) {
        TimingSamples samples = series(send);
        if (samples.failures() == 0 && confirmWhen.test(samples)) {
            samples = samples.confirmedBy(series(send));
        }
        return new Probed.Gathered<>(samples);
    }

    private TimingSamples series(java.util.function.Function<Call, Timed> send) {
        SecureRandom random = new SecureRandom();
        List<Double> firstTimes = new ArrayList<>();
        List<Double> lastTimes = new ArrayList<>();
        List<Exchange> notable = new ArrayList<>();
        long failures = 0;
        int failuresInARow = 0;
        for (int i = 0; i < WARM_UP + pairs && failuresInARow < GIVE_UP_AFTER; i++) {
            boolean firstGoesFirst = random.nextBoolean();
            for (int k = 0; k < 2; k++) {
                boolean wrongFirst = (k == 0) == firstGoesFirst;
                Timed timed = send.apply(new Call(wrongFirst));
                if (timed.failure() != null) {
                    failures++;
                    failuresInARow++;
                    if (notable.size() < 2) {
                        notable.add(timed.failure());
                    }
                    continue;
                }
                failuresInARow = 0;
                if (i >= WARM_UP) {
                    (wrongFirst ? firstTimes : lastTimes).add(timed.millis());
                }
            }
        }
        return new TimingSamples(firstTimes, lastTimes, failures, notable);
    }

    /** The request as SsoClient records one: the secret header, the URL and the body redacted. */
    private static RecordedRequest recorded(Redactor redactor, URI target, List<Header> secretHeader, String body) {
        List<Header> headers = new ArrayList<>(List.of(new Header("User-Agent", "hubble-kit/0.1.0"),
                new Header("Content-Type", "application/json")));
        secretHeader.forEach(h -> headers.add(new Header(h.name(), redactor.redact(h.value()))));
        return new RecordedRequest("POST", redactor.redact(target.toString()), headers,
                redactor.excerpt(body, SsoClient.REQUEST_PREVIEW), body.getBytes(StandardCharsets.UTF_8).length);
    }

    @Override
    public Schedule schedule() {
        return Schedule.ALONE; // a microsecond difference drowns in the noise of concurrent calls
    }

    @Override
    public String describe() {
        return pairs + " interleaved pairs of calls with a random token, one with the secret's first character "
                + "wrong, one with its last character wrong, each timed (after " + WARM_UP + " warm-up pairs); a series "
                + "that shows a difference is repeated, and the difference must show again";
    }
}
