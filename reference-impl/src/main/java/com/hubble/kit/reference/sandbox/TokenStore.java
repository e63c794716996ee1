package com.hubble.kit.reference.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.hubble.kit.reference.Secret;

/** The sandbox's access tokens: issues opaque random tokens, knows which are live, expired or revoked. */
public final class TokenStore {
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final AtomicInteger counter = new AtomicInteger();
    private final Map<String, IssuedToken> byValue = new ConcurrentHashMap<>();
    private final List<IssuedToken> issued = new CopyOnWriteArrayList<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    public TokenStore(Clock clock) {
        this.clock = clock;
    }

    public IssuedToken issue(String clientId, long lifetimeSecs) {
        return issueWithLifetime(clientId, Duration.ofSeconds(lifetimeSecs));
    }

    /** Issues a token with any lifetime, including one already over (a negative duration). */
    public IssuedToken issueWithLifetime(String clientId, Duration lifetime) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = "sbx." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var now = clock.instant();
        IssuedToken token = new IssuedToken("token-" + counter.incrementAndGet(), Secret.of(value), clientId, now,
                now.plus(lifetime));
        byValue.put(value, token);
        issued.add(token);
        return token;
    }

    public Optional<IssuedToken> find(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(byValue.get(value));
    }

    public TokenStatus status(String value) {
        return find(value).map(this::status).orElse(TokenStatus.UNKNOWN);
    }

    public TokenStatus status(IssuedToken token) {
        if (revoked.contains(token.tokenId())) {
            return TokenStatus.REVOKED;
        }
        return clock.instant().isBefore(token.expiresAt()) ? TokenStatus.LIVE : TokenStatus.EXPIRED;
    }

    public void revoke(IssuedToken token) {
        revoked.add(token.tokenId());
    }

    /** Every token issued so far, oldest first. */
    public List<IssuedToken> issued() {
        return List.copyOf(issued);
    }

    /** Replaces every issued token value found in {@code text} with its id, so recordings never hold a token. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (IssuedToken token : issued) {
            String value = token.value().reveal();
            if (result.contains(value)) {
                result = result.replace(value, "[" + token.tokenId() + "]");
            }
        }
        return result;
    }

    /** The first issued token whose value occurs in {@code text}. */
    public Optional<IssuedToken> foundIn(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        return issued.stream().filter(t -> text.contains(t.value().reveal())).findFirst();
    }
}
