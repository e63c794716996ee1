package com.hubble.kit.runner.access;

import java.util.List;
import java.util.Optional;

/**
 * Tokens given on the command line. With single-use semantics each is handed out once; otherwise they are
 * handed out round-robin, so a partner can run the whole catalogue with one long-lived test token.
 */
public final class FixedTokens implements TokenSource {
    private final List<PartnerToken> tokens;
    private final boolean singleUse;
    private final String missing;
    private int next;

    public FixedTokens(List<PartnerToken> tokens, boolean singleUse, String missing) {
        this.tokens = List.copyOf(tokens);
        this.singleUse = singleUse;
        this.missing = missing;
    }

    @Override
    public synchronized Optional<PartnerToken> next() {
        if (tokens.isEmpty() || (singleUse && next >= tokens.size())) {
            return Optional.empty();
        }
        return Optional.of(tokens.get(next++ % tokens.size()));
    }

    @Override
    public String describeMissing() {
        return singleUse && !tokens.isEmpty()
                ? "more tokens than the " + tokens.size() + " given (each single-use token is used once): " + missing
                : missing;
    }
}
