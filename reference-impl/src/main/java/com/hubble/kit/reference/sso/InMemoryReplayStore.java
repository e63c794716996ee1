package com.hubble.kit.reference.sso;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/** The default {@link ReplayStore}: bounded, compare-and-set on a concurrent map, entries evicted at expiry. */
public final class InMemoryReplayStore implements ReplayStore {
    private final ConcurrentHashMap<String, Instant> consumed = new ConcurrentHashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>();
    private final int capacity;
    private final Clock clock;
    /** When expired entries were last evicted (epoch ms): a sweep takes the shared lock, so not on every call. */
    private final java.util.concurrent.atomic.AtomicLong lastSweep = new java.util.concurrent.atomic.AtomicLong();
    private static final long SWEEP_INTERVAL_MILLIS = 250;

    public InMemoryReplayStore(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("replay store capacity must be at least 1");
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Consumption consume(String tokenId, Instant expiresAt) {
        Instant now = clock.instant();
        // An expired token is never accepted, so its entry may be (and is) evicted without opening a replay window.
        if (!expiresAt.isAfter(now)) {
            return Consumption.REJECTED;
        }
        long nowMillis = now.toEpochMilli();
        long last = lastSweep.get();
        if (nowMillis - last >= SWEEP_INTERVAL_MILLIS && lastSweep.compareAndSet(last, nowMillis)) {
            evictExpired(now);
        }
        if (consumed.size() >= capacity) {
            // Full only counts unexpired entries: sweep now before refusing.
            evictExpired(now);
            if (consumed.size() >= capacity) {
                return Consumption.FULL;
            }
        }
        if (consumed.putIfAbsent(tokenId, expiresAt) != null) {
            return Consumption.REJECTED;
        }
        synchronized (byExpiry) {
            byExpiry.add(new Entry(expiresAt, tokenId));
        }
        return Consumption.FIRST_USE;
    }

    /** How many token ids are remembered now (after evicting expired ones). */
    public int size() {
        evictExpired(clock.instant());
        return consumed.size();
    }

    private void evictExpired(Instant now) {
        synchronized (byExpiry) {
            while (!byExpiry.isEmpty() && !byExpiry.peek().expiresAt().isAfter(now)) {
                Entry entry = byExpiry.poll();
                consumed.remove(entry.tokenId(), entry.expiresAt());
            }
        }
    }

    private record Entry(Instant expiresAt, String tokenId) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            return expiresAt.compareTo(other.expiresAt);
        }
    }
}
