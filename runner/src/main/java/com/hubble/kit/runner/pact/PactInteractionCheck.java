package com.hubble.kit.runner.pact;

import java.util.List;

import com.hubble.kit.runner.report.Check;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;

/** One pact interaction as one MUST check: the partner's answer matches what Hubble's platform expects. */
public final class PactInteractionCheck implements Check<InteractionResult> {
    private final String id;
    private final String description;
    private final List<String> providerStates;
    private final String pactName;

    public PactInteractionCheck(String id, String description, List<String> providerStates, String pactName) {
        this.id = id;
        this.description = description;
        this.providerStates = List.copyOf(providerStates);
        this.pactName = pactName;
    }

    @Override
    public CheckInfo info() {
        return new CheckInfo(id, "Pact: " + description, Severity.MUST, "Pact contract",
                "The partner's /sso honours the contract " + pactName + " for the interaction '" + description + "'"
                        + (providerStates.isEmpty() ? "" : " (given: " + String.join("; ", providerStates) + ")") + ".",
                "the pact's request for '" + description + "', with the partner's X-Hubble-Secret"
                        + (providerStates.isEmpty() ? "" : " and a fresh token from --token-command (or --expired-token-command)"),
                "Make the response match the contract: each mismatch names the JSON path or header, what the pact "
                        + "expects and what the partner returned.");
    }

    @Override
    public Outcome evaluate(InteractionResult result) {
        List<Exchange> evidence = result.exchange().map(List::of).orElse(List.of());
        return switch (result.status()) {
            case PASSED -> Outcome.pass(result.message(), evidence);
            case FAILED -> Outcome.fail(result.mismatches().isEmpty() ? result.message()
                    : result.mismatches().size() + (result.mismatches().size() == 1 ? " mismatch: " : " mismatches: ")
                            + String.join("; ", result.mismatches()), evidence);
            case MISSING_INPUT -> Outcome.missing(result.message());
            case UNREACHABLE, SOURCE_FAILED, ERROR -> new Outcome.Error(result.message(), evidence);
            case NOT_SELECTED -> Outcome.notApplicable(result.message());
        };
    }
}
