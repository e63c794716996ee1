package com.hubble.kit.reference.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Everything one sandbox instance remembers: its settings, issued tokens, the authenticated-call counter, the recording. */
public final class SandboxState {
    /**
     * The injected 401 lands only on a token younger than this fraction of its lifetime: well before the 80% point
     * at which a client refreshes on schedule, so a login right after it can only be the client's answer to the 401.
     */
    public static final double YOUNG_FRACTION = 0.5;
    private final SandboxSettings settings;
    private final Clock clock;
    private final TokenStore tokens;
    private final ExchangeRecorder recorder = new ExchangeRecorder();
    private final BrandCatalogue catalogue;
    private final AtomicInteger authenticatedCalls = new AtomicInteger();
    private final Map<String, AtomicInteger> callsByToken = new ConcurrentHashMap<>();
    private final AtomicBoolean revoked = new AtomicBoolean();
    private final AtomicBoolean shortTokenNext;
    private final Set<String> shortTokens = ConcurrentHashMap.newKeySet();

    public SandboxState(SandboxSettings settings, Clock clock, BrandCatalogue catalogue) {
        this.settings = settings;
        this.clock = clock;
        this.tokens = new TokenStore(clock);
        this.catalogue = catalogue;
        this.shortTokenNext = new AtomicBoolean(settings.firstTokenLifetimeSecs() > 0);
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

    /**
     * Issues the token of a successful login: short-lived ({@link SandboxSettings#firstTokenLifetimeSecs}) for the
     * first login and for the one replacing a short token the injected 401 revoked, so a refresh still comes due.
     */
    IssuedToken issueForLogin(String clientId) {
        if (shortTokenNext.getAndSet(false)) {
            IssuedToken token = tokens.issue(clientId, settings.firstTokenLifetimeSecs());
            shortTokens.add(token.tokenId());
            return token;
        }
        return tokens.issue(clientId, settings.tokenLifetimeSecs());
    }

    /** The injected 401: the token is dead from now on; a revoked short token is replaced by a short one. */
    void revokeInjected(IssuedToken token) {
        tokens.revoke(token);
        if (shortTokens.contains(token.tokenId())) {
            shortTokenNext.set(true);
        }
    }

    /** Counts a call that carried {@code token}; returns how many calls have carried it, this one included. */
    int countCallOn(IssuedToken token) {
        return callsByToken.computeIfAbsent(token.tokenId(), id -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * Whether this call gets the injected 401: the first call, from call number {@code revokeTokenAtCall} on, whose
     * token was used before (not the first call after a login) and is still young (see {@link #YOUNG_FRACTION}).
     * Fires once per sandbox.
     */
    boolean revokesOn(int call, int callsOnToken, IssuedToken token) {
        int at = settings.faults().revokeTokenAtCall();
        if (at == 0 || call < at || callsOnToken < 2) {
            return false;
        }
        long lifetimeMillis = Duration.between(token.issuedAt(), token.expiresAt()).toMillis();
        long ageMillis = Duration.between(token.issuedAt(), clock.instant()).toMillis();
        return ageMillis <= lifetimeMillis * YOUNG_FRACTION && revoked.compareAndSet(false, true);
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
