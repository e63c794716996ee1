package com.hubble.kit.runner.sso.probe;

import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.access.PartnerToken;
import com.hubble.kit.runner.access.TokenSource;
import com.hubble.kit.runner.report.Exchange;

/** What every probe of one run shares: the target, the client, the secret, the token sources, the log. */
public final class ProbeContext {
    static final int WHOLE_RANDOM_TOKEN = 4096;
    static final int RANDOM_TOKEN_PREFIX = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI base;
    private final SsoClient client;
    private final Secret secret;
    private final TokenSource validTokens;
    private final TokenSource expiredTokens;
    private final Settings settings;
    /** Exchanges by the position of the probe that recorded them: the log reads in catalogue order at any parallelism. */
    private final SortedMap<Integer, List<Exchange>> log;
    /** Token sources are asked one at a time: a token command popping a file must never hand one token out twice. */
    private final Object tokenLock;
    private final int position;

    public ProbeContext(URI base, SsoClient client, Secret secret, TokenSource validTokens,
                        TokenSource expiredTokens, Settings settings) {
        this(base, client, secret, validTokens, expiredTokens, settings, new TreeMap<>(), new Object(), 0);
        client.redactor().add(secret, "secret");
        for (SecretForm form : SecretForm.values()) {
            // Near misses of the secret are nearly the secret: never print them either.
            form.apply(secret.reveal()).ifPresent(v -> client.redactor().add(Secret.of(v), "secret"));
        }
    }

    private ProbeContext(URI base, SsoClient client, Secret secret, TokenSource validTokens, TokenSource expiredTokens,
                         Settings settings, SortedMap<Integer, List<Exchange>> log, Object tokenLock, int position) {
        this.base = base;
        this.client = client;
        this.secret = secret;
        this.validTokens = validTokens;
        this.expiredTokens = expiredTokens;
        this.settings = settings;
        this.log = log;
        this.tokenLock = tokenLock;
        this.position = position;
    }

    /** The same run's context for the probe at this position (1-based) of the run: what it records sorts there. */
    public ProbeContext at(int position) {
        return new ProbeContext(base, client, secret, validTokens, expiredTokens, settings, log, tokenLock, position);
    }

    public URI base() {
        return base;
    }

    /** base + "/sso" (plus an optional query). */
    public URI sso(String query) {
        String root = base.toString().replaceAll("/+$", "");
        return URI.create(root + "/sso" + (query == null ? "" : "?" + query));
    }

    public SsoClient client() {
        return client;
    }

    /** Sends one request for this probe (see {@link SsoClient#send(int, String, String, URI, List, String)}). */
    public Exchange send(String label, String method, URI uri, List<com.hubble.kit.runner.report.Header> headers, String body) {
        return client.send(position, label, method, uri, headers, body);
    }

    public Secret secret() {
        return secret;
    }

    public Settings settings() {
        return settings;
    }

    public TokenSource validTokens() {
        return validTokens;
    }

    /** A fresh valid token, registered for redaction before it is ever sent. */
    public Optional<PartnerToken> freshValid() {
        synchronized (tokenLock) {
            return register(validTokens.next());
        }
    }

    public Optional<PartnerToken> freshExpired() {
        synchronized (tokenLock) {
            return register(expiredTokens.next());
        }
    }

    public String missingValid() {
        return validTokens.describeMissing();
    }

    public String missingExpired() {
        return expiredTokens.describeMissing();
    }

    /**
     * A random token of the given length (base64url alphabet), registered for redaction and echo detection. Up to
     * {@link #WHOLE_RANDOM_TOKEN} characters the whole value is registered; past that only its first
     * {@link #RANDOM_TOKEN_PREFIX}: any echo of it holds that prefix, and the kit's own junk grants no access, so the
     * rest need not be searched for (registering 1 MiB values in every encoding cost seconds and hundreds of MiB).
     */
    public String randomToken(int length) {
        // One draw: 48 bytes at a time took a system call per 64 characters (~0.1 s for 1 MiB). Past the part that is
        // registered, the filler comes from a generator seeded by the secure one: the JDK's SecureRandom mixes every
        // 20 bytes through SHA-1, which without the optimising compiler (short commands run without it) cost an
        // embedded check ~15 ms of CPU on its critical path for the 1 MiB token.
        int characters = Math.max(1, length - 3);
        byte[] bytes = new byte[(characters * 3 + 3) / 4];
        if (characters <= WHOLE_RANDOM_TOKEN) {
            RANDOM.nextBytes(bytes);
        } else {
            new SplittableRandom(RANDOM.nextLong()).nextBytes(bytes);
            byte[] head = new byte[RANDOM_TOKEN_PREFIX * 3 / 4 + 3]; // more than the registered prefix's characters
            RANDOM.nextBytes(head);
            System.arraycopy(head, 0, bytes, 0, head.length);
        }
        String value = "hk-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, characters);
        client.redactor().add(Secret.of(value.length() <= WHOLE_RANDOM_TOKEN ? value
                : value.substring(0, RANDOM_TOKEN_PREFIX)), "token");
        return value;
    }

    private Optional<PartnerToken> register(Optional<PartnerToken> token) {
        token.ifPresent(t -> client.redactor().add(t.token(), "token"));
        return token;
    }

    public void record(List<Exchange> exchanges) {
        synchronized (log) {
            log.computeIfAbsent(position, p -> new ArrayList<>()).addAll(exchanges);
        }
    }

    /** Everything recorded so far, in the order of the probes' positions (then of recording). */
    public List<Exchange> log() {
        synchronized (log) {
            return log.values().stream().flatMap(List::stream).toList();
        }
    }
}
