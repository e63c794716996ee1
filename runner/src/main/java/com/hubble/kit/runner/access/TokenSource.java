package com.hubble.kit.runner.access;

import java.util.Optional;

/**
 * Where fresh tokens come from. {@code next()} is empty when the source has no (more) tokens: the check that
 * needed one is then not run and the report names the missing input.
 */
public interface TokenSource {

    Optional<PartnerToken> next();

    /** The input a partner must provide when this source is empty, e.g. "a valid token (--token or --token-command)". */
    String describeMissing();

    /** A source that never has a token. */
    static TokenSource none(String missing) {
        return new TokenSource() {
            @Override
            public Optional<PartnerToken> next() {
                return Optional.empty();
            }

            @Override
            public String describeMissing() {
                return missing;
            }
        };
    }
}
