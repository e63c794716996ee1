package com.hubble.kit.runner.pact;

import java.util.List;
import java.util.Optional;

/**
 * What verifying one pact interaction against the partner came to. Every text here is already redacted.
 *
 * @param id          stable check id, {@code pact.<slug of the description>}
 * @param mismatches  one line per difference, expected against actual, as Pact's matchers state it
 * @param response    what the partner answered, when it answered
 */
public record InteractionResult(String id, String description, List<String> providerStates, Status status,
                                String message, List<String> mismatches, Optional<RecordedResponse> response) {

    /** How the interaction ended. */
    public enum Status {
        /** The partner's response matched the contract. */
        PASSED,
        /** The partner answered (or timed out) and the answer broke the contract. */
        FAILED,
        /** No connection could be made to the partner at all. */
        UNREACHABLE,
        /** The kit could not run the interaction (no token source, token command failed, not an HTTP interaction). */
        ERROR
    }

    /** The partner's answer, body cut at 4 KiB for evidence. */
    public record RecordedResponse(String request, int status, String contentType, String body) {
    }
}
