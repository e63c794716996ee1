package com.hubble.kit.runner.report;

import java.util.List;
import java.util.Optional;

/**
 * What a check concluded. Closed set: a partner's timeout or 5xx is a {@link Fail}; {@link Error} means the
 * kit could not judge; {@link Skip} may name the missing input, which makes a MUST check's run INCOMPLETE.
 */
public sealed interface Outcome permits Outcome.Pass, Outcome.Fail, Outcome.Warn, Outcome.Skip, Outcome.Error {

    String message();

    List<Exchange> evidence();

    List<Measurement> measurements();

    Status status();

    record Pass(String message, List<Exchange> evidence, List<Measurement> measurements) implements Outcome {
        public Pass {
            evidence = List.copyOf(evidence);
            measurements = List.copyOf(measurements);
        }

        @Override
        public Status status() {
            return Status.PASS;
        }
    }

    record Fail(String message, List<Exchange> evidence, List<Measurement> measurements) implements Outcome {
        public Fail {
            evidence = List.copyOf(evidence);
            measurements = List.copyOf(measurements);
        }

        @Override
        public Status status() {
            return Status.FAIL;
        }
    }

    /** A finding that does not gate: an INFO check's concern. */
    record Warn(String message, List<Exchange> evidence, List<Measurement> measurements) implements Outcome {
        public Warn {
            evidence = List.copyOf(evidence);
            measurements = List.copyOf(measurements);
        }

        @Override
        public Status status() {
            return Status.WARN;
        }
    }

    /** Not run: not applicable, skipped with --skip, or (when missingInput is present) lacking an input. */
    record Skip(String message, Optional<String> missingInput) implements Outcome {
        @Override
        public List<Exchange> evidence() {
            return List.of();
        }

        @Override
        public List<Measurement> measurements() {
            return List.of();
        }

        @Override
        public Status status() {
            return Status.SKIP;
        }
    }

    /** The kit could not judge (its own failure, not the partner's). */
    record Error(String message, List<Exchange> evidence) implements Outcome {
        public Error {
            evidence = List.copyOf(evidence);
        }

        @Override
        public List<Measurement> measurements() {
            return List.of();
        }

        @Override
        public Status status() {
            return Status.ERROR;
        }
    }

    static Outcome pass(String message, List<Exchange> evidence) {
        return new Pass(message, evidence, List.of());
    }

    static Outcome fail(String message, List<Exchange> evidence) {
        return new Fail(message, evidence, List.of());
    }

    static Outcome warn(String message, List<Exchange> evidence) {
        return new Warn(message, evidence, List.of());
    }

    static Outcome notApplicable(String message) {
        return new Skip(message, Optional.empty());
    }

    static Outcome missing(String input) {
        return new Skip("not run: needs " + input, Optional.of(input));
    }

    static Outcome error(String message) {
        return new Error(message, List.of());
    }
}
