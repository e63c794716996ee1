package com.hubble.kit.runner.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pieces of registered values as they appear in a text: a partner that echoes the secret without its first and last
 * character, or a log line that cuts a token short, shows most of it, and the whole-value matching of
 * {@link Redactor} finds none of it. Any run of at least {@link #minimum} characters of a value (a secret: half of
 * it, 8 to 12 characters; a token: 16) is redacted; a run covering at least three quarters of a value is an echo.
 * One generalized suffix automaton over every value of {@value Redactor#SUBSTRING_MATCH_MIN} characters or more,
 * extended as values are registered; a text is scanned once, in linear time. Plain text only: the encoded forms are
 * {@link Redactor}'s.
 */
final class Fragments {
    static final int SECRET_MIN = Redactor.SUBSTRING_MATCH_MIN;
    static final int SECRET_MAX = 12;
    static final int TOKEN_MIN = 16;
    /** The share of a value a run must cover to count as an echo of it. */
    static final double ECHO_SHARE = 0.75;

    private final List<Map<Character, Integer>> next = new ArrayList<>();
    private final List<Integer> link = new ArrayList<>();
    private final List<Integer> length = new ArrayList<>();
    /** Whether the state's substrings occur in a secret. */
    private final List<Boolean> inSecret = new ArrayList<>();
    /** The shortest run of the state that is redacted: the smallest minimum of the values holding it. */
    private final List<Integer> least = new ArrayList<>();
    /** The shortest value holding the state's substrings. */
    private final List<Integer> shortestValue = new ArrayList<>();

    Fragments() {
        newState(0, -1);
    }

    /** The fewest characters of a value that are redacted wherever they appear. */
    static int minimum(int valueLength, boolean secret) {
        return secret ? Math.max(SECRET_MIN, Math.min(SECRET_MAX, valueLength / 2)) : Math.min(TOKEN_MIN, valueLength);
    }

    synchronized void add(String raw, boolean secret) {
        // Without the white space at its edges (the kit's padded near misses of the secret): a run that reaches into
        // it would swallow the space after a redacted value.
        String value = raw.strip();
        if (value.length() < Redactor.SUBSTRING_MATCH_MIN) {
            return;
        }
        int min = minimum(value.length(), secret);
        int last = 0;
        for (int i = 0; i < value.length(); i++) {
            last = extend(last, value.charAt(i));
            // every suffix of this prefix occurs in the value: mark the state and its suffix-link ancestors
            for (int s = last; s > 0; s = link.get(s)) {
                boolean changed = false;
                if (secret && !inSecret.get(s)) {
                    inSecret.set(s, true);
                    changed = true;
                }
                if (min < least.get(s)) {
                    least.set(s, min);
                    changed = true;
                }
                if (value.length() < shortestValue.get(s)) {
                    shortestValue.set(s, value.length());
                    changed = true;
                }
                if (!changed) {
                    break;
                }
            }
        }
    }

    /** Marks every run of a value that is long enough, as {@link Redactor} marks whole values. */
    synchronized boolean mark(String text, int[] reach, byte[] secret) {
        if (length.size() == 1) {
            return false;
        }
        boolean any = false;
        long run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = step(run, text.charAt(i));
            int state = (int) (run >>> 32);
            int matched = (int) run;
            if (matched > 0 && matched >= least.get(state)) {
                // Not the white space at the run's edges: a value may hold some (the padded near miss of the secret),
                // the text's own space after a redacted value stays.
                int start = i - matched + 1;
                int end = i + 1;
                while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                    end--;
                }
                while (start < end && Character.isWhitespace(text.charAt(start))) {
                    start++;
                }
                if (end > start) {
                    reach[start] = Math.max(reach[start], end);
                    secret[start] |= (byte) (inSecret.get(state) ? 1 : 0);
                    any = true;
                }
            }
        }
        return any;
    }

    /** "secret" or "token" when a run of the text covers at least {@link #ECHO_SHARE} of a value (and its minimum). */
    synchronized Optional<String> echo(String text, String tokenLabel) {
        long run = 0;
        for (int i = 0; i < text.length() && length.size() > 1; i++) {
            run = step(run, text.charAt(i));
            int state = (int) (run >>> 32);
            int matched = (int) run;
            // the whole run so far, and each shorter suffix of it down to the state's shortest, hold the same values
            if (matched > 0 && matched >= least.get(state) && matched >= Math.ceil(ECHO_SHARE * shortestValue.get(state))) {
                return Optional.of(inSecret.get(state) ? "secret" : tokenLabel);
            }
        }
        return Optional.empty();
    }

    /**
     * One character further along a text: from the state and length (packed: state in the high half) of the longest
     * run of a value ending at the previous character to those ending at {@code c}; length 0 when none does.
     */
    private long step(long run, char c) {
        int state = (int) (run >>> 32);
        int matched = (int) run;
        while (state != 0 && !next.get(state).containsKey(c)) {
            state = link.get(state);
            matched = length.get(state);
        }
        Integer to = next.get(state).get(c);
        return to == null ? 0 : ((long) to << 32) | (matched + 1);
    }

    private int newState(int len, int suffixLink) {
        next.add(new HashMap<>(4));
        link.add(suffixLink);
        length.add(len);
        inSecret.add(false);
        least.add(Integer.MAX_VALUE);
        shortestValue.add(Integer.MAX_VALUE);
        return length.size() - 1;
    }

    private int cloneOf(int q, int len) {
        int clone = newState(len, link.get(q));
        next.get(clone).putAll(next.get(q));
        inSecret.set(clone, inSecret.get(q));
        least.set(clone, least.get(q));
        shortestValue.set(clone, shortestValue.get(q));
        return clone;
    }

    /** The generalized suffix automaton's extension: the state of the prefix after {@code last} and {@code c}. */
    private int extend(int last, char c) {
        Integer existing = next.get(last).get(c);
        if (existing != null) {
            int q = existing;
            if (length.get(last) + 1 == length.get(q)) {
                return q;
            }
            int clone = cloneOf(q, length.get(last) + 1);
            for (int p = last; p != -1 && Integer.valueOf(q).equals(next.get(p).get(c)); p = link.get(p)) {
                next.get(p).put(c, clone);
            }
            link.set(q, clone);
            return clone;
        }
        int cur = newState(length.get(last) + 1, 0);
        int p = last;
        while (p != -1 && !next.get(p).containsKey(c)) {
            next.get(p).put(c, cur);
            p = link.get(p);
        }
        if (p != -1) {
            int q = next.get(p).get(c);
            if (length.get(p) + 1 == length.get(q)) {
                link.set(cur, q);
            } else {
                int clone = cloneOf(q, length.get(p) + 1);
                for (; p != -1 && Integer.valueOf(q).equals(next.get(p).get(c)); p = link.get(p)) {
                    next.get(p).put(c, clone);
                }
                link.set(q, clone);
                link.set(cur, clone);
            }
        }
        return cur;
    }
}
