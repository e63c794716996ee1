package com.hubble.kit.runner.pact;

import java.util.List;
import java.util.Optional;

import com.hubble.kit.runner.report.Exchange;

/**
 * What verifying one pact interaction against the partner came to. Every text here is already redacted.
 *
 * @param id          stable check id, {@code pact.<slug of the description>}
 * @param mismatches  one line per difference, expected against actual, as Pact's matchers state it
 * @param exchange    the request sent and what came back, when a request was sent
 */
public record InteractionResult(String id, String description, List<String> providerStates, Status status,
                                String message, List<String> mismatches, Optional<Exchange> exchange) {

    public InteractionResult {
        providerStates = List.copyOf(providerStates);
        mismatches = List.copyOf(mismatches);
    }

    /** How the interaction ended. */
    public enum Status {
        /** The partner's response matched the contract. */
        PASSED,
        /** The partner answered (or timed out) and the answer broke the contract. */
        FAILED,
        /** No connection could be made to the partner at all. */
        UNREACHABLE,
        /** Not run: the provider state needs a token and no token source was given; the message names the input. */
        MISSING_INPUT,
        /** The token source failed (e.g. the token command exited non-zero): a configuration error. */
        SOURCE_FAILED,
        /** The kit could not run the interaction (not an HTTP interaction, values the pact needs are missing). */
        ERROR,
        /** Left out by --only or --skip: nothing was sent. */
        NOT_SELECTED
    }
}
