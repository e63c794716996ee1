package com.hubble.kit.runner.sso.probe;

import java.util.List;
import java.util.Optional;

/**
 * Tokens given on the command line. With single-use semantics each is handed out once; otherwise they are
 * handed out round-robin, so a partner can run the whole catalogue with one long-lived test token.
 */
public final class FixedTokens implements TokenSource {
    private final List<IssuedToken> tokens;
    private final boolean singleUse;
    private final String missing;
    private int next;

    public FixedTokens(List<IssuedToken> tokens, boolean singleUse, String missing) {
        this.tokens = List.copyOf(tokens);
        this.singleUse = singleUse;
        this.missing = missing;
    }

    @Override
    public synchronized Optional<IssuedToken> next() {
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
