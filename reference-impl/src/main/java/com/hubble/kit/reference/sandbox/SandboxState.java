package com.hubble.kit.reference.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Everything one sandbox instance remembers: its settings, issued tokens, the authenticated-call counter, the recording. */
public final class SandboxState {
    private final SandboxSettings settings;
    private final Clock clock;
    private final TokenStore tokens;
    private final ExchangeRecorder recorder = new ExchangeRecorder();
    private final BrandCatalogue catalogue;
    private final AtomicInteger authenticatedCalls = new AtomicInteger();

    public SandboxState(SandboxSettings settings, Clock clock, BrandCatalogue catalogue) {
        this.settings = settings;
        this.clock = clock;
        this.tokens = new TokenStore(clock);
        this.catalogue = catalogue;
    }

    public static SandboxState create(SandboxSettings settings) {
        return new SandboxState(settings, Clock.systemUTC(), BrandCatalogue.bundled());
    }

    public SandboxSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public ExchangeRecorder recorder() {
        return recorder;
    }

    public BrandCatalogue catalogue() {
        return catalogue;
    }

    /** Counts an authenticated call that passed every check; faults fire on their call number. */
    int countAuthenticatedCall() {
        return authenticatedCalls.incrementAndGet();
    }

    /** A live token for the first client, as a login would issue; for Pact provider states and tests. */
    public IssuedToken mintToken() {
        return tokens.issue(settings.clients().getFirst().clientId(), settings.tokenLifetimeSecs());
    }

    /** A token of the first client whose lifetime has already passed. */
    public IssuedToken mintExpiredToken() {
        return tokens.issueWithLifetime(settings.clients().getFirst().clientId(), Duration.ofSeconds(-1));
    }
}
